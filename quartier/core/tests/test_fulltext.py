"""The word-prefix index gives the same rows as the LIKE it replaces, and stays in step."""

import pytest
from django.db import connection

from quartier.actors.models import Person
from quartier.actors.tests.factories import make_person
from quartier.core import fulltext, text


def _like(query):
    return set(
        Person.objects.filter(text.search_q("search_text", query)).values_list("pk", flat=True)
    )


def _indexed(query):
    return set(Person.objects.search(query).values_list("pk", flat=True))


@pytest.mark.django_db
def test_the_index_is_used_and_answers_like_the_like():
    assert fulltext.prefix_filter(Person, ["ann"]) is not None, connection.vendor
    for given, family in [
        ("Anna", "Müller"),
        ("Annabell", "Bergmann"),
        ("Jörg", "Straßburger"),
        ("Ann-Kathrin", "Ölschläger"),
        ("Zoë", "Berg 2"),
    ]:
        make_person(given, family)
    for query in ["ann", "Anna", "berg", "strass", "Straßburger", "oel", "kathrin ann", "2", "x"]:
        assert _indexed(query) == _like(query), query


@pytest.mark.django_db
def test_the_index_follows_updates_and_deletions():
    person = make_person("Anna", "Müller")
    assert _indexed("mueller") == {person.pk}
    person.family_name = "Schulze"
    person.save()
    assert _indexed("mueller") == set()
    assert _indexed("schulz") == {person.pk}
    person.delete()
    assert _indexed("schulz") == set()


@pytest.mark.django_db
def test_newest_limits_the_candidates_and_says_so():
    people = [make_person("Anna", f"Muster{number}") for number in range(5)]
    newest = Person.objects.search("anna", newest=2)
    assert set(newest.values_list("pk", flat=True)) == {p.pk for p in people[-2:]}
    assert fulltext.candidates_exceed(Person, ["anna"], 4)
    assert not fulltext.candidates_exceed(Person, ["anna"], 5)


@pytest.mark.django_db
def test_a_lost_trigger_is_restored_and_the_index_rebuilt():
    if connection.vendor != "sqlite":
        pytest.skip("triggers keep the SQLite index; PostgreSQL indexes the column itself")
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "actors_person_fts_insert"')
    person = make_person("Anna", "Müller")  # not indexed: the trigger is gone
    assert _indexed("mueller") == set()
    fulltext.ensure_indexes()
    assert _indexed("mueller") == {person.pk}


@pytest.mark.django_db
def test_postgresql_indexes_rows_at_once_not_through_a_pending_list():
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL's GIN index has a pending list")
    fulltext.ensure_indexes()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c WHERE c.relname = ANY(%s)",
            [[f"{table}_{fulltext.VECTOR}" for table in sorted(fulltext._indexed_tables())]],
        )
        options = dict(cursor.fetchall())
    assert len(options) == len(fulltext.INDEXED)
    assert all("fastupdate=off" in (found or []) for found in options.values()), options
