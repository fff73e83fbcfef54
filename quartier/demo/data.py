"""The demo city's fixed content: Hannover's districts, invented organisations and texts.

Everything here is data. Names of districts, quarters and the city's own units follow the
seed paper (DOMAIN.md); organisations below city level and all people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- places -------------------------------------------------------------------------------

CITY_NAME = "Hannover"

# KSH groups the districts into four regions of three or four districts each.
REGIONS: list[tuple[str, list[int]]] = [
    ("Region Mitte-Ost", [1, 4, 5]),
    ("Region Nord", [2, 3, 12, 13]),
    ("Region Süd", [6, 7, 8]),
    ("Region West", [9, 10, 11]),
]


@dataclass(frozen=True)
class DistrictData:
    number: int
    name: str
    quarters: list[str]
    postal_code: str
    streets: list[str]
    centre: tuple[float, float]


DISTRICTS: list[DistrictData] = [
    DistrictData(
        1,
        "Mitte",
        ["Mitte", "Calenberger Neustadt", "Oststadt", "Zoo"],
        "30159",
        ["Georgstraße", "Osterstraße", "Goseriede", "Marktstraße", "Lister Straße"],
        (9.738, 52.374),
    ),
    DistrictData(
        2,
        "Vahrenwald-List",
        ["Vahrenwald", "List", "Listholze"],
        "30163",
        ["Podbielskistraße", "Vahrenwalder Straße", "Am Listholze", "Lister Meile"],
        (9.752, 52.396),
    ),
    DistrictData(
        3,
        "Bothfeld-Vahrenheide",
        ["Bothfeld / Klein-Buchholz", "Vahrenheide", "Sahlkamp", "Isernhagen-Süd"],
        "30659",
        ["Sutelstraße", "Kurze-Kamp-Straße", "Plauener Straße", "Klein-Buchholzer Kirchweg"],
        (9.792, 52.417),
    ),
    DistrictData(
        4,
        "Buchholz-Kleefeld",
        ["Groß-Buchholz", "Kleefeld", "Heideviertel"],
        "30655",
        ["Pasteurallee", "Kirchröder Straße", "Rotekreuzstraße", "Berckhusenstraße"],
        (9.797, 52.385),
    ),
    DistrictData(
        5,
        "Misburg-Anderten",
        ["Misburg-Nord", "Misburg-Süd", "Anderten"],
        "30629",
        ["Meyers Garten", "Anderter Straße", "Seckbruchstraße", "Hannoversche Straße"],
        (9.862, 52.386),
    ),
    DistrictData(
        6,
        "Kirchrode-Bemerode-Wülferode",
        ["Kirchrode", "Bemerode", "Kronsberg Süd", "Wülferode"],
        "30559",
        ["Tiergartenstraße", "Brabeckstraße", "Bemeroder Straße", "Kattenbrookstrift"],
        (9.830, 52.357),
    ),
    DistrictData(
        7,
        "Südstadt-Bult",
        ["Südstadt", "Bult"],
        "30171",
        ["Sallstraße", "Hildesheimer Straße", "Geibelstraße", "Stephansplatz", "Krausenstraße"],
        (9.755, 52.358),
    ),
    DistrictData(
        8,
        "Döhren-Wülfel",
        ["Döhren", "Wülfel", "Mittelfeld", "Waldhausen"],
        "30519",
        ["Fiedelerstraße", "Hildesheimer Straße", "Abelmannstraße", "Wiehbergstraße"],
        (9.770, 52.338),
    ),
    DistrictData(
        9,
        "Ricklingen",
        ["Ricklingen", "Oberricklingen", "Mühlenberg", "Wettbergen"],
        "30459",
        ["Göttinger Chaussee", "Stammestraße", "Mühlenberger Markt", "Wallensteinstraße"],
        (9.712, 52.342),
    ),
    DistrictData(
        10,
        "Linden-Limmer",
        ["Linden-Nord", "Linden-Mitte", "Linden-Süd", "Limmer"],
        "30449",
        ["Limmerstraße", "Deisterstraße", "Fössestraße", "Stärkestraße"],
        (9.715, 52.370),
    ),
    DistrictData(
        11,
        "Ahlem-Badenstedt-Davenstedt",
        ["Ahlem", "Badenstedt", "Davenstedt"],
        "30453",
        ["Badenstedter Straße", "Empelder Straße", "Davenstedter Straße", "Wunstorfer Landstraße"],
        (9.675, 52.368),
    ),
    DistrictData(
        12,
        "Herrenhausen-Stöcken",
        ["Herrenhausen", "Stöcken", "Ledeburg", "Marienwerder"],
        "30419",
        ["Stöckener Straße", "Herrenhäuser Straße", "Eichsfelder Straße", "Hogrefestraße"],
        (9.680, 52.405),
    ),
    DistrictData(
        13,
        "Nord",
        ["Nordstadt", "Hainholz", "Vinnhorst", "Brink-Hafen"],
        "30167",
        ["Engelbosteler Damm", "Schulenburger Landstraße", "Fenskestraße", "Kopernikusstraße"],
        (9.725, 52.392),
    ),
]

MODEL_QUARTERS = ["Kirchrode", "Südstadt", "Döhren"]
# Quarter work that institutions started themselves, which KSH accompanies (DOMAIN.md).
INITIATIVE_QUARTERS = ["Badenstedt", "Listholze", "Bothfeld / Klein-Buchholz"]

QUARTER_DESCRIPTIONS: dict[str, str] = {
    "Kirchrode": (
        "Modellquartier der alter(n)sgerechten Quartiersentwicklung seit Oktober 2013. "
        "Ruhiger Stadtteil mit vielen älteren Eigentümerinnen und Eigentümern."
    ),
    "Südstadt": (
        "Modellquartier der alter(n)sgerechten Quartiersentwicklung seit Oktober 2013. "
        "Dicht bebaut, gute Nahversorgung, viele Alleinlebende über 75 Jahre."
    ),
    "Döhren": (
        "Modellquartier der alter(n)sgerechten Quartiersentwicklung seit Oktober 2013. "
        "Gewachsener Stadtteil an der Leine mit aktivem Vereinsleben."
    ),
    "Badenstedt": "Quartiersentwicklung rund um das Dietrich-Kuhlmann-Haus (Diakonie).",
    "Listholze": "Quartiersentwicklung rund um das DRK-Pflegezentrum am Listholze.",
    "Bothfeld / Klein-Buchholz": "Quartiersarbeit im Stadtteilhaus des Ev. Johannesstifts.",
    "Kronsberg Süd": "Neues Wohngebiet, interdisziplinär als Modellquartier geplant.",
}

SOZIALE_STADT_QUARTERS = ["Vahrenheide", "Hainholz", "Stöcken", "Mühlenberg"]
GEMEINWESENARBEIT_QUARTERS = ["Sahlkamp", "Linden-Süd", "Mittelfeld", "Misburg-Nord", "Davenstedt"]

# --- organisations ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgData:
    """An invented organisation. `home` is an area key: "city", "d:7" or "q:Südstadt"."""

    key: str
    name: str
    kind: str
    home: str
    works: tuple[str, ...] = ()
    short_name: str = ""
    parent: str = ""
    staff: int = 2
    description: str = ""


def _orgs() -> list[OrgData]:
    o: list[OrgData] = []
    add = o.append
    dep = "city_department"
    # The city's own units; the department for senior citizens leads quarter work.
    add(OrgData("fbsen", "Fachbereich Senioren", dep, "d:1", ("city",), "FB Senioren", staff=3))
    add(
        OrgData(
            "ksh",
            "Kommunaler Seniorenservice Hannover",
            dep,
            "d:1",
            ("city",),
            "KSH",
            parent="fbsen",
            staff=2,
            description="Beratung, Quartierskoordination und stadtbezirkliche Sozialarbeit.",
        )
    )
    add(OrgData("fbsoz", "Fachbereich Soziales", dep, "d:1", ("city",), "FB Soziales"))
    add(
        OrgData(
            "fbplan",
            "Fachbereich Planen und Stadtentwicklung",
            dep,
            "d:1",
            ("city",),
            "FB Planen",
        )
    )
    add(OrgData("fbtief", "Fachbereich Tiefbau", dep, "d:1", ("city",), "FB Tiefbau"))
    add(
        OrgData(
            "fbgruen", "Fachbereich Umwelt und Stadtgrün", dep, "d:1", ("city",), "FB Stadtgrün"
        )
    )
    add(OrgData("fbsport", "Fachbereich Sport und Bäder", dep, "d:1", ("city",), "FB Sport"))
    add(
        OrgData(
            "sozplan",
            "Koordinationsstelle Sozialplanung",
            dep,
            "d:1",
            ("city",),
            "Sozialplanung",
            staff=1,
        )
    )
    add(
        OrgData(
            "fbteilhabe",
            "Fachbereich Gesellschaftliche Teilhabe",
            dep,
            "d:1",
            ("city",),
            "FB Teilhabe",
        )
    )
    add(OrgData("fbbib", "Stadtbibliothek – Stadtteilbibliotheken", dep, "d:1", ("city",), staff=1))
    # Welfare organisations: most have their office in Mitte but work city-wide.
    wel = "welfare_organisation"
    add(
        OrgData(
            "awo", "AWO Region Hannover – Seniorenarbeit", wel, "d:1", ("city",), "AWO", staff=3
        )
    )
    add(
        OrgData(
            "caritas",
            "Caritasverband Hannover – Fachdienst Alter",
            wel,
            "d:1",
            ("city",),
            "Caritas",
        )
    )
    add(
        OrgData(
            "diakonie",
            "Diakonisches Werk Hannover – Altenhilfe",
            wel,
            "d:1",
            ("city",),
            "Diakonie",
            staff=3,
        )
    )
    add(
        OrgData(
            "drk", "DRK-Region Hannover – Seniorendienste", wel, "d:1", ("city",), "DRK", staff=3
        )
    )
    add(
        OrgData(
            "parit",
            "Paritätischer Wohlfahrtsverband – Kreisgruppe Hannover",
            wel,
            "d:1",
            ("city",),
            "Paritätischer",
        )
    )
    add(
        OrgData(
            "malteser",
            "Malteser Hilfsdienst – Besuchs- und Begleitdienst",
            wel,
            "d:1",
            ("city",),
            "Malteser",
        )
    )
    add(
        OrgData(
            "asb", "ASB Hannover – Hausnotruf und Seniorendienste", wel, "d:1", ("city",), "ASB"
        )
    )
    add(
        OrgData(
            "johannesstift",
            "Ev. Johannesstift – Stadtteilhaus Klein-Buchholz",
            wel,
            "q:Bothfeld / Klein-Buchholz",
            short_name="Johannesstift",
            staff=2,
        )
    )
    add(OrgData("awo_sued", "AWO Ortsverein Südstadt", wel, "q:Südstadt", parent="awo"))
    add(OrgData("awo_doehren", "AWO Ortsverein Döhren-Wülfel", wel, "q:Döhren", parent="awo"))
    add(OrgData("awo_linden", "AWO Ortsverein Linden", wel, "q:Linden-Mitte", parent="awo"))
    add(
        OrgData(
            "drk_kirchrode", "DRK-Ortsverein Kirchrode-Bemerode", wel, "q:Kirchrode", parent="drk"
        )
    )
    add(
        OrgData(
            "caritas_kleefeld",
            "Caritas-Seniorenbegegnung Kleefeld",
            wel,
            "q:Kleefeld",
            parent="caritas",
            staff=1,
        )
    )
    add(
        OrgData(
            "diakonie_list",
            "Diakonie-Seniorentreff List",
            wel,
            "q:List",
            parent="diakonie",
            staff=1,
        )
    )
    add(
        OrgData(
            "nbl_linden",
            "Seniorenberatung im Nachbarschaftsladen Linden-Süd e. V.",
            wel,
            "q:Linden-Süd",
            staff=1,
        )
    )
    add(
        OrgData(
            "wohnberatung",
            "Wohnberatung für Ältere und Menschen mit Behinderung e. V.",
            wel,
            "d:1",
            ("city",),
            "Wohnberatung",
        )
    )
    # Inpatient care.
    inp = "inpatient_care"
    add(
        OrgData(
            "dkh",
            "Dietrich-Kuhlmann-Haus",
            inp,
            "q:Badenstedt",
            parent="diakonie",
            description="Stationäre Pflegeeinrichtung der Diakonie in Badenstedt.",
        )
    )
    add(
        OrgData("drk_listholze", "DRK-Pflegezentrum am Listholze", inp, "q:Listholze", parent="drk")
    )
    add(OrgData("sz_bischofshol", "Seniorenzentrum Am Bischofshol", inp, "q:Kirchrode"))
    add(OrgData("pw_suedstadt", "Pflegewohnstift Südstadt", inp, "q:Südstadt", ("city",)))
    add(OrgData("sz_leineaue", "Seniorenzentrum Leineaue", inp, "q:Döhren", ("city",)))
    add(OrgData("haus_lindenbluete", "Haus Lindenblüte", inp, "q:Linden-Nord"))
    add(OrgData("ph_kronsberg", "Pflegeheim Am Kronsberg", inp, "q:Bemerode"))
    add(OrgData("sr_eilenriede", "Seniorenresidenz Eilenriede", inp, "q:Kleefeld"))
    add(OrgData("ph_wuelfel", "Pflegeheim Wülfeler Brücke", inp, "q:Wülfel", staff=1))
    add(OrgData("sz_masch", "Seniorenzentrum Ricklinger Masch", inp, "q:Ricklingen"))
    add(OrgData("haus_kanal", "Haus am Mittellandkanal", inp, "q:Misburg-Nord", staff=1))
    add(OrgData("ph_nordstadt", "Pflegeheim Nordstadt", inp, "q:Nordstadt", staff=1))
    add(OrgData("ws_herrenhausen", "Wohnstift Herrenhausen", inp, "q:Herrenhausen"))
    add(OrgData("sh_sahlkamp", "Seniorenheim Am Sahlkamp", inp, "q:Sahlkamp", staff=1))
    # Outpatient care.
    out = "outpatient_care"
    add(OrgData("ds_suedstadt", "Diakoniestation Südstadt", out, "q:Südstadt", parent="diakonie"))
    add(OrgData("ds_doehren", "Diakoniestation Döhren-Wülfel", out, "q:Döhren", parent="diakonie"))
    add(
        OrgData(
            "ds_kirchrode",
            "Diakoniestation Kirchrode-Bemerode",
            out,
            "q:Kirchrode",
            parent="diakonie",
        )
    )
    add(
        OrgData(
            "linden_mobil", "Ambulanter Pflegedienst Linden mobil", out, "q:Linden-Mitte", ("city",)
        )
    )
    add(OrgData("pd_sonnenschein", "Pflegedienst Sonnenschein", out, "q:Oberricklingen", staff=1))
    add(
        OrgData(
            "cs_ost",
            "Caritas-Sozialstation Hannover-Ost",
            out,
            "q:Kleefeld",
            ("city",),
            parent="caritas",
        )
    )
    add(OrgData("ss_list", "Sozialstation List", out, "q:List"))
    add(
        OrgData("hk_vahrenwald", "Häusliche Krankenpflege Vahrenwald", out, "q:Vahrenwald", staff=1)
    )
    add(OrgData("pt_misburg", "Pflegeteam Misburg", out, "q:Misburg-Süd", staff=1))
    add(OrgData("awo_amb_nord", "AWO Ambulante Dienste Nord", out, "q:Nordstadt", parent="awo"))
    add(OrgData("pd_herrenhausen", "Pflegedienst Herrenhausen", out, "q:Herrenhausen", staff=1))
    add(
        OrgData(
            "ap_bothfeld", "Ambulante Pflege Bothfeld", out, "q:Bothfeld / Klein-Buchholz", staff=1
        )
    )
    add(OrgData("mp_ahlem", "Mobiler Pflegedienst Ahlem", out, "q:Ahlem", staff=1))
    add(OrgData("anadolu", "Kultursensibler Pflegedienst Anadolu", out, "q:Linden-Süd", ("city",)))
    # Housing companies.
    hou = "housing_company"
    add(
        OrgData(
            "wg_kleefeld", "Wohnungsgenossenschaft Kleefeld eG", hou, "q:Kleefeld", ("d:4", "d:5")
        )
    )
    add(
        OrgData(
            "leineland",
            "Städtische Wohnungsgesellschaft Leineland mbH",
            hou,
            "d:1",
            ("city",),
            "Leineland",
            staff=3,
        )
    )
    add(OrgData("bg_suedstadt", "Baugenossenschaft Südstadt eG", hou, "q:Südstadt", ("d:7", "d:8")))
    add(OrgData("wbg_doehren", "Wohnungsbaugenossenschaft Döhren-Wülfel eG", hou, "q:Döhren"))
    add(OrgData("wg_linden", "Wohnungsgenossenschaft Linden-Limmer eG", hou, "q:Linden-Nord"))
    add(OrgData("wohnbau_kronsberg", "Wohnbau Kronsberg GmbH", hou, "q:Kronsberg Süd"))
    add(OrgData("wv_ricklingen", "Wohnungsverein Ricklingen eG", hou, "q:Ricklingen", staff=1))
    add(
        OrgData(
            "hg_nord", "Heimstätten-Genossenschaft Nord eG", hou, "q:Nordstadt", ("d:12", "d:13")
        )
    )
    add(OrgData("sw_misburg", "Siedlungswerk Misburg eG", hou, "q:Misburg-Süd", staff=1))
    add(OrgData("wg_vahrenheide", "Wohnungsgesellschaft Vahrenheide mbH", hou, "q:Vahrenheide"))
    # Church congregations.
    chu = "church_congregation"
    add(
        OrgData(
            "skv",
            "Ev.-luth. Stadtkirchenverband – Arbeitsfeld Ältere",
            chu,
            "d:1",
            ("city",),
            "Stadtkirchenverband",
        )
    )
    for key, name, home in [
        ("ek_kirchrode", "Ev.-luth. Kirchengemeinde Kirchrode", "q:Kirchrode"),
        ("ek_suedstadt", "Ev.-luth. Paulusgemeinde Südstadt", "q:Südstadt"),
        ("ek_doehren", "Ev.-luth. Kirchengemeinde Döhren", "q:Döhren"),
        ("ek_bemerode", "Ev.-luth. Kirchengemeinde Bemerode", "q:Bemerode"),
        ("ek_list", "Ev.-luth. Kirchengemeinde List", "q:List"),
        ("ek_linden", "Ev.-luth. Kirchengemeinde Linden-Nord", "q:Linden-Nord"),
        ("ek_ricklingen", "Ev.-luth. Kirchengemeinde Ricklingen", "q:Ricklingen"),
        ("ek_misburg", "Ev.-luth. Kirchengemeinde Misburg", "q:Misburg-Süd"),
        ("ek_stoecken", "Ev.-luth. Kirchengemeinde Stöcken", "q:Stöcken"),
        ("ek_bothfeld", "Ev.-luth. Kirchengemeinde Bothfeld", "q:Bothfeld / Klein-Buchholz"),
        ("kk_bult", "Kath. Pfarrgemeinde St. Bernward Südstadt-Bult", "q:Bult"),
        ("kk_doehren", "Kath. Pfarrgemeinde St. Godehard Döhren", "q:Döhren"),
        ("kk_kleefeld", "Kath. Pfarrgemeinde St. Heinrich Kleefeld", "q:Kleefeld"),
        ("kk_nord", "Kath. Pfarrgemeinde St. Joseph Nordstadt", "q:Nordstadt"),
        ("kk_badenstedt", "Kath. Pfarrgemeinde St. Konrad Badenstedt", "q:Badenstedt"),
    ]:
        add(OrgData(key, name, chu, home, staff=1))
    # Advisory councils.
    adv = "advisory_council"
    add(
        OrgData(
            "sbr",
            "Seniorenbeirat der Landeshauptstadt Hannover",
            adv,
            "d:1",
            ("city",),
            "SBR",
            staff=0,
            description="Vertritt die Interessen der älteren Menschen; entsendet Delegierte.",
        )
    )
    add(
        OrgData(
            "bmb",
            "Beirat für Menschen mit Behinderungen",
            adv,
            "d:1",
            ("city",),
            "Behindertenbeirat",
        )
    )
    add(OrgData("ib_linden", "Integrationsbeirat Linden-Limmer", adv, "d:10", staff=1))
    add(OrgData("ib_mitte", "Integrationsbeirat Mitte", adv, "d:1", staff=1))
    # Migrant organisations: the MISO network and some of its members.
    mig = "migrant_organisation"
    add(
        OrgData(
            "miso",
            "Netzwerk der Migrantenselbstorganisationen",
            mig,
            "d:1",
            ("city",),
            "MISO",
            staff=0,
            description="Zusammenschluss der Migrantenselbstorganisationen in Hannover.",
        )
    )
    for key, name, home in [
        ("dtsv", "Deutsch-Türkischer Seniorenverein Linden e. V.", "q:Linden-Nord"),
        ("rkz", "Russischsprachiges Kulturzentrum Ricklingen e. V.", "q:Mühlenberg"),
        ("akf", "Arabischer Kultur- und Familienverein e. V.", "q:Nordstadt"),
        ("psc", "Polnischer Seniorenclub Hannover e. V.", "q:Vahrenwald"),
        ("gg", "Griechische Gemeinde Hannover – Seniorengruppe", "q:Mitte"),
        ("kkz", "Kurdisches Kulturzentrum Nordstadt e. V.", "q:Nordstadt"),
        ("vaf", "Verein afrikanischer Familien e. V.", "q:Hainholz"),
        ("vkv", "Vietnamesischer Kulturverein Vahrenheide e. V.", "q:Vahrenheide"),
    ]:
        add(OrgData(key, name, mig, home, parent="miso", staff=1))
    # The twenty neighbourhood initiatives the department for social affairs advises.
    ini = "neighbourhood_initiative"
    for index, (name, quarter) in enumerate(NEIGHBOURHOOD_INITIATIVES, 1):
        add(OrgData(f"ni{index}", name, ini, f"q:{quarter}", staff=1 + index % 2))
    # Volunteer groups, many of them refugee help circles.
    vol = "volunteer_group"
    for key, name, home in [
        ("hk_kirchrode", "Helferkreis Flüchtlingshilfe Kirchrode", "q:Kirchrode"),
        ("hk_doehren", "Helferkreis Willkommen in Döhren", "q:Döhren"),
        ("uk_suedstadt", "Unterstützerkreis Flüchtlingsunterkunft Südstadt", "q:Südstadt"),
        ("gd_kleefeld", "Besuchsdienst Grüne Damen Kleefeld", "q:Kleefeld"),
        ("lp_linden", "Lesepaten Linden", "q:Linden-Mitte"),
        ("rc_nord", "Repair-Café Nordstadt", "q:Nordstadt"),
        ("sb_ricklingen", "Seniorenbegleitung Ricklingen", "q:Ricklingen"),
        ("fw_misburg", "Fahrradwerkstatt Misburg", "q:Misburg-Nord"),
        ("sg_eilenriede", "Spaziergruppe Eilenriede", "q:Zoo"),
        ("eh_wuelfel", "Ehrenamtliche Einkaufshilfe Wülfel", "q:Wülfel"),
        ("sc_vahrenheide", "Sprachcafé Vahrenheide", "q:Vahrenheide"),
        ("ch_mitte", "Computerhilfe für Ältere Mitte", "q:Mitte"),
    ]:
        add(OrgData(key, name, vol, home, staff=1))
    # Retail, services and the creative industry.
    bus = "business"
    for key, name, home in [
        ("apo_stephan", "Apotheke am Stephansplatz", "q:Südstadt"),
        ("sh_leinetal", "Sanitätshaus Leinetal", "q:Mitte"),
        ("fm_doehren", "Frischemarkt Döhren", "q:Döhren"),
        ("b_kleinschmidt", "Bäckerei Kleinschmidt", "q:Kirchrode"),
        ("ig_suedstadt", "Interessengemeinschaft Kaufleute Südstadt", "q:Südstadt"),
        ("kw_linden", "Kreativwerkstatt Linden", "q:Linden-Nord"),
        ("qg", "Designbüro Quartiersgestalten", "q:Nordstadt"),
        ("ha_kirchrode", "Hörakustik Kirchrode", "q:Kirchrode"),
        ("wm_doehren", "Händlergemeinschaft Wochenmarkt Döhren", "q:Döhren"),
        ("fd_mobil", "Fahrdienst Mobil 60plus GmbH", "d:1"),
    ]:
        add(OrgData(key, name, bus, home, staff=1))
    # District councils: their members bring the political view into the networks.
    for district in DISTRICTS:
        add(
            OrgData(
                f"sbzr{district.number}",
                f"Stadtbezirksrat {district.name}",
                "political_group",
                f"d:{district.number}",
                staff=2,
            )
        )
    # Press.
    add(OrgData("kurier", "Südstadt-Kurier", "press", "q:Südstadt", staff=1))
    add(OrgData("leinewelle", "Lokalradio Leinewelle", "press", "d:1", ("city",), staff=1))
    add(OrgData("zeitlos", "Seniorenmagazin Zeitlos", "press", "d:1", ("city",), staff=1))
    # Others, among them the Region, which runs public transport.
    oth = "other"
    add(
        OrgData(
            "region_verkehr",
            "Region Hannover – Team Verkehrsentwicklung",
            oth,
            "d:1",
            ("city",),
            "Region Hannover",
        )
    )
    add(OrgData("tus_doehren", "TuS Döhren von 1898 e. V.", oth, "q:Döhren", staff=1))
    add(OrgData("tv_kirchrode", "Turnverein Kirchrode e. V.", oth, "q:Kirchrode", staff=1))
    add(OrgData("hv_suedstadt", "Hausärzteverbund Südstadt", oth, "q:Südstadt", staff=1))
    add(
        OrgData(
            "kgv_kronsberg", "Kleingärtnerverein Am Kronsberg e. V.", oth, "q:Bemerode", staff=1
        )
    )
    add(
        OrgData(
            "vhs", "Volkshochschule – Programmbereich Älterwerden", oth, "d:1", ("city",), staff=1
        )
    )
    add(OrgData("mgh_stoecken", "Mehrgenerationenhaus Stöcken", oth, "q:Stöcken", staff=1))
    return o


NEIGHBOURHOOD_INITIATIVES: list[tuple[str, str]] = [
    ("Nachbarn für Nachbarn Südstadt", "Südstadt"),
    ("Initiative Lebendiges Döhren", "Döhren"),
    ("Nachbarschaftsinitiative Kirchrode", "Kirchrode"),
    ("Nachbarschaftsladen Linden-Süd", "Linden-Süd"),
    ("Nachbarschaftstreff Mühlenberg", "Mühlenberg"),
    ("Stadtteilinitiative Sahlkamp", "Sahlkamp"),
    ("Bürgerinitiative Wohnumfeld Vahrenheide", "Vahrenheide"),
    ("Nachbarschaftsinitiative Kleefeld", "Kleefeld"),
    ("Nachbarschaftshilfe Bothfeld", "Bothfeld / Klein-Buchholz"),
    ("Initiative Gut älter werden in Misburg", "Misburg-Nord"),
    ("Nachbarschaftsinitiative Stöcken", "Stöcken"),
    ("Hainholzer Nachbarschaft e. V.", "Hainholz"),
    ("Nachbarschaftsinitiative Ahlem", "Ahlem"),
    ("Nordstadt-Nachbarschaft", "Nordstadt"),
    ("Nachbarschaftsinitiative Bemerode", "Bemerode"),
    ("Wülfeler Nachbarschaftskreis", "Wülfel"),
    ("Nachbarschaftsinitiative Limmer", "Limmer"),
    ("Initiative Miteinander in Oberricklingen", "Oberricklingen"),
    ("Nachbarschaftsinitiative Wettbergen", "Wettbergen"),
    ("List hilft e. V.", "List"),
]

ORGANISATIONS: list[OrgData] = _orgs()

# --- people -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FEMALE_NAMES = _words(
    "Anna Andrea Angelika Anke Barbara Beate Bettina Birgit Brigitte Carola Christa "
    "Christiane Claudia Cornelia Dagmar Doris Dorothea Elke Elisabeth Erika Eva Frauke "
    "Gabriele Gerda Gisela Hannelore Heike Helga Ilse Ingrid Inge Irmgard Jutta Karin Katrin "
    "Kerstin Marion Martina Monika Nicole Petra Renate Sabine Sandra Silke Simone Stefanie "
    "Susanne Ulrike Ursula Ute Waltraud Wiebke Lena Julia Miriam Johanna Friederike Hanna "
    "Insa Merle"
)
MALE_NAMES = _words(
    "Andreas Bernd Christian Detlef Dieter Dirk Eckhard Frank Georg Gerhard Günter Hans "
    "Harald Heinz Helmut Holger Horst Jan Jens Joachim Jörg Jürgen Karl Klaus Lars Lothar "
    "Manfred Matthias Michael Norbert Olaf Peter Rainer Ralf Reinhard Rolf Stefan Thomas "
    "Torsten Ulrich Uwe Volker Werner Wolfgang Hendrik Jonas Malte Tobias Florian Sebastian"
)
FAMILY_NAMES = _words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter "
    "Klein Wolf Schröder Neumann Schwarz Braun Hofmann Zimmermann Krüger Hartmann Lange "
    "Werner Krause Meier Lehmann Köhler Herrmann Walter König Mayer Huber Kaiser Fuchs Peters "
    "Möller Scholz Lang Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler "
    "Roth Beck Lorenz Baumann Franke Albrecht Ludwig Winter Simon Kraus Böhm Schuster "
    "Schumacher Vogt Jäger Otto Sommer Stein Brandt Haas Heinrich Seidel Kuhn Busch Thomas "
    "Engel Pohl Horn Sauer Arnold Wolff Pfeiffer Voigt Ahrens Bruns Brinkmann Dreyer Evers "
    "Gerdes Harms Heuer Janssen Kruse Lüdtke Meinecke Niemeyer Oltmanns Rademacher Stöver "
    "Thiele Wilkens Wiechmann Bode Buchholz Dittmer Grote Hinrichs Kiesewetter Lühmann "
    "Mertens Tönnies"
)
# Names for members of the migrant organisations (common names, combined at random).
MIGRANT_FEMALE = _words(
    "Ayşe Fatma Elif Zeynep Olga Irina Natalia Agnieszka Katarzyna Leyla Amina Thi Eleni"
)
MIGRANT_MALE = _words(
    "Mehmet Ahmet Mustafa Hasan Sergej Dmitri Andrzej Piotr Karim Omar Kofi Minh Nikos"
)
MIGRANT_FAMILY = _words(
    "Yılmaz Kaya Demir Şahin Çelik Öztürk Arslan Iwanow Petrow Smirnow Kowalski Nowak "
    "Wiśniewski Haddad Khalil Mansour Mensah Owusu Nguyen Tran Papadopoulos Georgiou Aydın"
)

# Functions by organisation kind, female and male form.
FUNCTIONS: dict[str, list[tuple[str, str]]] = {
    "city_department": [
        ("Sachbearbeiterin", "Sachbearbeiter"),
        ("Fachplanerin", "Fachplaner"),
        ("Sachgebietsleiterin", "Sachgebietsleiter"),
    ],
    "inpatient_care": [
        ("Einrichtungsleiterin", "Einrichtungsleiter"),
        ("Sozialdienst", "Sozialdienst"),
        ("Pflegedienstleiterin", "Pflegedienstleiter"),
    ],
    "outpatient_care": [
        ("Pflegedienstleiterin", "Pflegedienstleiter"),
        ("Geschäftsführerin", "Geschäftsführer"),
    ],
    "housing_company": [
        ("Sozialmanagerin", "Sozialmanager"),
        ("Leiterin Bestandsmanagement", "Leiter Bestandsmanagement"),
        ("Quartiersmanagerin", "Quartiersmanager"),
    ],
    "church_congregation": [("Pastorin", "Pastor"), ("Diakonin", "Diakon")],
    "welfare_organisation": [
        ("Fachbereichsleiterin Seniorenarbeit", "Fachbereichsleiter Seniorenarbeit"),
        ("Sozialarbeiterin", "Sozialarbeiter"),
        ("Koordinatorin Ehrenamt", "Koordinator Ehrenamt"),
    ],
    "advisory_council": [("Delegierte", "Delegierter"), ("Vorsitzende", "Vorsitzender")],
    "migrant_organisation": [("Vorsitzende", "Vorsitzender"), ("Delegierte", "Delegierter")],
    "neighbourhood_initiative": [("Sprecherin", "Sprecher"), ("Aktive", "Aktiver")],
    "volunteer_group": [("Koordinatorin", "Koordinator"), ("Ehrenamtliche", "Ehrenamtlicher")],
    "business": [("Inhaberin", "Inhaber"), ("Filialleiterin", "Filialleiter")],
    "political_group": [
        ("Bezirksratsfrau", "Bezirksratsherr"),
        ("Bezirksbürgermeisterin", "Bezirksbürgermeister"),
    ],
    "press": [("Redakteurin", "Redakteur")],
    "other": [("Ansprechpartnerin", "Ansprechpartner"), ("Vorsitzende", "Vorsitzender")],
}

CONSENT_NOTES = [
    "Formular bei der Ideenwerkstatt unterschrieben.",
    "Einwilligung telefonisch bestätigt und vermerkt.",
    "",
    "Foto nur für den Quartiersflyer.",
    "",
    "Einwilligungserklärung liegt im Ordner der Geschäftsführung.",
]

# --- texts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemData:
    """An agenda item that can recur: title and explanation with {ort} for the place."""

    title: str
    topics: tuple[str, ...]
    text: str = ""
    public: bool = True
    minutes: str = ""  # a fixed first sentence for its minutes


TOPIC_ITEMS: dict[str, list[ItemData]] = {
    "wohnen": [
        ItemData(
            "Wohnungsanpassung im Bestand: Angebote der Wohnungsunternehmen",
            ("wohnen", "barrierefreiheit"),
            "Was bieten die Vermieter in {ort} bei Umbauten für Ältere an?",
        ),
        ItemData(
            "Neue Wohnformen im Alter: Wohngemeinschaften und Wohnprojekte",
            ("wohnen",),
            "Vorstellung von Wohnprojekten und Beratung zum Niedersächsischen Gesetz für "
            "neue Wohnformen.",
        ),
        ItemData(
            "Sprechstunde Wohnberatung im Quartier",
            ("wohnen", "barrierefreiheit"),
            "Die Wohnberatung stellt ihre Sprechstunde in {ort} vor.",
        ),
        ItemData(
            "Wohnungstausch: große Wohnung gegen kleine",
            ("wohnen",),
            "Wie können Ältere in {ort} in eine kleinere, barrierearme Wohnung umziehen?",
        ),
        ItemData(
            "Mietentwicklung und bezahlbarer Wohnraum für Ältere", ("wohnen", "stadtentwicklung")
        ),
    ],
    "nahversorgung": [
        ItemData(
            "Schließung des Lebensmittelmarkts: Wie geht es weiter?",
            ("nahversorgung",),
            "Nach der Schließung fehlt in {ort} ein Vollsortimenter in Laufweite.",
        ),
        ItemData("Wochenmarkt und mobile Verkaufswagen", ("nahversorgung", "mobilitaet")),
        ItemData(
            "Lieferdienste und Einkaufshilfen für Ältere", ("nahversorgung", "nachbarschaftshilfe")
        ),
        ItemData(
            "Bankfiliale und Geldautomat im Stadtteil",
            ("nahversorgung",),
            "Die Filiale in {ort} soll schließen; Rückmeldungen aus dem Netzwerk.",
        ),
    ],
    "mobilitaet": [
        ItemData(
            "Barrierefreie Haltestellen in der {strasse}",
            ("mobilitaet", "barrierefreiheit"),
            "Stand des Umbaus der Haltestellen; Bericht der Region Hannover.",
        ),
        ItemData(
            "Busanbindung von {ort}: Taktung und Linienführung",
            ("mobilitaet",),
            "Anregungen für den Nahverkehrsplan der Region.",
        ),
        ItemData(
            "Sitzbänke auf dem Weg zum Einkaufen",
            ("mobilitaet", "gruenflaechen"),
            "Bankkonzept für {ort}: Wo fehlen Ruhepunkte?",
        ),
        ItemData(
            "Sicherheit an Fußgängerüberwegen",
            ("mobilitaet",),
            "Ampelphasen und Querungshilfen in {ort}.",
        ),
        ItemData("Fahrdienste für Menschen mit Gehbehinderung", ("mobilitaet", "inklusion")),
    ],
    "pflege": [
        ItemData("Pflegereform: Was ändert sich für Pflegebedürftige und Angehörige?", ("pflege",)),
        ItemData(
            "Personalsituation in der ambulanten Pflege – Austausch der Träger",
            ("pflege",),
            "Vertraulicher Austausch der Anbieter.",
            public=False,
        ),
        ItemData("Pflegestützpunkt und Pflegeberatung im Stadtbezirk", ("pflege",)),
        ItemData("Hospiz- und Palliativversorgung im Quartier", ("pflege",)),
        ItemData("Entlastungsangebote für pflegende Angehörige", ("pflege", "nachbarschaftshilfe")),
    ],
    "barrierefreiheit": [
        ItemData(
            "Begehung: Barrieren im öffentlichen Raum in {ort}",
            ("barrierefreiheit", "mobilitaet"),
            "Ergebnisse der Stadtteilbegehung mit dem Rollator.",
        ),
        ItemData(
            "Barrierefreier Zugang zu Arztpraxen und Apotheken", ("barrierefreiheit", "pflege")
        ),
        ItemData(
            "Informationen in Leichter Sprache",
            ("barrierefreiheit", "inklusion"),
            "Flyer und Aushänge nach BITV 2.0.",
        ),
        ItemData("Öffentliche Toiletten: Bestand und Bedarf", ("barrierefreiheit",)),
    ],
    "gruenflaechen": [
        ItemData(
            "Aufwertung der Grünanlage in {ort}",
            ("gruenflaechen", "stadtentwicklung"),
            "Vorschläge für Wege, Beleuchtung und Sitzplätze.",
        ),
        ItemData("Gemeinschaftsgarten und Hochbeete", ("gruenflaechen", "treffpunkte")),
        ItemData("Pflege von Baumscheiben durch Anwohnende", ("gruenflaechen", "ehrenamt")),
        ItemData("Trinkbrunnen und Schattenplätze im Sommer", ("gruenflaechen",)),
    ],
    "bewegung": [
        ItemData("Bewegungsparcours für Ältere im Park", ("bewegung", "gruenflaechen")),
        ItemData(
            "Spaziergruppen im Quartier",
            ("bewegung", "nachbarschaftshilfe"),
            "Start einer wöchentlichen Spaziergruppe in {ort}.",
        ),
        ItemData("Sturzprävention und Gymnastikangebote", ("bewegung", "pflege")),
        ItemData("Sportvereine öffnen sich für Ältere", ("bewegung",)),
    ],
    "treffpunkte": [
        ItemData(
            "Räume für Gruppenangebote: kostenfrei statt gegen Miete",
            ("treffpunkte",),
            "Welche Einrichtungen in {ort} stellen Räume ohne Entgelt zur Verfügung?",
        ),
        ItemData("Offener Mittagstisch im Quartier", ("treffpunkte", "nachbarschaftshilfe")),
        ItemData("Seniorentreff: neue Öffnungszeiten", ("treffpunkte",)),
        ItemData("Erzählcafé und Begegnungsnachmittage", ("treffpunkte", "integration")),
    ],
    "integration": [
        ItemData(
            "Ältere Migrantinnen und Migranten erreichen",
            ("integration",),
            "Zugänge über die Migrantenselbstorganisationen.",
        ),
        ItemData(
            "Mehrsprachige Informationen: Türkisch, Russisch, Arabisch, Polnisch",
            ("integration", "barrierefreiheit"),
        ),
        ItemData("Kultursensible Pflege", ("integration", "pflege")),
        ItemData("Interkulturelles Stadtteilfest", ("integration", "treffpunkte")),
    ],
    "inklusion": [
        ItemData(
            "Eine Stadt für Alle: Inklusion im Stadtbezirk", ("inklusion", "stadtentwicklung")
        ),
        ItemData("Bundesteilhabegesetz: Auswirkungen vor Ort", ("inklusion",)),
        ItemData("Angebote für Menschen mit Demenz", ("inklusion", "pflege")),
    ],
    "fluechtlingshilfe": [
        ItemData(
            "Neue Flüchtlingsunterkunft in {ort}",
            ("fluechtlingshilfe", "integration"),
            "Information der Stadt und Fragen aus der Nachbarschaft.",
        ),
        ItemData(
            "Helferkreise: Zusammenarbeit und Koordination", ("fluechtlingshilfe", "ehrenamt")
        ),
        ItemData(
            "Patenschaften zwischen Älteren und Geflüchteten",
            ("fluechtlingshilfe", "nachbarschaftshilfe"),
        ),
    ],
    "ehrenamt": [
        ItemData("Ehrenamtliche gewinnen und halten", ("ehrenamt",)),
        ItemData(
            "Anerkennungskultur: Dankeschön-Fest für Ehrenamtliche", ("ehrenamt", "treffpunkte")
        ),
        ItemData("Fortbildung für ehrenamtliche Seniorenbegleiterinnen", ("ehrenamt", "pflege")),
    ],
    "nachbarschaftshilfe": [
        ItemData(
            "Besuchsdienst gegen Einsamkeit",
            ("nachbarschaftshilfe",),
            "Wie erreichen wir allein lebende Ältere in {ort}?",
        ),
        ItemData(
            "Nachbarschaftshilfe organisieren: Telefonkette und Aushänge",
            ("nachbarschaftshilfe", "ehrenamt"),
        ),
        ItemData("Taschengeldbörse: Jung hilft Alt", ("nachbarschaftshilfe",)),
    ],
    "stadtentwicklung": [
        ItemData("Mein Quartier 2030: Beteiligung im Stadtbezirk", ("stadtentwicklung",)),
        ItemData("Bebauungsplan und Neubauvorhaben in {ort}", ("stadtentwicklung", "wohnen")),
        ItemData("Sozialraumanalyse für {ort}", ("stadtentwicklung",)),
        ItemData(
            "Neues Wohngebiet Kronsberg Süd: Infrastruktur für Ältere",
            ("stadtentwicklung", "wohnen"),
        ),
    ],
}

OPENING_ITEM = "Begrüßung, Tagesordnung und Protokoll der letzten Sitzung"
CLOSING_ITEM = "Verschiedenes und Termine"

INTERNAL_ITEMS: list[ItemData] = [
    ItemData(
        "Kollegiale Beratung: schwierige Situationen im Quartier",
        ("stadtentwicklung",),
        public=False,
    ),
    ItemData("Arbeitsbelastung auf halber Stelle", ("ehrenamt",), public=False),
    ItemData(
        "Übertragbare Maßnahmen aus den Modellquartieren",
        ("treffpunkte", "nachbarschaftshilfe"),
        public=False,
    ),
    ItemData("Vorbereitung der Planungsrunde", ("stadtentwicklung",), public=False),
    ItemData("Konflikte mit Kooperationspartnern", ("treffpunkte",), public=False),
]

MINUTES_SENTENCES: list[str] = [
    "{org} berichtet zum Sachstand und beantwortet Fragen aus der Runde.",
    "Die Anwesenden tauschen Erfahrungen aus {ort} aus.",
    "Es wird darauf hingewiesen, dass das Thema auch in anderen Gremien beraten wird.",
    "{org} weist auf fehlende Zuständigkeiten hin; das Anliegen muss an den zuständigen "
    "Fachbereich weitergegeben werden.",
    "Mehrere Teilnehmende berichten von Rückmeldungen älterer Bürgerinnen und Bürger.",
    "Die Geschäftsführung sagt zu, die Unterlagen mit dem Protokoll zu versenden.",
    "{org} bietet an, Räume für ein erstes Treffen kostenfrei zur Verfügung zu stellen.",
    "Die Diskussion zeigt unterschiedliche Sichtweisen der Träger.",
]

RESULTS: list[str] = [
    "Kenntnisnahme.",
    "Das Anliegen wird an den {dept} weitergeleitet; Rückmeldung bis zur nächsten Sitzung.",
    "Das Thema wird in der nächsten Sitzung wieder aufgenommen.",
    "Eine kleine Arbeitsgruppe bereitet einen Vorschlag vor.",
    "Die Runde empfiehlt, das Angebot im Quartier bekannter zu machen.",
    "{org} übernimmt die Abstimmung mit den Beteiligten.",
    "Es wird vereinbart, gemeinsam einen Flyer zu erstellen.",
]

CANCELLATION_REASONS: list[str] = [
    "Erkrankung der Geschäftsführung",
    "Zu wenige Zusagen",
    "Raum kurzfristig nicht verfügbar",
    "Unwetterwarnung",
    "Terminüberschneidung mit der Sitzung des Stadtbezirksrats",
]
PANDEMIC_REASON = "Kontaktbeschränkungen in der Corona-Pandemie"
