"""What "My meetings" (Mein Bereich) shows of a member, read as plain rows.

The page lists up to 10 meetings with replies, files and links, plus seats, requests and
agreements: built from full models it spent most of its time in the ORM (wide
`select_related` rows, prefetches, model instances) and in `{% url %}` per row. Here every
list is one narrow `values_list` query, and labels and links (quartier.core.links) are made
in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from quartier.actors.models import Person, full_name
from quartier.bodies.models import (
    AgendaProposal,
    BodyVersion,
    Document,
    DocumentKind,
    Meeting,
    MeetingState,
    SeatDeputy,
    SeatHolding,
    SeatRole,
)
from quartier.bodies.models.meeting import meeting_place
from quartier.core.dates import today, valid_on
from quartier.core.links import link
from quartier.core.reads import Slots, prepared
from quartier.cycle.models import Agreement, Reply, ReplyAnswer
from quartier.cycle.proposals import PENDING, last_day_for, takes_proposals
from quartier.cycle.replies import replies_open_at
from quartier.places.models import location_address, location_name


def _place(row: dict[str, Any]) -> str:
    # As Meeting.place.
    if row["location_id"] is None:
        return str(row["location_text"])
    return meeting_place(
        location_name(row["location_name"], row["location_room"]),
        location_address(row["street_address"], row["postal_code"], row["locality"]),
        row["location_text"],
    )


# --- seats and bodies ------------------------------------------------------------------


@dataclass(frozen=True)
class MyHolding:
    seat_id: int
    body_id: int
    body_name: str
    body_url: str
    role_label: str
    organisation_name: str | None
    seat_label: str  # as str(Seat): "Seniorenbeirat (Mitglied)"
    starts_on: date | None


# The three kinds of rows of _my_body_rows, in the order the page needs them.
_HOLDING, _DEPUTY, _SECRETARY = 0, 1, 2


@prepared
def _my_body_rows(slot: Slots) -> QuerySet[Any]:
    """Her seats on `day` (by body name, role and seat), then the bodies in which she is a
    named deputy, then those whose secretary she is in the body's version in force that
    day (bodies_secretary_of): one query instead of two. Each row: kind, body id, body
    name, body sort name, seat id, role, label, organisation name, start. Slots: person
    (id), day."""
    person, day = slot.id("person"), slot.date("day")
    no_text = Value(None, output_field=CharField())
    holdings = (
        SeatHolding.objects.filter(valid_on(day), person_id=person)
        .annotate(kind=Value(_HOLDING), sort_name=F("seat__body__sort_name"), role=F("seat__role"))
        .values_list(
            "kind",
            "seat__body_id",
            "seat__body__name",
            "sort_name",
            "seat_id",
            "role",
            "seat__label",
            "seat__organisation__name",
            "starts_on",
        )
    )
    deputy = SeatDeputy.objects.filter(valid_on(day), person_id=person).values_list(
        Value(_DEPUTY),
        "seat__body_id",
        "seat__body__name",
        "seat__body__sort_name",
        "seat_id",
        no_text,
        no_text,
        no_text,
        Value(None, output_field=DateField()),
    )
    in_force = Subquery(
        BodyVersion.objects.filter(body=OuterRef("body"), valid_from__lte=day)
        .order_by("-valid_from")
        .values("pk")[:1]
    )
    body_exists = (Q(body__founded_on__isnull=True) | Q(body__founded_on__lte=day)) & (
        Q(body__dissolved_on__isnull=True) | Q(body__dissolved_on__gt=day)
    )
    secretary = (
        BodyVersion.objects.filter(body_exists, secretary_id=person)
        .annotate(in_force=in_force)
        .filter(pk=F("in_force"))
        .values_list(
            Value(_SECRETARY),
            "body_id",
            "body__name",
            "body__sort_name",
            Value(None, output_field=IntegerField()),
            no_text,
            no_text,
            no_text,
            Value(None, output_field=DateField()),
        )
    )
    # Ordered as a whole, by the names of the first part's columns.
    combined = holdings.order_by().union(deputy.order_by(), secretary.order_by(), all=True)
    return combined.order_by("kind", "sort_name", "role", "seat_id")


@dataclass(frozen=True)
class MyBody:
    pk: int
    name: str
    url: str


@dataclass
class MyBodies:
    """Her seats, the bodies in which she is a named deputy, those she runs."""

    holdings: list[MyHolding] = field(default_factory=list)
    deputy_ids: set[int] = field(default_factory=set)
    secretary_of: list[MyBody] = field(default_factory=list)


def my_bodies(*, person: Person, day: date) -> MyBodies:
    """The seats `person` holds on `day` by body name, the bodies in which she is a named
    deputy and those whose secretary she is (one query)."""
    role_labels = {role.value: str(role.label) for role in SeatRole}
    result = MyBodies()
    for kind, body_id, name, _sort, seat_id, role, label, organisation, starts_on in _my_body_rows(
        person=person.pk, day=day
    ):
        if kind == _DEPUTY:
            result.deputy_ids.add(body_id)
            continue
        url = link("bodies:body-detail", body_id)
        if kind == _SECRETARY:
            result.secretary_of.append(MyBody(body_id, name, url))
            continue
        role_label = role_labels[role]
        who = label or organisation or "Sitz"
        result.holdings.append(
            MyHolding(
                seat_id=seat_id,
                body_id=body_id,
                body_name=name,
                body_url=url,
                role_label=role_label,
                organisation_name=organisation,
                seat_label=f"{who} ({role_label})",
                starts_on=starts_on,
            )
        )
    result.secretary_of.sort(key=lambda body: body.pk)  # as BodyVersion's ordering
    return result


def meetings_this_year(*, body_ids: set[int]) -> int:
    """How many meetings the bodies have in the current year (joint sessions once)."""
    if not body_ids:
        return 0
    year = today().year
    zone = timezone.get_current_timezone()
    return _meetings_in.count(
        bodies=body_ids,
        since=datetime(year, 1, 1, tzinfo=zone),
        until=datetime(year + 1, 1, 1, tzinfo=zone),
    )


@prepared
def _meetings_in(slot: Slots) -> QuerySet[Any]:
    """The meetings of some bodies in a span, joint sessions once, as ids. Slots: bodies
    (ids), since, until (datetimes, until excluded)."""
    # An intersection of two id lists, each read from an index alone: a join reads every
    # meeting row of the bodies (all years) for its date, which SQLite does slowly.
    through = Meeting.bodies.through
    of_bodies = through.objects.filter(body_id__in=slot.ids("bodies")).values_list("meeting_id")
    in_span = Meeting.objects.filter(
        starts_at__gte=slot.datetime("since"), starts_at__lt=slot.datetime("until")
    ).values_list("pk")
    return of_bodies.order_by().intersection(in_span.order_by())


# --- coming meetings -------------------------------------------------------------------


@dataclass(frozen=True)
class MyReply:
    answer: str
    label: str
    substitute_label: str


@dataclass(frozen=True)
class MySeatReply:
    seat_id: int
    seat_label: str
    reply: MyReply | None


@dataclass(frozen=True)
class MyDocument:
    url: str
    title: str
    kind_label: str
    position: int | None  # of its agenda item, if it belongs to one


@dataclass
class MyMeeting:
    pk: int
    starts_at: datetime
    heading: str  # the title, else the names of its bodies
    place: str
    state: str
    state_label: str
    url: str
    reply_url: str
    seats: list[MySeatReply]
    documents: list[MyDocument]
    may_propose: bool
    proposal_last_day: date | None
    proposal_url: str
    is_open: bool
    pending_proposals: int = 0
    runs: bool = False
    proposal_list_url: str = ""
    reply_overview_url: str = ""


_MEETING_COLUMNS = {
    "pk": "meeting_id",
    "starts_at": "meeting__starts_at",
    "title": "meeting__title",
    "state": "meeting__state",
    "location_id": "meeting__location_id",
    "location_text": "meeting__location_text",
    "location_name": "meeting__location__name",
    "location_room": "meeting__location__room",
    "street_address": "meeting__location__street_address",
    "postal_code": "meeting__location__postal_code",
    "locality": "meeting__location__locality",
    "body_id": "body_id",
    "body_name": "body__name",
    "proposal_days": "body__proposal_days",
}


# How many coming meetings the page lists.
COMING = 10


@prepared
def _coming_meeting_rows(slot: Slots) -> QuerySet[Any]:
    """The next COMING meetings of the bodies, one row per meeting and body (a joint
    session gives a row for each of its bodies, by body name), columns as
    _MEETING_COLUMNS: one query. Slots: bodies (ids), now."""
    through = Meeting.bodies.through
    mine = through.objects.filter(meeting_id=OuterRef("pk"), body_id__in=slot.ids("bodies"))
    coming = (
        Meeting.objects.upcoming(slot.datetime("now"))
        .filter(Exists(mine))
        .order_by("starts_at", "pk")
        .values("pk")[:COMING]
    )
    return (
        through.objects.filter(meeting_id__in=coming)
        .order_by("meeting__starts_at", "meeting_id", "body__sort_name", "body_id")
        .values_list(*_MEETING_COLUMNS.values())
    )


@prepared
def _files_and_replies(slot: Slots) -> QuerySet[Any]:
    """Rows of _documents_and_replies. Slots: meetings, seats (ids; seats may be empty)."""
    meetings = slot.ids("meetings")
    no_text = Value(None, output_field=CharField())
    files = (
        Document.objects.filter(meeting_id__in=meetings)
        .annotate(part=Value(0), item_position=F("agenda_item__position"))
        .values_list(
            "part", "meeting_id", "pk", "item_position", "title", "kind", no_text, no_text, no_text
        )
    )
    replies = Reply.objects.filter(
        meeting_id__in=meetings, seat_id__in=slot.ids("seats")
    ).values_list(
        Value(1),
        "meeting_id",
        "seat_id",
        "substitute_id",
        "answer",
        "substitute_name",
        *(f"substitute__{name}" for name in ("title", "given_name", "family_name")),
    )
    return files.order_by().union(replies.order_by(), all=True).order_by("part", "kind", "title")


def _documents_and_replies(
    *, meeting_ids: list[int], seat_ids: list[int]
) -> tuple[dict[int, list[MyDocument]], dict[tuple[int, int], MyReply]]:
    """The meetings' files by kind and title, and her replies for `seat_ids`: one query
    instead of two (the files' rows first, each row: part, meeting, file id or seat, agenda
    position or substitute id, title or answer, kind or substitute name, the substitute's
    name parts)."""
    documents: dict[int, list[MyDocument]] = {}
    replies_by: dict[tuple[int, int], MyReply] = {}
    kind_labels = {kind.value: str(kind.label) for kind in DocumentKind}
    answer_labels = {answer.value: str(answer.label) for answer in ReplyAnswer}
    for part, meeting_id, pk, number, text, other, title, given, family in _files_and_replies(
        meetings=meeting_ids, seats=seat_ids
    ):
        if part == 0:
            document = MyDocument(
                link("bodies:document-download", pk), text, kind_labels[other], number
            )
            documents.setdefault(meeting_id, []).append(document)
            continue
        substitute = full_name(title, given, family) if number else other
        replies_by[(meeting_id, pk)] = MyReply(text, answer_labels[text], substitute)
    return documents, replies_by


@prepared
def _pending_proposals(slot: Slots) -> QuerySet[Any]:
    """(meeting id, number of undecided agenda requests). Slot: meetings (ids)."""
    return (
        AgendaProposal.objects.filter(meeting_id__in=slot.ids("meetings"), state__in=PENDING)
        .order_by()
        .values("meeting_id")
        .annotate(total=Count("pk"))
        .values_list("meeting_id", "total")
    )


def _group_meetings(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(first row, rows of its bodies) per meeting, in the rows' order."""
    grouped: dict[int, tuple[dict, list[dict]]] = {}
    for row in rows:
        grouped.setdefault(row["pk"], (row, []))[1].append(row)
    return list(grouped.values())


