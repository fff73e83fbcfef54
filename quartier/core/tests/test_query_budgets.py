"""Query budgets: every page type costs the same number of queries in the demo city and in
a generated city twenty times its size, and never more than MAX_QUERIES.

A page whose count grows with the city runs a query per row; the two cities can't share
one test database, so each is loaded, measured and rolled back in turn. Timing belongs to
`bench/` (see STYLE.md); only counts are asserted here.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.pages import bench_users, clients, instances, page_specs
from quartier.demo.city import demo_load
from quartier.places.models import Area

# Without the mark pytest-django would set up no test database for this module.
pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
SCALE = 0.05
SEED = 1
PAGE_TYPES = [
    "home",
    "body-list",
    "body-detail",
    "meeting-detail",
    "calendar",
    "structure",
    "search",
    "area-detail",
    "organisation-list",
    "organisation-detail",
    "person-detail",
    "mine",
    "body-edit",
    "meeting-agenda",
    "meeting-attendance",
    "meeting-minutes",
    "meeting-invitation",
    "proposal-create",
    "proposal-list",
    "reply",
    "reply-overview",
    "person-search",
    "minutes-review",
    "minutes-versions",
    "body-agreements",
    "discussed",
]


@dataclass(frozen=True)
class Measured:
    url: str
    status: int
    queries: int
    sql: tuple[str, ...]


def _measure_city() -> dict[str, Measured]:
    """Open every page type once to warm caches, then count the queries of a second visit."""
    found = instances()
    specs = page_specs(found, analyses=False)
    browsers = clients(bench_users(found))
    result = {}
    for spec in specs:
        client = browsers[spec.role]
        client.get(spec.url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(spec.url)
        result[spec.key] = Measured(
            spec.url,
            response.status_code,
            len(captured.captured_queries),
            tuple(query["sql"] for query in captured.captured_queries),
        )
    return result


@pytest.fixture(scope="module")
def cities(django_db_setup, django_db_blocker) -> dict[str, dict[str, Measured]]:
    with django_db_blocker.unblock():
        assert not Area.objects.exists(), "the test database must start empty"
        with transaction.atomic():
            demo_load(today=timezone.localdate(), accounts=False)
            demo = _measure_city()
            transaction.set_rollback(True)
        with transaction.atomic():
            call_command("generate_city", scale=SCALE, seed=SEED, stdout=StringIO())
            generated = _measure_city()
            transaction.set_rollback(True)
    return {"demo": demo, "generated": generated}


def _explain(page: str, cities: dict[str, dict[str, Measured]]) -> str:
    lines = [page]
    for city, pages in cities.items():
        measured = pages[page]
        lines.append(f"  {city}: {measured.queries} queries on {measured.url}")
        lines += [f"    {sql[:300]}" for sql in measured.sql]
    return "\n".join(lines)


def test_every_page_type_is_measured(cities):
    for pages in cities.values():
        assert sorted(pages) == sorted(PAGE_TYPES)


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_page_opens_in_both_cities(cities, page):
    assert {city: pages[page].status for city, pages in cities.items()} == {
        "demo": 200,
        "generated": 200,
    }


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_query_count_does_not_grow_with_the_city(cities, page):
    counts = {city: pages[page].queries for city, pages in cities.items()}
    assert counts["demo"] == counts["generated"], _explain(page, cities)


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_query_count_within_budget(cities, page):
    worst = max(pages[page].queries for pages in cities.values())
    assert worst <= MAX_QUERIES, _explain(page, cities)
