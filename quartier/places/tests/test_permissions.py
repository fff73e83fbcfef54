from datetime import date

import pytest

from quartier.places.models import CoordinatorAssignment
from quartier.places.permissions import can_edit_area, coordinates_area, is_coordinator

pytestmark = pytest.mark.django_db


def test_coordinator_covers_her_area_and_below_only(personas, small_city):
    berta = personas.coordinator
    assert coordinates_area(berta, small_city.district)
    assert coordinates_area(berta, small_city.quarter)
    assert not coordinates_area(berta, small_city.other_district)
    assert not coordinates_area(berta, small_city.city)


def test_roles_other_than_coordinator_and_admin_cannot_edit_areas(personas, small_city):
    allowed = {
        name for name, user in personas.all().items() if can_edit_area(user, small_city.quarter)
    }
    assert allowed == {"administrator", "coordinator"}


def test_ended_assignment_no_longer_counts(personas, small_city):
    CoordinatorAssignment.objects.filter(user=personas.coordinator).update(ends_on=date(2015, 1, 1))
    fresh = type(personas.coordinator).objects.get(pk=personas.coordinator.pk)
    assert not is_coordinator(fresh)
    assert not coordinates_area(fresh, small_city.quarter)
