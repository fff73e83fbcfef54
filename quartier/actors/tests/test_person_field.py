"""Choosing a person by typing her name (instead of a select of the whole city)."""

import pytest
from django import forms

from quartier.actors.forms import PersonField
from quartier.actors.tests.factories import make_person


class _Form(forms.Form):
    person = PersonField(label="Person", required=False)


def _clean(value):
    form = _Form({"person": value})
    form.is_valid()
    return form


@pytest.mark.django_db
def test_a_unique_name_finds_the_person_whatever_the_case_and_umlauts():
    anna = make_person("Anna", "Müller")
    make_person("Bernd", "Schulze")
    assert _clean("anna mueller").cleaned_data["person"] == anna
    assert _clean("Müller").cleaned_data["person"] == anna


@pytest.mark.django_db
def test_namesakes_are_listed_and_the_number_picks_one():
    first = make_person("Anna", "Müller")
    second = make_person("Anna", "Müller")
    form = _clean("Anna Müller")
    assert not form.is_valid()
    message = form.errors["person"][0]
    assert "passt auf mehrere Personen" in message
    assert f"Nr. {first.pk}" in message and f"Nr. {second.pk}" in message
    assert _clean(f"Anna Müller (Nr. {second.pk})").cleaned_data["person"] == second
    assert _clean(str(first.pk)).cleaned_data["person"] == first


@pytest.mark.django_db
def test_an_unknown_name_or_number_is_refused_in_german():
    make_person("Anna", "Müller")
    assert "niemanden im Verzeichnis" in _clean("Zacharias Zuse").errors["person"][0]
    assert "gibt es nicht" in _clean("Nr. 999999").errors["person"][0]
    assert _clean("").cleaned_data["person"] is None


@pytest.mark.django_db
def test_an_exact_name_wins_over_longer_ones():
    anna = make_person("Anna", "Berg")
    make_person("Annabell", "Bergmann")
    assert _clean("Anna Berg").cleaned_data["person"] == anna


@pytest.mark.django_db
def test_initial_person_shows_as_name_and_keeping_it_is_no_change():
    anna = make_person("Anna", "Müller")
    field = PersonField(required=False)
    assert field.prepare_value(anna.pk) == "Anna Müller"
    assert not field.has_changed(anna.pk, "Anna Müller")
    assert field.has_changed(anna.pk, "")
