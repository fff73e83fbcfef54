"""iCalendar for meetings: one VEVENT with a stable UID, SEQUENCE and Europe/Berlin."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

from quartier.bodies.models import AgendaItem, Meeting, MeetingState
from quartier.bodies.selectors import meeting_display_title

PRODID = "-//Quartier//Sitzungen//DE"
TZID = "Europe/Berlin"


@dataclass(frozen=True)
class CalendarPerson:
    """An ORGANIZER or ATTENDEE: a name and an e-mail address. `required` attendees are
    asked to answer (ROLE=REQ-PARTICIPANT, RSVP=TRUE); others get a copy for information."""

    name: str
    email: str
    required: bool = True


def _address(person: CalendarPerson) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(person.name or person.email)
    return address


def _attendee(person: CalendarPerson) -> vCalAddress:
    address = _address(person)
    address.params["cutype"] = vText("INDIVIDUAL")
    address.params["role"] = vText("REQ-PARTICIPANT" if person.required else "NON-PARTICIPANT")
    address.params["partstat"] = vText("NEEDS-ACTION")
    address.params["rsvp"] = vText("TRUE" if person.required else "FALSE")
    return address


def berlin_vtimezone() -> Timezone:
    """Europe/Berlin by the EU rule in force since 1996, as Outlook writes it itself."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def meeting_uid(meeting: Meeting) -> str:
    """Stable across every update, so calendars replace the event instead of adding one."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "quartier"
    return f"meeting-{meeting.pk}@{host}"


def meeting_event(
    *,
    meeting: Meeting,
    agenda: Iterable[AgendaItem] = (),
    method: str = "PUBLISH",
    organizer: CalendarPerson | None = None,
    attendees: Sequence[CalendarPerson] = (),
) -> Event:
    tz = ZoneInfo(TZID)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at, tz))
    event.add("dtend", timezone.localtime(meeting.ends_at, tz))
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting_display_title(meeting))
    if meeting.place:
        event.add("location", meeting.place)
    lines = [f"TOP {item.position}: {item.title}" for item in agenda]
    if lines:
        event.add("description", "Tagesordnung:\n" + "\n".join(lines))
    event.add(
        "url", settings.SITE_URL.rstrip("/") + reverse("bodies:meeting-ics", args=[meeting.pk])
    )
    cancelled = meeting.state == MeetingState.CANCELLED or method == "CANCEL"
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer is not None:
        event.add("organizer", _address(organizer), encode=False)
    for attendee in attendees:
        event.add("attendee", _attendee(attendee), encode=False)
    if method in ("REQUEST", "CANCEL"):
        # Outlook shows the meeting as busy time and keeps a cancelled one as free.
        event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        event.add("x-microsoft-cdo-busystatus", "FREE" if cancelled else "BUSY")
    return event


def meeting_calendar(
    *,
    meeting: Meeting,
    agenda: Iterable[AgendaItem] = (),
    method: str = "PUBLISH",
    organizer: CalendarPerson | None = None,
    attendees: Sequence[CalendarPerson] = (),
) -> bytes:
    """A whole VCALENDAR for one meeting, with the VTIMEZONE it refers to. With
    method REQUEST or CANCEL (an invitation, its update or its cancellation by e-mail),
    give the ORGANIZER and the ATTENDEEs: Outlook and Thunderbird need both."""
    if method in ("REQUEST", "CANCEL") and (organizer is None or not attendees):
        raise ValueError("an iTIP message needs an organizer and at least one attendee")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(berlin_vtimezone())
    calendar.add_component(
        meeting_event(
            meeting=meeting,
            agenda=agenda,
            method=method,
            organizer=organizer,
            attendees=attendees,
        )
    )
    return calendar.to_ical()
