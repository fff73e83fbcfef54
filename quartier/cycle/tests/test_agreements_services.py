"""Agreements: recording, open points on later agendas, done, overdue listing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.agreements import (
    AgreementFilter,
    agreement_add,
    agreement_done,
    agreement_remove,
    agreement_reopen,
    agreements_assigned_to,
    agreements_of_body,
    agreements_of_meeting,
    open_points_for,
)
from quartier.cycle.models import Agreement


@pytest.fixture
def cycle(small_city):
    network = small_city.network
    first = make_meeting(network, when=aware(2027, 1, 10))
    item = agenda_item_add(meeting=first, title="Sitzbänke am Stephansplatz")
    second = make_meeting(network, when=aware(2027, 3, 10))
    third = make_meeting(network, when=aware(2027, 5, 10))
    return network, first, item, second, third


def test_open_points_of_earlier_meetings_by_due_date(cycle):
    network, first, item, second, third = cycle
    late = agreement_add(
        agenda_item=item, text="Angebot einholen", responsible_text="GF", due_on=date(2027, 4, 1)
    )
    early = agreement_add(
        agenda_item=item, text="Standorte prüfen", responsible_text="GF", due_on=date(2027, 2, 1)
    )
    undated = agreement_add(agenda_item=item, text="Presse", responsible_text="GF")
    assert open_points_for(second) == [early, late, undated]
    assert open_points_for(third) == [early, late, undated]
    # not on the agenda of the meeting where they were agreed
    assert open_points_for(first) == []


def test_done_agreements_leave_the_open_points(cycle):
    network, first, item, second, third = cycle
    agreement = agreement_add(agenda_item=item, text="Angebot einholen", responsible_text="GF")
    agreement_done(agreement=agreement, done_on=date(2027, 3, 1), note="Angebot liegt vor")
    agreement.refresh_from_db()
    assert agreement.done_on == date(2027, 3, 1)
    assert agreement.done_note == "Angebot liegt vor"
    assert open_points_for(second) == []
    with pytest.raises(ValidationError):
        agreement_done(agreement=agreement)
    agreement_reopen(agreement=agreement)
    assert open_points_for(second) == [agreement]


def test_other_bodies_do_not_see_the_points(cycle, small_city):
    network, first, item, second, third = cycle
    agreement_add(agenda_item=item, text="Angebot einholen", responsible_text="GF")
    other = make_meeting(small_city.other_network, when=aware(2027, 3, 10))
    assert open_points_for(other) == []


def test_joint_session_names_the_following_body(cycle, small_city):
    network = small_city.network
    joint = make_meeting(network, small_city.circle, when=aware(2027, 2, 1))
    item = agenda_item_add(meeting=joint, title="Gemeinsam")
    agreement = agreement_add(
        agenda_item=item, text="x", responsible_text="GF", body=small_city.circle
    )
    assert agreement.body == small_city.circle
    with pytest.raises(ValidationError):
        agreement_add(
            agenda_item=item, text="y", responsible_text="GF", body=small_city.other_network
        )
    circle_next = make_meeting(small_city.circle, when=aware(2027, 4, 1))
    assert open_points_for(circle_next) == [agreement]


def test_who_is_required(cycle):
    network, first, item, *_ = cycle
    with pytest.raises(ValidationError) as error:
        agreement_add(agenda_item=item, text="Angebot einholen")
    assert "wer" in str(error.value).lower()
    with pytest.raises(ValidationError):
        agreement_add(agenda_item=item, text="  ", responsible_text="GF")
    assert not Agreement.objects.exists()


def test_responsible_person_and_organisation(cycle):
    network, first, item, *_ = cycle
    person = make_person("Olga", "Ordnung")
    organisation = make_organisation("Stadtteiltreff")
    agreement = agreement_add(
        agenda_item=item, text="x", responsible_person=person, responsible_organisation=organisation
    )
    assert agreement.responsible == "Olga Ordnung, Stadtteiltreff"
    assert agreements_assigned_to(person, today=date(2027, 2, 1)) == [agreement]


def test_overdue_first_and_filters(cycle):
    network, first, item, *_ = cycle
    today = date(2027, 3, 1)
    later = agreement_add(
        agenda_item=item, text="Später", responsible_text="A", due_on=date(2027, 6, 1)
    )
    overdue = agreement_add(
        agenda_item=item, text="Überfällig", responsible_text="B", due_on=date(2027, 2, 1)
    )
    undated = agreement_add(agenda_item=item, text="Ohne Datum", responsible_text="C")
    done = agreement_add(
        agenda_item=item, text="Erledigt", responsible_text="D", due_on=date(2027, 1, 20)
    )
    agreement_done(agreement=done, done_on=date(2027, 1, 30))
    rows = agreements_of_body(body=network, today=today)
    assert [row.agreement for row in rows] == [overdue, later, undated]
    assert [row.overdue for row in rows] == [True, False, False]
    rows = agreements_of_body(body=network, today=today, state=AgreementFilter.OVERDUE)
    assert [row.agreement for row in rows] == [overdue]
    rows = agreements_of_body(body=network, today=today, state=AgreementFilter.DONE)
    assert [row.agreement for row in rows] == [done]
    rows = agreements_of_body(body=network, today=today, state=AgreementFilter.ALL)
    assert len(rows) == 4
    rows = agreements_of_body(body=network, today=today, query="später")
    assert [row.agreement for row in rows] == [later]


def test_overdue_boundary(cycle):
    network, first, item, *_ = cycle
    agreement = agreement_add(
        agenda_item=item, text="x", responsible_text="A", due_on=date(2027, 2, 1)
    )
    assert not agreements_of_body(body=network, today=date(2027, 2, 1))[0].overdue
    assert agreements_of_body(body=network, today=date(2027, 2, 2))[0].overdue
    assert list(Agreement.objects.overdue(date(2027, 2, 2))) == [agreement]


def test_agreements_of_meeting_grouped_by_item(cycle):
    network, first, item, *_ = cycle
    other_item = agenda_item_add(meeting=first, title="Anderes")
    a = agreement_add(agenda_item=item, text="a", responsible_text="A")
    b = agreement_add(agenda_item=other_item, text="b", responsible_text="B")
    assert agreements_of_meeting(first) == {item.pk: [a], other_item.pk: [b]}


def test_remove_only_before_approval(cycle):
    network, first, item, *_ = cycle
    agreement = agreement_add(agenda_item=item, text="x", responsible_text="A")
    first.minutes_state = "approved"
    first.save()
    agreement.agenda_item.meeting.minutes_state = "approved"
    with pytest.raises(ValidationError):
        agreement_remove(agreement=agreement)
    first.minutes_state = "draft"
    first.save()
    agreement = Agreement.objects.get(pk=agreement.pk)
    agreement_remove(agreement=agreement)
    assert not Agreement.objects.exists()
