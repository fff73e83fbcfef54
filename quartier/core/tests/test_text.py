import pytest

from quartier.actors.models import Person
from quartier.core import text
from quartier.topics.models import Topic


def test_strasse_spellings_fold_to_the_same_key():
    assert text.fold("strasse") == text.fold("Straße") == text.fold("STRASSE") == "strasse"


def test_umlauts_are_spelled_out():
    assert text.fold("Müller") == "mueller"
    assert text.fold("Ärger Öfen Übung") == "aerger oefen uebung"


def test_other_accents_are_dropped_and_spaces_squeezed():
    assert text.fold("  Café   Crème ") == "cafe creme"


def test_apfel_sorts_with_a():
    # DIN 5007-2 (name lists, phone books): Ä counts as Ae, so it sorts among the A's.
    names = ["Birne", "Äpfel", "Zwetschge", "Ananas", "Adler"]
    ordered = sorted(names, key=text.sort_key)
    assert ordered == ["Adler", "Äpfel", "Ananas", "Birne", "Zwetschge"]


def test_german_stems_join_inflections():
    assert text.stems("Barrierefreiheit") == text.stems("barrierefreie")
    assert text.stems("Begegnungen") == text.stems("Begegnung")


def test_matches_is_prefix_per_term_and_needs_every_term():
    assert text.matches("mueller", "Müller")
    assert text.matches("Barrierefreiheit", "barrierefreie Wege")
    assert text.matches("strasse", "Hildesheimer Straße")
    assert text.matches("hildes stra", "Hildesheimer Straße")
    assert not text.matches("hildes bahnhof", "Hildesheimer Straße")
    assert not text.matches("mueller", "Meyer")


def test_empty_query_has_no_terms():
    assert text.query_terms("  ,;  ") == []
    assert text.search_key("") == ""


@pytest.mark.django_db
def test_database_search_finds_mueller_and_strasse_on_this_backend():
    Person.objects.create(given_name="Heinz", family_name="Müller")
    Person.objects.create(given_name="Greta", family_name="Straßmann")
    Person.objects.create(given_name="Ute", family_name="Meyer")
    assert [p.family_name for p in Person.objects.search("mueller")] == ["Müller"]
    assert [p.family_name for p in Person.objects.search("MÜLLER")] == ["Müller"]
    for query in ("strassmann", "Straßmann", "STRASSMANN"):
        assert [p.family_name for p in Person.objects.search(query)] == ["Straßmann"]


@pytest.mark.django_db
def test_database_sorts_umlauts_with_their_letter():
    for name in ["Zander", "Özdemir", "Ohm", "Oberg"]:
        Person.objects.create(given_name="X", family_name=name)
    names = [p.family_name for p in Person.objects.by_name()]
    assert names == ["Oberg", "Özdemir", "Ohm", "Zander"]


@pytest.mark.django_db
def test_topic_search_by_stem_finds_barrierefreiheit():
    assert Topic.objects.search("barrierefrei").filter(slug="barrierefreiheit").exists()
    assert Topic.objects.search("Barrierefreiheit").filter(slug="barrierefreiheit").exists()


@pytest.mark.django_db
def test_saving_with_update_fields_refreshes_the_keys():
    person = Person.objects.create(given_name="Anna", family_name="Alt")
    person.family_name = "Öztürk"
    person.save(update_fields=["family_name"])
    person.refresh_from_db()
    assert person.sort_name.startswith("oeztuerk")
    assert Person.objects.search("oeztuerk").get() == person
