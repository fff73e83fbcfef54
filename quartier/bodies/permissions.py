"""Who may see and change bodies, seats and meetings. Plain predicates, one per question."""

from __future__ import annotations

from typing import Any

from quartier.actors.selectors import person_of_user
from quartier.bodies.models import AgendaItem, Attendance, Body, Meeting
from quartier.bodies.selectors import body_version_on, person_body_ids
from quartier.core.dates import today
from quartier.core.permissions import is_administrator, is_authenticated
from quartier.places.permissions import coordinates_area


def _member_body_ids(user: Any) -> set[int]:
    cached = getattr(user, "_member_body_ids", None)
    if cached is None:
        person = person_of_user(user)
        cached = person_body_ids(person=person) if person else set()
        if is_authenticated(user):
            user._member_body_ids = cached
    return cached


def is_member(user: Any, body: Body) -> bool:
    """Holds or is named deputy of a seat of `body` today."""
    return body.pk in _member_body_ids(user)


def is_secretary(user: Any, body: Body) -> bool:
    """Runs `body` (Geschäftsführung) today."""
    person = person_of_user(user)
    if person is None:
        return False
    version = body_version_on(body=body, on=today())
    return version is not None and version.secretary_id == person.pk


def coordinates_body(user: Any, body: Body) -> bool:
    return coordinates_area(user, body.area)


def can_view_body(user: Any, body: Body) -> bool:
    if body.is_public:
        return True
    return (
        is_administrator(user)
        or coordinates_body(user, body)
        or is_secretary(user, body)
        or is_member(user, body)
    )


def can_edit_body(user: Any, body: Body) -> bool:
    """Name, cadence, reporting line, secretary: the department and the area's coordinator."""
    return is_administrator(user) or coordinates_body(user, body)


def can_edit_seats(user: Any, body: Body) -> bool:
    return can_edit_body(user, body) or is_secretary(user, body)


def is_insider(user: Any, meeting: Meeting) -> bool:
    """Sees a meeting's non-public parts: the department, coordinators and secretaries of
    its bodies, their members, and whoever attended it."""
    if not is_authenticated(user):
        return False
    if is_administrator(user):
        return True
    bodies = list(meeting.bodies.all())
    if any(
        coordinates_body(user, body) or is_secretary(user, body) or is_member(user, body)
        for body in bodies
    ):
        return True
    person = person_of_user(user)
    return person is not None and Attendance.objects.filter(meeting=meeting, person=person).exists()


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    bodies = list(meeting.bodies.all())
    if meeting.is_public and any(body.is_public for body in bodies):
        return True
    return is_insider(user, meeting)


def can_edit_meeting(user: Any, meeting: Meeting) -> bool:
    """The department, the coordinator of the area, the secretary of any of its bodies."""
    if is_administrator(user):
        return True
    return any(
        coordinates_body(user, body) or is_secretary(user, body) for body in meeting.bodies.all()
    )


def can_view_agenda_item(user: Any, item: AgendaItem) -> bool:
    if not can_view_meeting(user, item.meeting):
        return False
    return item.is_public and item.meeting.is_public or is_insider(user, item.meeting)


def can_propose_item(user: Any, body: Body) -> bool:
    return is_member(user, body) or is_secretary(user, body) or can_edit_body(user, body)
