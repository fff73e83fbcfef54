"""iCalendar for one meeting: parsed back, stable UID, rising SEQUENCE, Europe/Berlin."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from quartier.bodies.ics import meeting_calendar, meeting_uid
from quartier.bodies.services import agenda_item_add, meeting_cancel, meeting_update
from quartier.bodies.tests.factories import aware, make_meeting

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_calendar_has_uid_dtstamp_timezone_and_local_times(small_city):
    meeting = make_meeting(
        small_city.network, when=aware(2027, 7, 14, 14, 30), location_text="Stadtteilhaus"
    )
    agenda_item_add(meeting=meeting, title="Barrierefreie Haltestellen")
    calendar, event = parse(meeting_calendar(meeting=meeting, agenda=meeting.agenda_items.all()))
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert {c.name for c in zone.subcomponents} == {"DAYLIGHT", "STANDARD"}
    assert str(event["UID"]) == meeting_uid(meeting)
    assert "DTSTAMP" in event
    start = event.decoded("DTSTART")
    assert start == datetime(2027, 7, 14, 14, 30, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["LOCATION"]) == "Stadtteilhaus"
    assert "TOP 1: Barrierefreie Haltestellen" in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == small_city.network.name


def test_update_keeps_uid_and_raises_sequence_cancel_sets_status(small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 1, 20))
    _, first = parse(meeting_calendar(meeting=meeting))
    meeting_update(meeting=meeting, starts_at=aware(2027, 1, 21), ends_at=aware(2027, 1, 21, 16))
    _, moved = parse(meeting_calendar(meeting=meeting))
    meeting_cancel(meeting=meeting, reason="Raum nicht verfügbar")
    _, cancelled = parse(meeting_calendar(meeting=meeting))
    assert first["UID"] == moved["UID"] == cancelled["UID"]
    assert [int(e["SEQUENCE"]) for e in (first, moved, cancelled)] == [0, 1, 2]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(moved["STATUS"]) == "CONFIRMED"


def test_winter_meeting_is_in_cet(small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 12, 1, 10))
    _, event = parse(meeting_calendar(meeting=meeting))
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 3600


def test_download_view_answers_ics_for_public_and_404_for_hidden(client, small_city):
    public = make_meeting(small_city.network, when=aware(2027, 5, 5))
    hidden = make_meeting(small_city.network, when=aware(2027, 5, 6), is_public=False)
    response = client.get(reverse("bodies:meeting-ics", args=[public.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    parse(response.content)
    assert client.get(reverse("bodies:meeting-ics", args=[hidden.pk])).status_code == 404
    assert client.post(reverse("bodies:meeting-ics", args=[public.pk])).status_code == 405


def test_download_shows_private_items_only_to_insiders(client, personas, small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 5, 5))
    agenda_item_add(meeting=meeting, title="Öffentlicher Punkt")
    agenda_item_add(meeting=meeting, title="Personalsache", is_public=False)
    url = reverse("bodies:meeting-ics", args=[meeting.pk])
    _, public_event = parse(client.get(url).content)
    assert "Personalsache" not in str(public_event["DESCRIPTION"])
    client.force_login(personas.member)
    _, member_event = parse(client.get(url).content)
    assert "Personalsache" in str(member_event["DESCRIPTION"])


def test_request_and_cancel_carry_organizer_and_attendees(small_city):
    from quartier.bodies.ics import CalendarPerson

    meeting = make_meeting(small_city.network, when=aware(2027, 6, 2))
    organizer = CalendarPerson(name="Sabine Sekretär", email="sabine@stadt.example")
    member = CalendarPerson(name="Anna Arndt", email="anna@example.org")
    deputy = CalendarPerson(name="Dora Dorn", email="dora@example.org", required=False)
    calendar, event = parse(
        meeting_calendar(
            meeting=meeting, method="REQUEST", organizer=organizer, attendees=[member, deputy]
        )
    )
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:sabine@stadt.example"
    first, second = event["ATTENDEE"]
    assert (first.params["ROLE"], first.params["RSVP"]) == ("REQ-PARTICIPANT", "TRUE")
    assert (second.params["ROLE"], second.params["RSVP"]) == ("NON-PARTICIPANT", "FALSE")
    assert str(event["TRANSP"]) == "OPAQUE"
    calendar, event = parse(
        meeting_calendar(meeting=meeting, method="CANCEL", organizer=organizer, attendees=[member])
    )
    assert calendar["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    with pytest.raises(ValueError):
        meeting_calendar(meeting=meeting, method="REQUEST")
