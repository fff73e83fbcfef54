"""The demo city's bodies as the paper's table describes them, with their seats.

A seat names who holds it with a short reference the loader resolves:
"org:awo" (the organisation's usual delegate), "org:awo/1" (its second person),
"sbr:3" / "miso:1" (the n-th delegate of the senior citizens' advisory council or of
MISO), "coord:Südstadt" (the quarter coordinator), "citizen:0" (a citizen without
organisation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from quartier.demo.data import DISTRICTS, ORGANISATIONS, DistrictData

DEMO_START = date(2013, 10, 1)

# Months in which a body meets, by meetings a year; a body picks one pattern.
MONTH_PATTERNS: dict[int, list[tuple[int, ...]]] = {
    3: [(3, 6, 10), (2, 5, 11), (1, 4, 9)],
    4: [(3, 6, 9, 12), (2, 5, 9, 11), (1, 4, 6, 10), (3, 5, 9, 11)],
    5: [(1, 3, 5, 9, 11), (2, 4, 6, 10, 12)],
    6: [(1, 3, 5, 7, 9, 11), (2, 4, 6, 8, 10, 12)],
    8: [(1, 2, 3, 5, 6, 9, 10, 11)],
    10: [(1, 2, 3, 4, 5, 6, 9, 10, 11, 12)],
}


@dataclass(frozen=True)
class SeatPlan:
    who: str
    role: str = "member"
    label: str = ""


@dataclass
class BodyPlan:
    key: str
    kind: str
    level: str
    area: str
    name: str
    short_name: str
    founded_on: date
    cadence: int
    pattern: int
    weekday: int  # 0 = Monday
    nth: int  # n-th such weekday of the month
    hour: int
    duration: int
    location: str
    secretary: str  # a seat-style reference to a person
    secretary_org: str
    seats: list[SeatPlan] = field(default_factory=list)
    reports_to: str = ""
    is_public: bool = True
    purpose: str = ""
    programmes: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    dissolved_on: date | None = None
    place: str = ""  # the name agenda texts use for "here"


# City-wide organisations whose delegate sits in the city-wide network, the planning round
# and at least one district network: the paper's "Personalunion".
TRIPLE_ORGS = [
    "awo",
    "caritas",
    "diakonie",
    "drk",
    "parit",
    "malteser",
    "asb",
    "pw_suedstadt",
    "sz_leineaue",
    "linden_mobil",
    "cs_ost",
    "leineland",
    "wg_kleefeld",
]
# Besides Mitte, where they all have their offices, welfare organisations sit in these
# district networks.
WELFARE_DISTRICTS: dict[str, list[int]] = {
    "awo": [1, 9, 10, 13],
    "caritas": [1, 4, 8],
    "diakonie": [1, 7, 11],
    "drk": [1, 2, 6],
    "parit": [1, 12],
    "malteser": [1, 3, 5],
    "asb": [1, 9],
}
# Organisations with their own seat lists elsewhere; not added by home district.
NOT_BY_HOME = {"sbr", "miso", "leinewelle", "zeitlos", "kurier"}
SBR_CITY, SBR_PLANNING, SBR_MOBILITY = 0, 1, 2
MISO_CITY, MISO_PLANNING, MISO_MOBILITY, MISO_MITTE = 0, 1, 2, 3
MODEL_QUARTER_DISTRICT = {"Kirchrode": 6, "Südstadt": 7, "Döhren": 8}


def sbr_for_district(number: int) -> str:
    """The advisory council sends different delegates; some cover two districts."""
    return f"sbr:{3 + (number - 1) % 11}"


def _district_of_quarter() -> dict[str, int]:
    return {quarter: d.number for d in DISTRICTS for quarter in d.quarters}


def _org_district(home: str, quarter_districts: dict[str, int]) -> int | None:
    if home.startswith("d:"):
        return int(home[2:])
    if home.startswith("q:"):
        return quarter_districts[home[2:]]
    return None


def _local_orgs(number: int) -> list[str]:
    """Organisations based in district `number`, in the order of ORGANISATIONS."""
    quarter_districts = _district_of_quarter()
    keys = []
    for org in ORGANISATIONS:
        if org.key in NOT_BY_HOME or org.kind in ("city_department", "political_group"):
            continue
        if org.key in WELFARE_DISTRICTS:
            continue
        if org.home.startswith("d:1") and number != 1:
            continue
        if _org_district(org.home, quarter_districts) == number:
            keys.append(org.key)
    return keys


def _quarter_orgs(quarter: str) -> list[str]:
    return [
        org.key
        for org in ORGANISATIONS
        if org.home == f"q:{quarter}" and org.key not in NOT_BY_HOME
    ]


def _district_network(district: DistrictData, city_network: str) -> BodyPlan:
    n = district.number
    seats = [SeatPlan(sbr_for_district(n), label="Vertretung Seniorenbeirat")]
    seats.append(SeatPlan(f"org:sbzr{n}", "advisory", "Vertretung Stadtbezirksrat"))
    for key, districts in WELFARE_DISTRICTS.items():
        if n in districts:
            seats.append(SeatPlan(f"org:{key}"))
    seats.extend(SeatPlan(f"org:{key}") for key in _local_orgs(n))
    if n == 1:
        seats.append(SeatPlan(f"miso:{MISO_MITTE}", label="Vertretung MISO"))
    if n == 7:
        seats.append(SeatPlan("org:kurier", "guest", "Presse"))
    for quarter, number in MODEL_QUARTER_DISTRICT.items():
        if number == n:
            seats.append(
                SeatPlan(f"coord:{quarter}", "advisory", f"Quartierskoordination {quarter}")
            )
    # The chair rotates among the members; the first welfare or care seat holds it.
    seats[2] = SeatPlan(seats[2].who, "chair", seats[2].label)
    return BodyPlan(
        key=f"net{n}",
        kind="network",
        level="district",
        area=f"d:{n}",
        name=f"Stadtbezirkliches Netzwerk für SeniorInnen {district.name}",
        short_name=f"Netzwerk {district.name}",
        founded_on=date(2004 + n % 7, 1 + n % 12, 1),
        cadence=4,
        pattern=n % 4,
        weekday=n % 4,
        nth=1 + n % 3,
        hour=14 if n % 2 else 15,
        duration=120,
        location=f"treff:{n}",
        secretary=f"social:{n}",
        secretary_org="ksh",
        seats=seats,
        reports_to=city_network,
        purpose=(
            "Austausch der Akteure der Seniorenarbeit im Stadtbezirk; Schwerpunkt auf den "
            "Generationen 60+."
        ),
        programmes=("mq2030", "aqe") if n in (6, 7, 8) else ("mq2030",),
        topics=("pflege", "treffpunkte", "mobilitaet", "nachbarschaftshilfe"),
        place=district.name,
    )


def body_plans() -> list[BodyPlan]:
    """Every body of the demo city, parents before the bodies reporting to them."""
    plans: list[BodyPlan] = []
    city_seats = [
        SeatPlan("org:fbsen", "chair", "Fachbereich Senioren"),
        SeatPlan(f"sbr:{SBR_CITY}", label="Vertretung Seniorenbeirat"),
        SeatPlan(f"miso:{MISO_CITY}", label="Vertretung MISO"),
        SeatPlan("org:bmb"),
        SeatPlan("org:skv"),
        SeatPlan("org:fbsoz"),
        SeatPlan("org:vhs"),
        SeatPlan("org:wohnberatung"),
        *[SeatPlan(f"org:{key}") for key in TRIPLE_ORGS],
        SeatPlan("org:zeitlos", "guest", "Presse"),
    ]
    plans.append(
        BodyPlan(
            key="city",
            kind="network",
            level="city",
            area="city",
            name="Stadtweites Netzwerk für SeniorInnen",
            short_name="Stadtweites Netzwerk",
            founded_on=date(2002, 6, 1),
            cadence=4,
            pattern=0,
            weekday=2,
            nth=2,
            hour=14,
            duration=150,
            location="rathaus",
            secretary="org:fbsen/1",
            secretary_org="fbsen",
            seats=city_seats,
            purpose=(
                "Vertreterinnen und Vertreter der offenen Seniorenarbeit, des Seniorenbeirats "
                "und der Migrantenselbstorganisationen beraten stadtweite Fragen."
            ),
            programmes=("aqe",),
            topics=("pflege", "wohnen", "integration", "ehrenamt"),
        )
    )
    planning_seats = [
        SeatPlan("org:fbsen", "chair", "Fachbereich Senioren"),
        *[
            SeatPlan(f"coord:{quarter}", label=f"Quartierskoordination {quarter}")
            for quarter in MODEL_QUARTER_DISTRICT
        ],
        SeatPlan("org:fbplan"),
        SeatPlan("org:fbsoz"),
        SeatPlan("org:sozplan"),
        SeatPlan("org:fbtief"),
        SeatPlan("org:region_verkehr", "advisory"),
        SeatPlan(f"sbr:{SBR_PLANNING}", label="Vertretung Seniorenbeirat"),
        SeatPlan(f"miso:{MISO_PLANNING}", label="Vertretung MISO"),
        *[SeatPlan(f"org:{key}") for key in TRIPLE_ORGS],
        SeatPlan("org:skv"),
        SeatPlan("org:wohnberatung"),
        SeatPlan("org:bg_suedstadt"),
        SeatPlan("org:wohnbau_kronsberg"),
    ]
    plans.append(
        BodyPlan(
            key="planning",
            kind="planning_round",
            level="city",
            area="city",
            name="Planungsrunde Quartier",
            short_name="Planungsrunde",
            founded_on=date(2014, 1, 15),
            cadence=6,
            pattern=0,
            weekday=3,
            nth=1,
            hour=14,
            duration=180,
            location="rathaus",
            secretary="org:fbsen/1",
            secretary_org="fbsen",
            seats=planning_seats,
            purpose=(
                "Stadtinterne und externe Mitglieder, z. B. Wohnungsunternehmen und freie "
                "Träger, tauschen sich regelmäßig über die Quartiersprozesse aus."
            ),
            programmes=("aqe",),
            topics=("stadtentwicklung", "wohnen", "mobilitaet", "barrierefreiheit"),
        )
    )
    plans.extend(_district_network(district, "city") for district in DISTRICTS)
    circle_setup = {
        "Kirchrode": (date(2014, 3, 1), 6, 1, 1, 2, 16, "drk", ["org:fbplan"]),
        "Südstadt": (date(2014, 2, 15), 8, 0, 2, 3, 16, "diakonie", []),
        "Döhren": (date(2014, 4, 1), 5, 0, 0, 2, 17, "caritas", []),
    }
    for quarter, (
        founded,
        cadence,
        pattern,
        weekday,
        nth,
        hour,
        welfare,
        extra,
    ) in circle_setup.items():
        number = MODEL_QUARTER_DISTRICT[quarter]
        seats = [
            SeatPlan(f"coord:{quarter}", "chair", f"Quartierskoordination {quarter}"),
            SeatPlan(sbr_for_district(number), label="Vertretung Seniorenbeirat"),
            SeatPlan(f"org:sbzr{number}", "advisory", "Vertretung Stadtbezirksrat"),
            SeatPlan(f"org:{welfare}"),
            *[SeatPlan(f"org:{key}") for key in _quarter_orgs(quarter) if key != "kurier"],
            *[SeatPlan(who) for who in extra],
            SeatPlan(f"citizen:{2 * (number - 6)}", label="Bürgervertretung"),
            SeatPlan(f"citizen:{2 * (number - 6) + 1}", label="Bürgervertretung"),
        ]
        plans.append(
            BodyPlan(
                key=f"circle:{quarter}",
                kind="coordination_circle",
                level="quarter",
                area=f"q:{quarter}",
                name=f"Koordinierungskreis {quarter}",
                short_name=f"KoKreis {quarter}",
                founded_on=founded,
                cadence=cadence,
                pattern=pattern,
                weekday=weekday,
                nth=nth,
                hour=hour,
                duration=120,
                location=f"quarter:{quarter}",
                secretary=f"coord:{quarter}",
                secretary_org="ksh",
                seats=seats,
                reports_to=f"net{number}",
                purpose=(
                    "Steuert die alter(n)sgerechte Quartiersentwicklung im Modellquartier "
                    f"{quarter}; hervorgegangen aus der Ideenwerkstatt."
                ),
                programmes=("aqe",),
                topics=("treffpunkte", "nachbarschaftshilfe", "barrierefreiheit", "bewegung"),
                place=quarter,
            )
        )
    plans.extend(_working_groups())
    plans.append(
        BodyPlan(
            key="internal",
            kind="internal_round",
            level="internal",
            area="city",
            name="Kollegiale Austauschrunde Quartierskoordination",
            short_name="Austauschrunde KSH",
            founded_on=date(2013, 11, 1),
            cadence=6,
            pattern=1,
            weekday=0,
            nth=1,
            hour=10,
            duration=120,
            location="dienststelle",
            secretary="org:fbsen/1",
            secretary_org="ksh",
            seats=[
                SeatPlan("org:fbsen", "chair", "Bereichsleitung"),
                SeatPlan("org:fbsen/1", label="Sachgebietsleitung"),
                *[
                    SeatPlan(f"coord:{quarter}", label=f"Quartierskoordination {quarter}")
                    for quarter in MODEL_QUARTER_DISTRICT
                ],
            ],
            is_public=False,
            purpose=(
                "Die Quartierskoordinatorinnen tauschen sich mit Sachgebiets- und "
                "Bereichsleitung über ihre Rolle, Konflikte und übertragbare Maßnahmen aus."
            ),
            programmes=("aqe",),
            topics=("stadtentwicklung",),
        )
    )
    return plans


def _group(
    key: str,
    name: str,
    area: str,
    founded: date,
    cadence: int,
    seats: list[str],
    *,
    secretary: str,
    secretary_org: str,
    reports_to: str = "",
    level: str = "quarter",
    kind: str = "working_group",
    topics: tuple[str, ...] = (),
    programmes: tuple[str, ...] = (),
    slot: tuple[int, int, int, int] = (0, 3, 2, 17),
    dissolved_on: date | None = None,
    location: str = "",
    purpose: str = "",
) -> BodyPlan:
    pattern, weekday, nth, hour = slot
    place = area[2:] if area.startswith("q:") else ""
    return BodyPlan(
        key=key,
        kind=kind,
        level=level,
        area=area,
        name=name,
        short_name="",
        founded_on=founded,
        cadence=cadence,
        pattern=pattern,
        weekday=weekday,
        nth=nth,
        hour=hour,
        duration=90,
        location=location or (f"quarter:{place}" if place else "rathaus"),
        secretary=secretary,
        secretary_org=secretary_org,
        seats=[
            SeatPlan(who, "chair" if index == 0 else "member", _label(who))
            for index, who in enumerate(seats)
        ],
        reports_to=reports_to,
        purpose=purpose,
        programmes=programmes,
        topics=topics,
        dissolved_on=dissolved_on,
        place=place,
    )


def _label(who: str) -> str:
    if who.startswith("coord:"):
        return f"Quartierskoordination {who[6:]}"
    if who.startswith("sbr:"):
        return "Vertretung Seniorenbeirat"
    if who.startswith("miso:"):
        return "Vertretung MISO"
    if who.startswith("citizen:"):
        return "Bürgervertretung"
    return ""


def _working_groups() -> list[BodyPlan]:
    return [
        _group(
            "ag:wohnen-suedstadt",
            "AG Wohnen und Nachbarschaft Südstadt",
            "q:Südstadt",
            date(2014, 9, 1),
            4,
            [
                "coord:Südstadt",
                "org:bg_suedstadt",
                "org:ni1",
                "org:ek_suedstadt",
                "org:awo_sued",
                "org:uk_suedstadt",
                sbr_for_district(7),
                "org:sbzr7",
                "citizen:2",
            ],
            secretary="coord:Südstadt",
            secretary_org="ksh",
            reports_to="circle:Südstadt",
            topics=("wohnen", "nachbarschaftshilfe"),
            programmes=("aqe",),
            slot=(1, 3, 1, 17),
        ),
        _group(
            "ak:barrierefrei-suedstadt",
            "Arbeitskreis Barrierefreie Südstadt",
            "q:Südstadt",
            date(2015, 3, 1),
            3,
            [
                "coord:Südstadt",
                "org:apo_stephan",
                "org:ig_suedstadt",
                "org:hv_suedstadt",
                "org:ds_suedstadt",
                "org:pw_suedstadt",
                "org:bmb/1",
                "org:fbtief",
                "org:region_verkehr",
            ],
            secretary="coord:Südstadt",
            secretary_org="ksh",
            reports_to="circle:Südstadt",
            topics=("barrierefreiheit", "mobilitaet", "nahversorgung"),
            programmes=("aqe",),
            slot=(0, 1, 3, 16),
        ),
        _group(
            "ag:bewegung-kirchrode",
            "AG Bewegung im Quartier Kirchrode",
            "q:Kirchrode",
            date(2014, 10, 1),
            6,
            [
                "coord:Kirchrode",
                "org:tv_kirchrode",
                "org:sz_bischofshol",
                "org:ds_kirchrode",
                "org:ek_kirchrode",
                "org:ni3",
                "org:drk_kirchrode",
                sbr_for_district(6),
                "org:sbzr6",
                "org:fbsport",
            ],
            secretary="coord:Kirchrode",
            secretary_org="ksh",
            reports_to="circle:Kirchrode",
            topics=("bewegung", "gruenflaechen"),
            programmes=("aqe",),
            slot=(0, 0, 3, 16),
        ),
        _group(
            "ak:fluechtlinge-kirchrode",
            "Arbeitskreis Flüchtlingshilfe und Nachbarschaft Kirchrode",
            "q:Kirchrode",
            date(2015, 11, 1),
            6,
            [
                "org:hk_kirchrode",
                "coord:Kirchrode",
                "org:ek_kirchrode",
                "org:ni3",
                "org:fbsoz/1",
                "org:b_kleinschmidt",
            ],
            secretary="coord:Kirchrode",
            secretary_org="ksh",
            reports_to="circle:Kirchrode",
            topics=("fluechtlingshilfe", "integration", "ehrenamt"),
            programmes=("aqe",),
            slot=(1, 2, 1, 18),
        ),
        _group(
            "ag:treffpunkte-doehren",
            "AG Treffpunkte Döhren",
            "q:Döhren",
            date(2014, 11, 1),
            4,
            [
                "coord:Döhren",
                "org:ek_doehren",
                "org:kk_doehren",
                "org:tus_doehren",
                "org:awo_doehren",
                "org:ni2",
                "org:hk_doehren",
                "org:wm_doehren",
                "org:fm_doehren",
                sbr_for_district(8),
                "org:sbzr8",
            ],
            secretary="coord:Döhren",
            secretary_org="ksh",
            reports_to="circle:Döhren",
            topics=("treffpunkte", "nahversorgung", "integration"),
            programmes=("aqe",),
            slot=(2, 1, 2, 17),
        ),
        _group(
            "vg:ideenwerkstatt-doehren",
            "Vorbereitungsgruppe Ideenwerkstatt Döhren",
            "q:Döhren",
            date(2013, 10, 15),
            10,
            [
                "coord:Döhren",
                "org:ek_doehren",
                "org:sz_leineaue",
                "org:ds_doehren",
                "org:awo_doehren",
            ],
            secretary="coord:Döhren",
            secretary_org="ksh",
            topics=("stadtentwicklung", "treffpunkte"),
            programmes=("aqe",),
            slot=(0, 2, 4, 17),
            dissolved_on=date(2014, 7, 1),
            purpose="Bereitete die Ideenwerkstatt im Modellquartier Döhren vor.",
        ),
        _group(
            "sr:badenstedt",
            "Stadtteilrunde Badenstedt",
            "q:Badenstedt",
            date(2015, 2, 1),
            4,
            [
                "org:dkh",
                "org:kk_badenstedt",
                "org:mp_ahlem",
                "org:ni13",
                sbr_for_district(11),
                "org:sbzr11",
            ],
            secretary="org:dkh",
            secretary_org="dkh",
            kind="working_group",
            topics=("pflege", "treffpunkte", "nachbarschaftshilfe"),
            programmes=("traeger",),
            slot=(3, 1, 2, 15),
            purpose="Quartiersentwicklung rund um das Dietrich-Kuhlmann-Haus.",
        ),
        _group(
            "sr:listholze",
            "Stadtteilrunde Listholze",
            "q:Listholze",
            date(2015, 6, 1),
            4,
            [
                "org:drk_listholze",
                "org:ss_list",
                "org:ek_list",
                "org:ni20",
                "org:diakonie_list",
                "org:psc",
                "org:hk_vahrenwald",
                sbr_for_district(2),
            ],
            secretary="org:drk_listholze",
            secretary_org="drk_listholze",
            topics=("pflege", "wohnen", "treffpunkte"),
            programmes=("traeger",),
            slot=(1, 2, 3, 15),
            purpose="Quartiersentwicklung rund um das DRK-Pflegezentrum am Listholze.",
        ),
        _group(
            "qr:klein-buchholz",
            "Quartiersrunde Klein-Buchholz",
            "q:Bothfeld / Klein-Buchholz",
            date(2014, 6, 1),
            6,
            ["org:johannesstift", "org:ek_bothfeld", "org:ap_bothfeld", "org:ni9", "org:sbzr3"],
            secretary="org:johannesstift",
            secretary_org="johannesstift",
            topics=("treffpunkte", "ehrenamt", "bewegung"),
            programmes=("traeger",),
            slot=(0, 3, 3, 16),
            purpose="Quartiersarbeit im Stadtteilhaus des Ev. Johannesstifts.",
        ),
        _group(
            "sr:linden-sued",
            "Stadtteilrunde Linden-Süd",
            "q:Linden-Süd",
            date(2009, 1, 1),
            6,
            [
                "org:nbl_linden",
                "org:ni4",
                "org:anadolu",
                "org:awo_linden",
                "org:dtsv",
                "org:ib_linden",
                "org:lp_linden",
                "org:wg_linden",
            ],
            secretary="org:fbsoz/1",
            secretary_org="fbsoz",
            topics=("integration", "nachbarschaftshilfe", "wohnen"),
            programmes=("gwa",),
            slot=(0, 1, 1, 18),
            purpose="Gemeinwesenarbeit: Runde der Einrichtungen und Initiativen in Linden-Süd.",
        ),
        _group(
            "ak:mobilitaet",
            "Arbeitskreis Mobilität im Alter",
            "city",
            date(2014, 5, 1),
            3,
            [
                "org:fbsen/2",
                "org:region_verkehr",
                "org:fbtief",
                "org:fbplan",
                f"sbr:{SBR_MOBILITY}",
                f"miso:{MISO_MOBILITY}",
                "org:bmb",
                "org:awo",
                "org:fd_mobil",
            ],
            secretary="org:fbsen/2",
            secretary_org="fbsen",
            reports_to="planning",
            level="city",
            topics=("mobilitaet", "barrierefreiheit"),
            programmes=("aqe",),
            slot=(0, 2, 3, 10),
            purpose="Stadtweiter Arbeitskreis zu ÖPNV, Fahrdiensten und Wegen im Alter.",
        ),
    ]