def _open_proposal_days(
    *, bodies: list[dict], member_body_ids: set[int], now: datetime
) -> list[date]:
    """Per body of hers that still takes requests for the meeting, its last day."""
    days = []
    for row in bodies:
        if row["body_id"] not in member_body_ids:
            continue
        last_day = last_day_for(starts_at=row["starts_at"], proposal_days=row["proposal_days"])
        if takes_proposals(state=row["state"], last_day=last_day, now=now):
            days.append(last_day)
    return days


def my_meetings(
    *,
    holdings: list[MyHolding],
    member_body_ids: set[int],
    secretary_body_ids: set[int],
    now: datetime,
) -> list[MyMeeting]:
    """Her coming meetings with her reply per seat, their files, whether she may still
    propose items, and for the bodies she runs the open requests (a fixed number of
    queries)."""
    body_ids = member_body_ids | secretary_body_ids
    if not body_ids:
        return []
    rows = _coming_meeting_rows(bodies=list(body_ids), now=now)
    grouped = _group_meetings([dict(zip(_MEETING_COLUMNS, row, strict=True)) for row in rows])
    meeting_ids = [first["pk"] for first, _bodies in grouped]
    if not meeting_ids:
        return []
    seats = {holding.seat_id: holding for holding in holdings}
    documents, replies = _documents_and_replies(meeting_ids=meeting_ids, seat_ids=list(seats))
    pending = dict(_pending_proposals(meetings=meeting_ids)) if secretary_body_ids else {}
    result = []
    for first, bodies in grouped:
        pk, starts_at, state = first["pk"], first["starts_at"], first["state"]
        meeting_bodies = {row["body_id"] for row in bodies}
        open_days = _open_proposal_days(bodies=bodies, member_body_ids=member_body_ids, now=now)
        runs = bool(meeting_bodies & secretary_body_ids)
        result.append(
            MyMeeting(
                pk=pk,
                starts_at=starts_at,
                heading=first["title"] or " und ".join(row["body_name"] for row in bodies),
                place=_place(first),
                state=state,
                state_label=str(MeetingState(state).label),
                url=link("bodies:meeting-detail", pk),
                reply_url=link("cycle:reply", pk),
                seats=[
                    MySeatReply(seat_id, holding.seat_label, replies.get((pk, seat_id)))
                    for seat_id, holding in seats.items()
                    if holding.body_id in meeting_bodies
                ],
                documents=documents.get(pk, []),
                may_propose=bool(open_days),
                proposal_last_day=open_days[0] if open_days else None,
                proposal_url=link("cycle:proposal-create", pk),
                is_open=replies_open_at(state=state, starts_at=starts_at, now=now),
                pending_proposals=pending.get(pk, 0),
                runs=runs,
                proposal_list_url=link("cycle:proposal-list", pk) if runs else "",
                reply_overview_url=link("cycle:reply-overview", pk) if runs else "",
            )
        )
    return result


