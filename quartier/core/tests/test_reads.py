"""A prepared read gives what the same queryset built on the spot gives, for every call's
values, on both databases."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.db.models import Exists, F, OuterRef, Value
from django.test.utils import CaptureQueriesContext

from quartier.bodies.models import Meeting
from quartier.bodies.tests.factories import aware, make_body, make_meeting
from quartier.core.reads import Slots, prepared
from quartier.places.tests.factories import make_city, make_district

pytestmark = pytest.mark.django_db


def _meetings_of(body_ids: list[int], since: datetime) -> list[tuple]:
    """The same read built on the spot, for comparison."""
    through = Meeting.bodies.through
    of_bodies = through.objects.filter(meeting_id=OuterRef("pk"), body_id__in=body_ids)
    return list(
        Meeting.objects.filter(Exists(of_bodies), starts_at__gte=since)
        .annotate(kind=Value(7), day=F("starts_at"))
        .order_by("starts_at", "pk")
        .values_list("kind", "pk", "title", "day")
    )


builds = []


@prepared
def _prepared_meetings_of(slot: Slots):  # noqa: ANN202 - a queryset
    builds.append(1)
    through = Meeting.bodies.through
    of_bodies = through.objects.filter(meeting_id=OuterRef("pk"), body_id__in=slot.ids("bodies"))
    return (
        Meeting.objects.filter(Exists(of_bodies), starts_at__gte=slot.datetime("since"))
        .annotate(kind=Value(7), day=F("starts_at"))
        .order_by("starts_at", "pk")
        .values_list("kind", "pk", "title", "day")
    )


@prepared
def _meetings_and_bodies(slot: Slots):  # noqa: ANN202 - a queryset
    """A union of two parts, each with its own slots."""
    meetings = Meeting.objects.filter(starts_at__date__lte=slot.date("until")).values_list(
        Value("meeting"), "pk", "title"
    )
    bodies = Meeting.bodies.through.objects.filter(body_id=slot.id("body")).values_list(
        Value("body"), "meeting_id", "body__name"
    )
    return meetings.order_by().union(bodies.order_by(), all=True).order_by("pk", "title")


@pytest.fixture
def city() -> dict:
    district = make_district(make_city())
    first, second, third = (make_body(district, name) for name in ("Erstes", "Zweites", "Drittes"))
    return {
        "bodies": (first, second, third),
        "meetings": [
            make_meeting(first, when=aware(2026, 1, 10), title="Januar"),
            make_meeting(first, second, when=aware(2026, 3, 5, 18, 30), title="März gemeinsam"),
            make_meeting(second, when=aware(2026, 6, 1), title="Juni"),
            make_meeting(third, when=aware(2026, 9, 9), title="September"),
        ],
    }


def test_rows_equal_a_queryset_built_on_the_spot_for_every_call(city: dict) -> None:
    first, second, third = (body.pk for body in city["bodies"])
    cases = [
        ([first], aware(2025, 1, 1)),
        ([first, second], aware(2026, 2, 1)),
        ([second, third], aware(2026, 3, 5, 18, 30)),
        ([third, first, second], aware(2026, 12, 1)),
        ([999_999], aware(2025, 1, 1)),
    ]
    builds.clear()
    for body_ids, since in cases:
        expected = _meetings_of(body_ids, since)
        assert _prepared_meetings_of(bodies=body_ids, since=since) == expected
    # Built once, then only cloned; the datetimes come back converted (aware).
    assert len(builds) <= 1
    rows = _prepared_meetings_of(bodies=[first], since=aware(2025, 1, 1))
    assert [row[2] for row in rows] == ["Januar", "März gemeinsam"]
    assert rows[1][3] == aware(2026, 3, 5, 18, 30)
    assert rows[0][0] == 7


def test_an_empty_list_matches_nothing_and_costs_one_query(city: dict) -> None:
    with CaptureQueriesContext(connection) as captured:
        assert _prepared_meetings_of(bodies=[], since=aware(2025, 1, 1)) == []
    assert len(captured.captured_queries) == 1


def test_a_union_with_slots_in_each_part(city: dict) -> None:
    second = city["bodies"][1]
    rows = _meetings_and_bodies(until=date(2026, 3, 5), body=second.pk)
    meetings = city["meetings"]
    assert rows == sorted(
        [
            ("meeting", meetings[0].pk, "Januar"),
            ("meeting", meetings[1].pk, "März gemeinsam"),
            ("body", meetings[1].pk, "Zweites"),
            ("body", meetings[2].pk, "Zweites"),
        ],
        key=lambda row: (row[1], row[2]),
    )
    later = _meetings_and_bodies(until=date(2025, 1, 1), body=city["bodies"][2].pk)
    assert later == [("body", meetings[3].pk, "Drittes")]


def test_missing_and_null_values_are_refused(city: dict) -> None:
    with pytest.raises(TypeError, match="since"):
        _prepared_meetings_of(bodies=[1])
    with pytest.raises(ValueError, match="since"):
        _prepared_meetings_of(bodies=[1], since=None)
    # The kept queryset is still clean: the next call works.
    assert len(_prepared_meetings_of(bodies=[city["bodies"][0].pk], since=aware(2025, 1, 1))) == 2


def test_sql_shows_one_placeholder_per_value(city: dict) -> None:
    sql = _prepared_meetings_of.sql(bodies=[1, 2, 3], since=aware(2025, 1, 1))
    assert "IN (1, 2, 3)" in sql
