"""Reads of the area tree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from quartier.core.links import link
from quartier.places.models import Area, AreaLevel


def area_city() -> Area | None:
    """The city at the root of the tree (the first, if several cities share one install)."""
    return Area.objects.filter(level=AreaLevel.CITY).order_by("pk").first()


def area_children(*, area: Area) -> QuerySet[Area]:
    return Area.objects.filter(parent=area).order_by("official_number", "sort_name")


def area_ancestors(*, area: Area) -> list[Area]:
    """From the root down to `area`'s parent."""
    ids = area.ancestor_ids()[:-1]
    by_id = Area.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def districts() -> QuerySet[Area]:
    """Districts in the order of their official numbers (1, 2, …, 10, not 1, 10, 2)."""
    rows = Area.objects.districts()
    return rows.order_by("sort_name")


def districts_by_number() -> list[Area]:
    def number(area: Area) -> tuple[int, str]:
        digits = "".join(ch for ch in area.official_number if ch.isdigit())
        return (int(digits) if digits else 10**6, area.sort_name)

    return sorted(Area.objects.districts(), key=number)


def area_label(*, level: str, number: str, name: str) -> str:
    """str(Area) from its columns, for areas read as plain rows."""
    if level == AreaLevel.DISTRICT and number:
        return f"{number} {name}"
    return name


@dataclass(frozen=True)
class AreaRow:
    """An area as a link in a list: its label, link and model-quarter mark."""

    pk: int
    label: str
    url: str
    is_model_quarter: bool


def area_above_and_below(*, area: Area) -> tuple[list[AreaRow], list[AreaRow]]:
    """The areas above `area` (from the root down, as area_ancestors) and its children
    (as area_children orders them), as light rows in one query."""
    above_ids = area.ancestor_ids()[:-1]
    rows = (
        Area.objects.filter(Q(pk__in=above_ids) | Q(parent=area))
        .order_by("official_number", "sort_name")
        .values_list("pk", "level", "official_number", "name", "is_model_quarter", "parent_id")
    )
    above: dict[int, AreaRow] = {}
    below: list[AreaRow] = []
    for pk, level, number, name, is_model_quarter, parent_id in rows:
        row = AreaRow(
            pk=pk,
            label=area_label(level=level, number=number, name=name),
            url=link("places:area-detail", pk),
            is_model_quarter=is_model_quarter,
        )
        if parent_id == area.pk:
            below.append(row)
        else:
            above[pk] = row
    return [above[pk] for pk in above_ids if pk in above], below
