"""Reads whose query is built once per process, with slots for the values that change.

Building a queryset is the dearest part of a narrow read here: for the union of a
member's seats, deputy seats and secretary roles, `filter()`, `values_list()` and
`union()` took about 6 ms, compiling the SQL 1.4 ms and running it 0.3 ms (SQLite, scale
1). A `prepared` read builds its queryset the first time it is used, with a `Slot` where
a value of the call belongs (a person, a day, a list of ids), and keeps it. Each call
clones the kept queryset and lets Django compile and run it with the call's values, so
converters, value lists and unions behave exactly as in a queryset built on the spot.

    @prepared
    def _seat_rows(slot: Slots) -> QuerySet:
        return SeatHolding.objects.filter(person_id=slot.id("person")).values_list(...)

    rows = _seat_rows(person=person.pk)

Only what the builder gives a slot may differ between calls: anything else it reads
(today's date, the user, a setting) is frozen into the kept query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    Expression,
    Field,
    QuerySet,
)

# The values of the call being compiled, by slot name.
_values: ContextVar[dict[str, Any]] = ContextVar("prepared_read_values")


def _value(name: str) -> Any:
    try:
        values = _values.get()
    except LookupError:
        raise RuntimeError(f"Slot {name!r} used outside a prepared read") from None
    try:
        return values[name]
    except KeyError:
        raise TypeError(f"prepared read called without {name!r}") from None


class Slot(Expression):
    """One value given at each call, compiled as one placeholder (as `Value` would be).

    None is refused: `= NULL` is never true, and a filter on None means IS NULL, which a
    placeholder can't say."""

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self) -> str:
        return f"Slot({self.name!r})"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        value = _value(self.name)
        if value is None:
            raise ValueError(f"Slot {self.name!r} got None")
        return "%s", [self.output_field.get_db_prep_value(value, connection=connection)]

    def get_group_by_cols(self) -> list[Any]:
        return []


class SlotList(Slot):
    """A list of values for `__in`: one placeholder per value of the call. An empty list
    matches nothing (`IN (NULL)`); use it only for `__in`, never negated."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        values = list(_value(self.name))
        if not values:
            return "NULL", []
        prepare = self.output_field.get_db_prep_value
        # The lookup puts the parentheses around it.
        return ", ".join(["%s"] * len(values)), [
            prepare(value, connection=connection) for value in values
        ]


class RawSlot(Slot):
    """A value the database driver gets as it is (a list of ids for `= ANY(%s)`): for
    expressions that compile the slot themselves and shape its value."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        value = _value(self.name)
        if value is None:
            raise ValueError(f"Slot {self.name!r} got None")
        return "%s", [value]


class Slots:
    """What a builder gets: slots by kind."""

    def id(self, name: str) -> Slot:
        return Slot(name, BigIntegerField())

    def ids(self, name: str) -> SlotList:
        return SlotList(name, BigIntegerField())

    def date(self, name: str) -> Slot:
        return Slot(name, DateField())

    def datetime(self, name: str) -> Slot:
        return Slot(name, DateTimeField())

    def text(self, name: str) -> Slot:
        return Slot(name, CharField())

    def raw(self, name: str) -> RawSlot:
        return RawSlot(name, Field())


@contextmanager
def _filled(values: dict[str, Any]) -> Iterator[None]:
    token = _values.set(values)
    try:
        yield
    finally:
        _values.reset(token)


class PreparedRead:
    """A queryset built once (on first use) and run with each call's slot values."""

    def __init__(self, build: Callable[[Slots], QuerySet[Any]]) -> None:
        self._build = build
        self._kept: QuerySet[Any] | None = None
        functools.update_wrapper(self, build)

    def queryset(self) -> QuerySet[Any]:
        """The kept queryset (built now if it isn't yet). Never evaluated itself: every
        call works on a clone."""
        if self._kept is None:
            self._kept = self._build(Slots())
        return self._kept

    def __call__(self, **values: Any) -> list[Any]:
        """The rows (as the queryset yields them) for these slot values."""
        with _filled(values):
            return list(self.queryset().all())

    @contextmanager
    def filled(self, **values: Any) -> Iterator[QuerySet[Any]]:
        """A clone of the kept queryset that compiles with these values inside the block
        (for a helper that compiles and runs it itself, such as paginate_capped)."""
        with _filled(values):
            yield self.queryset().all()

    def count(self, **values: Any) -> int:
        """How many rows the read gives for these values (counted by the database)."""
        with _filled(values):
            return self.queryset().count()

    def sql(self, **values: Any) -> str:
        """The SQL for these values, with placeholders (for tests and EXPLAIN)."""
        with _filled(values):
            return str(self.queryset().query)


def prepared(build: Callable[[Slots], QuerySet[Any]]) -> PreparedRead:
    """Decorator: `build(slots)` returns the queryset of the read; see the module."""
    return PreparedRead(build)
