"""Replies to invitations: per seat yes, no, or "a substitute comes", changeable until the
meeting starts; and the expected attendance the secretary reads from them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.actors.models import Person, full_name
from quartier.actors.selectors import people_of_organisations, person_of_user
from quartier.bodies.models import (
    Meeting,
    MeetingState,
    Seat,
    SeatDeputy,
    SeatHolding,
    SeatRole,
)
from quartier.bodies.permissions import can_edit_meeting
from quartier.bodies.selectors import SeatState, body_seats_on
from quartier.core.dates import valid_on
from quartier.core.reads import PreparedRead, Slot, Slots, prepared
from quartier.cycle.models import Reply, ReplyAnswer

REPLY_MEETING_STATES = (MeetingState.PLANNED, MeetingState.INVITED)
# What a seat's people carry when read as rows: enough for Person.full_name.
PERSON_NAME_FIELDS = ("title", "given_name", "family_name")


def meeting_day(meeting: Meeting) -> date:
    return timezone.localdate(meeting.starts_at)


def replies_open(*, meeting: Meeting, now: datetime | None = None) -> bool:
    """Replies can be given and changed for a planned or invited meeting until it starts."""
    return replies_open_at(state=meeting.state, starts_at=meeting.starts_at, now=now)


def replies_open_at(*, state: str, starts_at: datetime, now: datetime | None = None) -> bool:
    """`replies_open` from plain values (for lists read as rows, not models)."""
    return state in REPLY_MEETING_STATES and (now or timezone.now()) < starts_at


def meeting_seats(*, meeting: Meeting) -> list[SeatState]:
    """Every seat of the meeting's bodies on its day, with holder and named deputies."""
    day = meeting_day(meeting)
    seats: list[SeatState] = []
    for body in meeting.bodies.all():
        for state in body_seats_on(body=body, on=day):
            state.seat.body = body  # known already; spares a query per seat
            seats.append(state)
    return seats


@dataclass
class ReplySeat(SeatState):
    """A seat as the reply page reads it: narrow rows, and who holds it that day."""

    holder_ids: set[int] = field(default_factory=set)


def _seat_rows(slot: Slots) -> QuerySet[Seat]:
    """The seats of some bodies on a day, in `meeting_seats` order, as narrow models.
    Slots: bodies (ids), day."""
    return (
        Seat.objects.filter(valid_on(slot.date("day")), body_id__in=slot.ids("bodies"))
        .select_related("organisation")
        .only("body_id", "role", "label", "starts_on", "ends_on", "organisation__name")
        .order_by("body__sort_name", "body_id", "role", "organisation__sort_name", "pk")
    )


@prepared
def _seats_of(slot: Slots) -> QuerySet[Seat]:
    """_seat_rows. Slots: bodies (ids), day."""
    return _seat_rows(slot)


@prepared
def _seat_of(slot: Slots) -> QuerySet[Seat]:
    """_seat_rows, only one seat. Slots: bodies (ids), day, seat."""
    return _seat_rows(slot).filter(pk=slot.id("seat"))


@prepared
def _seats_held(slot: Slots) -> QuerySet[Seat]:
    """_seat_rows, only those a person holds that day. Slots: bodies (ids), day, person."""
    holding = SeatHolding.objects.filter(
        valid_on(slot.date("day")), seat=OuterRef("pk"), person_id=slot.id("person")
    )
    return _seat_rows(slot).filter(Exists(holding))


def reply_seats(
    *,
    meeting: Meeting,
    day: date,
    seat_pk: int | None = None,
    held_by: Person | None = None,
    person_fields: tuple[str, ...] = (),
) -> list[ReplySeat]:
    """The seats of the meeting's bodies on `day` (in `meeting_seats` order) with holder and
    named deputies, only seat `seat_pk` or only those `held_by` holds (not both): two
    narrow queries instead of the three wide ones of a whole meeting's seats. The people
    carry their name and `person_fields` only."""
    bodies = [body.pk for body in meeting.bodies.all()]
    if seat_pk is not None and held_by is not None:
        raise ValueError("reply_seats takes seat_pk or held_by, not both")
    if seat_pk is not None:
        seats = _seat_of(bodies=bodies, day=day, seat=seat_pk)
    elif held_by is not None:
        seats = _seats_held(bodies=bodies, day=day, person=held_by.pk)
    else:
        seats = _seats_of(bodies=bodies, day=day)
    result = [ReplySeat(seat=seat, holder=None) for seat in seats]
    if result:
        _add_seat_people(result, day=day, fields=(*PERSON_NAME_FIELDS, *person_fields))
    return result