# --- requests and agreements -----------------------------------------------------------


def my_proposals(*, person: Person) -> list[dict[str, Any]]:
    """Her latest 20 agenda requests with their decisions, newest first (one query)."""
    return _proposals_of(person=person.pk)


@prepared
def _proposals_of(slot: Slots) -> QuerySet[Any]:
    """Slot: person (id)."""
    return (
        AgendaProposal.objects.filter(proposed_by_id=slot.id("person"))
        .order_by("-created", "-pk")
        .values(
            "title",
            "state",
            "decision_reason",
            "meeting_id",
            "agenda_item_id",
            body_name=F("body__name"),
            meeting_starts_at=F("meeting__starts_at"),
            position=F("agenda_item__position"),
        )[:20]
    )


@dataclass
class MyAgreements:
    open: list[dict[str, Any]]
    done: list[dict[str, Any]]
    overdue: int


@prepared
def _agreements_of(slot: Slots) -> QuerySet[Any]:
    """Her first 60 agreements: open ones by due date, then done ones, newest first.
    Slot: person (id)."""
    return (
        Agreement.objects.filter(responsible_person_id=slot.id("person"))
        .order_by(F("done_on").desc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk")
        .values(
            "text",
            "due_on",
            "done_on",
            "done_note",
            body_name=F("body__name"),
            meeting_starts_at=F("agenda_item__meeting__starts_at"),
            position=F("agenda_item__position"),
        )[:60]
    )


def my_agreements(*, person: Person, day: date) -> MyAgreements:
    """The agreements assigned to her: open ones by due date (overdue marked), then the
    last ten done (one query)."""
    rows = _agreements_of(person=person.pk)
    open_rows = [row for row in rows if row["done_on"] is None]
    for row in open_rows:
        row["is_overdue"] = row["due_on"] is not None and row["due_on"] < day
    return MyAgreements(
        open=open_rows,
        done=[row for row in rows if row["done_on"] is not None][:10],
        overdue=sum(1 for row in open_rows if row["is_overdue"]),
    )


# --- the whole page --------------------------------------------------------------------


@dataclass
class MyPage:
    holdings: list[MyHolding]
    secretary_of: list[MyBody]
    meetings: list[MyMeeting]
    meetings_this_year: int
    proposals: list[dict[str, Any]]
    agreements: MyAgreements


def my_page(*, person: Person) -> MyPage:
    """Everything "Mein Bereich" shows of the meeting cycle for `person`."""
    day = today()
    bodies = my_bodies(person=person, day=day)
    holdings = bodies.holdings
    member_ids = {holding.body_id for holding in holdings} | bodies.deputy_ids
    secretary_ids = {body.pk for body in bodies.secretary_of}
    return MyPage(
        holdings=holdings,
        secretary_of=bodies.secretary_of,
        meetings=my_meetings(
            holdings=holdings,
            member_body_ids=member_ids,
            secretary_body_ids=secretary_ids,
            now=timezone.now(),
        ),
        meetings_this_year=meetings_this_year(body_ids=member_ids | secretary_ids),
        proposals=my_proposals(person=person),
        agreements=my_agreements(person=person, day=day),
    )
