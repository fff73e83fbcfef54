"""The prepared reads of the public pages give what the filters built on the spot give, for
every kind of viewer and for calls with different values."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from quartier.bodies.models import AgendaItem, Body, BodyKind, Meeting
from quartier.bodies.permissions import (
    bodies_visible_to,
    meetings_visible_slot_q,
    meetings_visible_to,
    viewer_of,
    visible_bodies_slot_q,
    visible_items_q,
    visible_items_slot_q,
)
from quartier.bodies.selectors import area_body_rows, calendar_choice, starts_with_slot
from quartier.bodies.tests.factories import aware, make_body, make_meeting
from quartier.bodies.views.public import _calendar_meetings
from quartier.core.reads import Slots, prepared
from quartier.places.models import Area
from quartier.topics.models import Topic

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "coordinator", "secretary", "member", "contact", "citizen", "anonymous"]


def _ids(rows: QuerySet[Any]) -> list[int]:
    return list(rows.order_by("pk").values_list("pk", flat=True))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("few", [False, True])
def test_visibility_slots_give_what_the_built_filters_give(world, role, few):
    user = world.personas.all()[role]
    viewer = viewer_of(user)

    @prepared
    def meetings(slot: Slots) -> QuerySet[Any]:
        condition = meetings_visible_slot_q(slot, viewer.key, per_row=few)
        return Meeting.objects.filter(condition).order_by("pk").values_list("pk", flat=True)

    @prepared
    def bodies(slot: Slots) -> QuerySet[Any]:
        condition = visible_bodies_slot_q(slot, viewer.key)
        return Body.objects.filter(condition).order_by("pk").values_list("pk", flat=True)

    @prepared
    def items(slot: Slots) -> QuerySet[Any]:
        condition = visible_items_slot_q(slot, viewer.key, few=few)
        return AgendaItem.objects.filter(condition).order_by("pk").values_list("pk", flat=True)

    assert meetings(**viewer.slots) == _ids(meetings_visible_to(user, few=few))
    assert bodies(**viewer.slots) == _ids(bodies_visible_to(user))
    assert items(**viewer.slots) == _ids(AgendaItem.objects.filter(visible_items_q(user, few=few)))


def test_the_viewers_differ_where_the_filters_differ(world):
    keys = {role: viewer_of(user).key for role, user in world.personas.all().items()}
    assert keys["anonymous"] != keys["citizen"] != keys["member"] != keys["administrator"]
    assert viewer_of(world.personas.member).slots["insiders"] == [world.city.network.pk]


@prepared
def _areas_below(slot: Slots) -> QuerySet[Any]:
    return Area.objects.filter(starts_with_slot("path", "path")).order_by("pk").values("pk")


def test_starts_with_slot_says_what_startswith_says(small_city):
    for area in [small_city.district, small_city.other_district, small_city.quarter]:
        plain = Area.objects.filter(path__startswith=area.path).order_by("pk").values("pk")
        assert _areas_below.sql(path=area.path) == str(plain.query)
        assert _areas_below(path=area.path) == list(plain)
    # LIKE's wildcards in the prefix are taken literally.
    assert _areas_below(path="/%") == []


def test_area_body_rows_of_two_areas_and_two_viewers(world):
    city = world.city
    hidden = make_body(city.other_district, "Interner Kreis Nord", is_public=False)
    anonymous = viewer_of(world.personas.anonymous)
    administrator = viewer_of(world.personas.administrator)
    district = {row["pk"] for row in area_body_rows(area=city.district, viewer=anonymous)}
    other = {row["pk"] for row in area_body_rows(area=city.other_district, viewer=anonymous)}
    assert city.network.pk in district and city.network.pk not in other
    assert hidden.pk not in other
    everything = area_body_rows(area=city.other_district, viewer=administrator)
    assert hidden.pk in {row["pk"] for row in everything}


@pytest.mark.parametrize("role", ["anonymous", "member", "administrator"])
def test_calendar_reads_match_calendar_choice_for_every_filter(world, role):
    city = world.city
    user = world.personas.all()[role]
    viewer = viewer_of(user)
    make_meeting(city.other_network, when=aware(2099, 5, 5))
    housing = Topic.objects.get(slug="wohnen")
    now = timezone.now()
    choices: list[tuple[Area | None, str, Topic | None]] = [
        (None, "", None),
        (city.district, "", None),
        (city.other_district, "", None),
        (None, city.network.kind, None),
        (None, BodyKind.values[-1] if city.network.kind != BodyKind.values[-1] else "", None),
        (None, "", housing),
        (city.district, city.network.kind, housing),
    ]
    for area, kind, topic in choices:
        chosen = {"area": area is not None, "kind": bool(kind), "topic": topic is not None}
        values: dict[str, Any] = {"now": now, "kind": kind, **viewer.slots}
        if area is not None:
            values["path"] = area.path
        if topic is not None:
            values["topic"] = topic.pk
        visible: Any = meetings_visible_to(user)
        built = calendar_choice(meetings=visible, area=area, kind=kind, topic=topic, now=now)
        expected = list(built.values_list("pk", flat=True))
        rows = _calendar_meetings(viewer.key, count=False, **chosen)(**values)
        assert [row["pk"] for row in rows] == expected[:20]
        assert _calendar_meetings(viewer.key, count=True, **chosen).count(**values) == len(expected)
