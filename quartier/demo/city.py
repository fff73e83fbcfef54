"""Load the demo city: Hannover from October 2013 until six months after `today`.

One fixed seed, no wall clock: the same `today` always gives the same database. Structure
(areas, organisations, people, bodies, seats) goes through the apps' services; the bulk
of the history (meetings, agenda items, attendance) is written with bulk_create.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from quartier.actors.models import (
    ConsentChannel,
    ConsentRecord,
    Organisation,
    OrganisationKind,
    Person,
)
from quartier.actors.services import (
    affiliation_add,
    consent_give,
    consent_withdraw,
    organisation_save,
    person_save,
)
from quartier.bodies.models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Body,
    Meeting,
    MeetingState,
    Seat,
    SeatHolding,
)
from quartier.bodies.services import (
    body_create,
    body_dissolve,
    seat_create,
    seat_deputy_add,
    seat_holder_set,
)
from quartier.core import text
from quartier.demo import data
from quartier.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from quartier.demo.cycle import cycle_counts, fill_cycle
from quartier.demo.minutes import minutes_fields
from quartier.demo.plan import DEMO_START, MONTH_PATTERNS, BodyPlan, body_plans
from quartier.places.models import Area, AreaLevel, CoordinatorAssignment, Location
from quartier.places.services import area_create
from quartier.programmes.models import Programme
from quartier.topics.models import Topic
from quartier.topics.vocabulary import INITIAL_TOPICS

SEED = 20131001
DEMO_SALT = "QuartierDemoHannoverOktober2013"
CITY_EXTERNAL_ID = "demo:city"
BERLIN = ZoneInfo("Europe/Berlin")
HORIZON_MONTHS = 6
INVITATION_DAYS = 14
AGENDA_AHEAD_DAYS = 60
# Fixed holidays on which no body meets (the meeting moves a week).
HOLIDAYS = {(1, 1), (5, 1), (10, 3), (10, 31), (12, 24), (12, 25), (12, 26), (12, 31)}
PANDEMIC = (date(2020, 3, 16), date(2020, 6, 30))
JOINT_SESSIONS = [("net7", "net8", date(2016, 5, 15)), ("net10", "net11", date(2019, 9, 15))]
RENTED_ROOMS_UNTIL = date(2015, 10, 1)

# How likely a seat's holder comes, by the kind of organisation (None: citizens).
ATTENDANCE_RATE: dict[str | None, float] = {
    OrganisationKind.CITY_DEPARTMENT: 0.92,
    OrganisationKind.WELFARE_ORGANISATION: 0.82,
    OrganisationKind.ADVISORY_COUNCIL: 0.85,
    OrganisationKind.MIGRANT_ORGANISATION: 0.75,
    OrganisationKind.POLITICAL_GROUP: 0.6,
    OrganisationKind.PRESS: 0.35,
    OrganisationKind.BUSINESS: 0.55,
    None: 0.7,
}
DEFAULT_ATTENDANCE_RATE = 0.75
SUBSTITUTE_RATE = 0.4
DEPUTY_RATE = 0.7

DEPARTMENT_BY_TOPIC = {
    "wohnen": "Fachbereich Planen und Stadtentwicklung",
    "nahversorgung": "Fachbereich Planen und Stadtentwicklung",
    "mobilitaet": "Fachbereich Tiefbau",
    "pflege": "Fachbereich Senioren",
    "barrierefreiheit": "Fachbereich Tiefbau",
    "gruenflaechen": "Fachbereich Umwelt und Stadtgrün",
    "bewegung": "Fachbereich Sport und Bäder",
    "treffpunkte": "Fachbereich Soziales",
    "integration": "Fachbereich Gesellschaftliche Teilhabe",
    "inklusion": "Fachbereich Gesellschaftliche Teilhabe",
    "fluechtlingshilfe": "Fachbereich Soziales",
    "ehrenamt": "Fachbereich Soziales",
    "nachbarschaftshilfe": "Fachbereich Soziales",
    "stadtentwicklung": "Fachbereich Planen und Stadtentwicklung",
}


def link_in_order(manager: Any, objects: list[Any]) -> None:
    """Link many-to-many rows one by one, in the order given. `set()` inserts them in the
    hash order of their ids, which differs between two loads on PostgreSQL (sequences are
    not rewound), and the demo must come out the same every time."""
    for obj in dict.fromkeys(objects):
        manager.add(obj)


@dataclass(frozen=True)
class Change:
    """A seat holder leaves on `on`; `successor` ("new" or a reference) takes her seats."""

    org: str
    leaver: str
    successor: str
    on: date
    reason: str


HOLDER_CHANGES: list[Change] = [
    Change("sz_bischofshol", "org:sz_bischofshol", "new", date(2015, 10, 1), "Ruhestand"),
    Change("ds_suedstadt", "org:ds_suedstadt", "new", date(2016, 7, 1), "Stellenwechsel"),
    Change("sbzr2", "org:sbzr2", "org:sbzr2/1", date(2016, 11, 1), "Kommunalwahl 2016"),
    Change("sbzr5", "org:sbzr5", "org:sbzr5/1", date(2016, 11, 1), "Kommunalwahl 2016"),
    Change("sbzr9", "org:sbzr9", "org:sbzr9/1", date(2016, 11, 1), "Kommunalwahl 2016"),
    Change("sbzr12", "org:sbzr12", "org:sbzr12/1", date(2016, 11, 1), "Kommunalwahl 2016"),
    Change("sbr", "sbr:5", "new", date(2017, 3, 1), "Neuwahl des Seniorenbeirats"),
    Change("drk", "org:drk", "new", date(2017, 4, 1), "Stellenwechsel"),
    Change("ek_doehren", "org:ek_doehren", "new", date(2018, 2, 1), "Pfarrstellenwechsel"),
    Change("tus_doehren", "org:tus_doehren", "new", date(2019, 1, 1), "neuer Vorstand"),
    Change("parit", "org:parit", "new", date(2019, 9, 1), "Elternzeit und Nachfolge"),
    Change("leineland", "org:leineland", "new", date(2020, 1, 1), "Umstrukturierung"),
    Change("ek_kirchrode", "org:ek_kirchrode", "new", date(2020, 9, 1), "Ruhestand"),
    Change("ni2", "org:ni2", "new", date(2021, 3, 1), "neue Sprecherin"),
    Change("sbzr7", "org:sbzr7", "org:sbzr7/1", date(2021, 11, 1), "Kommunalwahl 2021"),
    Change("sbzr10", "org:sbzr10", "org:sbzr10/1", date(2021, 11, 1), "Kommunalwahl 2021"),
    Change("sbr", "sbr:7", "new", date(2022, 3, 1), "Neuwahl des Seniorenbeirats"),
    Change("malteser", "org:malteser", "new", date(2022, 5, 1), "Ruhestand"),
    Change("wg_kleefeld", "org:wg_kleefeld", "new", date(2023, 1, 1), "Stellenwechsel"),
    Change("bg_suedstadt", "org:bg_suedstadt", "new", date(2024, 4, 1), "Ruhestand"),
]
SBR_DELEGATES = 16
MISO_DELEGATES = 5
CITIZENS = 12


@dataclass
class DemoSummary:
    loaded: bool
    today: date
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)


def demo_is_loaded() -> bool:
    return Area.objects.filter(external_id=CITY_EXTERNAL_ID).exists()


def demo_counts() -> dict[str, int]:
    """What the database holds now, counted from the tables."""
    return {
        "Gebiete": Area.objects.count(),
        "Orte": Location.objects.count(),
        "Programme": Programme.objects.count(),
        "Organisationen": Organisation.objects.count(),
        "Personen": Person.objects.count(),
        "Einwilligungen": ConsentRecord.objects.count(),
        "Gremien": Body.objects.count(),
        "Sitze": Seat.objects.count(),
        "Besetzungen": SeatHolding.objects.count(),
        "Sitzungen": Meeting.objects.count(),
        "Tagesordnungspunkte": AgendaItem.objects.count(),
        "Anwesenheiten": Attendance.objects.count(),
        **cycle_counts(),
        "Benutzerkonten": get_user_model().objects.count(),
    }


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def local_datetime(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), BERLIN)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    while (day.month, day.day) in HOLIDAYS:
        day += timedelta(days=7)
    return day


def meeting_days(plan: BodyPlan, start: date, end: date) -> list[date]:
    """The days `plan` meets between `start` and `end`, following its cadence."""
    months = MONTH_PATTERNS[plan.cadence][plan.pattern % len(MONTH_PATTERNS[plan.cadence])]
    first = max(start, plan.founded_on)
    last = end if plan.dissolved_on is None else min(end, plan.dissolved_on - timedelta(days=1))
    days = []
    for year in range(first.year, last.year + 1):
        for month in months:
            day = nth_weekday(year, month, plan.weekday, plan.nth)
            if first <= day <= last:
                days.append(day)
    return days


def _ascii(value: str) -> str:
    return text.fold(value).encode("ascii", "ignore").decode()


@dataclass
class _SeatInfo:
    pk: int
    body: str
    org: str | None
    starts_on: date
    ends_on: date | None
    seat: Seat
    ref: str
    holdings: list[list] = field(default_factory=list)  # [person_id, start, end]
    deputies: list[tuple[int, date]] = field(default_factory=list)

    def valid(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def holder(self, day: date) -> int | None:
        for person_id, start, end in self.holdings:
            if start <= day and (end is None or day <= end):
                return person_id
        return None


@dataclass
class _MeetingPlan:
    day: date
    bodies: list[str]
    title: str = ""


class _Loader:
    def __init__(self, *, today: date, progress: Callable[[str], None]):
        self.today = today
        self.horizon = add_months(today, HORIZON_MONTHS)
        self.progress = progress
        self.rng = random.Random(SEED)
        self.areas: dict[str, Area] = {}
        self.locations: dict[str, Location] = {}
        self.orgs: dict[str, Organisation] = {}
        self.org_kind: dict[str | None, str | None] = {None: None}
        self.staff: dict[str, list[Person]] = {}
        # org key → [(person id, first day, last day or None)]
        self.members: dict[str, list[tuple[int, date | None, date | None]]] = {}
        self.coordinators: dict[str, Person] = {}
        self.social_workers: dict[int, Person] = {}
        self.citizens: list[Person] = []
        self.people_by_id: dict[int, Person] = {}
        self.used_names: set[tuple[str, str]] = set()
        self.person_counter = 0
        self.programmes: dict[str, Programme] = {}
        self.plans: list[BodyPlan] = []
        self.bodies: dict[str, Body] = {}
        self.seats: dict[str, list[_SeatInfo]] = {}
        self.topics: dict[str, Topic] = {}
        self.successors: dict[int, Person] = {}  # index in HOLDER_CHANGES → new person

    # --- places ---------------------------------------------------------------------------

    def load_areas(self) -> None:
        city = area_create(
            name=data.CITY_NAME,
            level=AreaLevel.CITY,
            external_id=CITY_EXTERNAL_ID,
            description="Landeshauptstadt Hannover: Demo-Stadt mit erfundenen Akteuren.",
            centre={"type": "Point", "coordinates": [9.738, 52.375]},
        )
        self.areas["city"] = city
        districts = {d.number: d for d in data.DISTRICTS}
        for region_name, numbers in data.REGIONS:
            region = area_create(
                name=region_name,
                level=AreaLevel.REGION,
                parent=city,
                external_id=f"demo:region:{slugify(_ascii(region_name))}",
                description="Region des Kommunalen Seniorenservice Hannover (KSH).",
            )
            self.areas[f"r:{region_name}"] = region
            for number in numbers:
                district = districts[number]
                area = area_create(
                    name=district.name,
                    level=AreaLevel.DISTRICT,
                    parent=region,
                    official_number=str(number),
                    external_id=f"demo:district:{number}",
                    centre={"type": "Point", "coordinates": list(district.centre)},
                )
                self.areas[f"d:{number}"] = area
        # Quarters in district order, so that their ids follow the official numbers.
        for district in data.DISTRICTS:
            parent = self.areas[f"d:{district.number}"]
            for index, quarter in enumerate(district.quarters):
                is_model = quarter in data.MODEL_QUARTERS
                lon, lat = district.centre
                self.areas[f"q:{quarter}"] = area_create(
                    name=quarter,
                    level=AreaLevel.QUARTER,
                    parent=parent,
                    is_model_quarter=is_model,
                    model_since=DEMO_START if is_model else None,
                    description=data.QUARTER_DESCRIPTIONS.get(quarter, ""),
                    external_id=f"demo:quarter:{slugify(_ascii(quarter))}",
                    centre={
                        "type": "Point",
                        "coordinates": [
                            round(lon + 0.006 * (index - 1), 4),
                            round(lat + 0.004 * (index % 2), 4),
                        ],
                    },
                )

    def _street(self, district: data.DistrictData) -> str:
        return f"{self.rng.choice(district.streets)} {self.rng.randint(1, 120)}"

    def _location(
        self, key: str, name: str, room: str, district: data.DistrictData, area: str, access: str
    ) -> None:
        lon, lat = district.centre
        location = Location(
            name=name,
            room=room,
            street_address=self._street(district),
            postal_code=district.postal_code,
            locality=data.CITY_NAME,
            area=self.areas[area],
            accessibility=access,
            point={
                "type": "Point",
                "coordinates": [
                    round(lon + self.rng.uniform(-0.01, 0.01), 5),
                    round(lat + self.rng.uniform(-0.01, 0.01), 5),
                ],
            },
            external_id=f"demo:location:{key}",
        )
        location.full_clean()
        location.save()
        self.locations[key] = location

    def load_locations(self) -> None:
        districts = {d.number: d for d in data.DISTRICTS}
        rathaus = Location(
            name="Neues Rathaus",
            room="Sitzungsraum 1",
            street_address="Trammplatz 2",
            postal_code="30159",
            locality=data.CITY_NAME,
            area=self.areas["d:1"],
            accessibility="Stufenloser Zugang über den Seiteneingang, Aufzug, Induktionsschleife.",
            point={"type": "Point", "coordinates": [9.7383, 52.3672]},
            external_id="demo:location:rathaus",
        )
        rathaus.full_clean()
        rathaus.save()
        self.locations["rathaus"] = rathaus
        self._location(
            "dienststelle",
            "Dienstgebäude Fachbereich Senioren",
            "Besprechungsraum 3.12",
            districts[10],
            "d:10",
            "Aufzug vorhanden.",
        )
        for district in data.DISTRICTS:
            self._location(
                f"treff:{district.number}",
                f"Stadtteilzentrum {district.quarters[0]}",
                self.rng.choice(["Saal", "Gruppenraum 2", "Clubraum", "Mehrzweckraum"]),
                district,
                f"q:{district.quarters[0]}",
                self.rng.choice(
                    [
                        "Stufenloser Zugang, barrierefreie Toilette.",
                        "Zwei Stufen am Eingang, mobile Rampe auf Nachfrage.",
                        "Aufzug vorhanden, Behindertenparkplatz vor dem Haus.",
                    ]
                ),
            )
        quarter_rooms = [
            ("Kirchrode", "Gemeindehaus der Ev.-luth. Kirchengemeinde Kirchrode", "Gemeindesaal"),
            ("Südstadt", "Stadtteiltreff Südstadt", "Großer Raum"),
            ("Döhren", "Seniorenzentrum Leineaue", "Cafeteria"),
            ("Badenstedt", "Dietrich-Kuhlmann-Haus", "Cafeteria"),
            ("Listholze", "DRK-Pflegezentrum am Listholze", "Mehrzweckraum"),
            ("Bothfeld / Klein-Buchholz", "Stadtteilhaus Klein-Buchholz", "Saal"),
            ("Linden-Süd", "Nachbarschaftsladen Linden-Süd", "Ladenraum"),
        ]
        quarter_district = {q: d for d in data.DISTRICTS for q in d.quarters}
        for quarter, name, room in quarter_rooms:
            self._location(
                f"quarter:{quarter}",
                name,
                room,
                quarter_district[quarter],
                f"q:{quarter}",
                "Stufenloser Zugang; Räume kostenfrei zur Verfügung gestellt.",
            )

    # --- organisations and people -----------------------------------------------------

    def _area_list(self, keys: tuple[str, ...]) -> list[Area]:
        return [self.areas[key] for key in keys]

    def load_organisations(self) -> None:
        districts = {d.number: d for d in data.DISTRICTS}
        quarter_district = {q: d for d in data.DISTRICTS for q in d.quarters}
        for spec in data.ORGANISATIONS:
            home = self.areas[spec.home]
            district = (
                districts[int(spec.home[2:])]
                if spec.home.startswith("d:")
                else quarter_district[spec.home[2:]]
            )
            domain = slugify(_ascii(spec.short_name or spec.name))[:40].strip("-") + ".example"
            organisation = Organisation(
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                parent=self.orgs[spec.parent] if spec.parent else None,
                based_in=home,
                description=spec.description,
                street_address=self._street(district),
                postal_code=district.postal_code,
                locality=data.CITY_NAME,
                email=f"info@{domain}",
                phone=f"0511 0{self.rng.randint(10000, 99999)}",
                website=f"https://www.{domain}" if self.rng.random() < 0.6 else "",
                founded_on=date(self.rng.randint(1950, 2012), self.rng.randint(1, 12), 1)
                if self.rng.random() < 0.5
                else None,
                external_id=f"demo:org:{spec.key}",
            )
            works = self._area_list(spec.works) if spec.works else [home]
            self.orgs[spec.key] = organisation_save(organisation=organisation)
            link_in_order(organisation.works_in, works)
            self.org_kind[spec.key] = spec.kind
            self.staff[spec.key] = []
            self.members[spec.key] = []

    def _new_person(self, *, female: bool, migrant: bool = False, org: str | None) -> Person:
        while True:
            if migrant and self.rng.random() < 0.8:
                given = self.rng.choice(data.MIGRANT_FEMALE if female else data.MIGRANT_MALE)
                family = self.rng.choice(data.MIGRANT_FAMILY)
            else:
                given = self.rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
                family = self.rng.choice(data.FAMILY_NAMES)
            if (given, family) not in self.used_names:
                break
        self.used_names.add((given, family))
        self.person_counter += 1
        email = ""
        if org and self.rng.random() < 0.75:
            domain = self.orgs[org].email.split("@", 1)[1]
            email = f"{_ascii(given)}.{_ascii(family)}@{domain}".replace(" ", "")
        postal = ""
        if not email:
            district = self.rng.choice(data.DISTRICTS)
            postal = f"{self._street(district)}\n{district.postal_code} {data.CITY_NAME}"
        person = Person(
            title="Dr." if self.rng.random() < 0.04 else "",
            given_name=given,
            family_name=family,
            email=email,
            phone=f"0511 0{self.rng.randint(100000, 999999)}" if self.rng.random() < 0.5 else "",
            postal_address=postal,
            external_id=f"demo:person:{self.person_counter}",
        )
        person = person_save(person=person)
        self.people_by_id[person.pk] = person
        return person

    def _join(
        self,
        person: Person,
        org: str,
        function: str,
        *,
        starts_on: date | None,
        ends_on: date | None = None,
        is_contact: bool = False,
    ) -> None:
        affiliation_add(
            person=person,
            organisation=self.orgs[org],
            function=function,
            starts_on=starts_on,
            ends_on=ends_on,
            is_contact=is_contact,
        )
        self.staff[org].append(person)
        self.members[org].append((person.pk, starts_on, ends_on))

    def _function(self, kind: str, female: bool) -> str:
        female_form, male_form = self.rng.choice(data.FUNCTIONS[kind])
        return female_form if female else male_form

    def _leaving(self) -> dict[str, date]:
        """Reference → last day, for delegates who leave before `today`."""
        return {
            change.leaver: change.on - timedelta(days=1)
            for change in HOLDER_CHANGES
            if change.on <= self.today
        }

    def _early_start(self) -> date:
        return DEMO_START - timedelta(days=self.rng.randint(30, 3000))

    def load_people(self) -> None:
        leaving = self._leaving()
        fbsen_functions = [
            ("Bereichsleiterin Fachbereich Senioren", "f"),
            ("Sachgebietsleiter Seniorenarbeit und Quartiersentwicklung", "m"),
            ("Sachbearbeiterin Quartiersentwicklung", "f"),
        ]
        for spec in data.ORGANISATIONS:
            count = spec.staff
            if spec.kind in (
                OrganisationKind.WELFARE_ORGANISATION,
                OrganisationKind.INPATIENT_CARE,
                OrganisationKind.OUTPATIENT_CARE,
                OrganisationKind.HOUSING_COMPANY,
            ):
                count += self.rng.randint(0, 1)
            for index in range(count):
                ref = f"org:{spec.key}" if index == 0 else f"org:{spec.key}/{index}"
                if spec.key == "fbsen":
                    function, gender = fbsen_functions[index]
                    female = gender == "f"
                else:
                    female = self.rng.random() < 0.62
                    function = self._function(spec.kind, female)
                person = self._new_person(
                    female=female,
                    migrant=spec.kind == OrganisationKind.MIGRANT_ORGANISATION,
                    org=spec.key,
                )
                # Each department, care provider and housing company names a contact.
                is_contact = index == 0 and spec.kind in (
                    OrganisationKind.CITY_DEPARTMENT,
                    OrganisationKind.HOUSING_COMPANY,
                    OrganisationKind.INPATIENT_CARE,
                    OrganisationKind.OUTPATIENT_CARE,
                    OrganisationKind.OTHER,
                )
                self._join(
                    person,
                    spec.key,
                    function,
                    starts_on=self._early_start(),
                    ends_on=leaving.get(ref),
                    is_contact=is_contact,
                )
        for district in data.DISTRICTS:
            person = self._new_person(female=self.rng.random() < 0.7, org="ksh")
            self._join(
                person,
                "ksh",
                f"Stadtbezirkliche Sozialarbeit {district.name}",
                starts_on=self._early_start(),
            )
            self.social_workers[district.number] = person
        for quarter in data.MODEL_QUARTERS:
            # The paper: the coordinators are, at present, all women.
            person = self._new_person(female=True, org="ksh")
            self._join(
                person,
                "ksh",
                f"Quartierskoordinatorin {quarter}",
                starts_on=DEMO_START,
                is_contact=True,
            )
            self.coordinators[quarter] = person
        for index in range(SBR_DELEGATES):
            female = self.rng.random() < 0.6
            person = self._new_person(female=female, org="sbr")
            self._join(
                person,
                "sbr",
                "Delegierte des Seniorenbeirats" if female else "Delegierter des Seniorenbeirats",
                starts_on=self._early_start(),
                ends_on=leaving.get(f"sbr:{index}"),
            )
        for index in range(MISO_DELEGATES):
            female = self.rng.random() < 0.5
            person = self._new_person(female=female, migrant=True, org="miso")
            self._join(
                person,
                "miso",
                "Delegierte des MISO-Netzwerks" if female else "Delegierter des MISO-Netzwerks",
                starts_on=self._early_start(),
                ends_on=leaving.get(f"miso:{index}"),
            )
        for _ in range(CITIZENS):
            self.citizens.append(self._new_person(female=self.rng.random() < 0.6, org=None))
        # Successors join the day their predecessor's seats pass to them.
        for index, change in enumerate(HOLDER_CHANGES):
            if change.on > self.today or change.successor != "new":
                continue
            female = self.rng.random() < 0.6
            kind = self.org_kind[change.org] or OrganisationKind.OTHER
            person = self._new_person(female=female, org=change.org)
            self._join(person, change.org, self._function(kind, female), starts_on=change.on)
            self.successors[index] = person

    def load_consents(self) -> None:
        channels = [
            ConsentChannel.PAPER,
            ConsentChannel.IN_PERSON,
            ConsentChannel.EMAIL,
            ConsentChannel.ONLINE,
        ]
        weights = [45, 20, 20, 15]
        last_first = min(self.today, date(2016, 12, 31))
        span = (last_first - DEMO_START).days
        for person in self.people_by_id.values():
            if self.rng.random() > 0.88:
                continue
            given_on = DEMO_START + timedelta(days=self.rng.randint(0, max(span, 0)))
            allow = ["name"]
            allow += [
                name
                for name, chance in (("function", 0.8), ("email", 0.4), ("phone", 0.3))
                if self.rng.random() < chance
            ]
            if self.rng.random() < 0.15:
                allow.append("photo")
            channel = self.rng.choices(channels, weights)[0]
            consent_give(
                person=person,
                given_on=given_on,
                channel=channel,
                allow=allow,
                note=self.rng.choice(data.CONSENT_NOTES),
            )
            roll = self.rng.random()
            remaining = (self.today - given_on).days
            if roll < 0.12 and remaining > 400:
                # Renewed: the new form replaces the old one, which ends that day.
                consent_give(
                    person=person,
                    given_on=given_on + timedelta(days=self.rng.randint(200, remaining)),
                    channel=ConsentChannel.ONLINE if roll < 0.06 else ConsentChannel.EMAIL,
                    allow=[*allow, "email"] if "email" not in allow else allow,
                    note="Erneuert über das Formular auf der Internetseite.",
                )
            elif roll > 0.94 and remaining > 30:
                consent_withdraw(
                    person=person,
                    on=given_on + timedelta(days=self.rng.randint(30, remaining)),
                )

    # --- programmes ---------------------------------------------------------------------

    def _programme(
        self,
        key: str,
        name: str,
        short_name: str,
        description: str,
        lead: str,
        areas: list[str],
        starts_on: date | None,
        budget: int | None = None,
        budget_note: str = "",
    ) -> None:
        programme = Programme(
            name=name,
            short_name=short_name,
            description=description,
            lead_organisation=self.orgs[lead],
            starts_on=starts_on,
            budget_eur=Decimal(budget) if budget is not None else None,
            budget_note=budget_note,
            external_id=f"demo:programme:{key}",
        )
        programme.full_clean()
        programme.save()
        link_in_order(programme.areas, [self.areas[area] for area in areas])
        self.programmes[key] = programme

    def load_programmes(self) -> None:
        self._programme(
            "aqe",
            "Alter(n)sgerechte Quartiersentwicklung",
            "AQE",
            "Modellhafte Erprobung in drei Quartieren mit städtischen "
            "Quartierskoordinatorinnen (je eine halbe Stelle), Leitziel „Eine Stadt für Alle“.",
            "fbsen",
            [f"q:{quarter}" for quarter in data.MODEL_QUARTERS],
            DEMO_START,
        )
        self._programme(
            "soziale-stadt",
            "Soziale Stadt",
            "Soziale Stadt",
            "Städtebauförderung mit integriertem Handlungskonzept und festem Budget an vier "
            "Standorten; beteiligt mehrere Fachbereiche.",
            "fbplan",
            [f"q:{quarter}" for quarter in data.SOZIALE_STADT_QUARTERS],
            date(2009, 1, 1),
            4_800_000,
            "Fördermittel von Bund, Land und Stadt für alle vier Standorte",
        )
        self._programme(
            "gwa",
            "Gemeinwesenarbeit",
            "GWA",
            "Seit vielen Jahren etablierte Gemeinwesenarbeit in fünf Quartieren.",
            "fbsoz",
            [f"q:{quarter}" for quarter in data.GEMEINWESENARBEIT_QUARTERS],
            None,
        )
        initiative_quarters: list[str] = []
        for _, quarter in data.NEIGHBOURHOOD_INITIATIVES:
            if f"q:{quarter}" not in initiative_quarters:
                initiative_quarters.append(f"q:{quarter}")
        self._programme(
            "ni",
            "Beratung und Unterstützung der Nachbarschaftsinitiativen",
            "Nachbarschaftsinitiativen",
            "Der Fachbereich Soziales berät und unterstützt die stadtweit 20 "
            "Nachbarschaftsinitiativen.",
            "fbsoz",
            initiative_quarters,
            None,
        )
        self._programme(
            "mq2030",
            "Mein Quartier 2030",
            "MQ 2030",
            "Stadtweites Programm auf Stadtbezirksebene mit festem Budget, unter Beteiligung "
            "der erforderlichen Fachbereiche; gehört zum Stadtentwicklungskonzept "
            "„Mein Hannover 2030“.",
            "fbplan",
            [f"d:{district.number}" for district in data.DISTRICTS],
            date(2016, 1, 1),
            650_000,
            "Prozessbudget für alle Stadtbezirke",
        )
        self._programme(
            "kronsberg",
            "Modellquartier Kronsberg Süd",
            "Kronsberg Süd",
            "Interdisziplinär entwickeltes neues Wohnquartier.",
            "fbplan",
            ["q:Kronsberg Süd"],
            date(2016, 6, 1),
        )
        self._programme(
            "traeger",
            "Quartiersentwicklung in Trägerschaft (vom KSH begleitet)",
            "Trägerinitiativen",
            "Von einzelnen Trägern initiierte Quartiersentwicklung, die sich an der "
            "Organisationsstruktur der alter(n)sgerechten Quartiersentwicklung orientiert.",
            "ksh",
            [f"q:{quarter}" for quarter in data.INITIATIVE_QUARTERS],
            date(2015, 1, 1),
        )

    # --- bodies and seats ---------------------------------------------------------------

    def person(self, ref: str) -> Person:
        kind, _, rest = ref.partition(":")
        if kind == "org":
            key, _, index = rest.partition("/")
            return self.staff[key][int(index or 0)]
        if kind == "sbr":
            return self.staff["sbr"][int(rest)]
        if kind == "miso":
            return self.staff["miso"][int(rest)]
        if kind == "coord":
            return self.coordinators[rest]
        if kind == "social":
            return self.social_workers[int(rest)]
        if kind == "citizen":
            return self.citizens[int(rest)]
        raise ValueError(ref)

    @staticmethod
    def seat_org(ref: str) -> str | None:
        kind, _, rest = ref.partition(":")
        if kind == "org":
            return rest.partition("/")[0]
        if kind in ("sbr", "miso"):
            return kind
        if kind in ("coord", "social"):
            return "ksh"
        return None

    def load_topics(self) -> None:
        for slug, name, keywords in INITIAL_TOPICS:
            topic = Topic.objects.filter(slug=slug).first()
            if topic is None:
                # The data migration adds these; a department may have deleted one.
                topic = Topic(slug=slug, name=name, keywords=keywords)
                topic.full_clean()
                topic.save()
            self.topics[slug] = topic

    def load_bodies(self) -> None:
        self.plans = body_plans()
        for plan in self.plans:
            body = body_create(
                kind=plan.kind,
                level=plan.level,
                area=self.areas[plan.area],
                name=plan.name,
                short_name=plan.short_name,
                founded_on=plan.founded_on,
                purpose=plan.purpose,
                is_public=plan.is_public,
                cadence_per_year=plan.cadence,
                usual_duration_minutes=plan.duration,
                reports_to=self.bodies[plan.reports_to] if plan.reports_to else None,
                secretary=self.person(plan.secretary),
                secretary_organisation=self.orgs[plan.secretary_org],
                external_id=f"demo:body:{plan.key}",
            )
            link_in_order(body.programmes, [self.programmes[key] for key in plan.programmes])
            link_in_order(body.topics, [self.topics[slug] for slug in plan.topics])
            self.bodies[plan.key] = body
            starts_on = max(DEMO_START, plan.founded_on)
            infos = []
            for seat_plan in plan.seats:
                org = self.seat_org(seat_plan.who)
                holder = self.person(seat_plan.who)
                seat = seat_create(
                    body=body,
                    starts_on=starts_on,
                    organisation=self.orgs[org] if org else None,
                    role=seat_plan.role,
                    label=seat_plan.label,
                    holder=holder,
                )
                info = _SeatInfo(seat.pk, plan.key, org, starts_on, None, seat, seat_plan.who)
                info.holdings.append([holder.pk, starts_on, None])
                infos.append(info)
            self.seats[plan.key] = infos
            if plan.dissolved_on is not None:
                body_dissolve(body=body, on=plan.dissolved_on)
                last = plan.dissolved_on - timedelta(days=1)
                for info in infos:
                    info.ends_on = last
                    for holding in info.holdings:
                        holding[2] = last
        self._name_deputies()

    def _name_deputies(self) -> None:
        """Few seats have a named deputy: the advisory council names some for its seats."""
        for body_key, ref, deputy_ref in [
            ("city", "sbr:0", "sbr:14"),
            ("planning", "sbr:1", "sbr:15"),
            ("city", "miso:0", "miso:4"),
        ]:
            for info in self.seats[body_key]:
                if info.ref == ref:
                    deputy = self.person(deputy_ref)
                    seat_deputy_add(seat=info.seat, person=deputy, starts_on=info.starts_on)
                    info.deputies.append((deputy.pk, info.starts_on))

    def change_holders(self) -> None:
        """Delegates leave and their successors take over every seat they held."""
        for index, change in enumerate(HOLDER_CHANGES):
            if change.on > self.today:
                continue
            leaver = self.person(change.leaver)
            successor = (
                self.successors[index]
                if change.successor == "new"
                else self.person(change.successor)
            )
            for plan in self.plans:
                for info in self.seats[plan.key]:
                    if info.org != change.org or not info.valid(change.on):
                        continue
                    current = info.holdings[-1]
                    if current[0] != leaver.pk or current[2] is not None:
                        continue
                    if current[1] >= change.on:
                        continue
                    seat_holder_set(
                        seat=info.seat,
                        person=successor,
                        starts_on=change.on,
                        ends_on=info.ends_on,
                    )
                    current[2] = change.on - timedelta(days=1)
                    info.holdings.append([successor.pk, change.on, info.ends_on])

    # --- meetings -----------------------------------------------------------------------

    def plan_meetings(self) -> list[_MeetingPlan]:
        by_key = {plan.key: plan for plan in self.plans}
        days = {plan.key: meeting_days(plan, DEMO_START, self.horizon) for plan in self.plans}
        joint: list[_MeetingPlan] = []
        for first, second, near in JOINT_SESSIONS:
            if not days[second] or not days[first]:
                continue
            host_day = min(days[second], key=lambda d: (abs((d - near).days), d))
            guest_day = min(days[first], key=lambda d: (abs((d - host_day).days), d))
            if abs((guest_day - host_day).days) > 60:
                continue
            days[second].remove(host_day)
            days[first].remove(guest_day)
            title = (
                "Gemeinsame Sitzung der stadtbezirklichen Netzwerke "
                f"{self.areas[by_key[first].area].name} und "
                f"{self.areas[by_key[second].area].name}"
            )
            joint.append(_MeetingPlan(host_day, [first, second], title))
        meetings = [_MeetingPlan(day, [plan.key]) for plan in self.plans for day in days[plan.key]]
        meetings.extend(joint)
        order = {plan.key: index for index, plan in enumerate(self.plans)}

        def sort_key(meeting: _MeetingPlan) -> tuple:
            plan = by_key[meeting.bodies[-1]]
            return (meeting.day, plan.hour, order[meeting.bodies[0]])

        meetings.sort(key=sort_key)
        return meetings

    def _meeting_location(self, plan: BodyPlan, day: date) -> Location:
        if plan.location.startswith("quarter:") and plan.kind in (
            "coordination_circle",
            "working_group",
        ):
            quarter = plan.location[8:]
            if quarter in data.MODEL_QUARTERS and day < RENTED_ROOMS_UNTIL:
                # Until partners offered rooms free of charge, the circles met in rented ones.
                number = self.areas[f"q:{quarter}"].parent.official_number  # type: ignore[union-attr]
                return self.locations[f"treff:{number}"]
        return self.locations[plan.location]

    def _attend(
        self, meeting_plan: _MeetingPlan, plans: list[BodyPlan]
    ) -> list[tuple[int, int | None, str]]:
        """Who came: (person id, seat id, kind), holders first, then substitutes and guests."""
        day = meeting_plan.day
        present: list[tuple[int, int | None, str]] = []
        seen: set[int] = set()
        for plan in plans:
            for info in self.seats[plan.key]:
                if not info.valid(day):
                    continue
                holder = info.holder(day)
                rate = ATTENDANCE_RATE.get(self.org_kind[info.org], DEFAULT_ATTENDANCE_RATE)
                if holder is not None and holder not in seen and self.rng.random() < rate:
                    present.append((holder, info.pk, AttendanceKind.HOLDER))
                    seen.add(holder)
                    continue
                deputies = [pk for pk, start in info.deputies if start <= day and pk not in seen]
                if deputies and self.rng.random() < DEPUTY_RATE:
                    present.append((deputies[0], info.pk, AttendanceKind.DEPUTY))
                    seen.add(deputies[0])
                    continue
                if info.org is None or self.rng.random() >= SUBSTITUTE_RATE:
                    continue
                colleagues = [
                    pk
                    for pk, start, end in self.members[info.org]
                    if pk != holder
                    and pk not in seen
                    and (start is None or start <= day)
                    and (end is None or day <= end)
                ]
                if colleagues:
                    colleague = self.rng.choice(colleagues)
                    present.append((colleague, info.pk, AttendanceKind.SUBSTITUTE))
                    seen.add(colleague)
        secretary = self.person(plans[0].secretary).pk
        if secretary not in seen:
            present.append((secretary, None, AttendanceKind.GUEST))
            seen.add(secretary)
        if self.rng.random() < 0.15:
            department = self.rng.choice(["fbtief", "fbplan", "fbgruen", "fbsport", "fbteilhabe"])
            guest = self.staff[department][-1].pk
            if guest not in seen:
                present.append((guest, None, AttendanceKind.GUEST))
        return present

    def _place(self, plan: BodyPlan) -> str:
        if plan.place:
            return plan.place
        quarters = [q for d in data.DISTRICTS for q in d.quarters]
        return self.rng.choice(quarters)

    def _street_name(self, plan: BodyPlan) -> str:
        area = self.areas[plan.area]
        numbers = (area.official_number, getattr(area.parent, "official_number", ""))
        number = next((int(n) for n in numbers if n), None)
        district = (
            next(d for d in data.DISTRICTS if d.number == number)
            if number
            else self.rng.choice(data.DISTRICTS)
        )
        streets = [s for s in district.streets if s.endswith("straße")]
        return self.rng.choice(streets)

    def _wave_topics(self) -> list[tuple[str, str]]:
        """Two topics per quarter of a year that every body seems to discuss at once."""
        slugs = [slug for slug, _, _ in INITIAL_TOPICS]
        blocks = (self.horizon.year - DEMO_START.year + 1) * 4 + 1
        waves: list[tuple[str, str]] = []
        order: list[str] = []
        for _ in range(blocks):
            if len(order) < 2:
                order = self.rng.sample(slugs, len(slugs))
            waves.append((order.pop(), order.pop()))
        return waves

    def _items_for(
        self,
        plan: BodyPlan,
        meeting_plan: _MeetingPlan,
        wave: tuple[str, str],
    ) -> list[tuple[data.ItemData, bool]]:
        """Agenda items with a flag `fixed` for the opening and closing items."""
        items: list[data.ItemData] = []
        if plan.kind == "internal_round":
            items.extend(self.rng.sample(data.INTERNAL_ITEMS, 2))
        elif len(meeting_plan.bodies) > 1:
            items.append(
                data.ItemData(
                    "Gemeinsame Themen der Nachbarbezirke",
                    ("mobilitaet", "nahversorgung"),
                    "Angebote und Wege über die Bezirksgrenze hinweg.",
                )
            )
        elif plan.key == "city":
            items.append(
                data.ItemData(
                    "Berichte aus den stadtbezirklichen Netzwerken",
                    (),
                    minutes="Die Geschäftsführung fasst die Berichte der Netzwerke zusammen.",
                )
            )
        elif plan.key == "planning":
            items.append(
                data.ItemData(
                    "Berichte aus den Modellquartieren Kirchrode, Südstadt und Döhren",
                    ("stadtentwicklung",),
                    minutes="Die Quartierskoordinatorinnen berichten aus ihren Quartieren.",
                )
            )
        elif plan.key in ("net6", "net7", "net8"):
            quarter = {"net6": "Kirchrode", "net7": "Südstadt", "net8": "Döhren"}[plan.key]
            items.append(
                data.ItemData(
                    f"Bericht aus der Quartierskoordination {quarter}",
                    ("stadtentwicklung",),
                    "Die Quartierskoordinatorin berichtet über Vorhaben und Anliegen.",
                    minutes=(
                        "Die Quartierskoordinatorin berichtet über neue Gruppenangebote und "
                        "offene Anliegen aus dem Quartier."
                    ),
                )
            )
        elif plan.kind == "network":
            items.append(
                data.ItemData(
                    "Berichte aus den Einrichtungen und Initiativen",
                    (),
                    minutes="Die Anwesenden berichten aus ihren Einrichtungen und Gruppen.",
                )
            )
        elif plan.kind == "coordination_circle":
            items.append(
                data.ItemData(
                    "Bericht der Quartierskoordinatorin und Rückmeldungen aus dem Netzwerk",
                    ("stadtentwicklung",),
                    minutes="Die Quartierskoordinatorin berichtet aus dem Stadtbezirksnetzwerk.",
                )
            )
        else:
            items.append(
                data.ItemData(
                    "Stand der Vorhaben und Absprachen",
                    (),
                    minutes="Die offenen Absprachen werden einzeln durchgegangen.",
                )
            )
        if self.rng.random() < 0.75:
            items.append(self.rng.choice(data.TOPIC_ITEMS[self.rng.choice(wave)]))
        focus = list(plan.topics) or ["stadtentwicklung"]
        for _ in range(self.rng.randint(1, 2)):
            items.append(self.rng.choice(data.TOPIC_ITEMS[self.rng.choice(focus)]))
        if self.rng.random() < 0.3:
            slug = self.rng.choice(sorted(data.TOPIC_ITEMS))
            items.append(self.rng.choice(data.TOPIC_ITEMS[slug]))
        unique: list[data.ItemData] = []
        for item in items:
            if all(item.title != other.title for other in unique):
                unique.append(item)
        return [
            (data.ItemData(data.OPENING_ITEM, ()), True),
            *[(item, False) for item in unique],
            (data.ItemData(data.CLOSING_ITEM, ()), True),
        ]

    def load_meetings(self) -> None:
        by_key = {plan.key: plan for plan in self.plans}
        meeting_plans = self.plan_meetings()
        waves = self._wave_topics()
        next_day: dict[tuple[str, date], date] = {}
        per_body: dict[str, list[date]] = {}
        for meeting_plan in meeting_plans:
            for key in meeting_plan.bodies:
                per_body.setdefault(key, []).append(meeting_plan.day)
        for key, days in per_body.items():
            for earlier, later in zip(days, days[1:], strict=False):
                next_day[(key, earlier)] = later
        meetings: list[Meeting] = []
        meeting_bodies: list[list[str]] = []
        agendas: list[list[tuple[AgendaItem, tuple[str, ...]]]] = []
        attendance: list[list[tuple[int, int | None, str]]] = []
        last_held: dict[str, date] = {}
        for number, meeting_plan in enumerate(meeting_plans, 1):
            plans = [by_key[key] for key in meeting_plan.bodies]
            plan = plans[0]
            day = meeting_plan.day
            hour = plans[-1].hour
            state = MeetingState.PLANNED
            reason = ""
            if day < self.today:
                state = MeetingState.HELD
                if PANDEMIC[0] <= day <= PANDEMIC[1]:
                    state, reason = MeetingState.CANCELLED, data.PANDEMIC_REASON
                elif self.rng.random() < 0.025:
                    state = MeetingState.CANCELLED
                    reason = self.rng.choice(data.CANCELLATION_REASONS)
            elif day <= self.today + timedelta(days=INVITATION_DAYS):
                state = MeetingState.INVITED
            meeting = Meeting(
                title=meeting_plan.title,
                starts_at=local_datetime(day, hour),
                ends_at=local_datetime(day, hour) + timedelta(minutes=plan.duration),
                location=self._meeting_location(plans[-1], day),
                state=state,
                is_public=all(p.is_public for p in plans),
                cancellation_reason=reason,
                external_id=f"demo:meeting:{number}",
                **minutes_fields(state=state, day=day, today=self.today),
            )
            meeting.refresh_text_keys()
            meetings.append(meeting)
            meeting_bodies.append(meeting_plan.bodies)
            present = self._attend(meeting_plan, plans) if state == MeetingState.HELD else []
            attendance.append(present)
            items: list[tuple[AgendaItem, tuple[str, ...]]] = []
            with_agenda = state != MeetingState.PLANNED or (
                day <= self.today + timedelta(days=AGENDA_AHEAD_DAYS)
            )
            if with_agenda:
                block = ((day.year - DEMO_START.year) * 12 + day.month - DEMO_START.month) // 3
                items = self._agenda(
                    plan,
                    meeting_plan,
                    waves[block],
                    held=state == MeetingState.HELD,
                    present=present,
                    previous=last_held.get(plan.key),
                    following=next_day.get((plan.key, day)),
                )
            agendas.append(items)
            if state == MeetingState.HELD:
                for key in meeting_plan.bodies:
                    last_held[key] = day
        self.progress(f"{len(meetings)} Sitzungen werden gespeichert …")
        Meeting.objects.bulk_create(meetings)
        Meeting.bodies.through.objects.bulk_create(
            [
                Meeting.bodies.through(meeting_id=meeting.pk, body_id=self.bodies[key].pk)
                for meeting, keys in zip(meetings, meeting_bodies, strict=True)
                for key in keys
            ]
        )
        all_items: list[AgendaItem] = []
        item_topics: list[tuple[str, ...]] = []
        for meeting, items in zip(meetings, agendas, strict=True):
            for item, topics in items:
                item.meeting = meeting
                item.refresh_text_keys()  # minutes count only once approved
                all_items.append(item)
                item_topics.append(topics)
        AgendaItem.objects.bulk_create(all_items, batch_size=500)
        AgendaItem.topics.through.objects.bulk_create(
            [
                AgendaItem.topics.through(agendaitem_id=item.pk, topic_id=self.topics[slug].pk)
                for item, topics in zip(all_items, item_topics, strict=True)
                for slug in topics
            ],
            batch_size=1000,
        )
        Attendance.objects.bulk_create(
            [
                Attendance(meeting=meeting, person_id=person_id, seat_id=seat_id, kind=kind)
                for meeting, present in zip(meetings, attendance, strict=True)
                for person_id, seat_id, kind in present
            ],
            batch_size=1000,
        )

    def _agenda(
        self,
        plan: BodyPlan,
        meeting_plan: _MeetingPlan,
        wave: tuple[str, str],
        *,
        held: bool,
        present: list[tuple[int, int | None, str]],
        previous: date | None,
        following: date | None,
    ) -> list[tuple[AgendaItem, tuple[str, ...]]]:
        place = self._place(plan)
        street = self._street_name(plan)
        seat_orgs = {info.pk: info.org for key in meeting_plan.bodies for info in self.seats[key]}
        speaking = [
            self.orgs[org].short_name or self.orgs[org].name
            for _, seat_id, _ in present
            if seat_id is not None
            and (org := seat_orgs.get(seat_id)) is not None
            and self.org_kind[org] != OrganisationKind.PRESS
        ] or ["Die Geschäftsführung"]
        result_items = []
        entries = self._items_for(plan, meeting_plan, wave)
        for position, (entry, fixed) in enumerate(entries, 1):
            title = entry.title.format(ort=place, strasse=street)
            minutes = result = ""
            if held and fixed and position == 1:
                minutes = "Die Tagesordnung wird ohne Änderungen angenommen. " + (
                    f"Das Protokoll der Sitzung vom {previous:%d.%m.%Y} wird genehmigt."
                    if previous
                    else "Es liegt kein Protokoll zur Genehmigung vor."
                )
                result = "Tagesordnung angenommen." + (" Protokoll genehmigt." if previous else "")
            elif held and fixed:
                minutes = "Hinweise auf Veranstaltungen und Angebote im Stadtbezirk." + (
                    f" Die nächste Sitzung ist am {following:%d.%m.%Y}." if following else ""
                )
            elif held:
                sentences = self.rng.sample(data.MINUTES_SENTENCES, 2)
                if entry.minutes:
                    sentences[0] = entry.minutes
                minutes = " ".join(
                    sentence.format(org=self.rng.choice(speaking), ort=place)
                    for sentence in sentences
                )
                department = DEPARTMENT_BY_TOPIC[entry.topics[0]] if entry.topics else ""
                result = self.rng.choice(data.RESULTS).format(
                    dept=department or "zuständigen Fachbereich", org=self.rng.choice(speaking)
                )
            item = AgendaItem(
                position=position,
                title=title[:255],
                text=entry.text.format(ort=place, strasse=street),
                is_public=entry.public and plan.is_public,
                minutes=minutes,
                result=result,
            )
            result_items.append((item, entry.topics))
        return result_items

    # --- accounts -----------------------------------------------------------------------

    def load_accounts(self) -> list[DemoAccount]:
        User = get_user_model()
        # A fixed salt keeps the hash, and so the database, the same on every load; it is
        # long enough that Django does not rehash it at the first login.
        password = make_password(DEMO_PASSWORD, salt=DEMO_SALT)
        joined = local_datetime(DEMO_START, 8)
        links: dict[str, Person | None] = {
            "admin": None,
            "koordination": self.coordinators["Südstadt"],
            "geschaeftsfuehrung": self.social_workers[7],
            "mitglied": self.person("org:awo"),
            "fachbereich": self.person("org:fbtief"),
            "buerger": None,
        }
        for account in DEMO_ACCOUNTS:
            person = links[account.username]
            user = User(
                username=account.username,
                password=password,
                is_superuser=account.username == "admin",
                is_staff=account.username == "admin",
                first_name=person.given_name if person else account.role,
                last_name=person.family_name if person else "(Demo)",
                email=person.email if person else f"{account.username}@demo.example",
                date_joined=joined,
            )
            user.full_clean()
            user.save()
            if person is not None:
                Person.objects.filter(pk=person.pk).update(user=user)
            if account.username == "koordination":
                assignment = CoordinatorAssignment(
                    user=user, area=self.areas["q:Südstadt"], starts_on=DEMO_START
                )
                assignment.full_clean()
                assignment.save()
        return list(DEMO_ACCOUNTS)


def demo_load(
    *,
    today: date,
    accounts: bool = True,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Load the demo city as of `today`; a database that already holds it stays unchanged."""
    if today < DEMO_START + timedelta(days=180):
        raise ValueError("Das Datum muss mindestens ein halbes Jahr nach dem 1.10.2013 liegen.")
    if demo_is_loaded():
        return DemoSummary(
            loaded=False,
            today=today,
            message="Die Demo-Stadt ist bereits geladen; nichts wurde geändert.",
            counts=demo_counts(),
        )
    say = progress or (lambda message: None)
    loader = _Loader(today=today, progress=say)
    with transaction.atomic():
        say("Gebiete und Orte …")
        loader.load_areas()
        loader.load_locations()
        say("Organisationen und Personen …")
        loader.load_organisations()
        loader.load_people()
        loader.load_consents()
        loader.load_programmes()
        loader.load_topics()
        say("Gremien und Sitze …")
        loader.load_bodies()
        loader.change_holders()
        say("Sitzungen, Tagesordnungen und Anwesenheit …")
        loader.load_meetings()
        say("Einladungen, Rückmeldungen, Protokolle und Verabredungen …")
        fill_cycle(today=today, seed=SEED, say=say)
        created = loader.load_accounts() if accounts else []
    return DemoSummary(
        loaded=True,
        today=today,
        message=f"Die Demo-Stadt ist geladen (Stand {today:%d.%m.%Y}).",
        counts=demo_counts(),
        accounts=created,
    )
