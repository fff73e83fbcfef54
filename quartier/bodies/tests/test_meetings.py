"""Meetings: joint sessions, agenda order, attendance as holder or substitute, invariants."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import AgendaItem, Attendance, AttendanceKind, Meeting, MeetingState
from quartier.bodies.selectors import meeting_display_title, meetings_upcoming_public
from quartier.bodies.services import (
    agenda_item_add,
    agenda_item_move,
    agenda_proposal_submit,
    agenda_reorder,
    attendance_record,
    body_dissolve,
    meeting_cancel,
    meeting_create,
    meeting_update,
    seat_create,
    seat_deputy_add,
)
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.topics.models import Topic

pytestmark = pytest.mark.django_db


def titles(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def test_end_must_follow_start_with_a_german_message(small_city):
    with pytest.raises(ValidationError) as error:
        make_meeting(small_city.network, when=aware(2027, 1, 1, 14), ends_at=aware(2027, 1, 1, 13))
    assert "nach ihrem Beginn" in str(error.value)
    assert not Meeting.objects.exists()


def test_database_refuses_end_before_start(small_city):
    meeting = make_meeting(small_city.network)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(ends_at=meeting.starts_at - timedelta(hours=1))


def test_default_duration_comes_from_the_body(small_city):
    from quartier.bodies.services import body_change

    body_change(body=small_city.network, on=date(2020, 1, 1), usual_duration_minutes=90)
    meeting = make_meeting(small_city.network, when=aware(2027, 2, 2, 15))
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)


def test_joint_session_has_one_agenda_for_several_bodies(small_city):
    joint = make_meeting(small_city.network, small_city.other_network)
    agenda_item_add(meeting=joint, title="Gemeinsamer Bericht")
    assert set(joint.bodies.all()) == {small_city.network, small_city.other_network}
    assert meeting_display_title(joint).startswith("Gemeinsame Sitzung:")
    assert small_city.network.meetings.get() == small_city.other_network.meetings.get()


def test_meeting_of_a_body_that_does_not_exist_that_day_is_refused(small_city):
    body_dissolve(body=small_city.circle, on=date(2017, 1, 1))
    small_city.circle.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        make_meeting(small_city.circle, when=aware(2017, 2, 1))
    assert "besteht am 01.02.2017 nicht" in str(error.value)
    with pytest.raises(ValidationError):
        meeting_create(bodies=[], starts_at=aware(2017, 2, 1))


def test_agenda_items_append_insert_and_reorder(small_city):
    meeting = make_meeting(small_city.network)
    a = agenda_item_add(meeting=meeting, title="Begrüßung")
    b = agenda_item_add(meeting=meeting, title="Wohnen im Alter")
    c = agenda_item_add(meeting=meeting, title="Protokoll", position=1)
    assert titles(meeting) == ["Protokoll", "Begrüßung", "Wohnen im Alter"]
    agenda_reorder(meeting=meeting, order=[a.pk, b.pk, c.pk])
    assert titles(meeting) == ["Begrüßung", "Wohnen im Alter", "Protokoll"]
    agenda_item_move(item=AgendaItem.objects.get(pk=c.pk), position=2)
    assert titles(meeting) == ["Begrüßung", "Protokoll", "Wohnen im Alter"]
    assert list(meeting.agenda_items.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
    ]


def test_reorder_with_missing_or_foreign_items_is_refused_and_nothing_moves(small_city):
    meeting = make_meeting(small_city.network)
    a = agenda_item_add(meeting=meeting, title="Eins")
    b = agenda_item_add(meeting=meeting, title="Zwei")
    other = agenda_item_add(meeting=make_meeting(small_city.other_network), title="Fremd")
    for order in ([b.pk], [b.pk, a.pk, other.pk], [b.pk, b.pk, a.pk]):
        with pytest.raises(ValidationError) as error:
            agenda_reorder(meeting=meeting, order=order)
        assert "genau einmal" in str(error.value)
    assert titles(meeting) == ["Eins", "Zwei"]


def test_database_holds_unique_positions(small_city):
    meeting = make_meeting(small_city.network)
    agenda_item_add(meeting=meeting, title="Eins")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=1, title="Doppelt")


def test_items_carry_topics_and_privacy(small_city):
    meeting = make_meeting(small_city.network)
    care = Topic.objects.get(slug="pflege")
    item = agenda_item_add(
        meeting=meeting, title="Pflegestützpunkt", topics=[care], is_public=False
    )
    assert list(item.topics.all()) == [care]
    assert not item.is_public


def test_attendance_as_holder_deputy_substitute_and_guest(small_city):
    sbr = make_organisation("Seniorenbeirat", kind="advisory_council")
    holder, deputy = make_person("Hilde", "Halter"), make_person("Dirk", "Deputat")
    colleague, guest = make_person("Kai", "Kollege"), make_person("Gisela", "Gast")
    seat = seat_create(
        body=small_city.network, organisation=sbr, starts_on=date(2014, 1, 1), holder=holder
    )
    other_seat = seat_create(
        body=small_city.network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    seat_deputy_add(seat=other_seat, person=deputy, starts_on=date(2014, 1, 1))
    third_seat = seat_create(
        body=small_city.network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    meeting = make_meeting(small_city.network, when=aware(2016, 5, 4), state=MeetingState.HELD)
    kinds = {
        attendance_record(meeting=meeting, person=holder, seat=seat).kind,
        attendance_record(meeting=meeting, person=deputy, seat=other_seat).kind,
        attendance_record(meeting=meeting, person=colleague, seat=third_seat).kind,
        attendance_record(meeting=meeting, person=guest).kind,
    }
    assert kinds == {
        AttendanceKind.HOLDER,
        AttendanceKind.DEPUTY,
        AttendanceKind.SUBSTITUTE,
        AttendanceKind.GUEST,
    }


def test_attendance_is_refused_twice_and_for_foreign_seats(small_city):
    seat = seat_create(
        body=small_city.other_network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    own = seat_create(
        body=small_city.network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    meeting = make_meeting(small_city.network, when=aware(2016, 5, 4))
    person = make_person("Zweimal")
    with pytest.raises(ValidationError) as error:
        attendance_record(meeting=meeting, person=person, seat=seat)
    assert "gehört nicht" in str(error.value)
    attendance_record(meeting=meeting, person=person, seat=own)
    with pytest.raises(ValidationError) as error:
        attendance_record(meeting=meeting, person=person)
    assert "schon als anwesend" in str(error.value)
    assert Attendance.objects.count() == 1


def test_database_requires_a_seat_unless_guest(small_city):
    meeting = make_meeting(small_city.network)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=meeting, person=make_person(), kind=AttendanceKind.SUBSTITUTE
        )


def test_schedule_changes_raise_sequence_but_other_changes_do_not(small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 3, 3))
    meeting_update(meeting=meeting, is_public=False)
    assert meeting.sequence == 0
    meeting_update(meeting=meeting, starts_at=aware(2027, 3, 4), ends_at=aware(2027, 3, 4, 16))
    assert meeting.sequence == 1
    meeting_update(meeting=meeting, location_text="Freizeitheim Döhren")
    assert meeting.sequence == 2


def test_cancelling_needs_a_reason(small_city):
    meeting = make_meeting(small_city.network)
    with pytest.raises(ValidationError) as error:
        meeting_cancel(meeting=meeting, reason="  ")
    assert "Grund" in str(error.value)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED
    meeting_cancel(meeting=meeting, reason="Krankheit der Geschäftsführung")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED and meeting.sequence == 1


def test_upcoming_public_meetings_leave_out_cancelled_private_and_past(small_city):
    now = aware(2027, 1, 1)
    public = make_meeting(small_city.network, when=aware(2027, 2, 1))
    make_meeting(small_city.network, when=aware(2027, 2, 2), is_public=False)
    make_meeting(small_city.network, when=aware(2026, 12, 1))
    cancelled = make_meeting(small_city.network, when=aware(2027, 2, 3))
    meeting_cancel(meeting=cancelled, reason="Ferien")
    small_city.other_network.is_public = False
    small_city.other_network.save()
    make_meeting(small_city.other_network, when=aware(2027, 2, 4))
    assert meetings_upcoming_public(now=now) == [public]


def test_agenda_proposal_for_a_meeting_of_another_body_is_refused(small_city):
    other = make_meeting(small_city.other_network)
    with pytest.raises(ValidationError):
        agenda_proposal_submit(
            body=small_city.network, proposed_by=make_person(), title="X", meeting=other
        )
    own = make_meeting(small_city.network)
    proposal = agenda_proposal_submit(
        body=small_city.network,
        proposed_by=make_person(),
        title="Sitzbänke am Maschsee",
        meeting=own,
    )
    assert proposal.state == "open"


@pytest.mark.parametrize("items", [3, 12])
def test_moving_one_step_swaps_in_a_fixed_number_of_queries(
    small_city, items, django_assert_max_num_queries
):
    meeting = make_meeting(small_city.network)
    created = [agenda_item_add(meeting=meeting, title=f"Punkt {i}") for i in range(items)]
    last = created[-1]
    with django_assert_max_num_queries(8):  # the same for 3 and for 12 items
        agenda_item_move(item=AgendaItem.objects.get(pk=last.pk), position=items - 1)
    assert titles(meeting)[-2:] == [f"Punkt {items - 1}", f"Punkt {items - 2}"]
