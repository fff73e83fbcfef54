"""Generate a synthetic city of any size, for query budgets and benchmarks.

Scale 1 is a large city over ten years ending six months after `today`: 13 districts,
60 quarters, 3,000 organisations, 15,000 people, 400 bodies, 20,000 meetings and 200,000
agenda items. Other counts follow the scale linearly. The same (scale, seed, today) gives
the same rows: one `random.Random(seed)` draws everything, in a fixed order.

Rows are built in Python and written with bulk_create inside one transaction, one method
per model family (`_areas`, `_organisations`, …). A new model adds its own method and
one line in `run()`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import models, reset_queries, transaction
from django.utils import timezone
from django.utils.text import slugify

from quartier.actors.models import (
    Affiliation,
    ConsentChannel,
    ConsentRecord,
    Organisation,
    OrganisationKind,
    Person,
)
from quartier.bodies.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    AttendanceKind,
    Body,
    BodyKind,
    BodyLevel,
    BodyVersion,
    Meeting,
    MeetingState,
    ProposalState,
    Seat,
    SeatDeputy,
    SeatHolding,
    SeatRole,
)
from quartier.core import text
from quartier.demo import data
from quartier.demo.city import add_months, local_datetime
from quartier.demo.cycle import cycle_counts, fill_cycle
from quartier.demo.minutes import minutes_fields
from quartier.places.models import Area, AreaLevel, Location
from quartier.programmes.models import Programme
from quartier.topics.models import Topic


def _words(text: str) -> list[str]:
    return text.split()


BATCH_SIZE = 5000
MEETINGS_PER_ROUND = 500  # agenda items and attendance are built and written per round
YEARS = 10
HORIZON_MONTHS = 6
RESTRUCTURING_MONTHS = 42  # after the window opens: networks merge, circles dissolve
INVITATION_DAYS = 14
DISTRICT_COUNT = 13
JOINT_SHARE = 0.05
CANCELLED_SHARE = 0.03
ITEMS_MIN, ITEMS_MAX = 3, 20

CITY_NAME = "Auenstadt"
REGION_NAMES = ["Region Nord", "Region Ost", "Region Süd", "Region West"]
REGION_SIZES = [4, 3, 3, 3]
DISTRICT_NAMES = [
    "Altstadt",
    "Nordstadt",
    "Heidekamp",
    "Wiesental",
    "Oststadt",
    "Eichenfeld",
    "Mühlenbach",
    "Südstadt",
    "Rosenau",
    "Lindenau",
    "Weststadt",
    "Bergheim",
    "Am Hafen",
]
PLACE_ROOTS = _words(
    "Eich Linden Birken Wiesen Mühlen Brunnen Kirch Sonnen Berg Heide Moor Rosen Buchen "
    "Erlen Fichten Hasel Ulmen Weiden Ahorn Stein Sand Wald Feld Bach Tannen Kranich Storch "
    "Hirsch Fuchs Falken Eschen Holunder Weißdorn Lerchen Schwanen Mergel Lehm Hopfen"
)
PLACE_SUFFIXES = _words(
    "hof feld kamp au heide garten berg rode dorf hagen winkel busch hausen stedt bruch"
)
STREET_KINDS = ["straße", "weg", "allee", "ring", "damm"]
SAINTS = _words(
    "Markus Lukas Johannes Matthäus Petrus Paulus Martin Nikolai Marien Jakobi Michael "
    "Elisabeth Bonifatius Christophorus Andreas Stephanus"
)
PARTIES = ["SPD", "CDU", "Bündnis 90/Die Grünen", "FDP", "Die Linke"]
DEPARTMENTS = [
    "Senioren",
    "Soziales",
    "Planen und Stadtentwicklung",
    "Tiefbau",
    "Umwelt und Stadtgrün",
    "Sport und Bäder",
    "Gesellschaftliche Teilhabe",
    "Jugend und Familie",
    "Bildung",
    "Kultur",
    "Gesundheit",
    "Wirtschaft",
    "Gebäudemanagement",
    "Bürgerdienste",
    "Öffentliche Ordnung",
    "Wohnen",
    "Verkehr",
    "Personal und Organisation",
    "Finanzen",
    "Recht",
]
EXTRA_FEMALE = _words(
    "Alina Annegret Antje Bärbel Edith Gudrun Hedwig Hildegard Ingeborg Karla Lieselotte "
    "Luise Margret Mathilde Rosemarie Sieglinde Tanja Theresa Wilma Greta"
)
EXTRA_MALE = _words(
    "Bernhard Bodo Dietmar Egon Erwin Friedhelm Gunnar Hartmut Heiko Hinrich Ingo Kai Knut "
    "Konrad Markus Niklas Ole Rüdiger Siegfried Timo"
)
EXTRA_FAMILY = _words(
    "Ahlers Bartels Behrens Bergmann Bischoff Bohnsack Brockmann Claßen Deppe Diekmann "
    "Ebeling Eggers Fricke Gieseke Göbel Hagemann Hausmann Heitmann Hellwig Henke Hesse "
    "Hillmann Hoppe Jacobs Kampe Kleine Knoop Kolbe Kramer Langer Lindemann Lohmann Löffler "
    "Marquardt Menke Meißner Nolte Ohlendorf Pape Plate Rehbein Reinecke Rieck Rohde Runge "
    "Schaper Schlüter Schrader Siebert Stolte Strube Tegtmeyer Timmermann Uhde Vollmer "
    "Wegener Westphal Wichmann Witte Ziegler"
)
FEMALE_NAMES = data.FEMALE_NAMES + EXTRA_FEMALE
MALE_NAMES = data.MALE_NAMES + EXTRA_MALE
FAMILY_NAMES = data.FAMILY_NAMES + EXTRA_FAMILY

# Name patterns per kind: {q} a quarter, {d} a district (the organisation works there),
# neither: a city-wide organisation, based in district 1.
ORGANISATION_NAMES: dict[str, list[str]] = {
    OrganisationKind.CITY_DEPARTMENT: ["Fachbereich {dept}"],
    OrganisationKind.INPATIENT_CARE: [
        "Seniorenzentrum {q}",
        "Pflegeheim Haus {root}",
        "Pflegezentrum am {root}park",
        "Wohnstift {q}",
        "Altenzentrum St. {saint} {q}",
    ],
    OrganisationKind.OUTPATIENT_CARE: [
        "Ambulanter Pflegedienst {q}",
        "Diakoniestation {q}",
        "Sozialstation {d}",
        "Pflegedienst {family} {q}",
        "Pflegeteam {q}",
    ],
    OrganisationKind.HOUSING_COMPANY: [
        "Wohnungsgenossenschaft {q} eG",
        "Baugenossenschaft {root}{suffix} eG",
        "Wohnungsbaugesellschaft {family} {city}",
        "{family} Immobilien GmbH",
    ],
    OrganisationKind.CHURCH_CONGREGATION: [
        "Ev.-luth. {saint}-Kirchengemeinde {q}",
        "Kath. Pfarrgemeinde St. {saint} {q}",
        "Ev.-ref. Gemeinde {q}",
        "Ev.-freikirchliche Gemeinde {q}",
    ],
    OrganisationKind.WELFARE_ORGANISATION: [
        "AWO Ortsverein {q}",
        "DRK-Ortsverein {q}",
        "Caritas-Sozialdienst {d}",
        "Diakonisches Werk {d}",
        "Johanniter-Unfall-Hilfe {d}",
        "Malteser Hilfsdienst {d}",
        "AWO Kreisverband {city} ({family}-Stiftung)",
        "Paritätischer {city}: {root}{suffix} e. V.",
        "Arbeiter-Samariter-Bund {city} ({saint}-Haus)",
    ],
    OrganisationKind.ADVISORY_COUNCIL: [
        "Seniorenbeirat {d}",
        "Integrationsbeirat {d}",
        "Behindertenbeirat {city} ({d})",
    ],
    OrganisationKind.MIGRANT_ORGANISATION: [
        "Türkisch-Deutscher Kulturverein {q}",
        "Deutsch-Russischer Verein {q}",
        "Polnischer Verein {q}",
        "Arabischer Elternverein {q}",
        "Griechische Gemeinde {d}",
        "Afrikanischer Kulturverein {q}",
        "Vietnamesischer Verein {d}",
    ],
    OrganisationKind.NEIGHBOURHOOD_INITIATIVE: [
        "Nachbarschaftsinitiative {q}",
        "{q} hilft e. V.",
        "Nachbarn für {q}",
        "Bürgerverein {q}",
        "Nachbarschaftsladen {q}",
    ],
    OrganisationKind.VOLUNTEER_GROUP: [
        "Besuchsdienst {q}",
        "Helferkreis Flüchtlinge {q}",
        "Lesepaten {q}",
        "Einkaufshilfe {q}",
        "Repair-Café {q}",
        "Seniorenbegleitung {q}",
        "Spaziergruppe {q}",
    ],
    OrganisationKind.BUSINESS: [
        "Apotheke am {root}platz",
        "Bäckerei {family} ({q})",
        "Sanitätshaus {family}",
        "Lebensmittelmarkt {q}",
        "Buchhandlung {family} ({q})",
        "Werbegemeinschaft {q}",
    ],
    OrganisationKind.POLITICAL_GROUP: [
        "{party}-Fraktion im Stadtbezirksrat {d}",
        "{party} Ortsverein {q}",
    ],
    OrganisationKind.PRESS: [
        "Stadtteilzeitung {d}",
        "Wochenblatt {d}",
        "{city}er Allgemeine, Lokalredaktion {d}",
        "Radio {city} ({family})",
    ],
    OrganisationKind.OTHER: [
        "Volkshochschule {d}",
        "Stadtteilbibliothek {q}",
        "TuS {q} von 19{year}",
        "Familienzentrum {q}",
        "Seniorenbüro {d}",
    ],
}
# The share of each kind among the organisations, and how many staff each tends to have.
KIND_WEIGHTS: dict[str, tuple[float, int]] = {
    OrganisationKind.CITY_DEPARTMENT: (1.5, 12),
    OrganisationKind.INPATIENT_CARE: (8, 4),
    OrganisationKind.OUTPATIENT_CARE: (10, 3),
    OrganisationKind.HOUSING_COMPANY: (4, 4),
    OrganisationKind.CHURCH_CONGREGATION: (12, 2),
    OrganisationKind.WELFARE_ORGANISATION: (10, 6),
    OrganisationKind.ADVISORY_COUNCIL: (1.5, 8),
    OrganisationKind.MIGRANT_ORGANISATION: (6, 3),
    OrganisationKind.NEIGHBOURHOOD_INITIATIVE: (14, 4),
    OrganisationKind.VOLUNTEER_GROUP: (14, 4),
    OrganisationKind.BUSINESS: (10, 1),
    OrganisationKind.POLITICAL_GROUP: (4, 3),
    OrganisationKind.PRESS: (1.5, 1),
    OrganisationKind.OTHER: (3.5, 2),
}
CONTACT_KINDS = {
    OrganisationKind.CITY_DEPARTMENT,
    OrganisationKind.HOUSING_COMPANY,
    OrganisationKind.INPATIENT_CARE,
    OrganisationKind.OUTPATIENT_CARE,
    OrganisationKind.WELFARE_ORGANISATION,
    OrganisationKind.OTHER,
}
# How likely a seat's holder comes, by the kind of organisation (None: citizens).
ATTENDANCE_RATE: dict[str | None, float] = {
    OrganisationKind.CITY_DEPARTMENT: 0.9,
    OrganisationKind.WELFARE_ORGANISATION: 0.82,
    OrganisationKind.ADVISORY_COUNCIL: 0.85,
    OrganisationKind.POLITICAL_GROUP: 0.6,
    OrganisationKind.PRESS: 0.35,
    OrganisationKind.BUSINESS: 0.5,
    None: 0.7,
}
DEFAULT_ATTENDANCE_RATE = 0.75
SUBSTITUTE_RATE = 0.35
PROGRAMME_NAMES = [
    ("Alter(n)sgerechte Quartiersentwicklung", "AQE"),
    ("Soziale Stadt", "Soziale Stadt"),
    ("Gemeinwesenarbeit", "GWA"),
    ("Mein Quartier 2030", "MQ 2030"),
    ("Beratung der Nachbarschaftsinitiativen", "Nachbarschaftsinitiativen"),
    ("Quartiersfonds für Ehrenamtliche", "Quartiersfonds"),
    ("Gesund älter werden im Quartier", "Gesund im Quartier"),
    ("Bewegte Nachbarschaft", "Bewegte Nachbarschaft"),
]
WORKING_GROUP_NAMES = [
    "Arbeitskreis {topic} {place}",
    "Arbeitsgruppe {topic} {place}",
    "Runder Tisch {topic} {place}",
    "Stadtteilrunde {place}",
    "Netzwerk {topic} {place}",
]
GENERIC_ITEMS = [
    "Bericht aus {org}",
    "Vorstellung: {org}",
    "Anfrage von {org}",
    "Rückblick auf die Veranstaltung von {org}",
    "Neue Angebote von {org}",
]
PRIVATE_ITEM = data.ItemData("Vertrauliche Angelegenheiten der Träger", ("pflege",), public=False)
DECLINE_REASONS = [
    "Das Thema gehört in den zuständigen Fachbereich.",
    "Wurde bereits in der letzten Sitzung beraten.",
    "Für dieses Gremium nicht zuständig.",
]


@dataclass(frozen=True)
class CityTargets:
    """How many rows of the main families a scale asks for."""

    quarters: int
    organisations: int
    people: int
    bodies: int
    meetings: int
    agenda_items: int
    programmes: int
    proposals: int


def city_targets(scale: float) -> CityTargets:
    """Counts for `scale`: linear, rounded, never below a handful."""

    def scaled(base: int, minimum: int) -> int:
        return max(minimum, round(base * scale))

    return CityTargets(
        quarters=scaled(60, DISTRICT_COUNT),
        organisations=scaled(3000, len(OrganisationKind)),
        people=scaled(15000, 50),
        bodies=scaled(400, 5),
        meetings=scaled(20000, 10),
        agenda_items=scaled(200_000, 30),
        programmes=scaled(8, 3),
        proposals=scaled(300, 3),
    )


@dataclass
class GenerateSummary:
    scale: float
    seed: int
    today: date
    starts_on: date
    ends_on: date
    counts: dict[str, int] = field(default_factory=dict)


class CityNotEmpty(ValueError):
    pass


# --- the generator's own bookkeeping ------------------------------------------------------


@dataclass
class _Org:
    obj: Organisation
    kind: str
    district: int  # index of the home district
    quarter: int | None  # index of the home quarter, if it works in one
    city_wide: bool
    staff: list[int] = field(default_factory=list)  # person pks
    # Delegate timelines: each a sequence of (person pk, first day, last day or None).
    lines: list[list[tuple[int, date, date | None]]] = field(default_factory=list)


@dataclass
class _Seat:
    pk: int
    org: int | None
    starts_on: date
    ends_on: date | None
    holdings: list[tuple[int, date, date | None]]
    deputy: int | None = None

    def valid(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def holder(self, day: date) -> int | None:
        for person, start, end in self.holdings:
            if start <= day and (end is None or day <= end):
                return person
        return None


@dataclass
class _Version:
    valid_from: date
    name: str
    short_name: str
    cadence: int
    reports_to: int | None  # index of a body
    note: str


@dataclass
class _Body:
    kind: str
    level: str
    area: Area
    founded_on: date
    district: int | None = None
    quarter: int | None = None
    region: int | None = None
    dissolved_on: date | None = None
    successor: int | None = None
    is_public: bool = True
    versions: list[_Version] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    hour: int = 15
    duration: int = 120
    secretary: int | None = None
    secretary_org: int | None = None
    location: Location | None = None
    seats: list[_Seat] = field(default_factory=list)
    obj: Body | None = None

    def exists_on(self, day: date) -> bool:
        return self.founded_on <= day and (self.dissolved_on is None or day < self.dissolved_on)

    @property
    def name(self) -> str:
        return self.obj.name if self.obj else self.versions[0].name


@dataclass
class _Meeting:
    day: date
    bodies: list[int]
    state: str = MeetingState.PLANNED
    items: int = 0
    obj: Meeting | None = None


@lru_cache(maxsize=100_000)
def _stems(source: str) -> tuple[str, ...]:
    return tuple(text.stems(source))


@lru_cache(maxsize=100_000)
def _sort_key(source: str) -> str:
    return text.sort_key(source)


def _set_item_text_keys(item: AgendaItem, sentences: list[str]) -> None:
    """What `item.refresh_text_keys()` stores, from stems cached per sentence.

    Titles and sentences recur, whole minutes do not: folding 200,000 items afresh took a
    third of the run. The minutes are `sentences` joined by spaces, which folds to the same
    words; test_generate_city checks every item against refresh_text_keys().
    """
    item.sort_name = _sort_key(item.sort_source())
    title, explanation, result, minutes = item.search_sources()
    # search_sources leaves result and minutes out until the minutes are approved.
    parts = [title or "", explanation or "", result or "", *(sentences if minutes else [])]
    seen = dict.fromkeys(stem for part in parts for stem in _stems(part))
    item.search_text = " " + " ".join(seen) + " " if seen else ""


def _ascii(value: str) -> str:
    return text.fold(value).encode("ascii", "ignore").decode()


class _Generator:
    def __init__(
        self, *, scale: float, seed: int, today: date, progress: Callable[[str], None]
    ) -> None:
        self.rng = random.Random(seed)
        self.targets = city_targets(scale)
        self.today = today
        self.ends_on = add_months(today, HORIZON_MONTHS)
        self.starts_on = add_months(self.ends_on, -12 * YEARS)
        self.restructured_on = add_months(self.starts_on, RESTRUCTURING_MONTHS)
        self.say = progress
        self.used_names: set[str] = set()
        self.city: Area | None = None
        self.regions: list[Area] = []
        self.districts: list[Area] = []
        self.district_region: list[int] = []
        self.quarters: list[Area] = []
        self.quarter_district: list[int] = []
        self.model_quarters: list[int] = []
        self.locations_by_district: dict[int, list[Location]] = {}
        self.town_hall: Location | None = None
        self.orgs: list[_Org] = []
        self.orgs_by_district: dict[int, list[int]] = {}
        self.orgs_by_quarter: dict[int, list[int]] = {}
        self.city_orgs: list[int] = []
        self.department_names: list[str] = []
        self.people: list[Person] = []
        self.citizens: list[int] = []
        self.citizen_lines: list[list[tuple[int, date, date | None]]] = []
        self.topics: dict[str, Topic] = {}
        self.programmes: list[Programme] = []
        self.bodies: list[_Body] = []
        self.networks: dict[int, int] = {}  # district index → body index
        self.meetings: list[_Meeting] = []
        self.all_slugs = sorted(data.TOPIC_ITEMS)
        self.proposal_meetings: set[int] = set()
        self.proposal_items: dict[int, tuple[int, str, tuple[str, ...]]] = {}

    # --- helpers ----------------------------------------------------------------------

    def _day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def _unique(self, name: str, limit: int = 255) -> str:
        name = name[:limit]
        candidate, number = name, 2
        while candidate in self.used_names:
            suffix = f" {number}"
            candidate = name[: limit - len(suffix)] + suffix
            number += 1
        self.used_names.add(candidate)
        return candidate

    def _street(self) -> str:
        root = self.rng.choice(PLACE_ROOTS)
        return f"{root}{self.rng.choice(STREET_KINDS)} {self.rng.randint(1, 150)}"

    def _postal_code(self, district: int) -> str:
        return str(30100 + 20 * district + self.rng.randint(0, 9))

    def _point(self, lon: float, lat: float, spread: float) -> dict[str, Any]:
        return {
            "type": "Point",
            "coordinates": [
                round(lon + self.rng.uniform(-spread, spread), 5),
                round(lat + self.rng.uniform(-spread, spread), 5),
            ],
        }

    def _bulk(self, model: type[models.Model], rows: Sequence[Any]) -> Sequence[Any]:
        if rows:
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)  # type: ignore[attr-defined]
        return rows

    def _place_name(self, district: int | None, quarter: int | None) -> str:
        if quarter is not None:
            return self.quarters[quarter].name
        if district is not None:
            return self.districts[district].name
        return CITY_NAME

    # --- places -----------------------------------------------------------------------

    def _areas(self) -> None:
        city = Area(
            name=CITY_NAME,
            level=AreaLevel.CITY,
            external_id="gen:city",
            description="Erfundene Großstadt für Lasttests und Messungen.",
            centre={"type": "Point", "coordinates": [10.0, 52.0]},
        )
        city.refresh_text_keys()
        self._bulk(Area, [city])
        self.city = city
        for index, name in enumerate(REGION_NAMES):
            region_area = Area(
                name=name, level=AreaLevel.REGION, parent=city, external_id=f"gen:region:{index}"
            )
            region_area.refresh_text_keys()
            self.regions.append(region_area)
        self._bulk(Area, self.regions)
        for region, size in enumerate(REGION_SIZES):
            self.district_region.extend([region] * size)
        for index, name in enumerate(DISTRICT_NAMES):
            district_area = Area(
                name=name,
                level=AreaLevel.DISTRICT,
                parent=self.regions[self.district_region[index]],
                official_number=str(index + 1),
                external_id=f"gen:district:{index + 1}",
                centre=self._point(10.0, 52.0, 0.08),
            )
            district_area.refresh_text_keys()
            self.districts.append(district_area)
        self._bulk(Area, self.districts)
        # Every district gets a quarter; the rest go more often to the larger ones.
        per_district = [1] * DISTRICT_COUNT
        weights = [self.rng.uniform(0.5, 2.0) for _ in range(DISTRICT_COUNT)]
        for chosen in self.rng.choices(
            range(DISTRICT_COUNT), weights, k=self.targets.quarters - DISTRICT_COUNT
        ):
            per_district[chosen] += 1
        names = [root + suffix for root in PLACE_ROOTS for suffix in PLACE_SUFFIXES]
        self.rng.shuffle(names)
        model_count = max(1, round(self.targets.quarters / 20))
        model_districts = self.rng.sample(range(DISTRICT_COUNT), min(model_count, DISTRICT_COUNT))
        for district, count in enumerate(per_district):
            parent = self.districts[district]
            lon, lat = parent.centre["coordinates"]  # type: ignore[index]
            for number in range(count):
                name = self._unique(names.pop() if names else f"{parent.name}-{number + 1}")
                is_model = district in model_districts and number == 0
                quarter = Area(
                    name=name,
                    level=AreaLevel.QUARTER,
                    parent=parent,
                    is_model_quarter=is_model,
                    model_since=self._day_between(self.starts_on, self.starts_on + timedelta(90))
                    if is_model
                    else None,
                    external_id=f"gen:quarter:{len(self.quarters) + 1}",
                    centre=self._point(lon, lat, 0.02),
                )
                quarter.refresh_text_keys()
                if is_model:
                    self.model_quarters.append(len(self.quarters))
                self.quarters.append(quarter)
                self.quarter_district.append(district)
        self._bulk(Area, self.quarters)
        every = [city, *self.regions, *self.districts, *self.quarters]
        for area in every:
            parent_path = area.parent.path if area.parent else "/"
            area.path = f"{parent_path}{area.pk}/"
        Area.objects.bulk_update(every, ["path"], batch_size=BATCH_SIZE)

    def _locations(self) -> None:
        rows: list[Location] = []
        town_hall = Location(
            name="Rathaus",
            room="Ratssaal",
            street_address="Marktplatz 1",
            postal_code=self._postal_code(0),
            locality=CITY_NAME,
            area=self.districts[0],
            accessibility="Stufenloser Zugang, Aufzug, Induktionsschleife.",
            external_id="gen:location:rathaus",
        )
        rows.append(town_hall)
        self.town_hall = town_hall
        access = [
            "Stufenloser Zugang, barrierefreie Toilette.",
            "Zwei Stufen am Eingang, mobile Rampe auf Nachfrage.",
            "Aufzug vorhanden.",
            "",
        ]
        kinds = [
            "Nachbarschaftstreff",
            "Gemeindehaus",
            "Seniorenbegegnungsstätte",
            "Stadtteilbibliothek",
            "Familienzentrum",
        ]
        for district, area in enumerate(self.districts):
            self.locations_by_district[district] = []
            place = Location(
                name=f"Stadtteilzentrum {area.name}",
                room=self.rng.choice(["Saal", "Gruppenraum 2", "Clubraum"]),
                street_address=self._street(),
                postal_code=self._postal_code(district),
                locality=CITY_NAME,
                area=area,
                accessibility=self.rng.choice(access),
                external_id=f"gen:location:district:{district + 1}",
            )
            rows.append(place)
            self.locations_by_district[district].append(place)
        for quarter, area in enumerate(self.quarters):
            district = self.quarter_district[quarter]
            lon, lat = area.centre["coordinates"]  # type: ignore[index]
            for kind in self.rng.sample(kinds, self.rng.randint(1, 2)):
                place = Location(
                    name=f"{kind} {area.name}",
                    room=self.rng.choice(["", "Großer Raum", "Mehrzweckraum", "Café"]),
                    street_address=self._street(),
                    postal_code=self._postal_code(district),
                    locality=CITY_NAME,
                    area=area,
                    accessibility=self.rng.choice(access),
                    point=self._point(lon, lat, 0.005),
                    external_id=f"gen:location:{len(rows) + 1}",
                )
                rows.append(place)
                self.locations_by_district[district].append(place)
        for row in rows:
            row.refresh_text_keys()
        self._bulk(Location, rows)

    # --- organisations and people -----------------------------------------------------

    def _organisation_name(self, kind: str, pattern: str, quarter: int, district: int) -> str:
        return pattern.format(
            q=self.quarters[quarter].name,
            d=self.districts[district].name,
            city=CITY_NAME,
            root=self.rng.choice(PLACE_ROOTS),
            suffix=self.rng.choice(PLACE_SUFFIXES),
            saint=self.rng.choice(SAINTS),
            family=self.rng.choice(FAMILY_NAMES),
            party=self.rng.choice(PARTIES),
            year=self.rng.randint(10, 99),
            dept=self.rng.choice(DEPARTMENTS),
        )

    def _organisations(self) -> None:
        assert self.city is not None
        kinds = list(KIND_WEIGHTS)
        weights = [KIND_WEIGHTS[kind][0] for kind in kinds]
        # Every kind once, then drawn by weight.
        plan = kinds + self.rng.choices(kinds, weights, k=self.targets.organisations - len(kinds))
        fixed = {
            0: ("Fachbereich Senioren", "FB Senioren"),
            kinds.index(OrganisationKind.ADVISORY_COUNCIL): (f"Seniorenbeirat {CITY_NAME}", "SBR"),
            kinds.index(OrganisationKind.MIGRANT_ORGANISATION): (
                "Netzwerk der Migrantenselbstorganisationen",
                "MISO",
            ),
        }
        departments = iter(DEPARTMENTS[1:])
        top: list[Organisation] = []
        units: list[Organisation] = []
        works: list[tuple[Organisation, list[Area]]] = []
        for index, kind in enumerate(plan):
            quarter = self.rng.randrange(len(self.quarters))
            district = self.quarter_district[quarter]
            pattern = self.rng.choice(ORGANISATION_NAMES[kind])
            short = ""
            if index in fixed:
                pattern, short = fixed[index]
            elif kind == OrganisationKind.CITY_DEPARTMENT:
                pattern = f"Fachbereich {next(departments, self.rng.choice(DEPARTMENTS))}"
            city_wide = "{q}" not in pattern and "{d}" not in pattern
            name = self._unique(self._organisation_name(kind, pattern, quarter, district))
            if kind == OrganisationKind.CITY_DEPARTMENT:
                self.department_names.append(name)
            if city_wide:
                # Many city-wide providers sit in the centre and work everywhere.
                home: Area = self.districts[0]
                district, quarter_or_none, area_list = 0, None, [self.city]
            elif "{q}" in pattern:
                home, quarter_or_none = self.quarters[quarter], quarter
                area_list = [home]
                if self.rng.random() < 0.2:
                    area_list.append(self.districts[district])
            else:
                home, quarter_or_none = self.districts[district], None
                area_list = [home]
            slug = slugify(_ascii(short or name))[:40].strip("-") or "org"
            domain = f"{slug}.example"
            founded = None
            if self.rng.random() < 0.6:
                founded = date(self.rng.randint(1900, self.starts_on.year - 1), 1, 1)
            dissolved = None
            if index not in fixed and self.rng.random() < 0.02:
                dissolved = self._day_between(self.starts_on, self.today)
            organisation = Organisation(
                name=name,
                short_name=short,
                kind=kind,
                based_in=home,
                description="",
                street_address=self._street(),
                postal_code=self._postal_code(district),
                locality=CITY_NAME,
                email=f"info@{domain}",
                phone=f"0{self.rng.randint(100, 999)} {self.rng.randint(10000, 999999)}",
                website=f"https://www.{domain}" if self.rng.random() < 0.5 else "",
                founded_on=founded,
                dissolved_on=dissolved,
                external_id=f"gen:org:{index + 1}",
            )
            organisation.refresh_text_keys()
            org = _Org(organisation, kind, district, quarter_or_none, city_wide)
            self.orgs.append(org)
            works.append((organisation, area_list))
            welfare = [
                self.orgs[i].obj
                for i in self.city_orgs[-20:]
                if self.orgs[i].kind == OrganisationKind.WELFARE_ORGANISATION
            ]
            if (
                kind in (OrganisationKind.INPATIENT_CARE, OrganisationKind.OUTPATIENT_CARE)
                and welfare
                and self.rng.random() < 0.3
            ):
                units.append(organisation)
                organisation.parent = self.rng.choice(welfare)
            else:
                top.append(organisation)
            position = len(self.orgs) - 1
            if city_wide:
                self.city_orgs.append(position)
            elif quarter_or_none is not None:
                self.orgs_by_quarter.setdefault(quarter_or_none, []).append(position)
            self.orgs_by_district.setdefault(district, []).append(position)
        # Parents first, so that units can point at their pks.
        self._bulk(Organisation, top)
        self._bulk(Organisation, units)
        through = Organisation.works_in.through
        self._bulk(
            through,
            [
                through(organisation_id=organisation.pk, area_id=area.pk)
                for organisation, areas in works
                for area in areas
            ],
        )

    def _new_person(self, *, female: bool, migrant: bool, domain: str | None, index: int) -> Person:
        if migrant and self.rng.random() < 0.8:
            given = self.rng.choice(data.MIGRANT_FEMALE if female else data.MIGRANT_MALE)
            family = self.rng.choice(data.MIGRANT_FAMILY)
        else:
            given = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            family = self.rng.choice(FAMILY_NAMES)
            if self.rng.random() < 0.04:
                family = f"{family}-{self.rng.choice(FAMILY_NAMES)}"
        email = postal = ""
        if domain and self.rng.random() < 0.8:
            email = f"{_ascii(given)}.{_ascii(family)}@{domain}".replace(" ", "")
        elif self.rng.random() < 0.3:
            email = f"{_ascii(given)}.{_ascii(family)}{self.rng.randint(1, 99)}@post.example"
        if not email:
            district = self.rng.randrange(DISTRICT_COUNT)
            postal = f"{self._street()}\n{self._postal_code(district)} {CITY_NAME}"
        person = Person(
            title="Dr." if self.rng.random() < 0.04 else "",
            given_name=given,
            family_name=family,
            email=email.replace(" ", ""),
            phone=f"0{self.rng.randint(100, 999)} {self.rng.randint(10000, 999999)}"
            if self.rng.random() < 0.5
            else "",
            postal_address=postal,
            external_id=f"gen:person:{index + 1}",
        )
        person.refresh_text_keys()
        return person

    def _people(self) -> None:
        total = self.targets.people
        citizens = max(5, round(total * 0.08))
        staffed = total - citizens
        # One each first, the rest by how many people such organisations usually have.
        counts = [1 if index < staffed else 0 for index in range(len(self.orgs))]
        weights = [KIND_WEIGHTS[org.kind][1] * (3 if org.city_wide else 1) for org in self.orgs]
        weights[0] *= 4  # the department that runs the networks
        for index in self.rng.choices(range(len(self.orgs)), weights, k=staffed - sum(counts)):
            counts[index] += 1
        owners: list[int | None] = []
        for index, count in enumerate(counts):
            owners.extend([index] * count)
        owners.extend([None] * (total - len(owners)))
        for number, owner in enumerate(owners):
            org = self.orgs[owner] if owner is not None else None
            female = self.rng.random() < 0.6
            migrant = org is not None and org.kind == OrganisationKind.MIGRANT_ORGANISATION
            domain = org.obj.email.split("@", 1)[1] if org else None
            self.people.append(
                self._new_person(female=female, migrant=migrant, domain=domain, index=number)
            )
        self._bulk(Person, self.people)
        for person, owner in zip(self.people, owners, strict=True):
            if owner is None:
                self.citizens.append(person.pk)
            else:
                self.orgs[owner].staff.append(person.pk)
        # Some volunteer in a second organisation of their quarter, and hold seats there too.
        local = [i for i, org in enumerate(self.orgs) if org.quarter is not None]
        for person, owner in zip(self.people, owners, strict=True):
            if owner is not None and local and self.rng.random() < 0.08:
                other = self.rng.choice(local)
                if other != owner:
                    self.orgs[other].staff.append(person.pk)
        for org in self.orgs:
            lines = max(1, min(len(org.staff) // 3, 6)) if org.staff else 0
            pools = [org.staff[line::lines] for line in range(lines)]
            org.lines = [self._timeline(pool, 500, 2200) for pool in pools if pool]
        citizen_lines = max(1, len(self.citizens) // 2)
        self.citizen_lines = [
            self._timeline(self.citizens[line::citizen_lines], 700, 2000)
            for line in range(citizen_lines)
            if self.citizens[line::citizen_lines]
        ]
        self._affiliations()

    def _timeline(
        self, pool: list[int], shortest: int, longest: int
    ) -> list[tuple[int, date, date | None]]:
        """Who holds an organisation's delegation when: one after the other, to today."""
        start = self.starts_on - timedelta(days=self.rng.randint(400, 2500))
        segments: list[tuple[int, date, date | None]] = []
        person = self.rng.choice(pool)
        while True:
            end = start + timedelta(days=self.rng.randint(shortest, longest))
            if end >= self.today or len(pool) == 1:
                segments.append((person, start, None))
                return segments
            segments.append((person, start, end))
            start = end + timedelta(days=1)
            person = self.rng.choice([other for other in pool if other != person])

    def _affiliations(self) -> None:
        rows: list[Affiliation] = []
        for org in self.orgs:
            spans: dict[int, tuple[date, date | None]] = {}
            for line in org.lines:
                for person, start, end in line:
                    first, last = spans.get(person, (start, end))
                    later = None if end is None or last is None else max(end, last)
                    spans[person] = (min(first, start), later)
            female_forms = data.FUNCTIONS[org.kind]
            for position, person in enumerate(org.staff):
                if person in spans:
                    first, last = spans[person]
                    starts_on = first - timedelta(days=self.rng.randint(0, 400))
                    ends_on = last if last is not None and self.rng.random() < 0.5 else None
                else:
                    starts_on = self.starts_on - timedelta(days=self.rng.randint(-1500, 3000))
                    ends_on = None
                    if self.rng.random() < 0.1:
                        ends_on = self._day_between(starts_on, self.today)
                female_form, male_form = self.rng.choice(female_forms)
                rows.append(
                    Affiliation(
                        person_id=person,
                        organisation_id=org.obj.pk,
                        function=self.rng.choice([female_form, male_form]),
                        is_contact=position == 0 and org.kind in CONTACT_KINDS,
                        starts_on=starts_on if self.rng.random() < 0.9 else None,
                        ends_on=ends_on,
                    )
                )
        self._bulk(Affiliation, rows)

    def _consents(self) -> None:
        channels = list(ConsentChannel)
        weights = [45, 15, 20, 20][: len(channels)]
        rows: list[ConsentRecord] = []
        for person in self.people:
            if self.rng.random() > 0.85:
                continue
            given_on = self._day_between(self.starts_on - timedelta(days=700), self.today)
            allow = {"name"}
            for name, chance in (("function", 0.8), ("email", 0.4), ("phone", 0.3), ("photo", 0.1)):
                if self.rng.random() < chance:
                    allow.add(name)
            flags = {name: name in allow for name in ConsentRecord.FIELDS}
            roll = self.rng.random()
            remaining = (self.today - given_on).days
            withdrawn = None
            renewed = None
            if roll < 0.08 and remaining > 200:
                renewed = given_on + timedelta(days=self.rng.randint(100, remaining))
                withdrawn = renewed
            elif roll > 0.95 and remaining > 10:
                withdrawn = given_on + timedelta(days=self.rng.randint(10, remaining))
            rows.append(
                ConsentRecord(
                    person_id=person.pk,
                    channel=self.rng.choices(channels, weights)[0],
                    given_on=given_on,
                    withdrawn_on=withdrawn,
                    note=self.rng.choice(data.CONSENT_NOTES),
                    **flags,
                )
            )
            if renewed is not None:
                flags["email"] = True
                rows.append(
                    ConsentRecord(
                        person_id=person.pk,
                        channel=ConsentChannel.ONLINE,
                        given_on=renewed,
                        note="Erneuert über das Formular auf der Internetseite.",
                        **flags,
                    )
                )
        self._bulk(ConsentRecord, rows)

    # --- topics and programmes --------------------------------------------------------

    def _topics(self) -> None:
        # The vocabulary comes from the data migration; the generator adds no topics.
        self.topics = {topic.slug: topic for topic in Topic.objects.order_by("pk")}

    def _programmes(self) -> None:
        departments = [i for i, org in enumerate(self.orgs) if org.kind == "city_department"]
        through = Programme.areas.through
        links: list[tuple[Programme, list[Area]]] = []
        for index in range(self.targets.programmes):
            name, short = PROGRAMME_NAMES[index % len(PROGRAMME_NAMES)]
            if index >= len(PROGRAMME_NAMES):
                name, short = f"{name} (Phase {index // len(PROGRAMME_NAMES) + 1})", ""
            starts_on = self._day_between(self.starts_on - timedelta(days=1500), self.today)
            ends_on = None
            if self.rng.random() < 0.3:
                ends_on = starts_on + timedelta(days=self.rng.randint(365, 2000))
            budget = None
            if self.rng.random() < 0.6:
                budget = Decimal(self.rng.randint(5, 500) * 10_000)
            programme = Programme(
                name=name,
                short_name=short,
                description="Programm der Stadt für die Arbeit in den Quartieren.",
                lead_organisation=self.orgs[self.rng.choice(departments)].obj,
                starts_on=starts_on,
                ends_on=ends_on,
                budget_eur=budget,
                budget_note="Mittel für die gesamte Laufzeit" if budget else "",
                external_id=f"gen:programme:{index + 1}",
            )
            programme.refresh_text_keys()
            self.programmes.append(programme)
            if index == 0:
                areas = [self.quarters[q] for q in self.model_quarters]
            elif self.rng.random() < 0.3:
                areas = list(self.districts)
            else:
                areas = self.rng.sample(self.quarters, min(len(self.quarters), 5))
            links.append((programme, areas))
        self._bulk(Programme, self.programmes)
        self._bulk(
            through,
            [
                through(programme_id=programme.pk, area_id=area.pk)
                for programme, areas in links
                for area in areas
            ],
        )

    # --- bodies -----------------------------------------------------------------------

    def _body_plan(self) -> list[tuple[str, int | None]]:
        """Which bodies, most important first; small scales keep only the first ones."""
        plan: list[tuple[str, int | None]] = [("city", None), ("planning", None)]
        circles = [("circle", quarter) for quarter in self.model_quarters]
        plan.extend(circles[:1])
        plan.extend(("network", district) for district in range(DISTRICT_COUNT))
        plan.extend(circles[1:])
        plan.append(("internal", None))
        plan.extend(("regional", region) for region in range(len(REGION_NAMES)))
        plan.append(("conference", None))
        plan = plan[: self.targets.bodies]
        plan.extend(("group", None) for _ in range(self.targets.bodies - len(plan)))
        return plan

    def _bodies(self) -> None:
        slugs = sorted(self.topics) or sorted(data.TOPIC_ITEMS)
        names = {slug: self.topics[slug].name if slug in self.topics else slug for slug in slugs}
        department = 0
        restructured = self.restructured_on
        staff = self.orgs[department].staff

        def secretary() -> int | None:
            return self.rng.choice(staff) if staff else None

        for kind, where in self._body_plan():
            index = len(self.bodies)
            hour = self.rng.choice([9, 10, 14, 15, 16, 17, 18])
            if kind == "city":
                body = _Body(BodyKind.NETWORK, BodyLevel.CITY, self.city, self._founded(8))  # type: ignore[arg-type]
                body.dissolved_on = restructured
                body.versions.append(
                    self._version(body, "Stadtweites Netzwerk für SeniorInnen", "Netzwerk", 4)
                )
                body.topics = ["pflege", "wohnen", "mobilitaet"]
            elif kind == "planning":
                body = _Body(
                    BodyKind.PLANNING_ROUND,
                    BodyLevel.CITY,
                    self.city,  # type: ignore[arg-type]
                    self._founded(5),
                )
                body.versions.append(
                    self._version(body, "Planungsrunde Quartier", "Planungsrunde", 6)
                )
                body.versions.append(
                    _Version(
                        restructured,
                        "Planungsrunde für Seniorenarbeit und alter(n)sgerechte "
                        "Quartiersentwicklung",
                        "Planungsrunde",
                        6,
                        None,
                        "Zusammenlegung mit dem stadtweiten Netzwerk",
                    )
                )
                body.topics = ["stadtentwicklung", "wohnen", "pflege"]
            elif kind == "network":
                assert where is not None
                area = self.districts[where]
                body = _Body(
                    BodyKind.NETWORK,
                    BodyLevel.DISTRICT,
                    area,
                    self._founded(self.rng.randint(2, 7)),
                    district=where,
                )
                body.versions.append(
                    self._version(
                        body,
                        f"Stadtbezirkliches Netzwerk für SeniorInnen {area.name}",
                        f"Netzwerk {area.name}"[:60],
                        4,
                        reports_to=0,
                    )
                )
                body.versions.append(
                    _Version(
                        restructured,
                        "Stadtbezirkliches Netzwerk für Seniorenarbeit und alter(n)sgerechte "
                        f"Quartiersentwicklung {area.name}",
                        f"Netzwerk {area.name}"[:60],
                        4,
                        1,
                        "Umbenennung nach der Neuordnung",
                    )
                )
                body.topics = self.rng.sample(slugs, 3)
                self.networks[where] = index
            elif kind == "circle":
                assert where is not None
                area = self.quarters[where]
                district = self.quarter_district[where]
                founded = area.model_since or self.starts_on
                body = _Body(
                    BodyKind.COORDINATION_CIRCLE,
                    BodyLevel.QUARTER,
                    area,
                    founded,
                    district=district,
                    quarter=where,
                )
                body.dissolved_on = restructured
                body.versions.append(
                    self._version(body, f"Koordinierungskreis {area.name}", "", 12)
                )
                body.topics = self.rng.sample(slugs, 3)
            elif kind == "internal":
                body = _Body(
                    BodyKind.INTERNAL_ROUND,
                    BodyLevel.INTERNAL,
                    self.city,  # type: ignore[arg-type]
                    self._founded(2),
                    is_public=False,
                )
                body.versions.append(
                    self._version(
                        body, "Kollegiale Austauschrunde der Quartierskoordination", "", 6
                    )
                )
                body.topics = ["stadtentwicklung"]
            elif kind == "regional":
                assert where is not None
                body = _Body(
                    BodyKind.EXCHANGE_ROUND,
                    BodyLevel.REGION,
                    self.regions[where],
                    restructured + timedelta(days=self.rng.randint(60, 200)),
                    region=where,
                )
                body.versions.append(
                    self._version(
                        body,
                        f"Regionale Austauschrunde {REGION_NAMES[where]}",
                        "",
                        4,
                        reports_to=1,
                    )
                )
                body.topics = self.rng.sample(slugs, 2)
            elif kind == "conference":
                body = _Body(
                    BodyKind.CONFERENCE,
                    BodyLevel.CITY,
                    self.city,  # type: ignore[arg-type]
                    restructured + timedelta(days=self.rng.randint(150, 400)),
                )
                body.versions.append(self._version(body, f"Quartierskonferenz {CITY_NAME}", "", 1))
                body.topics = list(slugs)
                hour = 10
            else:
                body = self._working_group(slugs, names)
            body.hour = hour
            body.duration = self.rng.choice([90, 120, 120, 150]) if kind != "conference" else 360
            if kind in ("network", "circle", "planning", "city", "internal", "regional"):
                body.secretary, body.secretary_org = secretary(), department
            self.bodies.append(body)
        # Bodies in the districts with a network report to it; the rest to the planning round.
        for body in self.bodies:
            if body.kind in (BodyKind.WORKING_GROUP, BodyKind.COORDINATION_CIRCLE):
                parent = self.networks.get(body.district) if body.district is not None else None
                if parent is None:
                    parent = 1
                for version in body.versions:
                    version.reports_to = parent
                if body.dissolved_on is not None and (
                    body.kind == BodyKind.COORDINATION_CIRCLE or self.rng.random() < 0.5
                ):
                    body.successor = parent
        self.bodies[0].successor = 1  # the city-wide network merged into the planning round
        self._write_bodies()

    def _founded(self, years_before: int) -> date:
        return self.starts_on - timedelta(days=365 * years_before + self.rng.randint(30, 300))

    def _version(
        self, body: _Body, name: str, short_name: str, cadence: int, reports_to: int | None = None
    ) -> _Version:
        return _Version(body.founded_on, name, short_name, cadence, reports_to, "gegründet")

    def _working_group(self, slugs: list[str], names: dict[str, str]) -> _Body:
        quarter: int | None = self.rng.randrange(len(self.quarters))
        district = self.quarter_district[quarter]  # type: ignore[index]
        area: Area = self.quarters[quarter]  # type: ignore[index]
        level = BodyLevel.QUARTER
        if self.rng.random() < 0.3:
            quarter, area, level = None, self.districts[district], BodyLevel.DISTRICT
        if self.rng.random() < 0.6:
            founded = self.starts_on - timedelta(days=self.rng.randint(30, 365))
        else:
            founded = self._day_between(self.starts_on, self.ends_on - timedelta(days=365))
        body = _Body(
            BodyKind.WORKING_GROUP,
            level,
            area,
            founded,
            district=district,
            quarter=quarter,
            is_public=self.rng.random() > 0.1,
        )
        topics = self.rng.sample(slugs, self.rng.randint(1, 3))
        body.topics = topics
        pattern = self.rng.choice(WORKING_GROUP_NAMES)
        name = self._unique(pattern.format(topic=names[topics[0]], place=area.name))
        cadence = self.rng.choices([4, 6, 12], [50, 35, 15])[0]
        body.versions.append(self._version(body, name, "", cadence))
        latest = self.today
        if self.rng.random() < 0.12 and (self.today - founded).days > 400:
            body.dissolved_on = self._day_between(founded + timedelta(days=365), self.today)
            latest = body.dissolved_on - timedelta(days=1)
        if self.rng.random() < 0.15 and (latest - founded).days > 200:
            renamed_on = self._day_between(founded + timedelta(days=180), latest)
            other = names[self.rng.choice(slugs)]
            new_name = self._unique(f"{name} und {other}" if other not in name else f"{name} II")
            cadence = self.rng.choice([4, 6, 12])
            body.versions.append(
                _Version(renamed_on, new_name, "", cadence, None, "Aufgabe erweitert")
            )
        return body

    def _write_bodies(self) -> None:
        for index, body in enumerate(self.bodies):
            current = body.versions[0]
            for version in body.versions:
                if version.valid_from <= self.today:
                    current = version
            former: list[str] = []
            for version in body.versions:
                if version.name != current.name and version.name not in former:
                    former.append(version.name)
            district = body.district if body.district is not None else 0
            assert self.town_hall is not None
            places = self.locations_by_district.get(district) or [self.town_hall]
            body.location = self.town_hall if body.level == BodyLevel.CITY else places[0]
            if body.quarter is not None or body.kind == BodyKind.WORKING_GROUP:
                body.location = self.rng.choice(places)
            body.obj = Body(
                kind=body.kind,
                level=body.level,
                area=body.area,
                purpose="",
                is_public=body.is_public,
                founded_on=body.founded_on,
                dissolved_on=body.dissolved_on,
                name=current.name,
                short_name=current.short_name,
                former_names="\n".join(former),
                external_id=f"gen:body:{index + 1}",
            )
            body.obj.refresh_text_keys()
        self._bulk(Body, [body.obj for body in self.bodies])
        successors: list[Body] = []
        for body in self.bodies:
            if body.obj and body.successor is not None and body.dissolved_on is not None:
                body.obj.successor_id = self.bodies[body.successor].obj.pk  # type: ignore[union-attr]
                successors.append(body.obj)
        if successors:
            Body.objects.bulk_update(successors, ["successor"])
        versions = [
            BodyVersion(
                body_id=body.obj.pk,  # type: ignore[union-attr]
                valid_from=version.valid_from,
                name=version.name,
                short_name=version.short_name,
                cadence_per_year=version.cadence,
                usual_duration_minutes=body.duration,
                reports_to_id=self.bodies[version.reports_to].obj.pk  # type: ignore[union-attr]
                if version.reports_to is not None and version.reports_to != index
                else None,
                secretary_id=body.secretary,
                secretary_organisation_id=self.orgs[body.secretary_org].obj.pk
                if body.secretary_org is not None
                else None,
                note=version.note,
            )
            for index, body in enumerate(self.bodies)
            for version in body.versions
        ]
        self._bulk(BodyVersion, versions)
        topic_through = Body.topics.through
        self._bulk(
            topic_through,
            [
                topic_through(body_id=body.obj.pk, topic_id=self.topics[slug].pk)  # type: ignore[union-attr]
                for body in self.bodies
                for slug in body.topics
                if slug in self.topics
            ],
        )
        programme_through = Body.programmes.through
        links = []
        for body in self.bodies:
            if self.programmes and self.rng.random() < 0.3:
                programme = self.rng.choice(self.programmes)
                links.append(programme_through(body_id=body.obj.pk, programme_id=programme.pk))  # type: ignore[union-attr]
        self._bulk(programme_through, links)

    # --- seats ------------------------------------------------------------------------

    def _seat_orgs(self, body: _Body) -> list[int]:
        """The organisations with a seat, the chair's first."""
        if body.kind == BodyKind.INTERNAL_ROUND:
            return [0] * min(6, len(self.orgs[0].lines))
        if body.kind == BodyKind.CONFERENCE:
            pool = list(range(len(self.orgs)))
            size = self.rng.randint(40, 60)
        elif body.level in (BodyLevel.CITY, BodyLevel.REGION):
            pool = list(self.city_orgs)
            if body.region is not None:
                for district, region in enumerate(self.district_region):
                    if region == body.region:
                        pool.extend(self.orgs_by_district.get(district, [])[:10])
            sizes: dict[str, int] = {BodyKind.NETWORK: 40, BodyKind.PLANNING_ROUND: 26}
            size = sizes.get(body.kind, 10)
            size = self.rng.randint(size - 5, size + 5)
        else:
            local = (
                self.orgs_by_quarter.get(body.quarter, [])
                if body.quarter is not None
                else self.orgs_by_district.get(body.district, [])  # type: ignore[arg-type]
            )
            if body.kind == BodyKind.NETWORK:
                local = self.orgs_by_district.get(body.district, [])  # type: ignore[arg-type]
                size, visitors = self.rng.randint(15, 30), self.rng.randint(5, 9)
            elif body.kind == BodyKind.COORDINATION_CIRCLE:
                size, visitors = self.rng.randint(8, 15), 2
            else:
                size, visitors = self.rng.randint(5, 12), self.rng.randint(1, 2)
            chosen = self.rng.sample(local, min(len(local), size - visitors))
            # The large city-wide providers sit in every district network and circle, the
            # department chairs them; working groups invite one or two at random.
            if body.kind == BodyKind.WORKING_GROUP:
                visiting = self.rng.sample(self.city_orgs, min(len(self.city_orgs), visitors))
                result = [*chosen[:1], 0] if self.rng.random() < 0.3 else chosen[:1]
            else:
                visiting = [index for index in self.city_orgs[:visitors] if index != 0]
                result = [0]
            for index in [*visiting, *chosen]:
                if index not in result:
                    result.append(index)
            return result[:size]
        chosen = self.rng.sample(pool, min(len(pool), size))
        return [0, *[index for index in chosen if index != 0]]

    def _seats(self) -> None:
        seats: list[Seat] = []
        plans: list[tuple[_Body, Seat, int | None, list[tuple[int, date, date | None]]]] = []
        advisory = next(
            (i for i, org in enumerate(self.orgs) if org.kind == "advisory_council"), None
        )
        for body in self.bodies:
            used: dict[int | None, set[int]] = {}
            orgs: list[int | None] = list(self._seat_orgs(body))
            # The advisory council sends delegates to every network, some working groups too.
            sends = body.kind != BodyKind.WORKING_GROUP or self.rng.random() < 0.2
            internal = body.kind == BodyKind.INTERNAL_ROUND
            if advisory is not None and advisory not in orgs and sends and not internal:
                orgs.append(advisory)
            if body.kind in (BodyKind.NETWORK, BodyKind.WORKING_GROUP) and self.citizen_lines:
                orgs.extend([None] * self.rng.choice([0, 0, 1, 2]))
            last_day = body.dissolved_on - timedelta(days=1) if body.dissolved_on else None
            for position, org_index in enumerate(orgs):
                lines = self.citizen_lines if org_index is None else self.orgs[org_index].lines
                taken = used.setdefault(org_index, set())
                free = [line for line in range(len(lines)) if line not in taken]
                if not free:
                    continue
                # One person per organisation and body: each seat of it follows another line.
                line = self.rng.choice(free)
                if org_index == 0 and body.district is not None:
                    # The department sends each district's own social worker.
                    own = body.district % len(lines)
                    line = own if own in free else line
                taken.add(line)
                starts_on = body.founded_on
                if position > 2 and self.rng.random() < 0.2:
                    starts_on = self._day_between(body.founded_on, last_day or self.today)
                ends_on = last_day
                if self.rng.random() < 0.08:
                    ends_on = self._day_between(starts_on, last_day or self.today)
                org = self.orgs[org_index] if org_index is not None else None
                role = SeatRole.MEMBER
                if position == 0:
                    role = SeatRole.CHAIR
                elif position == 1 and self.rng.random() < 0.5:
                    role = SeatRole.DEPUTY_CHAIR
                elif org and org.kind in (OrganisationKind.POLITICAL_GROUP, "press"):
                    role = SeatRole.ADVISORY if org.kind != "press" else SeatRole.GUEST
                label = ""
                if org is None:
                    label = f"Bürgerin oder Bürger aus {body.area.name}"[:200]
                elif len(taken) > 1 or self.rng.random() < 0.2:
                    label = f"Vertretung {org.obj.short_name or org.obj.name}"[:200]
                seat = Seat(
                    body_id=body.obj.pk,  # type: ignore[union-attr]
                    organisation_id=org.obj.pk if org else None,
                    role=role,
                    label=label,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    external_id=f"gen:seat:{len(seats) + 1}",
                )
                seats.append(seat)
                plans.append((body, seat, org_index, lines[line]))
        self._bulk(Seat, seats)
        holdings: list[SeatHolding] = []
        deputies: list[SeatDeputy] = []
        for body, seat, org_index, timeline in plans:
            spans: list[tuple[int, date, date | None]] = []
            for person, start, end in timeline:
                first = max(start, seat.starts_on)
                last = end
                if seat.ends_on is not None:
                    last = seat.ends_on if end is None else min(end, seat.ends_on)
                if last is not None and last < first:
                    continue
                spans.append((person, first, last))
            info = _Seat(seat.pk, org_index, seat.starts_on, seat.ends_on, spans)
            for person, first, last in spans:
                holdings.append(
                    SeatHolding(seat_id=seat.pk, person_id=person, starts_on=first, ends_on=last)
                )
            staff = self.orgs[org_index].staff if org_index is not None else []
            if len(staff) > 1 and self.rng.random() < 0.04:
                holders = {person for person, _, _ in spans}
                others = [person for person in staff if person not in holders]
                if others:
                    info.deputy = self.rng.choice(others)
                    deputies.append(
                        SeatDeputy(
                            seat_id=seat.pk,
                            person_id=info.deputy,
                            starts_on=seat.starts_on,
                            ends_on=seat.ends_on,
                        )
                    )
            body.seats.append(info)
        self._bulk(SeatHolding, holdings)
        self._bulk(SeatDeputy, deputies)

    # --- meetings ---------------------------------------------------------------------

    def _active_span(self, body: _Body) -> tuple[date, date] | None:
        first = max(body.founded_on, self.starts_on)
        last = self.ends_on
        if body.dissolved_on is not None:
            last = min(last, body.dissolved_on - timedelta(days=1))
        return (first, last) if first <= last else None

    def _allocate(self, total: int, weights: Sequence[float]) -> list[int]:
        """Split `total` in proportion to `weights` (largest remainder)."""
        whole = sum(weights)
        if whole <= 0:
            return [0] * len(weights)
        exact = [total * weight / whole for weight in weights]
        counts = [int(value) for value in exact]
        order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
        for index in order[: total - sum(counts)]:
            counts[index] += 1
        return counts

    def _meeting_days(self, body: _Body, count: int) -> list[date]:
        span = self._active_span(body)
        if span is None or count == 0:
            return []
        first, last = span
        step = ((last - first).days + 1) / count
        days = []
        for number in range(count):
            day = first + timedelta(days=int((number + self.rng.uniform(0.2, 0.8)) * step))
            if day.weekday() >= 5:
                monday = day + timedelta(days=7 - day.weekday())
                friday = day - timedelta(days=day.weekday() - 4)
                day = monday if monday <= last else friday if friday >= first else day
            days.append(min(max(day, first), last))
        return days

    def _plan_meetings(self) -> None:
        spans = [self._active_span(body) for body in self.bodies]
        weights = [
            body.versions[0].cadence * ((span[1] - span[0]).days + 1) if span else 0
            for body, span in zip(self.bodies, spans, strict=True)
        ]
        counts = self._allocate(self.targets.meetings, weights)
        for index, (body, count) in enumerate(zip(self.bodies, counts, strict=True)):
            for day in self._meeting_days(body, count):
                self.meetings.append(_Meeting(day, [index]))
        self.meetings.sort(key=lambda m: (m.day, self.bodies[m.bodies[0]].hour, m.bodies[0]))
        # Joint sessions: a neighbour body sits in as a second host.
        related: dict[int, list[int]] = {}
        for index, body in enumerate(self.bodies):
            if body.district is not None:
                related.setdefault(body.district, []).append(index)
        joint = self.rng.sample(range(len(self.meetings)), round(JOINT_SHARE * len(self.meetings)))
        for position in sorted(joint):
            meeting = self.meetings[position]
            host = self.bodies[meeting.bodies[0]]
            candidates = [
                index
                for index in (related.get(host.district, []) if host.district is not None else [])
                if index != meeting.bodies[0]
            ]
            if not candidates or self.rng.random() < 0.3:
                candidates = list(self.networks.values()) or list(range(len(self.bodies)))
            for attempt in range(12):
                if attempt == 6:  # no neighbour that day: any body that exists then
                    candidates = list(range(len(self.bodies)))
                partner = self.rng.choice(candidates)
                if partner != meeting.bodies[0] and self.bodies[partner].exists_on(meeting.day):
                    meeting.bodies.append(partner)
                    break
        # Items per meeting: about the mean, with noise that keeps the total.
        average = self._allocate(self.targets.agenda_items, [1.0] * len(self.meetings))
        for index, meeting in enumerate(self.meetings):
            meeting.items = average[index]
        for meeting in self.meetings:
            other = self.rng.choice(self.meetings)
            moved = self.rng.randint(0, 4)
            if meeting.items - moved >= ITEMS_MIN and other.items + moved <= ITEMS_MAX:
                meeting.items -= moved
                other.items += moved
        for meeting in self.meetings:
            cancelled = self.rng.random() < CANCELLED_SHARE
            if cancelled:
                meeting.state = MeetingState.CANCELLED
            elif meeting.day < self.today:
                meeting.state = MeetingState.HELD
            elif meeting.day <= self.today + timedelta(days=INVITATION_DAYS):
                meeting.state = MeetingState.INVITED

    def _meetings(self) -> None:
        self._plan_meetings()
        rows: list[Meeting] = []
        for number, meeting in enumerate(self.meetings):
            bodies = [self.bodies[index] for index in meeting.bodies]
            body = bodies[0]
            starts_at = local_datetime(meeting.day, body.hour)
            title = ""
            if len(bodies) > 1:
                title = f"Gemeinsame Sitzung: {body.name} und {bodies[1].name}"[:255]
            location = body.location
            location_text = ""
            if self.rng.random() < 0.1:
                location, location_text = None, f"Online-Sitzung ({CITY_NAME} Videokonferenz)"
            row = Meeting(
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=body.duration),
                location=location,
                location_text=location_text,
                state=meeting.state,
                is_public=all(b.is_public for b in bodies),
                cancellation_reason=self.rng.choice(data.CANCELLATION_REASONS)
                if meeting.state == MeetingState.CANCELLED
                else "",
                external_id=f"gen:meeting:{number + 1}",
                **minutes_fields(state=meeting.state, day=meeting.day, today=self.today),
            )
            row.refresh_text_keys()
            meeting.obj = row
            rows.append(row)
        self._bulk(Meeting, rows)
        through = Meeting.bodies.through
        self._bulk(
            through,
            [
                through(meeting_id=meeting.obj.pk, body_id=self.bodies[index].obj.pk)  # type: ignore[union-attr]
                for meeting in self.meetings
                for index in meeting.bodies
            ],
        )
        self._agendas_and_attendance()

    def _waves(self) -> list[tuple[str, str]]:
        """Two topics per quarter of a year that every body seems to discuss at once."""
        slugs = sorted(data.TOPIC_ITEMS)
        return [tuple(self.rng.sample(slugs, 2)) for _ in range(4 * YEARS + 8)]  # type: ignore[misc]

    def _agendas_and_attendance(self) -> None:
        waves = self._waves()
        neighbours: dict[tuple[int, date], tuple[date | None, date | None]] = {}
        by_body: dict[int, list[date]] = {}
        for meeting in self.meetings:
            if meeting.state != MeetingState.CANCELLED:
                by_body.setdefault(meeting.bodies[0], []).append(meeting.day)
        for body, days in by_body.items():
            for position, day in enumerate(days):
                previous = days[position - 1] if position else None
                following = days[position + 1] if position + 1 < len(days) else None
                neighbours[(body, day)] = (previous, following)
        held = [i for i, m in enumerate(self.meetings) if m.state == MeetingState.HELD]
        accepted = max(1, self.targets.proposals // 3)
        self.proposal_meetings = set(self.rng.sample(held, min(len(held), accepted)))
        for start in range(0, len(self.meetings), MEETINGS_PER_ROUND):
            chunk = self.meetings[start : start + MEETINGS_PER_ROUND]
            items: list[AgendaItem] = []
            item_topics: list[tuple[str, ...]] = []
            present_rows: list[Attendance] = []
            pending: dict[int, int] = {}  # meeting number → index of its second item
            for offset, meeting in enumerate(chunk):
                present = []
                if meeting.state == MeetingState.HELD:
                    present = self._attend(meeting)
                    present_rows.extend(
                        Attendance(
                            meeting_id=meeting.obj.pk,  # type: ignore[union-attr]
                            person_id=person,
                            seat_id=seat,
                            kind=kind,
                        )
                        for person, seat, kind in present
                    )
                block = ((meeting.day - self.starts_on).days // 91) % len(waves)
                previous, following = neighbours.get((meeting.bodies[0], meeting.day), (None, None))
                for item, topics in self._agenda(
                    meeting, present, waves[block], previous, following
                ):
                    items.append(item)
                    item_topics.append(topics)
                if start + offset in self.proposal_meetings and meeting.items > 2:
                    pending[start + offset] = len(items) - meeting.items + 1
            self._bulk(AgendaItem, items)
            for number, index in pending.items():
                item = items[index]
                self.proposal_items[number] = (item.pk, item.title, item_topics[index])
            through = AgendaItem.topics.through
            self._bulk(
                through,
                [
                    through(agendaitem_id=item.pk, topic_id=self.topics[slug].pk)
                    for item, topics in zip(items, item_topics, strict=True)
                    for slug in topics
                    if slug in self.topics
                ],
            )
            self._bulk(Attendance, present_rows)
            reset_queries()  # under DEBUG, the log of large INSERTs would fill the memory
            done = min(start + MEETINGS_PER_ROUND, len(self.meetings))
            if done % 5000 < MEETINGS_PER_ROUND or done == len(self.meetings):
                self.say(f"  {done} von {len(self.meetings)} Sitzungen mit Tagesordnung …")

    def _attend(self, meeting: _Meeting) -> list[tuple[int, int | None, str]]:
        """Who came: (person, seat, kind); holders, their deputies or substitutes, guests."""
        day = meeting.day
        present: list[tuple[int, int | None, str]] = []
        seen: set[int] = set()
        for index in meeting.bodies:
            for seat in self.bodies[index].seats:
                if not seat.valid(day):
                    continue
                holder = seat.holder(day)
                kind = self.orgs[seat.org].kind if seat.org is not None else None
                rate = ATTENDANCE_RATE.get(kind, DEFAULT_ATTENDANCE_RATE)
                if holder is not None and holder not in seen and self.rng.random() < rate:
                    present.append((holder, seat.pk, AttendanceKind.HOLDER))
                    seen.add(holder)
                    continue
                if seat.deputy is not None and seat.deputy not in seen:
                    present.append((seat.deputy, seat.pk, AttendanceKind.DEPUTY))
                    seen.add(seat.deputy)
                    continue
                if seat.org is None or self.rng.random() >= SUBSTITUTE_RATE:
                    continue
                staff = self.orgs[seat.org].staff
                for _ in range(3):
                    colleague = self.rng.choice(staff)
                    if colleague != holder and colleague not in seen:
                        present.append((colleague, seat.pk, AttendanceKind.SUBSTITUTE))
                        seen.add(colleague)
                        break
        guests = [self.bodies[index].secretary for index in meeting.bodies]
        if self.rng.random() < 0.1 and self.orgs[0].staff:
            guests.append(self.rng.choice(self.orgs[0].staff))
        if self.rng.random() < 0.05 and self.citizens:
            guests.append(self.rng.choice(self.citizens))
        for guest in guests:
            if guest is not None and guest not in seen:
                present.append((guest, None, AttendanceKind.GUEST))
                seen.add(guest)
        return present

    def _agenda(
        self,
        meeting: _Meeting,
        present: list[tuple[int, int | None, str]],
        wave: tuple[str, str],
        previous: date | None,
        following: date | None,
    ) -> list[tuple[AgendaItem, tuple[str, ...]]]:
        body = self.bodies[meeting.bodies[0]]
        held = meeting.state == MeetingState.HELD
        place = self._place_name(body.district, body.quarter)
        if body.district is None:
            place = self.rng.choice(self.quarters).name
        street = f"{self.rng.choice(PLACE_ROOTS)}straße"
        seat_orgs = {
            seat.pk: seat.org for index in meeting.bodies for seat in self.bodies[index].seats
        }
        speakers = [
            self.orgs[org].obj.short_name or self.orgs[org].obj.name
            for _, seat, _ in present
            if seat is not None and (org := seat_orgs.get(seat)) is not None
        ] or ["Die Geschäftsführung"]
        entries: list[data.ItemData] = []
        titles: set[str] = set()
        focus = [slug for slug in body.topics if slug in data.TOPIC_ITEMS] or list(wave)
        for _ in range(max(0, meeting.items - 2)):
            entry = None
            for _ in range(4):
                roll = self.rng.random()
                pool = focus if roll < 0.5 else wave if roll < 0.8 else self.all_slugs
                candidate = self.rng.choice(data.TOPIC_ITEMS[self.rng.choice(pool)])
                if self.rng.random() < 0.03:
                    candidate = PRIVATE_ITEM
                title = candidate.title.format(ort=place, strasse=street)
                if title not in titles:
                    entry = candidate
                    break
            if entry is None:
                who = self.rng.choice(self.orgs).obj.name
                title = self.rng.choice(GENERIC_ITEMS).format(org=who)
                entry = data.ItemData(title, (self.rng.choice(focus),))
                if title in titles:
                    continue
            titles.add(title)
            entries.append(entry)
        rows: list[tuple[AgendaItem, tuple[str, ...]]] = []
        opening = data.ItemData(data.OPENING_ITEM, ())
        closing = data.ItemData(data.CLOSING_ITEM, ())
        sequence = [opening, *entries, closing] if meeting.items >= 2 else [opening]
        while len(sequence) < meeting.items:
            # Generic titles ran out: a numbered report keeps the count.
            number = len(sequence)
            sequence.insert(-1, data.ItemData(f"Bericht aus der Runde ({number})", ()))
        for position, entry in enumerate(sequence, 1):
            title = entry.title.format(ort=place, strasse=street)
            explanation = entry.text.format(ort=place, strasse=street)
            sentences: list[str] = []
            result = ""
            if held and entry is opening:
                sentences = [
                    "Die Tagesordnung wird ohne Änderungen angenommen.",
                    f"Das Protokoll der Sitzung vom {previous:%d.%m.%Y} wird genehmigt."
                    if previous
                    else "Es liegt kein Protokoll zur Genehmigung vor.",
                ]
                result = "Tagesordnung angenommen." + (" Protokoll genehmigt." if previous else "")
            elif held and entry is closing:
                sentences = ["Hinweise auf Veranstaltungen und Angebote."]
                if following:
                    sentences.append(f"Die nächste Sitzung ist am {following:%d.%m.%Y}.")
            elif held:
                templates = self.rng.sample(data.MINUTES_SENTENCES, 2)
                if entry.minutes:
                    templates[0] = entry.minutes
                sentences = [
                    template.format(org=self.rng.choice(speakers), ort=place)
                    for template in templates
                ]
                result = self.rng.choice(data.RESULTS).format(
                    dept=self.rng.choice(self.department_names or ["zuständigen Fachbereich"]),
                    org=self.rng.choice(speakers),
                )
            item = AgendaItem(
                meeting=meeting.obj,
                position=position,
                title=title[:255],
                text=explanation,
                is_public=entry.public and body.is_public,
                minutes=" ".join(sentences),
                result=result,
            )
            _set_item_text_keys(item, sentences)
            rows.append((item, entry.topics))
        return rows

    # --- proposals --------------------------------------------------------------------

    def _proposals(self) -> None:
        rows: list[AgendaProposal] = []
        topics: list[tuple[str, ...]] = []
        accepted = sorted(self.proposal_items.items())
        future = [m for m in self.meetings if m.day >= self.today and m.state != "cancelled"]
        for number, (item_pk, title, slugs) in accepted:
            meeting = self.meetings[number]
            body = self.bodies[meeting.bodies[0]]
            proposer = self._proposer(body, meeting.day)
            if proposer is None:
                continue
            rows.append(
                AgendaProposal(
                    body_id=body.obj.pk,  # type: ignore[union-attr]
                    meeting_id=meeting.obj.pk,  # type: ignore[union-attr]
                    proposed_by_id=proposer,
                    title=title,
                    state=ProposalState.ACCEPTED,
                    agenda_item_id=item_pk,
                )
            )
            topics.append(slugs)
        slugs_all = sorted(data.TOPIC_ITEMS)
        while len(rows) < self.targets.proposals:
            meeting = self.rng.choice(future or self.meetings)
            body = self.bodies[meeting.bodies[0]]
            proposer = self._proposer(body, min(meeting.day, self.today))
            if proposer is None:
                proposer = self.people[0].pk
            slug = self.rng.choice(slugs_all)
            entry = self.rng.choice(data.TOPIC_ITEMS[slug])
            state = self.rng.choices(
                [ProposalState.OPEN, ProposalState.MOVED, ProposalState.DECLINED], [60, 20, 20]
            )[0]
            rows.append(
                AgendaProposal(
                    body_id=body.obj.pk,  # type: ignore[union-attr]
                    meeting_id=meeting.obj.pk if state != ProposalState.DECLINED else None,  # type: ignore[union-attr]
                    proposed_by_id=proposer,
                    title=entry.title.format(ort=body.area.name, strasse="Hauptstraße"),
                    text=entry.text.format(ort=body.area.name, strasse="Hauptstraße"),
                    state=state,
                    decision_reason=self.rng.choice(DECLINE_REASONS)
                    if state == ProposalState.DECLINED
                    else "",
                )
            )
            topics.append(entry.topics)
        self._bulk(AgendaProposal, rows)
        through = AgendaProposal.topics.through
        self._bulk(
            through,
            [
                through(agendaproposal_id=row.pk, topic_id=self.topics[slug].pk)
                for row, slugs in zip(rows, topics, strict=True)
                for slug in slugs
                if slug in self.topics
            ],
        )

    def _proposer(self, body: _Body, day: date) -> int | None:
        holders = [holder for seat in body.seats if (holder := seat.holder(day)) is not None]
        return self.rng.choice(holders) if holders else None

    # --- the whole city ---------------------------------------------------------------

    def run(self) -> None:
        self.say("Gebiete und Orte …")
        self._areas()
        self._locations()
        self.say("Organisationen, Personen und Einwilligungen …")
        self._organisations()
        self._people()
        self._consents()
        self._topics()
        self._programmes()
        self.say("Gremien und Sitze …")
        self._bodies()
        self._seats()
        self.say(f"{self.targets.meetings} Sitzungen …")
        self._meetings()
        self._proposals()
        self.say("Einladungen, Rückmeldungen, Protokolle und Verabredungen …")
        fill_cycle(today=self.today, seed=self.rng.randrange(2**31), say=self.say)


def generated_counts() -> dict[str, int]:
    """What the database holds now, counted from the tables."""
    counted: list[tuple[str, type[models.Model]]] = [
        ("Gebiete", Area),
        ("Orte", Location),
        ("Organisationen", Organisation),
        ("Personen", Person),
        ("Zugehörigkeiten", Affiliation),
        ("Einwilligungen", ConsentRecord),
        ("Themen", Topic),
        ("Programme", Programme),
        ("Gremien", Body),
        ("Stände der Gremien", BodyVersion),
        ("Sitze", Seat),
        ("Besetzungen", SeatHolding),
        ("Stellvertretungen", SeatDeputy),
        ("Sitzungen", Meeting),
        ("Tagesordnungspunkte", AgendaItem),
        ("Anwesenheiten", Attendance),
        ("Themenvorschläge", AgendaProposal),
    ]
    counts = {label: model.objects.count() for label, model in counted}  # type: ignore[attr-defined]
    return {**counts, **cycle_counts()}


def city_generate(
    *,
    scale: float,
    seed: int,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> GenerateSummary:
    """Fill an empty database with a synthetic city of `scale` (1 = a large city)."""
    if not scale > 0:
        raise ValueError("Der Maßstab muss größer als 0 sein.")
    if Area.objects.exists():
        raise CityNotEmpty(
            "Die Datenbank enthält schon Gebiete. Eine Stadt wird nur in eine leere "
            "Datenbank erzeugt: bitte eine frische Datenbank verwenden."
        )
    day = today or timezone.localdate()
    generator = _Generator(
        scale=scale, seed=seed, today=day, progress=progress or (lambda message: None)
    )
    with transaction.atomic():
        generator.run()
    return GenerateSummary(
        scale=scale,
        seed=seed,
        today=day,
        starts_on=generator.starts_on,
        ends_on=generator.ends_on,
        counts=generated_counts(),
    )
