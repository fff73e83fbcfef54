"""A network with seat holders who reach us by e-mail, by letter or not at all, and a
meeting on Wed, 17.03.2027 (invitation due 14 days before: Wed, 03.03.2027)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.services import (
    agenda_item_add,
    body_change,
    meeting_create,
    seat_create,
    seat_deputy_add,
)
from quartier.bodies.tests.factories import aware

BERLIN = ZoneInfo("Europe/Berlin")
DUE = date(2027, 3, 3)


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


@dataclass
class Cycle:
    network: Any
    other: Any
    secretary: Any
    anna: Any  # two seats in the network and one in the other network: one mail
    bernd: Any
    dora: Any  # Bernd's named deputy: a copy for information
    clara: Any  # no e-mail, a postal address: a letter
    emil: Any  # neither: nobody can reach him
    meeting: Any
    seats: dict


@pytest.fixture
def cycle(small_city) -> Cycle:
    network, other = small_city.network, small_city.other_network
    secretary = make_person(
        "Sabine",
        "Sekretär",
        email="sabine@stadt.example",
        phone="0511 168-0",
        postal_address="Fachbereich Senioren\nIhmeplatz 5\n30449 Hannover",
    )
    start = date(2014, 1, 1)
    body_change(body=network, on=date(2012, 1, 1), secretary=secretary)
    anna = make_person("Anna", "Arndt", email="anna@example.org")
    bernd = make_person("Bernd", "Brand", email="bernd@example.org")
    dora = make_person("Dora", "Dorn", email="dora@example.org")
    clara = make_person(
        "Clara", "Cordes", postal_address="Clara Cordes\nSallstraße 12\n30171 Hannover"
    )
    emil = make_person("Emil", "Ohneadresse")
    seats = {
        "anna1": seat_create(
            body=network,
            starts_on=start,
            holder=anna,
            organisation=make_organisation("Seniorenbeirat", kind="advisory_council"),
        ),
        "anna2": seat_create(body=network, starts_on=start, holder=anna, label="Kirchengemeinde"),
        "anna3": seat_create(body=other, starts_on=start, holder=anna, label="Beirat Nord"),
        "bernd": seat_create(body=network, starts_on=start, holder=bernd, label="Diakonie"),
        "clara": seat_create(body=network, starts_on=start, holder=clara, label="Nachbarschaft"),
        "emil": seat_create(body=network, starts_on=start, holder=emil, label="Ehrenamt"),
    }
    seat_deputy_add(seat=seats["bernd"], person=dora, starts_on=start)
    meeting = meeting_create(
        bodies=[network, other], starts_at=aware(2027, 3, 17, 15), location_text="Stadtteilhaus"
    )
    agenda_item_add(meeting=meeting, title="Barrierefreie Haltestellen")
    agenda_item_add(meeting=meeting, title="Personalsache", is_public=False)
    return Cycle(network, other, secretary, anna, bernd, dora, clara, emil, meeting, seats)


def calendar_of(message) -> Calendar:
    """The text/calendar alternative of an e-mail, parsed."""
    ((content, mimetype),) = [
        (content, mimetype)
        for content, mimetype in message.alternatives
        if mimetype.startswith("text/calendar")
    ]
    return Calendar.from_ical(content)


def event_of(message):
    (event,) = calendar_of(message).walk("VEVENT")
    return event


def mails_to(outbox, address: str) -> list:
    return [message for message in outbox if message.to == [address]]
