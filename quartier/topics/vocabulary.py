"""The starting vocabulary: the topics that recur in the city paper (DOMAIN.md)."""

INITIAL_TOPICS: list[tuple[str, str, str]] = [
    ("wohnen", "Wohnen", "Wohnraum, Wohnformen, Wohnungsanpassung"),
    ("nahversorgung", "Nahversorgung", "Einkaufen, Einzelhandel, Markt"),
    ("mobilitaet", "Mobilität und ÖPNV", "Bus, Bahn, Haltestellen, Verkehr, Fahrdienste"),
    ("pflege", "Pflege", "ambulante und stationäre Pflege, Pflegeberatung"),
    ("barrierefreiheit", "Barrierefreiheit", "barrierefrei, stufenlos, Zugang"),
    ("gruenflaechen", "Grünflächen", "Stadtgrün, Parks, Bänke"),
    ("bewegung", "Bewegungsangebote", "Sport, Spaziergang, Gymnastik"),
    ("treffpunkte", "Treffpunkte und Räume", "Begegnung, Räume, Treffpunkt"),
    ("integration", "Integration", "Migration, Zugewanderte"),
    ("inklusion", "Inklusion", "Behinderung, Teilhabe"),
    ("fluechtlingshilfe", "Flüchtlingshilfe", "Geflüchtete, Helferkreise"),
    ("ehrenamt", "Ehrenamt", "freiwilliges Engagement"),
    ("nachbarschaftshilfe", "Nachbarschaftshilfe", "Nachbarschaft, Besuchsdienst"),
    ("stadtentwicklung", "Stadtentwicklung", "Planung, Bauvorhaben, Quartiersentwicklung"),
]
