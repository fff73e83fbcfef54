"""Periods and "as of" helpers shared by the dated rows of every app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Expression, Q
from django.utils import timezone


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Period:
    """A closed range of days; `end` None means open-ended."""

    start: date
    end: date | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (other.end is None or self.start <= other.end) and (
            self.end is None or other.start <= self.end
        )


def valid_on(day: date | Expression, start: str = "starts_on", end: str = "ends_on") -> Q:
    """Rows whose [start, end] range holds `day` (a null start or end is open; `day` may be
    a slot of a prepared read)."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
    )


def overlapping(period: Period, start: str = "starts_on", end: str = "ends_on") -> Q:
    """Rows whose range shares at least one day with `period`."""
    condition = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": period.start})
    if period.end is not None:
        condition &= Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": period.end})
    return condition
