"""Who may see and change organisations and people."""

from __future__ import annotations

from typing import Any

from quartier.actors.models import Affiliation, Organisation, Person
from quartier.actors.selectors import consent_in_force, person_of_user
from quartier.core.dates import today, valid_on
from quartier.core.permissions import is_administrator
from quartier.places.permissions import coordinates_area, is_coordinator


def is_department_contact(user: Any) -> bool:
    """A contact person who receives forwarded concerns for her organisation."""
    person = person_of_user(user)
    if person is None:
        return False
    return Affiliation.objects.filter(valid_on(today()), person=person, is_contact=True).exists()


def is_self(user: Any, person: Person) -> bool:
    own = person_of_user(user)
    return own is not None and own.pk == person.pk


def can_see_person_details(user: Any, person: Person) -> bool:
    """Contact data beyond consent: the department, coordinators, and the person herself."""
    return is_administrator(user) or is_coordinator(user) or is_self(user, person)


def can_edit_person(user: Any, person: Person) -> bool:
    return is_administrator(user) or is_coordinator(user) or is_self(user, person)


def can_edit_consent(user: Any, person: Person) -> bool:
    """The person herself may withdraw; staff record consent given on paper."""
    return is_administrator(user) or is_coordinator(user) or is_self(user, person)


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    if is_administrator(user):
        return True
    return coordinates_area(user, organisation.based_in)


def is_staff_viewer(user: Any) -> bool:
    """The department and the coordinators: they see people beyond consent."""
    return is_administrator(user) or is_coordinator(user)


def can_view_person(user: Any, person: Person) -> bool:
    """A person's page exists for the public only while her consent publishes her name."""
    if can_see_person_details(user, person):
        return True
    consent = consent_in_force(person=person)
    return consent is not None and consent.allows("name")


def can_see_person_note(user: Any, person: Person) -> bool:
    """The internal note is for the department and the coordinators, not for the person."""
    return is_staff_viewer(user)


def can_create_organisation(user: Any) -> bool:
    return is_staff_viewer(user)


def can_create_person(user: Any) -> bool:
    return is_staff_viewer(user)


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    """Organisations are not persons: their page and contact data are public."""
    return True
