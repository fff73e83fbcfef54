"""Programmes are the city's strands of work: the department and the coordinators of every
area a programme runs in may change it."""

from __future__ import annotations

from typing import Any

from quartier.core.permissions import is_administrator
from quartier.places.permissions import coordinates_area
from quartier.programmes.models import Programme


def can_edit_programme(user: Any, programme: Programme) -> bool:
    if is_administrator(user):
        return True
    areas = list(programme.areas.all())
    return bool(areas) and all(coordinates_area(user, area) for area in areas)