@functools.cache
def _seat_people(fields: tuple[str, ...]) -> PreparedRead:
    """The read of _add_seat_people for these Person `fields` (one kept read per tuple of
    fields the code asks for)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        """Holders (with their start), then named deputies (with their rank) of some seats
        on a day. Slots: seats (ids), day."""
        day, ids = slot.date("day"), slot.ids("seats")
        names = ("person_id", *(f"person__{name}" for name in fields))
        holders = (
            SeatHolding.objects.filter(valid_on(day), seat_id__in=ids)
            .order_by()
            .values_list("seat_id", Value(True), "starts_on", Value(0), *names)
        )
        deputies = (
            SeatDeputy.objects.filter(valid_on(day), seat_id__in=ids)
            .order_by()
            .values_list("seat_id", Value(False), Value(None, DateField()), "rank", *names)
        )
        return holders.union(deputies, all=True)

    return read


def _add_seat_people(seats: list[ReplySeat], *, day: date, fields: tuple[str, ...]) -> None:
    """Holders and named deputies of `seats` on `day` with the Person `fields`, in one
    query: the latest holding first (as SeatHolding's ordering), deputies by rank."""
    rows = sorted(
        _seat_people(fields)(seats=[state.seat.pk for state in seats], day=day),
        key=lambda row: (not row[1], -(row[2] or date.min).toordinal(), row[3], row[4]),
    )
    by_pk = {state.seat.pk: state for state in seats}
    for seat_id, is_holder, _starts_on, _rank, person_id, *values in rows:
        state = by_pk[seat_id]
        person = Person(pk=person_id, **dict(zip(fields, values, strict=True)))
        if not is_holder:
            state.deputies.append(person)
            continue
        state.holder_ids.add(person_id)
        if state.holder is None:
            state.holder = person


def holds_seat(*, person: Person | None, seat: Seat, day: date) -> bool:
    if person is None:
        return False
    return SeatHolding.objects.filter(valid_on(day), seat=seat, person=person).exists()


def held_seats(*, person: Person | None, seats: list[SeatState], day: date) -> list[SeatState]:
    """The seats among `seats` that `person` holds on `day` (one query)."""
    if person is None or not seats:
        return []
    ids = set(
        SeatHolding.objects.filter(
            valid_on(day), person=person, seat_id__in=[state.seat.pk for state in seats]
        ).values_list("seat_id", flat=True)
    )
    return [state for state in seats if state.seat.pk in ids]


def can_reply(user: Any, meeting: Meeting, seat: Seat) -> bool:
    """The seat's holder on the meeting day, or whoever runs the meeting (on her behalf)."""
    if can_edit_meeting(user, meeting):
        return True
    return holds_seat(person=person_of_user(user), seat=seat, day=meeting_day(meeting))


@dataclass(frozen=True)
class SubstituteChoices:
    """Who may come for a seat: its named deputies first, then the organisation's people."""

    deputies: list[tuple[int, str]] = field(default_factory=list)
    colleagues: list[tuple[int, str]] = field(default_factory=list)

    def ids(self) -> set[int]:
        return {pk for pk, _name in [*self.deputies, *self.colleagues]}

    def grouped(self) -> list[tuple[str, list[tuple[int, str]]]]:
        groups = []
        if self.deputies:
            groups.append(("Benannte Stellvertretung", self.deputies))
        if self.colleagues:
            groups.append(("Aus der Organisation", self.colleagues))
        return groups


def substitute_choices(*, seats: list[SeatState], day: date) -> dict[int, SubstituteChoices]:
    """Per seat, the named deputies and the people of its organisation on `day` (without
    the holder): one query for all seats."""
    by_org = people_of_organisations((state.seat.organisation_id for state in seats), on=day)
    result = {}
    for state in seats:
        holder_id = state.holder.pk if state.holder else None
        deputies = [(p.pk, p.full_name) for p in state.deputies if p.pk != holder_id]
        taken = {pk for pk, _name in deputies} | {holder_id}
        colleagues = [
            (pk, name)
            for pk, name in by_org.get(state.seat.organisation_id or 0, {}).items()
            if pk not in taken
        ]
        result[state.seat.pk] = SubstituteChoices(deputies, colleagues)
    return result


# What the reply page shows of an existing reply (and its substitute's name).
REPLY_FIELDS = (
    "answer",
    "substitute",
    "substitute_name",
    "note",
    "modified",
    "substitute__title",
    "substitute__given_name",
    "substitute__family_name",
)


@prepared
def _reply_of(slot: Slots) -> QuerySet[Reply]:
    """The reply for a seat to a meeting (at most one), with REPLY_FIELDS only. Slots:
    meeting, seat."""
    return (
        Reply.objects.filter(meeting_id=slot.id("meeting"), seat_id=slot.id("seat"))
        .select_related("substitute")
        .only(*REPLY_FIELDS)
        .order_by("pk")[:1]
    )


def reply_of(*, meeting: Meeting, seat: Seat) -> Reply | None:
    """The reply given for `seat` to `meeting`, as the reply page shows it, or None."""
    found = _reply_of(meeting=meeting.pk, seat=seat.pk)
    return found[0] if found else None


@transaction.atomic
def reply_set(
    *,
    meeting: Meeting,
    seat: Seat,
    answer: str,
    substitute: Person | None = None,
    substitute_name: str = "",
    note: str = "",
    answered_by: Person | None = None,
    allowed_substitutes: set[int] | None = None,
) -> Reply:
    """Give or change the reply for `seat` (one per seat), until the meeting starts.
    `allowed_substitutes`, when given, are the people who may be named as substitute."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    meeting.refresh_from_db(fields=["state", "starts_at"])
    if meeting.state not in REPLY_MEETING_STATES:
        raise ValidationError(
            f"Diese Sitzung ist {meeting.get_state_display()}; Rückmeldungen sind nicht "
            "mehr möglich."
        )
    if timezone.now() >= meeting.starts_at:
        raise ValidationError(
            "Die Sitzung hat schon begonnen. Rückmeldungen können nur bis zum Beginn "
            "gegeben oder geändert werden."
        )
    day = meeting_day(meeting)
    if not meeting.bodies.filter(pk=seat.body_id).exists():
        raise ValidationError("Dieser Sitz gehört nicht zu den Gremien der Sitzung.")
    if not (seat.starts_on <= day and (seat.ends_on is None or seat.ends_on >= day)):
        raise ValidationError("Dieser Sitz besteht am Sitzungstag nicht.")
    if answer not in ReplyAnswer.values:
        raise ValidationError({"answer": "Bitte wählen Sie eine Antwort."})
    substitute_name = substitute_name.strip()
    if answer != ReplyAnswer.SUBSTITUTE:
        substitute, substitute_name = None, ""
    else:
        if substitute is None and not substitute_name:
            raise ValidationError(
                {"substitute": "Bitte wählen oder schreiben Sie, wer in Vertretung kommt."}
            )
        if substitute is not None:
            substitute_name = ""
            if holds_seat(person=substitute, seat=seat, day=day):
                raise ValidationError(
                    {
                        "substitute": "Die Vertretung muss eine andere Person sein als die "
                        "Sitzinhaberin oder der Sitzinhaber."
                    }
                )
            if allowed_substitutes is not None and substitute.pk not in allowed_substitutes:
                raise ValidationError(
                    {
                        "substitute": "Bitte wählen Sie eine Person aus der Liste oder schreiben "
                        "Sie den Namen in das Feld darunter."
                    }
                )
    reply = Reply.objects.filter(meeting=meeting, seat=seat).first() or Reply(
        meeting=meeting, seat=seat
    )
    reply.answer = answer
    reply.substitute = substitute
    reply.substitute_name = substitute_name
    reply.note = note.strip()
    reply.answered_by = answered_by
    reply.full_clean()
    reply.save()
    return reply


# --- the expected attendance ------------------------------------------------------------


@dataclass
class ExpectedRow:
    state: SeatState
    reply: Reply | None

    @property
    def answer(self) -> str:
        return self.reply.answer if self.reply else ""


@dataclass
class ReplyTotals:
    """How the members answered, totals first (person-level rows only below them)."""

    yes: int = 0
    no: int = 0
    substitute: int = 0
    unanswered: int = 0

    @property
    def coming(self) -> int:
        return self.yes + self.substitute


@dataclass
class ExpectedAttendance(ReplyTotals):
    rows: list[ExpectedRow] = field(default_factory=list)


def replies_by_seat(*, meeting: Meeting) -> dict[int, Reply]:
    return {
        reply.seat_id: reply
        for reply in Reply.objects.filter(meeting=meeting).select_related(
            "substitute", "answered_by"
        )
    }


def expected_attendance(
    *, meeting: Meeting, seats: list[SeatState] | None = None
) -> ExpectedAttendance:
    """Counts (yes, no, substitute, no answer) and one row per seat of the meeting."""
    seats = meeting_seats(meeting=meeting) if seats is None else seats
    replies = replies_by_seat(meeting=meeting)
    result = ExpectedAttendance(rows=[])
    for state in seats:
        reply = replies.get(state.seat.pk)
        result.rows.append(ExpectedRow(state, reply))
        if reply is None:
            result.unanswered += 1
        elif reply.answer == ReplyAnswer.YES:
            result.yes += 1
        elif reply.answer == ReplyAnswer.NO:
            result.no += 1
        else:
            result.substitute += 1
    return result


# --- the overview page, read as rows -----------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    """One seat of the overview as the page shows it (expected_attendance's row, read as
    plain values)."""

    seat_id: int
    body_name: str
    seat_label: str  # as str(Seat)
    holder_name: str  # as Person.full_name, "" for a vacant seat
    answer: str  # "" without a reply
    answer_label: str
    substitute_label: str  # as Reply.substitute_label
    note: str


@dataclass
class ExpectedOverview(ReplyTotals):
    rows: list[OverviewRow] = field(default_factory=list)


def _holder_name_part(day: Slot, name: str) -> Subquery:
    # The holder of the day is the latest holding (as SeatHolding's ordering, a holding
    # without a start last, as reply_seats sorts them).
    return Subquery(
        SeatHolding.objects.filter(valid_on(day), seat=OuterRef("pk"))
        .order_by(F("starts_on").desc(nulls_last=True), "person_id")
        .values(f"person__{name}")[:1]
    )


@prepared
def _overview_rows(slot: Slots) -> QuerySet[Any]:
    """The seats of some bodies on a day in `meeting_seats` order, each with the parts of
    its label, its holder's name and the meeting's reply (a seat has at most one reply per
    meeting). Slots: bodies (ids), day, meeting."""
    day = slot.date("day")
    return (
        Seat.objects.filter(valid_on(day), body_id__in=slot.ids("bodies"))
        .annotate(
            reply_of=FilteredRelation(
                "replies", condition=Q(replies__meeting_id=slot.id("meeting"))
            ),
            **{f"holder_{name}": _holder_name_part(day, name) for name in PERSON_NAME_FIELDS},
        )
        .order_by("body__sort_name", "body_id", "role", "organisation__sort_name", "pk")
        .values_list(
            "pk",
            "body_id",
            "role",
            "label",
            "organisation__name",
            *(f"holder_{name}" for name in PERSON_NAME_FIELDS),
            "reply_of__answer",
            "reply_of__substitute_id",
            *(f"reply_of__substitute__{name}" for name in PERSON_NAME_FIELDS),
            "reply_of__substitute_name",
            "reply_of__note",
        )
    )


def _overview_seat_rows(*, meeting: Meeting, day: date) -> list[tuple[Any, ...]]:
    """The seats of the meeting's bodies on `day` in `meeting_seats` order, each with the
    parts of its label, its holder's name and this meeting's reply: one query."""
    bodies = [body.pk for body in meeting.bodies.all()]
    return _overview_rows(bodies=bodies, day=day, meeting=meeting.pk)


def expected_overview(*, meeting: Meeting) -> ExpectedOverview:
    """expected_attendance for the overview page: the same counts and rows, from one
    narrow query instead of a wide query per body and one for the replies."""
    body_names = {body.pk: body.name for body in meeting.bodies.all()}
    role_labels = {role.value: str(role.label) for role in SeatRole}
    answer_labels = {answer.value: str(answer.label) for answer in ReplyAnswer}
    seat_word = str(_("Sitz"))
    result = ExpectedOverview(rows=[])
    for row in _overview_seat_rows(meeting=meeting, day=meeting_day(meeting)):
        (seat_id, body_id, role, label, organisation, h_title, h_given, h_family) = row[:8]
        answer, substitute_id, s_title, s_given, s_family, substitute_name, note = row[8:]
        who = label or organisation or seat_word
        result.rows.append(
            OverviewRow(
                seat_id=seat_id,
                body_name=body_names[body_id],
                seat_label=f"{who} ({role_labels[role]})",
                holder_name=full_name(h_title, h_given, h_family),
                answer=answer or "",
                answer_label=answer_labels.get(answer, ""),
                substitute_label=(
                    full_name(s_title, s_given, s_family) if substitute_id else substitute_name
                )
                or "",
                note=note or "",
            )
        )
        if answer is None:
            result.unanswered += 1
        elif answer == ReplyAnswer.YES:
            result.yes += 1
        elif answer == ReplyAnswer.NO:
            result.no += 1
        else:
            result.substitute += 1
    return result
