"""Predicates role by role: who may see and change bodies, seats and meetings."""

from datetime import date

import pytest

from quartier.actors.permissions import (
    can_edit_consent,
    can_edit_organisation,
    can_see_person_details,
    is_department_contact,
)
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import AgendaItem
from quartier.bodies.permissions import (
    can_edit_body,
    can_edit_meeting,
    can_edit_seats,
    can_propose_item,
    can_view_agenda_item,
    can_view_body,
    can_view_meeting,
    is_member,
    is_secretary,
    meetings_visible_to,
    visible_items_q,
)
from quartier.bodies.services import agenda_item_add, attendance_record, seat_create
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.core.permissions import is_administrator

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "coordinator", "secretary", "member", "contact", "citizen", "anonymous"]


def allowed(personas, predicate, *args):
    return {name for name, user in personas.all().items() if predicate(user, *args)}


def test_every_persona_is_what_its_name_says(personas, small_city):
    users = personas.all()
    assert set(users) == set(ROLES)
    assert allowed(personas, lambda user: is_administrator(user)) == {"administrator"}
    assert allowed(personas, is_secretary, small_city.network) == {"secretary"}
    assert allowed(personas, is_member, small_city.network) == {"member"}
    assert allowed(personas, lambda user: is_department_contact(user)) == {"contact"}


def test_public_body_is_seen_by_all_and_edited_by_department_and_coordinator(personas, small_city):
    network = small_city.network
    assert allowed(personas, can_view_body, network) == set(ROLES)
    assert allowed(personas, can_edit_body, network) == {"administrator", "coordinator"}
    assert allowed(personas, can_edit_seats, network) == {
        "administrator",
        "coordinator",
        "secretary",
    }
    assert allowed(personas, can_propose_item, network) == {
        "administrator",
        "coordinator",
        "secretary",
        "member",
    }


def test_coordinator_of_another_district_may_not_edit(personas, small_city):
    assert "coordinator" not in allowed(personas, can_edit_body, small_city.other_network)
    assert allowed(personas, can_edit_body, small_city.other_network) == {"administrator"}


def test_internal_body_is_hidden_from_outsiders(personas, small_city):
    network = small_city.network
    network.is_public = False
    network.save()
    assert allowed(personas, can_view_body, network) == {
        "administrator",
        "coordinator",
        "secretary",
        "member",
    }


def test_public_meeting_and_its_private_item(personas, small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 4, 4))
    public_item = agenda_item_add(meeting=meeting, title="Offen")
    private_item = agenda_item_add(meeting=meeting, title="Intern", is_public=False)
    insiders = {"administrator", "coordinator", "secretary", "member"}
    assert allowed(personas, can_view_meeting, meeting) == set(ROLES)
    assert allowed(personas, can_view_agenda_item, public_item) == set(ROLES)
    assert allowed(personas, can_view_agenda_item, private_item) == insiders
    assert allowed(personas, can_edit_meeting, meeting) == {
        "administrator",
        "coordinator",
        "secretary",
    }


def test_non_public_meeting_is_seen_by_insiders_and_by_a_substitute_who_came(personas, small_city):
    meeting = make_meeting(small_city.network, when=aware(2016, 4, 4), is_public=False)
    assert allowed(personas, can_view_meeting, meeting) == {
        "administrator",
        "coordinator",
        "secretary",
        "member",
    }
    seat = seat_create(
        body=small_city.network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    frieda = make_person("Frieda", "Bürger", user=personas.citizen)
    attendance_record(meeting=meeting, person=frieda, seat=seat)
    assert can_view_meeting(personas.citizen, meeting)


def test_person_details_and_consent_by_role(personas):
    stranger = make_person("Sonja", "Sonstwer")
    assert allowed(personas, can_see_person_details, stranger) == {"administrator", "coordinator"}
    assert allowed(personas, can_edit_consent, stranger) == {"administrator", "coordinator"}
    dieter = personas.member.person
    assert allowed(personas, can_see_person_details, dieter) == {
        "administrator",
        "coordinator",
        "member",
    }


def test_organisation_editing_by_area(personas, small_city):
    local = make_organisation("Treff Südstadt", based_in=small_city.quarter)
    elsewhere = make_organisation("Treff Nord", based_in=small_city.other_district)
    assert allowed(personas, can_edit_organisation, local) == {"administrator", "coordinator"}
    assert allowed(personas, can_edit_organisation, elsewhere) == {"administrator"}


def test_inactive_administrator_is_nobody(personas):
    personas.administrator.is_active = False
    assert not is_administrator(personas.administrator)


def test_search_visibility_per_row_matches_the_list_filters(personas, small_city):
    """The search checks its few candidates with scalar subqueries (`few`); every role must
    see exactly what the EXISTS filters of the lists let her see."""
    network = small_city.network
    open_meeting = make_meeting(network, when=aware(2027, 4, 4))
    closed_meeting = make_meeting(network, when=aware(2016, 4, 4), is_public=False)
    agenda_item_add(meeting=open_meeting, title="Offen")
    agenda_item_add(meeting=open_meeting, title="Intern", is_public=False)
    agenda_item_add(meeting=closed_meeting, title="Nichtöffentlich")
    seat = seat_create(body=network, organisation=make_organisation(), starts_on=date(2014, 1, 1))
    frieda = make_person("Frieda", "Bürger", user=personas.citizen)
    attendance_record(meeting=closed_meeting, person=frieda, seat=seat)
    seen_by = {}
    for name, user in personas.all().items():
        few = set(meetings_visible_to(user, few=True).values_list("pk", flat=True))
        assert few == set(meetings_visible_to(user).values_list("pk", flat=True)), name
        items = AgendaItem.objects.filter(visible_items_q(user, few=True))
        assert set(items) == set(AgendaItem.objects.filter(visible_items_q(user))), name
        seen_by[name] = (few, items.count())
    # Both shapes hide something from someone: the comparison is not between empty sets.
    assert seen_by["anonymous"] == ({open_meeting.pk}, 1)
    assert seen_by["citizen"][0] == {open_meeting.pk, closed_meeting.pk}
    assert seen_by["member"] == ({open_meeting.pk, closed_meeting.pk}, 3)
