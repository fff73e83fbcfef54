from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quartier.actors.models import ConsentChannel, ConsentRecord, Person
from quartier.actors.selectors import (
    consent_in_force,
    people_for_display,
    people_public,
    people_search_public,
    person_public,
)
from quartier.actors.services import affiliation_add, consent_give, consent_withdraw
from quartier.actors.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_without_consent_nothing_is_public():
    person = make_person("Hanna", "Heimlich", email="h@example.org", phone="0511 1")
    public = person_public(person=person)
    assert public.name is None and public.email is None and public.phone is None
    assert public.display_name == "Name nicht veröffentlicht"


def test_only_consented_fields_are_public():
    person = make_person("Paula", "Papier", email="p@example.org", phone="0511 2")
    affiliation_add(
        person=person, organisation=make_organisation("AWO Südstadt"), function="Leitung"
    )
    consent_give(
        person=person,
        given_on=date(2020, 5, 1),
        channel=ConsentChannel.PAPER,
        allow=("name", "function"),
    )
    public = person_public(person=person, on=date(2021, 1, 1))
    assert public.name == "Paula Papier"
    assert public.function == "Leitung, AWO Südstadt"
    assert public.email is None and public.phone is None
    assert person_public(person=person, on=date(2020, 4, 30)).name is None


def test_withdrawal_ends_publication_from_its_day():
    person = make_person("Willi", "Widerruf")
    consent_give(
        person=person,
        given_on=date(2019, 1, 1),
        channel=ConsentChannel.ONLINE,
        allow=("name", "email"),
    )
    consent_withdraw(person=person, on=date(2022, 3, 1))
    assert person_public(person=person, on=date(2022, 2, 28)).name == "Willi Widerruf"
    assert person_public(person=person, on=date(2022, 3, 1)).name is None
    assert people_search_public(query="widerruf", on=date(2022, 3, 2)).count() == 0
    assert people_search_public(query="widerruf", on=date(2021, 1, 1)).count() == 1


def test_new_consent_replaces_the_old_one():
    person = make_person("Nora", "Neu")
    first = consent_give(person=person, given_on=date(2018, 1, 1), allow=("name", "phone"))
    second = consent_give(person=person, given_on=date(2020, 1, 1), allow=("name",))
    first.refresh_from_db()
    assert first.withdrawn_on == date(2020, 1, 1)
    assert consent_in_force(person=person, on=date(2019, 6, 1)) == first
    assert consent_in_force(person=person, on=date(2021, 6, 1)) == second


def test_earlier_consent_after_a_later_one_is_refused():
    person = make_person("Otto", "Ordnung")
    consent_give(person=person, given_on=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        consent_give(person=person, given_on=date(2019, 1, 1))
    assert ConsentRecord.objects.filter(person=person).count() == 1


def test_withdrawal_before_consent_is_refused_in_german():
    person = make_person("Vera", "Vorher")
    consent_give(person=person, given_on=date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        consent_withdraw(person=person, on=date(2019, 1, 1))
    assert "vor der Erteilung" in str(error.value)


def test_database_holds_one_open_consent_per_person():
    person = make_person("Doppel", "Eintrag")
    ConsentRecord.objects.create(person=person, given_on=date(2020, 1, 1), channel="paper")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.create(person=person, given_on=date(2021, 1, 1), channel="paper")


def test_unknown_consent_fields_are_refused():
    person = make_person("Falsch", "Feld")
    with pytest.raises(ValidationError):
        consent_give(person=person, given_on=date(2020, 1, 1), allow=("name", "shoe_size"))


def test_lists_of_people_cost_a_fixed_number_of_queries(django_assert_num_queries):
    for index in range(6):
        person = make_person("Liste", f"Person{index}", email=f"l{index}@example.org")
        consent_give(person=person, given_on=date(2020, 1, 1), allow=("name", "email"))
        affiliation_add(person=person, organisation=make_organisation(), function="Mitglied")
    with django_assert_num_queries(3):
        public = people_public(people=people_for_display(Person.objects.all()))
    assert len(public) == 6 and all(p.email for p in public)


def test_publishing_filter_matches_consent_in_force():
    yes = make_person("Ja", "Name", consent=("name",))
    make_person("Nur", "Telefon", consent=("phone",))
    make_person("Gar", "Nichts")
    assert list(Person.objects.publishing("name")) == [yes]
