from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quartier.actors.tests.factories import make_organisation
from quartier.programmes.models import Programme
from quartier.programmes.permissions import can_edit_programme
from quartier.topics.models import Topic
from quartier.topics.permissions import can_edit_topic

pytestmark = pytest.mark.django_db


def allowed(personas, predicate, *args):
    return {name for name, user in personas.all().items() if predicate(user, *args)}


def test_programme_of_her_area_is_edited_by_the_coordinator(personas, small_city):
    own = Programme.objects.create(name="Soziale Stadt Südstadt")
    own.areas.set([small_city.quarter])
    mixed = Programme.objects.create(name="Mein Quartier 2030")
    mixed.areas.set([small_city.quarter, small_city.other_district])
    assert allowed(personas, can_edit_programme, own) == {"administrator", "coordinator"}
    assert allowed(personas, can_edit_programme, mixed) == {"administrator"}


def test_topics_are_edited_by_the_department_only(personas):
    topic = Topic.objects.get(slug="wohnen")
    assert allowed(personas, can_edit_topic, topic) == {"administrator"}


def test_programme_period_and_budget_are_checked_in_german():
    programme = Programme(
        name="Gemeinwesenarbeit",
        lead_organisation=make_organisation("Fachbereich Soziales", kind="city_department"),
        budget_eur=Decimal("-1"),
    )
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "negativ" in str(error.value)


def test_initial_vocabulary_holds_the_papers_topics():
    names = set(Topic.objects.values_list("name", flat=True))
    assert {"Wohnen", "Nahversorgung", "Pflege", "Barrierefreiheit", "Flüchtlingshilfe"} <= names
    assert Topic.objects.count() == 14
