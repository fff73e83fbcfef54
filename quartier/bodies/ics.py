"""iCalendar for meetings: one VEVENT with a stable UID, SEQUENCE and Europe/Berlin."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from quartier.bodies.models import AgendaItem, Meeting, MeetingState
from quartier.bodies.selectors import meeting_display_title

PRODID = "-//Quartier//Sitzungen//DE"
TZID = "Europe/Berlin"


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
    *, meeting: Meeting, agenda: Iterable[AgendaItem] = (), method: str = "PUBLISH"
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
    return event


def meeting_calendar(
    *, meeting: Meeting, agenda: Iterable[AgendaItem] = (), method: str = "PUBLISH"
) -> bytes:
    """A whole VCALENDAR for one meeting, with the VTIMEZONE it refers to."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(berlin_vtimezone())
    calendar.add_component(meeting_event(meeting=meeting, agenda=agenda, method=method))
    return calendar.to_ical()
