"""Minutes from draft to approval, with a frozen clock."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from quartier.actors.tests.factories import make_person
from quartier.bodies.models import AgendaItem, MinutesApproval, MinutesState
from quartier.bodies.services import MinutesEntry, agenda_item_add, minutes_record
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.minutes import (
    approve_due,
    minutes_approve_in_meeting,
    minutes_awaiting_approval_in,
    minutes_circulate,
    minutes_object,
    minutes_objection_resolve,
    minutes_refer_to_next_meeting,
    minutes_save,
    minutes_versions,
    next_meeting_of,
    objection_open,
)
from quartier.cycle.models import MinutesVersion


@pytest.fixture
def held(small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 3, 3))
    item = agenda_item_add(meeting=meeting, title="Sitzbänke")
    other = agenda_item_add(meeting=meeting, title="Verschiedenes")
    return meeting, item, other


def _write(meeting, item, text="Die Bänke kommen.", result="Beschlossen."):
    return minutes_save(
        meeting=meeting, entries=[MinutesEntry(item=item, minutes=text, result=result)]
    )


@time_machine.travel(aware(2027, 3, 4), tick=False)
def test_every_save_keeps_a_numbered_version(held):
    meeting, item, other = held
    first = _write(meeting, item)
    assert first.number == 1
    assert first.state == MinutesState.DRAFT
    assert first.content[0] == {
        "position": 1,
        "title": "Sitzbänke",
        "minutes": "Die Bänke kommen.",
        "result": "Beschlossen.",
    }
    assert first.content[1]["title"] == "Verschiedenes"
    # Unchanged save: nothing new to keep.
    assert _write(meeting, item) is None
    second = _write(meeting, item, text="Die Bänke kommen im Mai.")
    assert second.number == 2
    assert [v.number for v in minutes_versions(meeting)] == [2, 1]
    assert MinutesVersion.objects.get(number=1).content[0]["minutes"] == "Die Bänke kommen."


def test_cannot_circulate_before_the_meeting_or_empty(held):
    meeting, item, other = held
    with time_machine.travel(aware(2027, 3, 2), tick=False):
        _write(meeting, item)
        with pytest.raises(ValidationError, match="noch nicht stattgefunden"):
            minutes_circulate(meeting=meeting)
    empty = make_meeting(meeting.bodies.first(), when=aware(2027, 2, 2))
    agenda_item_add(meeting=empty, title="Leer")
    with (
        time_machine.travel(aware(2027, 3, 4), tick=False),
        pytest.raises(ValidationError, match="leer"),
    ):
        minutes_circulate(meeting=empty)
    empty.refresh_from_db()
    assert empty.minutes_state == MinutesState.DRAFT


def test_circulate_sets_the_objection_period(held, small_city):
    meeting, item, other = held
    small_city.network.objection_days = 10
    small_city.network.save()
    meeting = type(meeting).objects.get(pk=meeting.pk)
    with time_machine.travel(aware(2027, 3, 5, 9), tick=False):
        _write(meeting, item)
        minutes_circulate(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CIRCULATED
    assert meeting.minutes_circulated_at == aware(2027, 3, 5, 9)
    assert meeting.minutes_objection_until == date(2027, 3, 15)
    assert minutes_versions(meeting)[0].state == MinutesState.CIRCULATED
    assert minutes_versions(meeting)[0].note == "Zur Genehmigung versandt"
    with pytest.raises(ValidationError):
        minutes_circulate(meeting=meeting)


@pytest.fixture
def circulated(held):
    meeting, item, other = held
    with time_machine.travel(aware(2027, 3, 5, 9), tick=False):
        _write(meeting, item)
        minutes_circulate(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_objection_until == date(2027, 3, 19)  # 14 days by default
    return meeting, item, other


@pytest.mark.parametrize(
    ("today", "approved"),
    [(date(2027, 3, 18), False), (date(2027, 3, 19), False), (date(2027, 3, 20), True)],
    ids=["day-before", "last-day", "day-after"],
)
def test_approval_by_deadline(circulated, today, approved):
    meeting, item, other = circulated
    result = approve_due(today=today)
    meeting.refresh_from_db()
    assert (result == [meeting]) is approved
    if approved:
        assert meeting.minutes_state == MinutesState.APPROVED
        assert meeting.minutes_approved_on == today
        assert meeting.minutes_approval == MinutesApproval.DEADLINE
        assert meeting.minutes_released
        assert minutes_versions(meeting)[0].state == MinutesState.APPROVED
    else:
        assert meeting.minutes_state == MinutesState.CIRCULATED


def test_approve_due_twice_approves_once(circulated):
    meeting, *_ = circulated
    assert approve_due(today=date(2027, 3, 20)) == [meeting]
    assert approve_due(today=date(2027, 3, 21)) == []
    assert meeting.minutes_versions.count() == 3


def test_objection_period_boundaries(circulated):
    meeting, item, other = circulated
    dieter = make_person("Dieter", "Zwo")
    assert objection_open(meeting, today=date(2027, 3, 19))
    assert not objection_open(meeting, today=date(2027, 3, 20))
    objection = minutes_object(
        meeting=meeting, person=dieter, text="Falsch", agenda_item=item, today=date(2027, 3, 19)
    )
    assert objection.agenda_item == item
    with pytest.raises(ValidationError, match="solange"):
        minutes_object(meeting=meeting, person=dieter, text="Zu spät", today=date(2027, 3, 20))
    with pytest.raises(ValidationError):
        minutes_object(meeting=meeting, person=dieter, text="", today=date(2027, 3, 19))


def test_no_objection_to_a_draft(held):
    meeting, item, other = held
    with pytest.raises(ValidationError):
        minutes_object(
            meeting=meeting, person=make_person("A", "B"), text="x", today=date(2027, 3, 4)
        )


def test_open_objection_sends_the_minutes_to_the_next_meeting(circulated, small_city):
    meeting, item, other = circulated
    later = make_meeting(small_city.network, when=aware(2027, 5, 5))
    agenda_item_add(meeting=later, title="Erster Punkt")
    nxt = make_meeting(small_city.network, when=aware(2027, 4, 4))
    first_item = agenda_item_add(meeting=nxt, title="Begrüßung")
    minutes_object(
        meeting=meeting, person=make_person("E", "F"), text="Falsch", today=date(2027, 3, 10)
    )
    with time_machine.travel(aware(2027, 3, 20, 6), tick=False):
        assert approve_due(today=date(2027, 3, 20)) == []
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CIRCULATED
    assert meeting.minutes_approval == MinutesApproval.NEXT_MEETING
    assert meeting.minutes_approved_in == nxt
    titles = list(nxt.agenda_items.order_by("position").values_list("position", "title"))
    assert titles == [(1, "Genehmigung des Protokolls vom 03.03.2027"), (2, "Begrüßung")]
    first_item.refresh_from_db()
    assert first_item.position == 2
    assert minutes_awaiting_approval_in(nxt) == [meeting]
    # Not by deadline any more, and a second referral adds nothing twice.
    assert approve_due(today=date(2027, 3, 25)) == []
    with time_machine.travel(aware(2027, 3, 21), tick=False):
        minutes_refer_to_next_meeting(meeting=meeting)
    assert nxt.agenda_items.count() == 2
    # Approval in that meeting, not before it took place.
    with pytest.raises(ValidationError, match="noch nicht"):
        minutes_approve_in_meeting(meeting=meeting, today=date(2027, 4, 3))
    minutes_approve_in_meeting(meeting=meeting, today=date(2027, 4, 4))
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.APPROVED
    assert meeting.minutes_approval == MinutesApproval.NEXT_MEETING
    assert meeting.minutes_approved_in == nxt
    assert meeting.minutes_approved_on == date(2027, 4, 4)
    assert not meeting.objections.filter(resolved_at__isnull=True).exists()


def test_resolved_objection_lets_the_deadline_approve(circulated):
    meeting, item, other = circulated
    objection = minutes_object(
        meeting=meeting, person=make_person("E", "F"), text="Falsch", today=date(2027, 3, 10)
    )
    with pytest.raises(ValidationError):
        minutes_objection_resolve(objection=objection, resolution=" ")
    minutes_objection_resolve(objection=objection, resolution="Korrigiert")
    with pytest.raises(ValidationError):
        minutes_objection_resolve(objection=objection, resolution="nochmal")
    assert approve_due(today=date(2027, 3, 20)) == [meeting]


def test_objection_without_next_meeting_waits(circulated):
    meeting, item, other = circulated
    minutes_object(
        meeting=meeting, person=make_person("E", "F"), text="Falsch", today=date(2027, 3, 10)
    )
    with time_machine.travel(aware(2027, 3, 20, 6), tick=False):
        assert approve_due(today=date(2027, 3, 20)) == []
        with pytest.raises(ValidationError, match="keine nächste Sitzung"):
            minutes_refer_to_next_meeting(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CIRCULATED
    assert meeting.minutes_approval == ""


def test_secretary_may_choose_the_next_meeting_without_objection(circulated, small_city):
    meeting, *_ = circulated
    nxt = make_meeting(small_city.network, when=aware(2027, 4, 4))
    with time_machine.travel(aware(2027, 3, 6), tick=False):
        item = minutes_refer_to_next_meeting(meeting=meeting)
    assert item.meeting == nxt and item.position == 1
    assert next_meeting_of(meeting, now=aware(2027, 3, 6)) == nxt
    assert approve_due(today=date(2027, 3, 25)) == []


def test_cannot_refer_a_draft(held):
    meeting, *_ = held
    with pytest.raises(ValidationError):
        minutes_refer_to_next_meeting(meeting=meeting)
    with pytest.raises(ValidationError):
        minutes_approve_in_meeting(meeting=meeting, today=date(2027, 4, 4))


def test_approved_minutes_cannot_be_edited(circulated):
    meeting, item, other = circulated
    approve_due(today=date(2027, 3, 20))
    meeting.refresh_from_db()
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="genehmigt"):
        minutes_record(meeting=meeting, entries=[MinutesEntry(item=item, minutes="Neu")])
    item.refresh_from_db()
    assert item.minutes == "Die Bänke kommen."
    # saving unchanged text (e.g. only marking held) is fine
    minutes_record(
        meeting=meeting, entries=[MinutesEntry(item=item, minutes=item.minutes, result=item.result)]
    )


def test_editing_while_circulated_keeps_a_version(circulated):
    meeting, item, other = circulated
    version = _write(meeting, item, text="Korrigiert")
    assert version.note == "Geändert während der Einspruchsfrist"
    assert version.state == MinutesState.CIRCULATED


def test_search_sees_minutes_only_once_approved(circulated):
    meeting, item, other = circulated
    assert not AgendaItem.objects.search("Bänke kommen").exists()
    assert AgendaItem.objects.search("Sitzbänke").exists()
    approve_due(today=date(2027, 3, 20))
    assert list(AgendaItem.objects.search("Bänke kommen")) == [item]
    assert list(AgendaItem.objects.search("beschlossen")) == [item]


def test_a_cancelled_next_meeting_lets_the_secretary_refer_again(circulated, small_city):
    from quartier.bodies.services import meeting_cancel
    from quartier.cycle.minutes import referred_to_next_meeting

    meeting, *_ = circulated
    first = make_meeting(small_city.network, when=aware(2027, 4, 4))
    second = make_meeting(small_city.network, when=aware(2027, 5, 5))
    with time_machine.travel(aware(2027, 3, 6), tick=False):
        minutes_refer_to_next_meeting(meeting=meeting)
        meeting.refresh_from_db()
        assert referred_to_next_meeting(meeting)
        meeting_cancel(meeting=first, reason="Raum fehlt")
        meeting.refresh_from_db()
        assert not referred_to_next_meeting(meeting)
        with pytest.raises(ValidationError):
            minutes_approve_in_meeting(meeting=meeting, today=date(2027, 4, 4))
        item = minutes_refer_to_next_meeting(meeting=meeting)
    assert item.meeting == second and item.position == 1
