"""The search page's prepared reads give what the searches built on the spot give, for
every kind of viewer, several queries and a candidate limit that cuts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Exists, OuterRef

from quartier.actors.models import Organisation, Person
from quartier.bodies import search
from quartier.bodies.models import AgendaItem
from quartier.bodies.permissions import (
    bodies_visible_to,
    meetings_visible_to,
    viewer_of,
    visible_items_q,
)
from quartier.bodies.services import agenda_item_add, meeting_create
from quartier.bodies.tests.factories import aware
from quartier.core import fulltext
from quartier.core.text import query_terms

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "coordinator", "secretary", "member", "contact", "citizen", "anonymous"]
QUERIES = ["wohnen", "sued netz", "nur", "haltest", "diakonie", "petra", "xyzzy"]


def _built_on_the_spot(user: Any, query: str, candidates: int) -> dict[str, list[Any]]:
    """Each group's rows as the search page built them before its reads were prepared."""
    visible = meetings_visible_to(user, few=True)
    meetings = visible.search(query, newest=candidates)
    terms = query_terms(query)
    more = fulltext.newest_with_excess(visible.model, terms, candidates)
    if more is not None:
        meetings = visible.filter(more[0]).annotate(**{search.MORE: more[1]})
    items, _cut = AgendaItem.objects.search_newest(query, candidates)
    items = items.filter(Exists(visible.filter(pk=OuterRef("meeting_id")))).filter(
        visible_items_q(user, few=True)
    )
    return {
        search.BODIES: list(search._by_name(bodies_visible_to(user).search(query), "name")),
        search.ORGANISATIONS: list(search._by_name(Organisation.objects.search(query), "name")),
        search.PEOPLE: list(
            search._by_name(
                Person.objects.publishing("name").search(query),
                "title",
                "given_name",
                "family_name",
            )
        ),
        search.MEETINGS: list(
            meetings.order_by(*search.BY_START).values(
                "pk", "starts_at", *([search.MORE] if more is not None else [])
            )
        ),
        search.ITEMS: list(
            items.order_by("-pk").values(
                "pk", "position", "title", "meeting_id", "meeting__starts_at"
            )
        ),
    }


@pytest.fixture
def crowded(world):
    """Three more public meetings and items on housing: a candidate limit of 2 cuts."""
    for day in (5, 6, 7):
        meeting = meeting_create(
            bodies=[world.city.network], starts_at=aware(2030, 1, day), title="Wohnen im Alter"
        )
        agenda_item_add(meeting=meeting, title=f"Wohnen {day}")
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("candidates", [2, 1000])
def test_each_group_gives_what_the_search_built_on_the_spot_gives(crowded, role, candidates):
    user = crowded.personas.all()[role]
    viewer = viewer_of(user)
    found = set()
    for query in QUERIES:
        terms = query_terms(query)
        expected = _built_on_the_spot(user, query, candidates)
        ids = fulltext.newest_matches(AgendaItem, terms, candidates)
        values = search.search_values(
            terms, viewer.slots, item_ids=None if ids is None else ids[:candidates]
        )
        for group, rows in expected.items():
            read = search.group_read(group, viewer.key, len(terms), candidates, 100)
            assert read(**values) == rows, (group, query)
            found |= {(group, query)} if rows else set()
    # Every group is compared with rows in it, not only with empty lists.
    assert {
        (search.BODIES, "sued netz"),
        (search.ORGANISATIONS, "diakonie"),
        (search.PEOPLE, "petra"),
        (search.MEETINGS, "wohnen"),
        (search.ITEMS, "wohnen"),
    } <= found


def test_the_limit_cuts_and_says_so(crowded):
    viewer = viewer_of(crowded.personas.administrator)
    terms = query_terms("wohnen")
    values = search.search_values(terms, viewer.slots, item_ids=[])
    meetings = search.group_read(search.MEETINGS, viewer.key, 1, 2, 100)(**values)
    assert len(meetings) == 2
    assert meetings[0]["starts_at"] > meetings[1]["starts_at"]
    if fulltext.indexed(AgendaItem):
        assert all(row[search.MORE] for row in meetings)
        # An empty candidate list finds no item.
        assert search.group_read(search.ITEMS, viewer.key, 1, 2, 100)(**values) == []
