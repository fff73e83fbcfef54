"""Coordinators: who runs which area."""

from __future__ import annotations

from datetime import date
from typing import Any

from quartier.core.dates import today, valid_on
from quartier.core.permissions import is_administrator, is_authenticated
from quartier.places.models import Area, CoordinatorAssignment


def coordinated_area_ids(user: Any, on: date | None = None) -> set[int]:
    """Ids of the areas a login coordinates on `on`, without the areas below them."""
    if not is_authenticated(user):
        return set()
    cache_name = f"_coordinated_area_ids_{on or 'today'}"
    cached = getattr(user, cache_name, None)
    if cached is None:
        day = on or today()
        cached = set(
            CoordinatorAssignment.objects.filter(valid_on(day), user=user).values_list(
                "area_id", flat=True
            )
        )
        setattr(user, cache_name, cached)
    return cached


def is_coordinator(user: Any, on: date | None = None) -> bool:
    return bool(coordinated_area_ids(user, on))


def coordinates_area(user: Any, area: Area | None, on: date | None = None) -> bool:
    """True when `user` coordinates `area` or an area above it."""
    if area is None:
        return False
    own = coordinated_area_ids(user, on)
    return bool(own) and any(ancestor in own for ancestor in area.ancestor_ids())


def can_edit_area(user: Any, area: Area) -> bool:
    return is_administrator(user) or coordinates_area(user, area)
