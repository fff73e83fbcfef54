"""Which URL every role visits in the browser gate: each named HTML route, at its first and
its last instance in the demo city that the role may open.

Run as a script against the gate's database (`python -m browser_tests.routes`), it prints
JSON: {"missing": [...], "visits": {role: [[name, url], ...]}}. A named route that has no
entry here is reported as missing, and the gate fails.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django

ROLES = {
    "anonymous": None,
    "administrator": "admin",
    "coordinator": "koordination",
    "secretary": "geschaeftsfuehrung",
    "member": "mitglied",
    "contact": "fachbereich",
    "citizen": "buerger",
}


@dataclass
class Page:
    """A named HTML route. `objects(user)` yields what it may be opened for (None: no args);
    `allowed(user)` says whether the role may open it at all."""

    objects: Callable[[Any], Any] | None = None
    allowed: Callable[[Any], bool] = lambda user: True
    arg: Callable[[Any], Any] = lambda obj: obj.pk


@dataclass
class NotHtml:
    reason: str


def _registry() -> dict[str, Page | NotHtml]:
    from quartier.actors.models import Organisation, Person
    from quartier.actors.permissions import can_edit_organisation, can_edit_person
    from quartier.bodies.models import AgendaItem, Body, Meeting, Seat
    from quartier.bodies.permissions import (
        bodies_visible_to,
        can_edit_body,
        can_edit_seats,
        meetings_visible_to,
    )
    from quartier.core.permissions import is_administrator, is_authenticated
    from quartier.places.models import Area
    from quartier.places.permissions import is_coordinator

    def logged_in(user: Any) -> bool:
        return is_authenticated(user)

    def staff(user: Any) -> bool:
        return is_administrator(user) or is_coordinator(user)

    def editable_bodies(user: Any) -> Any:
        ids = [body.pk for body in Body.objects.all() if can_edit_body(user, body)]
        return Body.objects.filter(pk__in=ids)

    def seat_bodies(user: Any) -> Any:
        ids = [body.pk for body in Body.objects.all() if can_edit_seats(user, body)]
        return Body.objects.filter(pk__in=ids)

    def editable_meetings(user: Any) -> Any:
        from quartier.bodies.permissions import can_edit_meeting

        ids = [
            m.pk
            for m in Meeting.objects.filter(bodies__in=seat_bodies(user)).distinct()
            if can_edit_meeting(user, m)
        ]
        return Meeting.objects.filter(pk__in=ids)

    def editable_seats(user: Any) -> Any:
        return Seat.objects.filter(body__in=seat_bodies(user), ends_on__isnull=True)

    def cancellable_meetings(user: Any) -> Any:
        return editable_meetings(user).exclude(state__in=["held", "cancelled"])

    def editable_items(user: Any) -> Any:
        return AgendaItem.objects.filter(meeting__in=editable_meetings(user))

    def public_people(user: Any) -> Any:
        from quartier.actors.permissions import can_see_person_details

        if can_see_person_details(user, Person()):
            return Person.objects.all()
        return Person.objects.publishing("name")

    helpers = {
        "Page": Page,
        "NotHtml": NotHtml,
        "logged_in": logged_in,
        "staff": staff,
        "editable_bodies": editable_bodies,
        "editable_meetings": editable_meetings,
        "editable_items": editable_items,
    }
    from browser_tests import routes_invite, routes_minutes, routes_replies

    extra = {
        **routes_invite.registry(helpers),
        **routes_replies.registry(helpers),
        **routes_minutes.registry(helpers),
    }
    return extra | {
        "home": Page(),
        "core:login": Page(allowed=lambda user: not is_authenticated(user)),
        "core:logout": NotHtml("POST only: ends the session"),
        "places:area-detail": Page(objects=lambda user: Area.objects.all()),
        "bodies:body-list": Page(),
        "bodies:body-detail": Page(objects=bodies_visible_to),
        "bodies:meeting-detail": Page(objects=meetings_visible_to),
        "bodies:meeting-ics": NotHtml("iCalendar file"),
        "bodies:document-download": NotHtml("file download"),
        "bodies:calendar": Page(),
        "bodies:structure": Page(),
        "bodies:search": Page(),
        "bodies:mine": Page(allowed=logged_in),
        "actors:organisation-list": Page(),
        "actors:organisation-detail": Page(objects=lambda user: Organisation.objects.all()),
        "actors:person-detail": Page(objects=public_people),
        "actors:person-photo": NotHtml("image file"),
        "actors:organisation-create": Page(allowed=staff),
        "actors:organisation-edit": Page(
            objects=lambda user: Organisation.objects.filter(
                pk__in=[o.pk for o in Organisation.objects.all() if can_edit_organisation(user, o)]
            ),
            allowed=staff,
        ),
        "actors:person-create": Page(allowed=staff),
        "actors:person-edit": Page(
            objects=lambda user: (
                Person.objects.all()
                if staff(user)
                else Person.objects.filter(
                    pk__in=[
                        p.pk for p in Person.objects.filter(user=user) if can_edit_person(user, p)
                    ]
                )
            ),
            allowed=logged_in,
        ),
        "actors:consent-give": Page(
            objects=lambda user: Person.objects.all() if staff(user) else Person.objects.none(),
            allowed=staff,
        ),
        "actors:consent-withdraw": NotHtml("POST only: withdraws a consent"),
        "bodies:body-create": Page(allowed=staff),
        "bodies:body-edit": Page(objects=editable_bodies, allowed=logged_in),
        "bodies:seat-create": Page(objects=seat_bodies, allowed=logged_in),
        "bodies:meeting-create": Page(objects=seat_bodies, allowed=logged_in),
        "bodies:seat-holder": Page(objects=editable_seats, allowed=logged_in),
        "bodies:seat-end": Page(objects=editable_seats, allowed=logged_in),
        "bodies:meeting-edit": Page(objects=editable_meetings, allowed=logged_in),
        "bodies:meeting-cancel": Page(objects=cancellable_meetings, allowed=logged_in),
        "bodies:meeting-agenda": Page(objects=editable_meetings, allowed=logged_in),
        "bodies:meeting-attendance": Page(objects=editable_meetings, allowed=logged_in),
        "bodies:meeting-minutes": Page(objects=editable_meetings, allowed=logged_in),
        "bodies:document-upload": Page(objects=editable_meetings, allowed=logged_in),
        "bodies:agenda-item-edit": Page(objects=editable_items, allowed=logged_in),
        "bodies:agenda-item-delete": Page(objects=editable_items, allowed=logged_in),
        "bodies:agenda-item-move": NotHtml("POST only: moves an agenda item"),
    }


def visits() -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser
    from django.urls import reverse

    from quartier.core.models import User
    from quartier.core.tests.matrix import url_names

    registry = _registry()
    names = url_names()
    missing = sorted(name for name in names if name not in registry)
    result: dict[str, list[list[str]]] = {}
    for role, username in ROLES.items():
        user: Any = AnonymousUser() if username is None else User.objects.get(username=username)
        rows: list[list[str]] = []
        for name in sorted(names):
            spec = registry.get(name)
            if not isinstance(spec, Page) or not spec.allowed(user):
                continue
            if spec.objects is None:
                rows.append([name, reverse(name)])
                continue
            queryset = spec.objects(user).order_by("pk")
            first, last = queryset.first(), queryset.last()
            for obj in dict.fromkeys(o for o in (first, last) if o is not None):
                rows.append([name, reverse(name, args=[spec.arg(obj)])])
        result[role] = rows
    return {"missing": missing, "visits": result}


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    django.setup()
    json.dump(visits(), sys.stdout)
