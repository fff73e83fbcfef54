"""paginate_capped answers as paginate(…, cap=…) over the rows read in full and sorted in
Python, while reading only the page shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from quartier.actors.models import Person
from quartier.actors.tests.factories import make_person
from quartier.core.http import paginate, paginate_capped

pytestmark = pytest.mark.django_db

CAP = 7


@pytest.fixture
def people() -> list[Person]:
    # Names out of id order, and two with the same name: the order decides, not the ids.
    names = ["Mahler", "Albers", "Zander", "Berger", "Albers", "Otto", "Kühn", "Engel", "Ibsen"]
    return [make_person("Erika", name) for name in names]


def _rows() -> Any:
    return Person.objects.order_by("-pk").values("pk", "family_name", "sort_name", "created")


def _asked(number: str | None) -> Any:
    return RequestFactory().get("/", {} if number is None else {"seite": number})


def _expected(number: str | None, key: Any) -> tuple[list[int], int, bool, int]:
    first = list(_rows()[: CAP + 1])
    capped = len(first) > CAP
    if not capped:
        first.sort(key=key)
    page = paginate(_asked(number), first, 3, "seite", cap=CAP)
    return [row["pk"] for row in page.object_list], page.number, capped, page.paginator.count


@pytest.mark.parametrize("number", [None, "1", "2", "3", "4", "99", "0", "-1", "abc", "2.0"])
def test_every_page_number_answers_as_paginate(people, number):
    page = paginate_capped(_asked(number), _rows(), 3, "seite", cap=CAP, order=("-pk",))
    expected = _expected(number, lambda row: -row["pk"])
    assert page.paginator.capped  # 9 people, cap 7
    assert (
        [row["pk"] for row in page.object_list],
        page.number,
        page.paginator.capped,
        page.paginator.count,
    ) == expected


@pytest.mark.parametrize("number", [None, "2", "3", "9"])
def test_below_the_cap_the_order_asked_applies(people, number):
    Person.objects.filter(pk__in=[people[0].pk, people[2].pk]).delete()  # 7 left: not capped
    page = paginate_capped(
        _asked(number),
        _rows(),
        3,
        "seite",
        cap=CAP,
        order=("sort_name", "-pk"),
        order_when_capped=("-pk",),
    )
    expected = _expected(number, lambda row: (row["sort_name"], -row["pk"]))
    assert not page.paginator.capped
    got = ([row["pk"] for row in page.object_list], page.number, False, page.paginator.count)
    assert got == expected


def test_above_the_cap_the_capped_order_applies(people):
    page = paginate_capped(
        _asked("2"),
        _rows(),
        3,
        "seite",
        cap=CAP,
        order=("sort_name", "-pk"),
        order_when_capped=("-pk",),
    )
    newest = [person.pk for person in sorted(people, key=lambda person: -person.pk)]
    assert [row["pk"] for row in page.object_list] == newest[3:6]


def test_only_the_page_is_read_with_its_values_converted(people):
    with CaptureQueriesContext(connection) as queries:
        page = paginate_capped(_asked("2"), _rows(), 3, "seite", cap=CAP, order=("-pk",))
    assert len(queries) == 1
    assert "LIMIT 3 OFFSET 3" in queries[0]["sql"]
    row = page.object_list[0]
    # Converted as values() converts them (SQLite stores datetimes as text).
    assert row["created"] == Person.objects.get(pk=row["pk"]).created
    assert set(row) == {"pk", "family_name", "sort_name", "created", "_total"}


def test_no_rows_give_an_empty_first_page(db):
    page = paginate_capped(_asked("3"), _rows(), 3, "seite", cap=CAP, order=("-pk",))
    assert (page.number, list(page.object_list), page.paginator.count) == (1, [], 0)
    assert not page.paginator.capped


def test_a_huge_page_number_gives_the_last_page(people):
    page = paginate_capped(_asked("1" + "0" * 20), _rows(), 3, "seite", cap=CAP, order=("-pk",))
    assert (page.number, page.paginator.count) == (3, CAP)
    assert [row["pk"] for row in page.object_list] == _expected("99", lambda r: -r["pk"])[0]


def test_nothing_to_match_gives_an_empty_first_page(people):
    page = paginate_capped(
        _asked("2"), Person.objects.none().values("pk"), 3, "seite", cap=CAP, order=("pk",)
    )
    assert (page.number, list(page.object_list), page.paginator.count) == (1, [], 0)


def test_values_are_named_in_the_order_asked(people):
    from django.db.models import Value

    rows = (
        Person.objects.annotate(kind=Value("P")).order_by("pk").values("kind", "pk", "family_name")
    )
    page = paginate_capped(_asked(None), rows, 3, "seite", cap=CAP, order=("pk",))
    first = page.object_list[0]
    assert (first["kind"], first["pk"], first["family_name"]) == ("P", people[0].pk, "Mahler")
