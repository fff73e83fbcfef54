"""Replies to invitations: per seat yes, no, or "a substitute comes", changeable until the
meeting starts; and the expected attendance the secretary reads from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone

from quartier.actors.models import Affiliation, Person
from quartier.actors.selectors import person_of_user
from quartier.bodies.models import (
    AgendaProposal,
    Document,
    Meeting,
    MeetingState,
    Seat,
    SeatHolding,
)
from quartier.bodies.permissions import can_edit_meeting
from quartier.bodies.selectors import SeatState, body_seats_on, meetings_upcoming
from quartier.core.dates import today, valid_on
from quartier.cycle.models import Agreement, Reply, ReplyAnswer
from quartier.cycle.proposals import PENDING, proposal_last_day, proposals_open_for

REPLY_MEETING_STATES = (MeetingState.PLANNED, MeetingState.INVITED)


def meeting_day(meeting: Meeting) -> date:
    return timezone.localdate(meeting.starts_at)


def replies_open(*, meeting: Meeting, now: datetime | None = None) -> bool:
    """Replies can be given and changed for a planned or invited meeting until it starts."""
    return meeting.state in REPLY_MEETING_STATES and (now or timezone.now()) < meeting.starts_at


def meeting_seats(*, meeting: Meeting) -> list[SeatState]:
    """Every seat of the meeting's bodies on its day, with holder and named deputies."""
    day = meeting_day(meeting)
    seats: list[SeatState] = []
    for body in meeting.bodies.all():
        for state in body_seats_on(body=body, on=day):
            state.seat.body = body  # known already; spares a query per seat
            seats.append(state)
    return seats


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
    org_ids = {state.seat.organisation_id for state in seats if state.seat.organisation_id}
    by_org: dict[int, dict[int, str]] = {}
    if org_ids:
        rows = (
            Affiliation.objects.filter(valid_on(day), organisation_id__in=org_ids)
            .select_related("person")
            .order_by("person__sort_name", "person_id")
        )
        for affiliation in rows:
            by_org.setdefault(affiliation.organisation_id, {})[affiliation.person_id] = (
                affiliation.person.full_name
            )
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
class ExpectedAttendance:
    rows: list[ExpectedRow]
    yes: int = 0
    no: int = 0
    substitute: int = 0
    unanswered: int = 0

    @property
    def coming(self) -> int:
        return self.yes + self.substitute


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


# --- "My meetings" ----------------------------------------------------------------------


@dataclass
class MySeatReply:
    seat: Seat
    reply: Reply | None


@dataclass
class MyMeeting:
    meeting: Meeting
    seats: list[MySeatReply]
    documents: list[Any]
    may_propose: bool
    proposal_last_day: date | None
    is_open: bool
    pending_proposals: int = 0
    runs: bool = False


@dataclass
class MyCycle:
    meetings: list[MyMeeting]
    proposals: list[Any]
    agreements_open: list[Any]
    agreements_done: list[Any]
    overdue: int


def my_cycle(
    *,
    person: Person,
    holdings: list[SeatHolding],
    member_body_ids: set[int],
    secretary_body_ids: set[int],
    limit: int = 10,
) -> MyCycle:
    """What a member's own page shows of the meeting cycle, in a fixed number of queries:
    her coming meetings with her replies per seat and their files, her agenda requests and
    their decisions, and the agreements assigned to her (open ones first)."""
    now = timezone.now()
    body_ids = member_body_ids | secretary_body_ids
    meetings: list[Meeting] = []
    if body_ids:
        meetings = list(
            meetings_upcoming(
                meetings=Meeting.objects.filter(bodies__in=body_ids).distinct(), now=now
            )[:limit]
        )
    meeting_ids = [meeting.pk for meeting in meetings]
    held_seats = {holding.seat_id: holding.seat for holding in holdings}
    replies: dict[tuple[int, int], Reply] = {}
    documents: dict[int, list[Any]] = {}
    pending: dict[int, int] = {}
    if meeting_ids:
        if held_seats:
            for reply in Reply.objects.filter(
                meeting_id__in=meeting_ids, seat_id__in=list(held_seats)
            ).select_related("substitute"):
                replies[(reply.meeting_id, reply.seat_id)] = reply
        for document in (
            Document.objects.filter(meeting_id__in=meeting_ids)
            .select_related("agenda_item")
            .order_by("kind", "title")
        ):
            documents.setdefault(document.meeting_id, []).append(document)
        if secretary_body_ids:
            rows = (
                AgendaProposal.objects.filter(meeting_id__in=meeting_ids, state__in=PENDING)
                .values("meeting_id")
                .annotate(total=Count("pk"))
            )
            pending = {row["meeting_id"]: row["total"] for row in rows}
    result = []
    for meeting in meetings:
        bodies = list(meeting.bodies.all())
        mine = [body for body in bodies if body.pk in member_body_ids]
        open_for = [
            body for body in mine if proposals_open_for(meeting=meeting, body=body, now=now)
        ]
        seats = [
            MySeatReply(seat, replies.get((meeting.pk, seat.pk)))
            for seat_id, seat in held_seats.items()
            if seat.body_id in {body.pk for body in bodies}
        ]
        result.append(
            MyMeeting(
                meeting=meeting,
                seats=seats,
                documents=documents.get(meeting.pk, []),
                may_propose=bool(open_for),
                proposal_last_day=(
                    proposal_last_day(meeting=meeting, body=open_for[0]) if open_for else None
                ),
                is_open=replies_open(meeting=meeting, now=now),
                pending_proposals=pending.get(meeting.pk, 0),
                runs=any(body.pk in secretary_body_ids for body in bodies),
            )
        )
    proposals = list(
        AgendaProposal.objects.filter(proposed_by=person)
        .select_related("body", "meeting", "agenda_item")
        .order_by("-created", "-pk")[:20]
    )
    day = today()
    agreements = list(
        Agreement.objects.filter(responsible_person=person)
        .select_related("body", "agenda_item__meeting")
        .order_by(
            models.F("done_on").desc(nulls_first=True),
            models.F("due_on").asc(nulls_last=True),
            "pk",
        )[:60]
    )
    agreements_open = [a for a in agreements if a.done_on is None]
    for agreement in agreements_open:
        agreement.is_overdue = agreement.due_on is not None and agreement.due_on < day
    return MyCycle(
        meetings=result,
        proposals=proposals,
        agreements_open=agreements_open,
        agreements_done=[a for a in agreements if a.done_on is not None][:10],
        overdue=sum(1 for a in agreements_open if a.is_overdue),
    )
