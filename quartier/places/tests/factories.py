from __future__ import annotations

from itertools import count

from quartier.places.models import Area, AreaLevel
from quartier.places.services import area_create

_numbers = count(1)


def make_city(name: str = "Teststadt") -> Area:
    return area_create(name=name, level=AreaLevel.CITY)


def make_district(city: Area, name: str | None = None, number: str | None = None) -> Area:
    n = next(_numbers)
    return area_create(
        name=name or f"Bezirk {n}",
        level=AreaLevel.DISTRICT,
        parent=city,
        official_number=number or str(n),
    )


def make_quarter(district: Area, name: str | None = None, **fields) -> Area:
    return area_create(
        name=name or f"Quartier {next(_numbers)}",
        level=AreaLevel.QUARTER,
        parent=district,
        **fields,
    )
