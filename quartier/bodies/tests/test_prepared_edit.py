"""The prepared reads of the editing pages and the organisation's page give, call after
call, the rows of the values of that call (a read kept with the first call's values
would not)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import RequestFactory

from quartier.actors.selectors import (
    consent_flags_in_force,
    organisation_first_members,
    organisation_first_seats,
    people_of_organisations,
)
from quartier.actors.services import affiliation_add, consent_give
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import AttendanceKind
from quartier.bodies.services import seat_create, seat_holder_set
from quartier.bodies.tests.factories import aware, make_body, make_meeting
from quartier.bodies.views.edit_common import meeting_with_bodies
from quartier.bodies.views.edit_reads import (
    agenda_rows,
    attendances_of,
    seat_states_of_meeting,
)
from quartier.core.http import first_page_asked
from quartier.places.tests.factories import make_city, make_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return make_district(make_city())


def test_meeting_with_bodies_reads_each_meeting(district):
    first, second = make_body(district, "Alpha"), make_body(district, "Beta")
    joint = make_meeting(second, first)
    single = make_meeting(second, when=aware(2027, 4, 4))
    for areas in (False, True):
        found = meeting_with_bodies(joint.pk, areas=areas)
        assert found is not None and found.pk == joint.pk
        assert [body.name for body in found.bodies.all()] == ["Alpha", "Beta"]
        found = meeting_with_bodies(single.pk, areas=areas)
        assert found is not None and found.pk == single.pk
        assert [body.name for body in found.bodies.all()] == ["Beta"]
    assert meeting_with_bodies(single.pk + joint.pk + 1000) is None


def test_seat_states_follow_the_day_and_the_bodies(district):
    first, second = make_body(district), make_body(district)
    seat = seat_create(body=first, starts_on=date(2020, 1, 1), holder=make_person("Anna"))
    seat_holder_set(seat=seat, person=make_person("Berta"), starts_on=date(2024, 1, 1))
    seat_create(body=second, starts_on=date(2020, 1, 1), holder=make_person("Clara"))

    def holders(bodies, day):
        states = seat_states_of_meeting(bodies=bodies, day=day)
        return [state.holder.given_name for state in states]

    assert holders([first], date(2023, 6, 1)) == ["Anna"]
    assert holders([first], date(2024, 6, 1)) == ["Berta"]
    assert holders([first, second], date(2024, 6, 1)) == ["Berta", "Clara"]
    assert holders([second], date(2019, 6, 1)) == []


def test_agenda_and_attendance_are_the_meetings_own(district):
    body = make_body(district)
    one, other = make_meeting(body), make_meeting(body, when=aware(2027, 5, 5))
    one.agenda_items.create(position=1, title="Eins")
    other.agenda_items.create(position=1, title="Anderes")
    assert [row.title for row in agenda_rows(one)] == ["Eins"]
    assert [row.title for row in agenda_rows(other)] == ["Anderes"]
    person = make_person("Dora")
    one.attendances.create(person=person, kind=AttendanceKind.GUEST)
    rows = attendances_of(one)
    assert [row.person.given_name for row in rows] == ["Dora"]
    assert rows[0].meeting is one
    assert attendances_of(other) == []


def test_people_and_consents_follow_organisations_and_day():
    first, second = make_organisation(), make_organisation()
    anna, berta = make_person("Anna"), make_person("Berta")
    affiliation_add(person=anna, organisation=first, starts_on=date(2020, 1, 1))
    affiliation_add(person=berta, organisation=second, starts_on=date(2024, 1, 1))
    day = date(2024, 6, 1)
    assert people_of_organisations([first.pk], on=day) == {first.pk: {anna.pk: anna.full_name}}
    assert people_of_organisations([second.pk], on=day) == {second.pk: {berta.pk: berta.full_name}}
    assert people_of_organisations([second.pk], on=date(2023, 1, 1)) == {}
    consent_give(person=anna, given_on=date(2021, 1, 1), allow=("name",))
    consent_give(person=berta, given_on=date(2024, 3, 1), allow=("name", "email"))
    assert consent_flags_in_force(person_ids=[anna.pk], on=day)[anna.pk]["name"] is True
    flags = consent_flags_in_force(person_ids=[anna.pk, berta.pk], on=date(2022, 1, 1))
    assert list(flags) == [anna.pk]
    assert consent_flags_in_force(person_ids=[], on=day) == {}


def test_first_members_and_seats_of_each_organisation(district):
    first, second = make_organisation(), make_organisation()
    named, hidden = make_person("Anna", consent=("name",)), make_person("Berta")
    for person in (named, hidden):
        affiliation_add(person=person, organisation=first, starts_on=date(2020, 1, 1))
    other = make_person("Clara", consent=("name",))
    affiliation_add(person=other, organisation=second, starts_on=date(2020, 1, 1))
    day = date(2024, 6, 1)

    def names(organisation, sees_all):
        rows = organisation_first_members(
            organisation=organisation, sees_all=sees_all, count=9, per_page=25, on=day
        )
        return [row["given_name"] for row in rows]

    assert names(first, sees_all=False) == ["Anna"]
    assert names(first, sees_all=True) == ["Anna", "Berta"]
    assert names(second, sees_all=False) == ["Clara"]
    body = make_body(district, is_public=False)
    seat_create(body=body, starts_on=date(2020, 1, 1), organisation=first)
    seats = organisation_first_seats(organisation=first, include_internal=True, per_page=25, on=day)
    assert [(seat.body_id, seat._total) for seat in seats] == [(body.pk, 1)]
    assert (
        organisation_first_seats(organisation=first, include_internal=False, per_page=25, on=day)
        == []
    )
    assert (
        organisation_first_seats(organisation=second, include_internal=True, per_page=25, on=day)
        == []
    )


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("", True),
        ("?seite=1", True),
        ("?seite=abc", True),
        ("?seite=2", False),
        ("?seite=0", False),
    ],
)
def test_first_page_asked_as_the_paginators_read_it(query, first):
    assert first_page_asked(RequestFactory().get(f"/liste/{query}")) is first
