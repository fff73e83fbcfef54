"""Lean reads of the editing pages: only the columns a page shows, few queries.

The selectors load whole rows (with `created`, `modified`, search texts and every
related model); an editing page of a large city pays for that on every row. People are
built with `Model.from_db`, as `.only()` does: fields not read here load on access."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, FilteredRelation, QuerySet

from quartier.actors.models import Person
from quartier.bodies.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyVersion,
    Meeting,
    Seat,
)
from quartier.bodies.selectors import SeatState
from quartier.core.dates import today, valid_on
from quartier.core.reads import PreparedRead, Slots, prepared

NAME_FIELDS = ("id", "title", "given_name", "family_name")
# What the change form of a body shows of its version.
VERSION_COLUMNS = ("name", "short_name", "cadence_per_year", "usual_duration_minutes", "reports_to")


def person_from_row(db: str, pk: int, title: str, given_name: str, family_name: str) -> Person:
    """A person with only her name loaded (like `.only(*NAME_FIELDS)`)."""
    return Person.from_db(db, NAME_FIELDS, (pk, title, given_name, family_name))


@prepared
def _meeting_seat_rows(slot: Slots) -> QuerySet[Seat]:
    """The seats of the bodies on the day, a row per seat, holding and deputy that day:
    the seat with its organisation's name, the holder's and the deputy's names. Slots:
    bodies (ids), day."""
    day: Any = slot.date("day")  # valid_on takes it as a date
    return (
        Seat.objects.filter(valid_on(day), body__in=slot.ids("bodies"))
        .annotate(
            on_day=FilteredRelation(
                "holdings", condition=valid_on(day, "holdings__starts_on", "holdings__ends_on")
            ),
            deputy=FilteredRelation(
                "deputies", condition=valid_on(day, "deputies__starts_on", "deputies__ends_on")
            ),
            holding_id=F("on_day__id"),
            holder_id=F("on_day__person_id"),
            holder_title=F("on_day__person__title"),
            holder_given_name=F("on_day__person__given_name"),
            holder_family_name=F("on_day__person__family_name"),
            deputy_id=F("deputy__person_id"),
            deputy_title=F("deputy__person__title"),
            deputy_given_name=F("deputy__person__given_name"),
            deputy_family_name=F("deputy__person__family_name"),
        )
        .select_related("organisation")
        .only("body", "organisation__name", "role", "label", "starts_on", "ends_on")
        # The latest holding first, as `body_seats_on` takes it, should two overlap; its
        # deputies by rank. Ordered by aliases, which are resolved here, once: names would
        # be looked up again at every call.
        .alias(
            by_role=F("role"),
            by_organisation=F("organisation__sort_name"),
            by_seat=F("pk"),
            by_holding_start=F("on_day__starts_on"),
            by_rank=F("deputy__rank"),
            by_deputy=F("deputy__id"),
        )
        .order_by(
            "by_role", "by_organisation", "by_seat", "-by_holding_start", "by_rank", "by_deputy"
        )
    )


def seat_states_of_meeting(*, bodies: list[Body], day: date) -> list[SeatState]:
    """The seats of `bodies` on `day` with holder and named deputies, in the bodies' order
    and within a body as `body_seats_on` orders them: one query for all bodies, a row per
    seat, holding and deputy that day."""
    seats = _meeting_seat_rows(bodies=[body.pk for body in bodies], day=day)
    db = _meeting_seat_rows.queryset().db
    by_body = {body.pk: body for body in bodies}
    states: dict[int, SeatState] = {}
    holding_of: dict[int, int | None] = {}  # seat -> the holding taken
    for seat in seats:
        state = states.get(seat.pk)
        if state is None:
            seat.body = by_body[seat.body_id]  # known already; spares a query per seat
            holder = None
            if seat.holder_id is not None:
                holder = person_from_row(
                    db,
                    seat.holder_id,
                    seat.holder_title,
                    seat.holder_given_name,
                    seat.holder_family_name,
                )
            state = states[seat.pk] = SeatState(seat=seat, holder=holder)
            holding_of[seat.pk] = seat.holding_id
        elif holding_of[seat.pk] != seat.holding_id:
            continue  # an overlapping older holding repeats the deputies
        if seat.deputy_id is not None:
            state.deputies.append(
                person_from_row(
                    db,
                    seat.deputy_id,
                    seat.deputy_title,
                    seat.deputy_given_name,
                    seat.deputy_family_name,
                )
            )
    order = {pk: index for index, pk in enumerate(by_body)}
    return sorted(states.values(), key=lambda state: order[state.seat.body_id])


@prepared
def _attendance_rows(slot: Slots) -> QuerySet[Attendance]:
    """A meeting's recorded attendance with the people's names only, by name (as the
    model's ordering, whose first key, the meeting, is the same for all). Slot: meeting
    (id)."""
    return (
        Attendance.objects.filter(meeting_id=slot.id("meeting"))
        .select_related("person")
        .only("meeting", "seat", "person__title", "person__given_name", "person__family_name")
        .alias(by_name=F("person__sort_name"))  # resolved here once, not at every call
        .order_by("by_name")
    )


def _of_meeting(read: PreparedRead, meeting: Meeting) -> list[Any]:
    """The rows of a prepared read of one meeting's rows (slot: meeting), each pointing
    at `meeting` as the reverse relation leaves them: no query when a row asks for it."""
    rows: list[Any] = read(meeting=meeting.pk)
    for row in rows:
        row.meeting = meeting
    return rows


def attendances_of(meeting: Meeting) -> list[Attendance]:
    """The recorded attendance with the people's names only."""
    return _of_meeting(_attendance_rows, meeting)


@prepared
def _reply_rows(slot: Slots) -> QuerySet[Any]:
    """Replies to a meeting's invitation with the announced substitute's name (the model
    through the reverse relation: the cycle app sits to the right of bodies and is not
    imported here). Unordered: one reply per seat, read by seat. Slot: meeting (id)."""
    reply: Any = Meeting._meta.get_field("replies").related_model
    return (
        reply.objects.filter(meeting_id=slot.id("meeting"))
        .select_related("substitute")
        .only(
            "meeting",
            "seat",
            "answer",
            "substitute_name",
            "substitute__title",
            "substitute__given_name",
            "substitute__family_name",
        )
        .order_by()
    )


def replies_of(meeting: Meeting) -> dict[int, Any]:
    """Replies to the invitation by seat, with the announced substitute's name."""
    return {reply.seat_id: reply for reply in _of_meeting(_reply_rows, meeting)}


@dataclass
class AgendaRow:
    """An item as the agenda editor shows it, with the names of its topics."""

    pk: int
    position: int
    title: str
    is_public: bool
    topics: list[str] = field(default_factory=list)


@prepared
def _agenda_item_rows(slot: Slots) -> QuerySet[Any]:
    """A meeting's items in order, a row per item and topic (in the topics' order): pk,
    position, title, public or not, the topic's name (None for an item without topics).
    Slot: meeting (id)."""
    return (
        AgendaItem.objects.filter(meeting_id=slot.id("meeting"))
        # The topics' keys as aliases: resolved here once, not at every call.
        .alias(by_topic=F("topics__sort_name"), topic=F("topics__id"))
        .order_by("position", "by_topic", "topic")
        .values_list("pk", "position", "title", "is_public", "topics__name")
    )


def agenda_rows(meeting: Meeting) -> list[AgendaRow]:
    """The agenda's items in order with their topics' names (in the topics' order): one
    query, a row per item and topic."""
    items: dict[int, AgendaRow] = {}
    for pk, position, title, is_public, topic in _agenda_item_rows(meeting=meeting.pk):
        item = items.get(pk)
        if item is None:
            item = items[pk] = AgendaRow(pk, position, title, is_public)
        if topic is not None:
            item.topics.append(topic)
    return list(items.values())


@prepared
def _minutes_item_rows(slot: Slots) -> QuerySet[AgendaItem]:
    """A meeting's items in order with what the read-only minutes show of them. Slot:
    meeting (id)."""
    return (
        AgendaItem.objects.filter(meeting_id=slot.id("meeting"))
        .only("meeting", "position", "title", "is_public", "minutes", "result")
        .order_by("position")
    )


def minutes_rows(meeting: Meeting) -> list[AgendaItem]:
    """The items with what the read-only minutes show of them."""
    return _of_meeting(_minutes_item_rows, meeting)


def body_for_editing(pk: int) -> tuple[Body, BodyVersion] | None:
    """The body (with its area) and the version the change form starts from: the one in
    force today, else the first (of a body founded later), with its secretary's name. One
    query over the body's versions; None for a body without versions or no body at all."""
    versions = list(
        BodyVersion.objects.filter(body_id=pk)
        .select_related("body__area", "secretary")
        .only(
            "body",
            "valid_from",
            *VERSION_COLUMNS,
            "secretary__title",
            "secretary__given_name",
            "secretary__family_name",
        )
        .order_by("valid_from", "pk")
    )
    if not versions:
        return None
    day = today()
    in_force = [version for version in versions if version.valid_from <= day]
    version = in_force[-1] if in_force else versions[0]
    return version.body, version
