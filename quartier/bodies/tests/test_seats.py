"""Seats belong to organisations; the person in them changes; one holder at a time."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import SeatHolding, SeatRole
from quartier.bodies.selectors import (
    body_seats_on,
    person_body_ids,
    person_holdings,
    seat_history,
    seat_holder_on,
)
from quartier.bodies.services import (
    body_dissolve,
    seat_create,
    seat_deputy_add,
    seat_end,
    seat_holder_set,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(small_city):
    return seat_create(
        body=small_city.network,
        organisation=make_organisation("Diakoniestation Südstadt", kind="outpatient_care"),
        role=SeatRole.MEMBER,
        starts_on=date(2014, 1, 1),
        holder=make_person("Anke", "Anfang"),
    )


def test_holder_history_keeps_every_holder(seat):
    second = make_person("Bernd", "Nachfolger")
    seat_holder_set(seat=seat, person=second, starts_on=date(2016, 7, 1))
    history = list(seat_history(seat=seat))
    assert [(h.person.given_name, h.starts_on, h.ends_on) for h in history] == [
        ("Anke", date(2014, 1, 1), date(2016, 6, 30)),
        ("Bernd", date(2016, 7, 1), None),
    ]
    assert seat_holder_on(seat=seat, on=date(2016, 6, 30)).given_name == "Anke"
    assert seat_holder_on(seat=seat, on=date(2016, 7, 1)).given_name == "Bernd"


def test_overlapping_holder_is_refused_with_a_german_message(seat):
    third = make_person("Clara", "Zukunft")
    seat_holder_set(seat=seat, person=third, starts_on=date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        seat_holder_set(
            seat=seat,
            person=make_person("Dora"),
            starts_on=date(2015, 1, 1),
            ends_on=date(2021, 1, 1),
        )
    assert "schon von Clara Zukunft besetzt" in str(error.value)
    assert SeatHolding.objects.filter(seat=seat).count() == 2
    # Nothing half-saved: Anke's holding was not shortened by the refused change.
    assert SeatHolding.objects.get(seat=seat, person__given_name="Anke").ends_on == date(
        2019, 12, 31
    )


def test_database_allows_only_one_open_holding(seat):
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatHolding.objects.create(seat=seat, person=make_person("Eva"), starts_on=date(2015, 1, 1))


def test_seat_must_lie_within_the_body_lifetime(small_city):
    with pytest.raises(ValidationError) as error:
        seat_create(body=small_city.circle, starts_on=date(2012, 1, 1))
    assert "Gründung" in str(error.value)
    body_dissolve(body=small_city.circle, on=date(2017, 1, 1))
    small_city.circle.refresh_from_db()
    with pytest.raises(ValidationError):
        seat_create(body=small_city.circle, starts_on=date(2016, 1, 1))
    ok = seat_create(body=small_city.circle, starts_on=date(2016, 1, 1), ends_on=date(2016, 12, 31))
    assert ok.pk


def test_seat_end_before_start_is_refused(seat):
    with pytest.raises(ValidationError) as error:
        seat_end(seat=seat, last_day=date(2013, 1, 1))
    assert "vor seinem Beginn" in str(error.value)


def test_ending_a_seat_ends_its_holder_and_deputies(seat):
    deputy = seat_deputy_add(
        seat=seat, person=make_person("Vera", "Vertretung"), starts_on=date(2015, 1, 1)
    )
    seat_end(seat=seat, last_day=date(2018, 12, 31))
    deputy.refresh_from_db()
    assert deputy.ends_on == date(2018, 12, 31)
    assert seat.holdings.get().ends_on == date(2018, 12, 31)
    assert body_seats_on(body=seat.body, on=date(2019, 1, 1)) == []


def test_seats_on_a_day_show_holder_and_named_deputies(seat):
    seat_deputy_add(seat=seat, person=make_person("Vera", "Vertretung"), starts_on=date(2015, 1, 1))
    (state,) = body_seats_on(body=seat.body, on=date(2015, 6, 1))
    assert state.holder.given_name == "Anke"
    assert [p.given_name for p in state.deputies] == ["Vera"]
    (early,) = body_seats_on(body=seat.body, on=date(2014, 6, 1))
    assert early.deputies == []


def test_a_seat_without_holder_is_listed_as_vacant(small_city):
    seat_create(
        body=small_city.network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    (state,) = body_seats_on(body=small_city.network, on=date(2015, 1, 1))
    assert state.holder is None


def test_person_seats_across_bodies(small_city, seat):
    anke = seat.holdings.get().person
    seat_create(
        body=small_city.circle,
        organisation=seat.organisation,
        starts_on=date(2014, 1, 1),
        holder=anke,
    )
    assert person_body_ids(person=anke, on=date(2015, 1, 1)) == {
        small_city.network.pk,
        small_city.circle.pk,
    }
    assert person_holdings(person=anke, on=date(2015, 1, 1)).count() == 2
    assert person_body_ids(person=anke, on=date(2013, 1, 1)) == set()


def test_bodies_seat_list_is_a_fixed_number_of_queries(small_city, django_assert_num_queries):
    for index in range(6):
        seat_create(
            body=small_city.network,
            organisation=make_organisation(),
            starts_on=date(2014, 1, 1),
            holder=make_person(f"P{index}"),
        )
    with django_assert_num_queries(3):
        states = body_seats_on(body=small_city.network, on=date(2015, 1, 1) + timedelta(days=1))
    assert len(states) == 6
