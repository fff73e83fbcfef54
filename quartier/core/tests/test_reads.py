"""A prepared read gives what the same queryset built on the spot gives, for every call's
values, on both databases."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.test.utils import CaptureQueriesContext

from quartier.bodies.models import Meeting
from quartier.bodies.tests.factories import aware, make_body, make_meeting
from quartier.core.reads import Slot, Slots, prepared
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


class _Compiles:
    """Counts the compiles of SELECT queries while in use."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from django.db.models.sql.compiler import SQLCompiler

        self.count = 0
        original = SQLCompiler.as_sql

        def counting(compiler, *args, **kwargs):  # noqa: ANN001, ANN202 - Django's signature
            if compiler.query.subquery is False and not kwargs.get("subquery"):
                self.count += 1
            return original(compiler, *args, **kwargs)

        monkeypatch.setattr(SQLCompiler, "as_sql", counting)


def test_sql_is_compiled_once_per_shape_and_kept(city: dict, monkeypatch) -> None:
    first, second, third = (body.pk for body in city["bodies"])
    since = aware(2025, 1, 1)
    compiles = _Compiles(monkeypatch)
    # Compiled twice at the first call of a shape: with markers, and as usual to check.
    assert _prepared_meetings_of(bodies=[first], since=since) == _meetings_of([first], since)
    counted = compiles.count
    assert counted > 0
    for bodies, day in [([second], since), ([third], aware(2026, 7, 1)), ([first], since)]:
        assert _prepared_meetings_of(bodies=bodies, since=day) == _meetings_of(bodies, day)
    assert compiles.count == counted + 3  # only the comparison reads built on the spot
    # Another number of ids is another shape: its own SQL, kept as well.
    rows = _prepared_meetings_of(bodies={second, first}, since=since)
    assert rows == _meetings_of([first, second], since)
    assert _prepared_meetings_of(bodies=[], since=since) == []


@prepared
def _named_like(slot: Slots):  # noqa: ANN202 - a queryset
    """A lookup that makes its parameter of the slot's value without reshape (as a LIKE
    pattern): such a read can't be kept and is compiled at every call."""
    from django.db.models.lookups import Contains

    class _Prefixed(Contains):
        def as_sql(self, compiler, connection):  # noqa: ANN001, ANN202 - Django's signature
            _placeholder, [word] = compiler.compile(self.rhs)
            return compiler.compile(Contains(self.lhs, str(word)))

    return Meeting.objects.filter(_Prefixed(F("title"), Slot("word", CharField()))).values_list(
        "title", flat=True
    )


def test_a_read_that_reshapes_values_unannounced_is_compiled_at_every_call(city: dict) -> None:
    assert sorted(_named_like(word="nu")) == ["Januar"]
    assert sorted(_named_like(word="ä")) == ["März gemeinsam"]
    assert set(_named_like._compiled.values()) == {None}


@prepared
def _titles_starting(slot: Slots):  # noqa: ANN202 - a queryset
    from quartier.bodies.selectors import starts_with_slot

    titles = Meeting.objects.filter(starts_with_slot("title", "prefix")).order_by("title")
    return titles.values_list("title", flat=True)


def test_a_read_whose_expressions_reshape_with_reshape_is_kept(city: dict) -> None:
    assert list(_titles_starting(prefix="J")) == ["Januar", "Juni"]
    assert list(_titles_starting(prefix="Sep")) == ["September"]
    assert list(_titles_starting(prefix="%")) == []  # the pattern's wildcards stay literal
    kept = list(_titles_starting._compiled.values())
    assert kept and None not in kept


def test_any_collection_of_ids_is_read_once_and_in_its_order(city: dict) -> None:
    first, second, _third = (body.pk for body in city["bodies"])
    since = aware(2025, 1, 1)
    # An empty collection first: the kept SQL for no ids must not serve later ones.
    assert _prepared_meetings_of(bodies={}.keys(), since=since) == []
    assert _prepared_meetings_of(bodies={first: 1}.keys(), since=since) == _meetings_of(
        [first], since
    )
    ids = (pk for pk in [second, first])  # a generator can be read only once
    assert _prepared_meetings_of(bodies=ids, since=since) == _meetings_of([first, second], since)


@prepared
def _titles_with_extra(slot: Slots):  # noqa: ANN202 - a queryset
    """A read that gets a list it never expands (and one it passes whole)."""
    return Meeting.objects.filter(title=slot.text("title")).values_list("title", flat=True)


def test_lists_a_read_does_not_expand_make_no_new_sql(city: dict) -> None:
    for size in range(5):
        assert _titles_with_extra(title="Juni", unused=list(range(size))) == ["Juni"]
    assert len(_titles_with_extra._compiled) == 1


@prepared
def _bodies_with_meetings_since(slot: Slots):  # noqa: ANN202 - a queryset
    """A prefetch whose queryset has a slot of its own."""
    from django.db.models import Prefetch

    from quartier.bodies.models import Body

    later = Meeting.objects.filter(starts_at__gte=slot.datetime("since")).order_by("pk")
    return Body.objects.order_by("pk").prefetch_related(
        Prefetch("meetings", queryset=later, to_attr="later")
    )


def test_a_prefetch_with_a_slot_is_filled(city: dict) -> None:
    for _call in range(2):  # the second from kept SQL
        bodies = _bodies_with_meetings_since(since=aware(2026, 6, 1))
        assert [[m.title for m in body.later] for body in bodies] == [[], ["Juni"], ["September"]]


def test_given_slots_are_their_values() -> None:
    from quartier.core.reads import Given

    given = Given({"person": 3, "insiders": [1, 2]})
    assert (given.id("person"), given.ids("insiders")) == (3, [1, 2])
    with pytest.raises(TypeError, match="day"):
        given.date("day")
