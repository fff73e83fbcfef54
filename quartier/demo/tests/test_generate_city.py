"""The synthetic city: counts follow the scale, the shapes are real, every constraint holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from quartier.actors.models import (
    Affiliation,
    ConsentRecord,
    Organisation,
    OrganisationKind,
    Person,
)
from quartier.bodies.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    AttendanceKind,
    Body,
    BodyKind,
    BodyVersion,
    Meeting,
    MeetingState,
    SeatDeputy,
    SeatHolding,
)
from quartier.demo.generate import GenerateSummary, city_generate, city_targets
from quartier.places.models import Area, AreaLevel
from quartier.places.tests.factories import make_city
from quartier.programmes.models import Programme
from quartier.topics.models import Topic

TODAY = date(2025, 6, 2)
SCALE = 0.02

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def city(django_db_setup, django_db_blocker) -> Iterator[GenerateSummary]:
    """One city for the class, rolled back after it; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield city_generate(scale=SCALE, seed=3, today=TODAY)
        transaction.set_rollback(True)


def _local_day(meeting_starts_at) -> date:
    return timezone.localtime(meeting_starts_at).date()


def test_larger_scales_grow_linearly_with_thirteen_districts():
    one, five = city_targets(1), city_targets(5)
    assert (one.quarters, one.organisations, one.people) == (60, 3000, 15000)
    assert (one.bodies, one.meetings, one.agenda_items) == (400, 20000, 200_000)
    assert (five.quarters, five.meetings) == (300, 100_000)
    assert city_targets(0.05).quarters == 13


class TestGeneratedCity:
    """Shapes and constraints of one generated city at scale 0.02."""

    def test_counts_follow_the_scale(self, city):
        targets = city_targets(SCALE)
        assert (targets.organisations, targets.people, targets.bodies) == (60, 300, 8)
        assert (targets.meetings, targets.agenda_items) == (400, 4000)
        assert Organisation.objects.count() == targets.organisations
        assert Person.objects.count() == targets.people
        assert Body.objects.count() == targets.bodies
        assert Meeting.objects.count() == targets.meetings
        assert AgendaItem.objects.count() == targets.agenda_items
        assert city.counts["Sitzungen"] == targets.meetings
        assert Area.objects.districts().count() == 13
        assert Area.objects.of_level(AreaLevel.REGION).count() == 4
        assert Area.objects.of_level(AreaLevel.CITY).count() == 1
        assert Area.objects.quarters().count() == 13  # at least one per district
        assert set(Area.objects.districts().values_list("official_number", flat=True)) == {
            str(number) for number in range(1, 14)
        }

    def test_every_family_has_rows_of_every_kind(self, city):
        assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind)
        assert Organisation.objects.filter(parent__isnull=False).exists()
        centre = Area.objects.get(official_number="1")
        city_area = Area.objects.get(level=AreaLevel.CITY)
        assert Organisation.objects.filter(based_in=centre, works_in=city_area).count() >= 5
        assert Area.objects.model_quarters().exists()
        assert Affiliation.objects.filter(is_contact=True).exists()
        assert not Person.objects.filter(user__isnull=False).exists()
        assert ConsentRecord.objects.filter(withdrawn_on__isnull=False).exists()
        assert ConsentRecord.objects.values("channel").distinct().count() >= 3
        assert Topic.objects.count() == 14  # the vocabulary of the data migration, no more
        assert Programme.objects.filter(
            lead_organisation__isnull=False, areas__isnull=False
        ).exists()
        kinds = set(Body.objects.values_list("kind", flat=True))
        assert {BodyKind.NETWORK, BodyKind.PLANNING_ROUND, BodyKind.COORDINATION_CIRCLE} <= kinds
        assert Body.objects.filter(successor__isnull=False, dissolved_on__isnull=False).exists()
        assert BodyVersion.objects.filter(reports_to__isnull=False).exists()
        assert set(BodyVersion.objects.values_list("cadence_per_year", flat=True)) >= {4, 6, 12}
        assert SeatDeputy.objects.exists()
        assert AgendaItem.objects.filter(is_public=False).exists()
        assert AgendaItem.objects.filter(topics__isnull=False).exists()
        assert AgendaItem.objects.exclude(minutes="").exists()
        assert not AgendaItem.objects.exclude(minutes="").exclude(meeting__state="held").exists()
        kinds_present = set(Attendance.objects.values_list("kind", flat=True))
        assert {
            AttendanceKind.HOLDER,
            AttendanceKind.SUBSTITUTE,
            AttendanceKind.GUEST,
        } <= kinds_present
        assert not Attendance.objects.exclude(meeting__state=MeetingState.HELD).exists()
        assert AgendaProposal.objects.filter(agenda_item__isnull=False).exists()

    def test_text_keys_and_body_names_are_set(self, city):
        for model in (Area, Organisation, Person, Body, Meeting, AgendaItem):
            assert not model.objects.filter(sort_name="").exists(), model
        for body in Body.objects.prefetch_related("versions"):
            versions = sorted(body.versions.all(), key=lambda version: version.valid_from)
            in_force = [version for version in versions if version.valid_from <= TODAY]
            current = (in_force or versions)[-1 if in_force else 0]
            assert body.name == current.name
            former = [version.name for version in versions if version.name != current.name]
            assert body.former_names == "\n".join(dict.fromkeys(former))
        renamed = Body.objects.exclude(former_names="").first()
        assert renamed is not None
        assert (
            Body.objects.search(renamed.former_names.split("\n")[0]).filter(pk=renamed.pk).exists()
        )

    def test_agenda_item_keys_equal_refresh_text_keys(self, city):
        for item in AgendaItem.objects.all():
            stored = (item.sort_name, item.search_text)
            item.refresh_text_keys()
            assert (item.sort_name, item.search_text) == stored

    def test_meetings_fall_within_their_bodies_lifetimes(self, city):
        rows = Meeting.bodies.through.objects.values_list(
            "meeting__starts_at", "body__founded_on", "body__dissolved_on"
        )
        for starts_at, founded_on, dissolved_on in rows:
            day = _local_day(starts_at)
            assert founded_on <= day
            assert dissolved_on is None or day < dissolved_on
        days = [
            _local_day(starts_at)
            for starts_at in Meeting.objects.values_list("starts_at", flat=True)
        ]
        assert min(days) >= city.starts_on and max(days) <= city.ends_on
        assert (city.ends_on - city.starts_on).days in (3652, 3653)
        past = Meeting.objects.filter(starts_at__date__lt=TODAY)
        assert not past.filter(state__in=[MeetingState.PLANNED, MeetingState.INVITED]).exists()
        assert not Meeting.objects.filter(
            starts_at__date__gte=TODAY, state=MeetingState.HELD
        ).exists()

    def test_seat_holders_change_without_overlap(self, city):
        by_seat: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for seat, starts_on, ends_on in SeatHolding.objects.order_by(
            "seat", "starts_on"
        ).values_list("seat", "starts_on", "ends_on"):
            by_seat[seat].append((starts_on, ends_on))
        for periods in by_seat.values():
            for (_, earlier_end), (later_start, _) in zip(periods, periods[1:], strict=False):
                assert earlier_end is not None and earlier_end < later_start
        assert sum(len(periods) > 1 for periods in by_seat.values()) >= len(by_seat) // 4
        busy = (
            SeatHolding.objects.values("person")
            .annotate(bodies=Count("seat__body", distinct=True))
            .filter(bodies__gte=3)
        )
        assert busy.exists()

    def test_joint_cancelled_and_agenda_shapes(self, city):
        total = Meeting.objects.count()
        joint = Meeting.objects.annotate(hosts=Count("bodies")).filter(hosts=2).count()
        assert 0.03 * total <= joint <= 0.07 * total
        cancelled = Meeting.objects.filter(state=MeetingState.CANCELLED)
        assert 0.01 * total <= cancelled.count() <= 0.06 * total
        assert not cancelled.filter(cancellation_reason="").exists()
        agendas = AgendaItem.objects.values("meeting").annotate(
            items=Count("pk"), first=Min("position"), last=Max("position")
        )
        assert len(agendas) == total
        for agenda in agendas:
            assert agenda["first"] == 1 and agenda["last"] == agenda["items"]
        assert 9 <= AgendaItem.objects.count() / total <= 11


