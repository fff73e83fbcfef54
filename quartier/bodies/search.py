"""The search page's reads: one prepared read (core.reads) per group of hits and viewer
variant (permissions.Viewer), so that a search only compiles and runs its queries.

Each read gives values() rows in the order that decides which hits count towards the cap
(names; the newest meetings and agenda items); the page cuts and orders them in the
database (core.http.paginate_capped). The values of a call come from `search_values`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from quartier.actors.models import Organisation, Person
from quartier.bodies.models import AgendaItem, Body, Meeting
from quartier.bodies.permissions import (
    meetings_visible_slot_q,
    visible_bodies_slot_q,
    visible_items_slot_q,
)
from quartier.core import fulltext
from quartier.core.dates import today
from quartier.core.reads import PreparedRead, Slots, prepared

BODIES, ORGANISATIONS, PEOPLE, MEETINGS, ITEMS = (
    "gremien",
    "organisationen",
    "personen",
    "sitzungen",
    "punkte",
)
# The value on the meetings' rows that says whether more candidates matched than were
# looked at (only where the table has the word-prefix index).
MORE = "_more"
# How a group's page is ordered (value names, "-" descending): by name as the index
# sorts; meetings newest first; agenda items newest meeting first, in agenda order.
BY_NAME = ("sort_name", "pk")
BY_START = ("-starts_at", "-pk")
BY_DATE = ("-meeting__starts_at", "position", "-pk")


def search_values(
    terms: list[str], viewer_slots: dict[str, Any], *, item_ids: list[int] | None
) -> dict[str, Any]:
    """The slot values of every group's read for a query of `terms`: the index query
    ("match"), each term for tables without the index ("term0", …), today for the
    consent to publish a name, the agenda items' candidates (`item_ids`, see
    fulltext.newest_matches) and the viewer's slots."""
    values: dict[str, Any] = {
        "match": fulltext.match_text(terms),
        "day": today(),
        **{f"term{number}": f" {term}" for number, term in enumerate(terms)},
        **viewer_slots,
    }
    if item_ids is not None:
        values["ids"] = item_ids
    return values


def _matching(slot: Slots, model: Any, terms: int, *, newest: int | None = None) -> Any:
    """SearchableQuerySet.search's condition, its values given at each call: the
    word-prefix index where the table has one, else LIKE for each of `terms` terms."""
    if fulltext.indexed(model):
        return fulltext.prefix_condition(model, slot.text("match"), newest=newest)
    condition = Q()
    for number in range(terms):
        condition &= Q(search_text__contains=slot.text(f"term{number}"))
    return condition


@functools.cache
def group_read(
    group: str, key: tuple[str, bool, bool], terms: int, candidates: int, limit: int
) -> PreparedRead:
    """The read of one group for viewer variant `key` and `terms` query terms: its first
    `limit` rows, among at most `candidates` of the newest index hits of the large
    tables. Slots: see search_values."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        return rows(slot)[:limit]

    def rows(slot: Slots) -> QuerySet[Any]:
        if group == BODIES:
            bodies = Body.objects.filter(visible_bodies_slot_q(slot, key))
            return _by_name(bodies.filter(_matching(slot, Body, terms)), "name")
        if group == ORGANISATIONS:
            organisations = Organisation.objects.filter(_matching(slot, Organisation, terms))
            return _by_name(organisations, "name")
        if group == PEOPLE:
            people = Person.objects.publishing("name", on=slot.date("day"))
            people = people.filter(_matching(slot, Person, terms))
            return _by_name(people, "title", "given_name", "family_name")
        meetings = Meeting.objects.filter(meetings_visible_slot_q(slot, key, per_row=True))
        if group == MEETINGS:
            return _newest_meetings(slot, meetings, terms, candidates)
        if group == ITEMS:
            return _newest_items(slot, meetings, key, terms)
        raise ValueError(group)

    return read


def _by_name(rows: QuerySet[Any], *fields: str) -> QuerySet[Any]:
    return rows.order_by(*BY_NAME).values("pk", *fields, "sort_name")


def _newest_meetings(
    slot: Slots, meetings: QuerySet[Any], terms: int, candidates: int
) -> QuerySet[Any]:
    """Meetings among the newest `candidates` index hits, each row saying whether more
    matched (MORE), newest first."""
    meetings = meetings.filter(_matching(slot, Meeting, terms, newest=candidates))
    more: tuple[str, ...] = ()
    if fulltext.indexed(Meeting):
        meetings = meetings.annotate(
            **{MORE: fulltext.excess(Meeting, slot.text("match"), candidates)}
        )
        more = (MORE,)
    return meetings.order_by(*BY_START).values("pk", "starts_at", *more)


def _newest_items(
    slot: Slots, meetings: QuerySet[Any], key: tuple[str, bool, bool], terms: int
) -> QuerySet[Any]:
    """Agenda items the viewer may see, newest first: among the candidates fetched first
    (slot "ids") where the table has the index. Given as a list, PostgreSQL walks the
    newest items backwards and stops at the cap; given as a subquery, it joins all."""
    if fulltext.indexed(AgendaItem):
        items = AgendaItem.objects.filter(fulltext.among(AgendaItem, slot.raw("ids")))
    else:
        items = AgendaItem.objects.filter(_matching(slot, AgendaItem, terms))
    return (
        items.filter(Exists(meetings.filter(pk=OuterRef("meeting_id"))))
        .filter(visible_items_slot_q(slot, key, few=True))
        .order_by("-pk")
        .values("pk", "position", "title", "meeting_id", "meeting__starts_at")
    )
