"""Lean reads of the editing pages: only the columns a page shows, few queries.

The selectors load whole rows (with `created`, `modified`, search texts and every
related model); an editing page of a large city pays for that on every row. People are
built with `Model.from_db`, as `.only()` does: fields not read here load on access."""

from __future__ import annotations

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
    SeatDeputy,
)
from quartier.bodies.selectors import SeatState
from quartier.core.dates import today, valid_on

NAME_FIELDS = ("id", "title", "given_name", "family_name")
# What the change form of a body shows of its version.
VERSION_COLUMNS = ("name", "short_name", "cadence_per_year", "usual_duration_minutes", "reports_to")


def person_from_row(db: str, pk: int, title: str, given_name: str, family_name: str) -> Person:
    """A person with only her name loaded (like `.only(*NAME_FIELDS)`)."""
    return Person.from_db(db, NAME_FIELDS, (pk, title, given_name, family_name))


def seat_states_of_meeting(*, bodies: list[Body], day: date) -> list[SeatState]:
    """The seats of `bodies` on `day` with holder and named deputies, in the bodies' order
    and within a body as `body_seats_on` orders them: two queries for all bodies."""
    seats = (
        Seat.objects.filter(valid_on(day), body__in=[body.pk for body in bodies])
        .annotate(
            on_day=FilteredRelation(
                "holdings", condition=valid_on(day, "holdings__starts_on", "holdings__ends_on")
            ),
            holder_id=F("on_day__person_id"),
            holder_title=F("on_day__person__title"),
            holder_given_name=F("on_day__person__given_name"),
            holder_family_name=F("on_day__person__family_name"),
        )
        .select_related("organisation")
        .only("body", "organisation__name", "role", "label", "starts_on", "ends_on")
        # The latest holding first, as `body_seats_on` takes it, should two overlap.
        .order_by("role", "organisation__sort_name", "pk", "-on_day__starts_on")
    )
    by_body = {body.pk: body for body in bodies}
    states: dict[int, SeatState] = {}
    for seat in seats:
        if seat.pk in states:
            continue
        seat.body = by_body[seat.body_id]  # known already; spares a query per seat
        holder = None
        if seat.holder_id is not None:
            holder = person_from_row(
                seats.db,
                seat.holder_id,
                seat.holder_title,
                seat.holder_given_name,
                seat.holder_family_name,
            )
        states[seat.pk] = SeatState(seat=seat, holder=holder)
    deputies = (
        SeatDeputy.objects.filter(valid_on(day), seat__in=list(states))
        .order_by("seat", "rank")
        .values_list(
            "seat_id", "person_id", "person__title", "person__given_name", "person__family_name"
        )
    )
    for seat_id, *name in deputies:
        states[seat_id].deputies.append(person_from_row(deputies.db, *name))
    order = {pk: index for index, pk in enumerate(by_body)}
    return sorted(states.values(), key=lambda state: order[state.seat.body_id])


def attendances_of(meeting: Meeting) -> list[Attendance]:
    """The recorded attendance with the people's names only."""
    return list(
        meeting.attendances.select_related("person").only(
            "meeting", "seat", "person__title", "person__given_name", "person__family_name"
        )
    )


def replies_of(meeting: Meeting) -> dict[int, Any]:
    """Replies to the invitation by seat, with the announced substitute's name (reverse
    relation: the cycle app sits to the right of bodies and is not imported here)."""
    replies = meeting.replies.select_related("substitute").only(  # type: ignore[attr-defined]
        "meeting",
        "seat",
        "answer",
        "substitute_name",
        "substitute__title",
        "substitute__given_name",
        "substitute__family_name",
    )
    return {reply.seat_id: reply for reply in replies}


def agenda_rows(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda's items with the columns the agenda editor shows."""
    return meeting.agenda_items.only("meeting", "position", "title", "is_public").order_by(
        "position"
    )


def topic_names_of_items(item_ids: list[int]) -> dict[int, list[str]]:
    """Item id -> names of its topics in the topics' order, from one query."""
    through = AgendaItem.topics.through
    rows = (
        through.objects.filter(agendaitem_id__in=item_ids)
        .order_by("topic__sort_name", "topic_id")
        .values_list("agendaitem_id", "topic__name")
    )
    names: dict[int, list[str]] = {}
    for item_id, name in rows:
        names.setdefault(item_id, []).append(name)
    return names


def minutes_rows(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items with what the read-only minutes show of them."""
    return meeting.agenda_items.only(
        "meeting", "position", "title", "is_public", "minutes", "result"
    ).order_by("position")


def body_version_for_editing(body: Body) -> BodyVersion | None:
    """The version in force today (else the first, of a body founded later) with its
    secretary's name: what the change form starts from."""
    versions = body.versions.select_related("secretary").only(  # type: ignore[attr-defined]
        "body",
        "valid_from",
        *VERSION_COLUMNS,
        "secretary__title",
        "secretary__given_name",
        "secretary__family_name",
    )
    return (
        versions.filter(valid_from__lte=today()).order_by("-valid_from").first()
        or versions.order_by("valid_from").first()
    )
