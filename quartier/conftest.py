"""Shared fixtures: a small city and the named personas, one per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from quartier.actors.services import affiliation_add
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import Body
from quartier.bodies.services import body_change, seat_create
from quartier.bodies.tests.factories import make_body
from quartier.core.models import User
from quartier.places.models import Area, CoordinatorAssignment
from quartier.places.tests.factories import make_city, make_district, make_quarter


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Test users need a password hash, not a strong one; PBKDF2 would cost seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class SmallCity:
    city: Area
    district: Area
    other_district: Area
    quarter: Area
    network: Body
    other_network: Body
    circle: Body


@pytest.fixture
def small_city(db) -> SmallCity:
    city = make_city()
    district = make_district(city, "Südstadt-Bult", "7")
    other = make_district(city, "Nord", "13")
    quarter = make_quarter(
        district, "Südstadt", is_model_quarter=True, model_since=date(2013, 10, 1)
    )
    network = make_body(district, "Stadtbezirkliches Netzwerk Südstadt-Bult", cadence_per_year=4)
    other_network = make_body(other, "Stadtbezirkliches Netzwerk Nord", cadence_per_year=4)
    circle = make_body(
        quarter,
        "Koordinierungskreis Südstadt",
        kind="coordination_circle",
        level="quarter",
        founded_on=date(2013, 10, 1),
        reports_to=network,
    )
    return SmallCity(city, district, other, quarter, network, other_network, circle)


@dataclass
class Personas:
    administrator: User
    coordinator: User
    secretary: User
    member: User
    contact: User
    citizen: User
    anonymous: Any

    def all(self) -> dict[str, Any]:
        return {
            "administrator": self.administrator,
            "coordinator": self.coordinator,
            "secretary": self.secretary,
            "member": self.member,
            "contact": self.contact,
            "citizen": self.citizen,
            "anonymous": self.anonymous,
        }


def _user(username: str, **fields: Any) -> User:
    return User.objects.create_user(username=username, password="geheim-genug-123", **fields)


@pytest.fixture
def personas(small_city: SmallCity) -> Personas:
    """Alice runs the department, Berta coordinates Südstadt's district, Carla is the
    secretary of its network, Dieter holds a seat there, Emil answers for a department,
    Frieda is a citizen; and an anonymous visitor."""
    admin = _user("alice", is_superuser=True, is_staff=True)
    coordinator = _user("berta")
    CoordinatorAssignment.objects.create(
        user=coordinator, area=small_city.district, starts_on=date(2013, 10, 1)
    )
    secretary = _user("carla")
    carla = make_person("Carla", "Schreiber", user=secretary)
    body_change(body=small_city.network, on=date(2012, 1, 1), secretary=carla)
    member = _user("dieter")
    dieter = make_person("Dieter", "Sitz", user=member)
    seat_create(
        body=small_city.network,
        organisation=make_organisation("Seniorenbeirat", kind="advisory_council"),
        starts_on=date(2014, 1, 1),
        holder=dieter,
    )
    contact = _user("emil")
    emil = make_person("Emil", "Fach", user=contact)
    affiliation_add(
        person=emil,
        organisation=make_organisation("Fachbereich Tiefbau", kind="city_department"),
        function="Sachbearbeitung",
        is_contact=True,
    )
    citizen = _user("frieda")
    return Personas(admin, coordinator, secretary, member, contact, citizen, AnonymousUser())


@dataclass
class World:
    """The small city with people, seats and meetings, for page and matrix tests."""

    city: SmallCity
    personas: Personas
    organisation: Any
    consenting: Any
    hidden_person: Any
    seat: Any
    public_meeting: Any
    private_meeting: Any
    past_meeting: Any
    public_item: Any
    private_item: Any


@pytest.fixture
def world(small_city: SmallCity, personas: Personas) -> World:
    from quartier.actors.services import consent_give
    from quartier.bodies.models import MeetingState
    from quartier.bodies.services import agenda_item_add, attendance_record, meeting_create
    from quartier.bodies.tests.factories import aware
    from quartier.topics.models import Topic

    organisation = make_organisation(
        "Diakoniestation Südstadt", kind="outpatient_care", based_in=small_city.quarter
    )
    consenting = make_person("Petra", "Öffentlich", email="petra@example.org", phone="0511 123")
    consent_give(person=consenting, given_on=date(2013, 1, 1), allow=("name", "function", "email"))
    affiliation_add(person=consenting, organisation=organisation, function="Pflegedienstleitung")
    hidden_person = make_person("Hans", "Heimlich", email="hans@example.org")
    seat = seat_create(
        body=small_city.network,
        organisation=organisation,
        starts_on=date(2014, 1, 1),
        holder=consenting,
    )
    housing = Topic.objects.get(slug="wohnen")
    public_meeting = meeting_create(
        bodies=[small_city.network],
        starts_at=aware(2099, 3, 3),
        location_text="Stadtteilhaus Südstadt",
    )
    public_item = agenda_item_add(
        meeting=public_meeting, title="Wohnen im Quartier", topics=[housing]
    )
    private_item = agenda_item_add(
        meeting=public_meeting, title="Interne Abstimmung", is_public=False
    )
    private_meeting = meeting_create(
        bodies=[small_city.network], starts_at=aware(2099, 4, 4), is_public=False
    )
    agenda_item_add(meeting=private_meeting, title="Nur für Mitglieder")
    past_meeting = meeting_create(
        bodies=[small_city.network], starts_at=aware(2016, 5, 4), state=MeetingState.HELD
    )
    held = agenda_item_add(
        meeting=past_meeting, title="Barrierefreie Haltestellen", topics=[housing]
    )
    held.minutes = "Die Üstra prüft die Haltestelle Sallstraße."
    held.result = "Bericht in der nächsten Sitzung."
    held.save()
    attendance_record(meeting=past_meeting, person=consenting, seat=seat)
    attendance_record(meeting=past_meeting, person=hidden_person)
    return World(
        small_city,
        personas,
        organisation,
        consenting,
        hidden_person,
        seat,
        public_meeting,
        private_meeting,
        past_meeting,
        public_item,
        private_item,
    )
