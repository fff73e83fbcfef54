"""Bodies over time: renames, cadence changes, reporting lines, merges, dissolutions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import Body, BodyKind, BodyLevel, BodyVersion, Seat
from quartier.bodies.selectors import (
    body_history,
    body_seats_on,
    body_state_on,
    reporting_chain,
    reporting_children,
    structure_as_of,
)
from quartier.bodies.services import (
    body_change,
    body_dissolve,
    body_merge,
    body_rename,
    seat_create,
)
from quartier.bodies.tests.factories import aware, make_body, make_meeting

pytestmark = pytest.mark.django_db

PAPER_DAY = date(2017, 1, 1)
NEW_NETWORK_NAME = (
    "Stadtbezirkliches Netzwerk für Seniorenarbeit und alter(n)sgerechte Quartiersentwicklung"
)
NEW_PLANNING_NAME = "Planungsrunde für Seniorenarbeit und alter(n)sgerechte Quartiersentwicklung"


def names_on(day):
    return {state.body.pk: state.name for state in structure_as_of(on=day)}


def test_a_renamed_body_is_the_same_body_with_its_old_name_in_the_past(small_city):
    network = small_city.network
    body_rename(
        body=network,
        name=NEW_NETWORK_NAME,
        on=PAPER_DAY,
    )
    assert (
        names_on(PAPER_DAY - timedelta(days=1))[network.pk]
        == "Stadtbezirkliches Netzwerk Südstadt-Bult"
    )
    assert names_on(PAPER_DAY)[network.pk].startswith(
        "Stadtbezirkliches Netzwerk für Seniorenarbeit"
    )
    assert Body.objects.count() == 3  # the small city's three bodies: nothing new
    network.refresh_from_db()
    assert "Südstadt-Bult" in network.former_names
    assert Body.objects.search("Seniorenarbeit").get() == network
    assert Body.objects.search("Südstadt-Bult").filter(pk=network.pk).exists()
    history = body_history(body=network)
    assert history.former_names == [("Stadtbezirkliches Netzwerk Südstadt-Bult", date(2010, 1, 1))]


def test_cadence_change_holds_from_its_day_and_keeps_the_rest(small_city):
    network = small_city.network
    body_change(body=network, on=date(2015, 1, 1), cadence_per_year=6, usual_duration_minutes=90)
    before = body_state_on(body=network, on=date(2014, 12, 31))
    after = body_state_on(body=network, on=date(2015, 1, 1))
    assert before.version.cadence_per_year == 4
    assert after.version.cadence_per_year == 6 and after.version.usual_duration_minutes == 90
    assert after.name == before.name


def test_a_change_in_the_past_lasts_until_the_next_version(small_city):
    network = small_city.network
    body_change(body=network, on=date(2016, 1, 1), cadence_per_year=6)
    body_change(body=network, on=date(2014, 1, 1), cadence_per_year=2)
    cadences = [
        body_state_on(body=network, on=day).version.cadence_per_year
        for day in (date(2013, 1, 1), date(2015, 1, 1), date(2017, 1, 1))
    ]
    assert cadences == [4, 2, 6]


def test_two_changes_on_one_day_make_one_version(small_city):
    network = small_city.network
    body_change(body=network, on=date(2016, 1, 1), cadence_per_year=6)
    body_change(body=network, on=date(2016, 1, 1), usual_duration_minutes=120)
    version = body_state_on(body=network, on=date(2016, 1, 1)).version
    assert (version.cadence_per_year, version.usual_duration_minutes) == (6, 120)
    assert BodyVersion.objects.filter(body=network, valid_from=date(2016, 1, 1)).count() == 1


def test_secretary_changes_are_dated(small_city):
    first = make_person("Sabine", "Sozial")
    second = make_person("Susanne", "Sozial")
    body_change(body=small_city.network, on=date(2012, 1, 1), secretary=first)
    body_change(body=small_city.network, on=date(2019, 7, 1), secretary=second)
    assert body_state_on(body=small_city.network, on=date(2019, 6, 30)).version.secretary == first
    assert body_state_on(body=small_city.network, on=date(2019, 7, 1)).version.secretary == second


def test_reporting_lines_as_of_a_date(small_city):
    assert reporting_children(body=small_city.network, on=date(2014, 1, 1)) == [small_city.circle]
    assert reporting_children(body=small_city.network, on=date(2012, 1, 1)) == []
    assert reporting_chain(body=small_city.circle, on=date(2014, 1, 1)) == [small_city.network]


def test_no_reporting_to_itself_or_in_a_cycle(small_city):
    with pytest.raises(ValidationError) as error:
        body_change(body=small_city.network, on=date(2015, 1, 1), reports_to=small_city.network)
    assert "sich selbst" in str(error.value)
    with pytest.raises(ValidationError) as error:
        body_change(body=small_city.network, on=date(2015, 1, 1), reports_to=small_city.circle)
    assert "Kreis" in str(error.value)
    assert not BodyVersion.objects.filter(
        body=small_city.network, valid_from=date(2015, 1, 1)
    ).exists()


def test_a_cycle_created_by_a_later_version_is_refused_too(small_city):
    city_net = make_body(small_city.city, "Stadtweites Netzwerk", level=BodyLevel.CITY)
    body_change(body=city_net, on=date(2018, 1, 1), reports_to=small_city.network)
    # From 2018 the city-wide network reports to the district network, so letting the
    # district network report to the city-wide network from 2015 would close a circle then.
    with pytest.raises(ValidationError):
        body_change(body=small_city.network, on=date(2015, 1, 1), reports_to=city_net)


def test_dissolving_keeps_history_ends_seats_and_reporting(small_city):
    circle = small_city.circle
    holder = make_person("Karl", "Kreis")
    seat = seat_create(
        body=circle, organisation=make_organisation(), starts_on=date(2014, 1, 1), holder=holder
    )
    past = make_meeting(circle, when=aware(2015, 5, 5))
    body_dissolve(body=circle, on=PAPER_DAY)
    circle.refresh_from_db()
    seat.refresh_from_db()
    assert circle.dissolved_on == PAPER_DAY
    assert seat.ends_on == PAPER_DAY - timedelta(days=1)
    assert seat.holdings.get().ends_on == PAPER_DAY - timedelta(days=1)
    assert circle.pk not in names_on(PAPER_DAY)
    assert circle.pk in names_on(PAPER_DAY - timedelta(days=1))
    assert past in circle.meetings.all()
    assert [s.holder for s in body_seats_on(body=circle, on=date(2015, 1, 1))] == [holder]


def test_dissolving_with_a_later_meeting_is_refused_and_nothing_changes(small_city):
    circle = small_city.circle
    seat = seat_create(body=circle, organisation=make_organisation(), starts_on=date(2014, 1, 1))
    make_meeting(circle, when=aware(2017, 3, 1))
    with pytest.raises(ValidationError) as error:
        body_dissolve(body=circle, on=PAPER_DAY)
    assert "Sitzung" in str(error.value)
    circle.refresh_from_db()
    seat.refresh_from_db()
    assert circle.dissolved_on is None and seat.ends_on is None


def test_merge_moves_open_seats_and_keeps_the_source_history(small_city):
    city_net = make_body(
        small_city.city, "Stadtweites Netzwerk für SeniorInnen", level=BodyLevel.CITY
    )
    planning = make_body(
        small_city.city,
        "Planungsrunde Quartier",
        kind=BodyKind.PLANNING_ROUND,
        level=BodyLevel.CITY,
        cadence_per_year=6,
    )
    sbr = make_organisation("Seniorenbeirat", kind="advisory_council")
    miso = make_organisation("MISO", kind="migrant_organisation")
    awo = make_organisation("AWO")
    anna, bert, cem = make_person("Anna"), make_person("Bert"), make_person("Cem")
    seat_create(body=city_net, organisation=sbr, starts_on=date(2012, 1, 1), holder=anna)
    seat_create(body=city_net, organisation=miso, starts_on=date(2012, 1, 1), holder=cem)
    seat_create(body=planning, organisation=sbr, starts_on=date(2013, 1, 1), holder=bert)
    seat_create(
        body=city_net, organisation=awo, starts_on=date(2012, 1, 1), ends_on=date(2014, 12, 31)
    )
    old_meeting = make_meeting(city_net, when=aware(2016, 3, 1))
    body_change(body=small_city.network, on=date(2014, 1, 1), reports_to=city_net)

    body_merge(source=city_net, target=planning, on=PAPER_DAY)
    body_rename(
        body=planning,
        name=NEW_PLANNING_NAME,
        on=PAPER_DAY,
    )

    city_net.refresh_from_db()
    assert city_net.successor == planning and city_net.dissolved_on == PAPER_DAY
    after = body_seats_on(body=planning, on=PAPER_DAY)
    holders = sorted(state.holder.given_name for state in after if state.holder)
    assert holders == ["Bert", "Cem"]  # SBR already sat in the planning round; MISO moved
    assert Seat.objects.filter(body=planning, organisation=miso).get().starts_on == PAPER_DAY
    before = body_seats_on(body=city_net, on=date(2016, 1, 1))
    assert sorted(s.holder.given_name for s in before) == ["Anna", "Cem"]
    assert old_meeting in city_net.meetings.all()
    assert reporting_chain(body=small_city.network, on=PAPER_DAY) == [planning]
    assert reporting_chain(body=small_city.network, on=date(2016, 1, 1)) == [city_net]
    assert planning in [s.body for s in structure_as_of(on=PAPER_DAY)]
    assert city_net not in [s.body for s in structure_as_of(on=PAPER_DAY)]
    assert body_history(body=planning).predecessors == [city_net]


def test_merge_into_itself_or_into_a_dissolved_body_is_refused(small_city):
    with pytest.raises(ValidationError):
        body_merge(source=small_city.network, target=small_city.network, on=PAPER_DAY)
    body_dissolve(body=small_city.other_network, on=date(2016, 1, 1))
    with pytest.raises(ValidationError):
        body_merge(source=small_city.network, target=small_city.other_network, on=PAPER_DAY)
    small_city.network.refresh_from_db()
    assert small_city.network.dissolved_on is None


def test_database_refuses_dissolution_before_founding_and_successor_without_dissolution(small_city):
    body = small_city.network
    body.dissolved_on = date(2000, 1, 1)
    with pytest.raises(ValidationError) as error:
        body.full_clean()
    assert "Gründung" in str(error.value)
    body.dissolved_on = None
    body.successor = small_city.other_network
    with pytest.raises(ValidationError) as error:
        body.full_clean()
    assert "aufgelöst" in str(error.value)


def test_structure_as_of_is_a_fixed_number_of_queries(small_city, django_assert_num_queries):
    for index in range(5):
        make_body(
            small_city.quarter, f"AG {index}", kind=BodyKind.WORKING_GROUP, level=BodyLevel.QUARTER
        )
    with django_assert_num_queries(1):
        states = structure_as_of(on=date(2020, 1, 1))
    assert len(states) == 8