def _generate_and_dump(seed: int) -> tuple[dict[str, int], list]:
    with transaction.atomic():
        summary = city_generate(scale=0.01, seed=seed, today=TODAY)
        dump = [
            list(Person.objects.order_by("pk").values_list("given_name", "family_name")),
            list(Organisation.objects.order_by("pk").values_list("name", "kind")),
            list(Body.objects.order_by("pk").values_list("name", "founded_on", "dissolved_on")),
            list(Meeting.objects.order_by("pk").values_list("starts_at", "state", "title")),
            list(AgendaItem.objects.order_by("pk").values_list("position", "title")[:500]),
            list(SeatHolding.objects.order_by("pk").values_list("starts_on", "ends_on")),
        ]
        transaction.set_rollback(True)
    return summary.counts, dump


def test_same_seed_gives_the_same_city():
    first_counts, first = _generate_and_dump(seed=11)
    assert not Area.objects.exists()
    second_counts, second = _generate_and_dump(seed=11)
    assert first_counts == second_counts
    assert first == second
    _, other = _generate_and_dump(seed=12)
    assert other[0] != first[0]


def test_command_generates_then_refuses_a_database_with_areas(monkeypatch):
    from quartier.demo.management.commands import generate_city

    analysed = []
    monkeypatch.setattr(generate_city, "refresh_planner_statistics", lambda: analysed.append(1))
    out = StringIO()
    call_command(
        "generate_city", "--scale", "0.01", "--seed", "2", "--today", "2025-06-02", stdout=out
    )
    assert "Stadt erzeugt" in out.getvalue()
    assert f"Sitzungen: {city_targets(0.01).meetings}" in out.getvalue()
    assert analysed == [1]  # the planner learns the new tables (PostgreSQL: ANALYZE)
    with pytest.raises(CommandError, match="frische Datenbank"):
        call_command("generate_city", "--scale", "0.01", stdout=StringIO())


def test_command_refuses_any_existing_area():
    make_city()
    with pytest.raises(CommandError, match="enthält schon Gebiete"):
        call_command("generate_city", "--scale", "1", stdout=StringIO())
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize("scale", ["0", "-1", "-0.5", "abc", "nan", "inf"])
def test_command_refuses_a_scale_not_above_zero(scale):
    with pytest.raises(CommandError, match="Maßstab muss eine Zahl größer als 0"):
        call_command("generate_city", "--scale", scale, stdout=StringIO())
    assert not Area.objects.exists()


def test_command_refuses_a_bad_seed_or_day():
    with pytest.raises(CommandError, match="ganze Zahl"):
        call_command("generate_city", "--scale", "0.01", "--seed", "x", stdout=StringIO())
    with pytest.raises(CommandError, match="JJJJ-MM-TT"):
        call_command("generate_city", "--scale", "0.01", "--today", "2.6.2025", stdout=StringIO())
