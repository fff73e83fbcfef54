"""The meeting cycle's prepared reads: a read kept from one call gives the right rows for
the next call's values (another meeting, seat, person, day or word)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from quartier.actors.tests.factories import make_person
from quartier.bodies.models import Meeting, MinutesState, Seat
from quartier.bodies.services import agenda_item_add, seat_create
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.agreements import AgreementFilter, agreement_add, agreements_of_body
from quartier.cycle.discussed import discussed_elsewhere
from quartier.cycle.models import ReplyAnswer
from quartier.cycle.replies import meeting_day, reply_of, reply_seats, reply_set

pytestmark = pytest.mark.django_db

NOW = aware(2027, 3, 5, 10)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def two_meetings(world):
    """A coming meeting of the network and one of the other network, whose only seat
    another person holds."""
    city = world.city
    other_holder = make_person("Otto", "Anders")
    other_seat = seat_create(
        body=city.other_network,
        organisation=world.organisation,
        starts_on=date(2014, 1, 1),
        holder=other_holder,
    )
    network = make_meeting(city.network, when=NOW + timedelta(days=10))
    other = make_meeting(city.other_network, when=NOW + timedelta(days=12))
    return network, other, other_seat, other_holder


def _seat_ids(meeting: Meeting, **kwargs) -> list[int]:
    return [
        state.seat.pk for state in reply_seats(meeting=meeting, day=meeting_day(meeting), **kwargs)
    ]


def test_reply_seats_follow_each_call(world, two_meetings):
    network, other, other_seat, other_holder = two_meetings
    network_seats = list(Seat.objects.filter(body=world.city.network).values_list("pk", flat=True))
    assert sorted(_seat_ids(network)) == sorted(network_seats)
    assert _seat_ids(other) == [other_seat.pk]
    # Her own seat, for each meeting and person in turn.
    assert _seat_ids(network, held_by=world.consenting) == [world.seat.pk]
    assert _seat_ids(other, held_by=world.consenting) == []
    assert _seat_ids(other, held_by=other_holder) == [other_seat.pk]
    # One seat: only among the meeting's own.
    assert _seat_ids(network, seat_pk=world.seat.pk) == [world.seat.pk]
    assert _seat_ids(other, seat_pk=world.seat.pk) == []
    [state] = reply_seats(meeting=other, day=meeting_day(other), seat_pk=other_seat.pk)
    assert state.holder is not None and state.holder.full_name == "Otto Anders"
    assert state.holder_ids == {other_holder.pk}


def test_reply_of_one_seat_and_meeting(world, two_meetings):
    network, other, other_seat, _holder = two_meetings
    assert reply_of(meeting=network, seat=world.seat) is None
    reply_set(meeting=network, seat=world.seat, answer=ReplyAnswer.YES)
    reply_set(meeting=other, seat=other_seat, answer=ReplyAnswer.NO)
    answers = [reply_of(meeting=network, seat=world.seat), reply_of(meeting=other, seat=other_seat)]
    assert [reply.answer if reply else None for reply in answers] == [
        ReplyAnswer.YES,
        ReplyAnswer.NO,
    ]
    assert reply_of(meeting=other, seat=world.seat) is None


def test_overdue_agreements_by_the_day_asked(world):
    item = agenda_item_add(
        meeting=make_meeting(world.city.network, when=NOW - timedelta(days=30)), title="Bänke"
    )
    early = agreement_add(
        agenda_item=item, text="Früh", responsible_text="A", due_on=date(2027, 2, 1)
    )
    late = agreement_add(
        agenda_item=item, text="Spät", responsible_text="B", due_on=date(2027, 4, 1)
    )
    network = world.city.network

    def overdue_on(day: date) -> list:
        rows = agreements_of_body(body=network, today=day, state=AgreementFilter.OVERDUE)
        return [row.agreement for row in rows]

    assert overdue_on(date(2027, 1, 1)) == []
    assert overdue_on(date(2027, 3, 1)) == [early]
    assert overdue_on(date(2027, 5, 1)) == [early, late]
    assert agreements_of_body(body=world.city.other_network, today=date(2027, 5, 1)) == []


def test_discussed_with_other_words_of_the_same_count(world):
    city = world.city
    own = make_meeting(city.network, when=NOW + timedelta(days=14))
    held = make_meeting(city.other_network, when=NOW - timedelta(weeks=2))
    Meeting.objects.filter(pk=held.pk).update(minutes_state=MinutesState.APPROVED)
    benches = agenda_item_add(meeting=held, title="Sitzbänke am Markt")
    lights = agenda_item_add(meeting=held, title="Straßenlaternen am Markt")
    admin = world.personas.administrator
    found = {
        title: [hit.item for hit in discussed_elsewhere(meeting=own, user=admin, title=title)]
        for title in ("Sitzbänke", "Straßenlaternen", "Spielplatz")
    }
    assert found == {"Sitzbänke": [benches], "Straßenlaternen": [lights], "Spielplatz": []}
