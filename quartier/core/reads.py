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

Compiling is kept too: the first call of each shape of values (the number of items of
each list a SlotList expands) compiles the query once with markers where the values go
and once as usual; where both agree, later calls of that shape fill the markers in and
run the kept SQL (Django still turns the rows into models, dicts or tuples). An
expression that makes its parameter of a slot's value (a LIKE pattern) says so with
`reshape`; one that doesn't is found out by the comparison and compiled at every call,
as far as the first call's values show it (an expression that changed only some values,
escaping LIKE wildcards a first value lacks, would need `reshape` without the check
noticing). What Django reads from the request's surroundings while compiling (the active
time zone of a `__date` lookup) is kept as at the first call: this application never
switches the time zone.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
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


class _Shape:
    """What a slot gets while a read is compiled once for keeping (see _Kept): not a
    value but its shape, the number of items of a list; `expanded` says that a SlotList
    gave each item a placeholder (so that the SQL depends on the number)."""

    __slots__ = ("expanded", "length")

    def __init__(self, length: int) -> None:
        self.length = length
        self.expanded = False


class _Marker:
    """A parameter of kept SQL to be filled from a call's values: slot `name` (its item
    `index` for a list), prepared for the database as the slot prepares it."""

    __slots__ = ("index", "name", "prepare")

    def __init__(self, name: str, index: int | None, prepare: Callable[..., Any] | None) -> None:
        self.name, self.index, self.prepare = name, index, prepare

    def fill(self, values: dict[str, Any], connection: Any) -> Any:
        try:
            value = values[self.name]
        except KeyError:
            raise TypeError(f"prepared read called without {self.name!r}") from None
        if value is None:
            raise ValueError(f"Slot {self.name!r} got None")
        if self.index is not None:
            value = value[self.index]
        return value if self.prepare is None else self.prepare(value, connection)


def reshape(param: Any, change: Callable[[Any], Any]) -> Any:
    """`change(param)` for a compiled slot's parameter; for a marker (the read is being
    compiled for keeping) a marker that changes the value when a call fills it in. For
    expressions that make their parameter from a slot's value (a LIKE pattern, say)."""
    if not isinstance(param, _Marker):
        return change(param)
    prepare = param.prepare

    def prepare_and_change(value: Any, connection: Any) -> Any:
        return change(value if prepare is None else prepare(value, connection))

    return _Marker(param.name, param.index, prepare_and_change)


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
        if isinstance(value, _Shape):
            return "%s", [_Marker(self.name, None, self._prepare)]
        if value is None:
            raise ValueError(f"Slot {self.name!r} got None")
        return "%s", [self._prepare(value, connection)]

    def _prepare(self, value: Any, connection: Any) -> Any:
        return self.output_field.get_db_prep_value(value, connection=connection)

    def get_group_by_cols(self) -> list[Any]:
        return []


class SlotList(Slot):
    """A list of values for `__in`: one placeholder per value of the call. An empty list
    matches nothing (`IN (NULL)`); use it only for `__in`, never negated."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        value = _value(self.name)
        if isinstance(value, _Shape):
            value.expanded = True
            params: list[Any] = [
                _Marker(self.name, index, self._prepare) for index in range(value.length)
            ]
        else:
            params = [self._prepare(item, connection) for item in value]
        if not params:
            return "NULL", []
        # The lookup puts the parentheses around it.
        return ", ".join(["%s"] * len(params)), params


class RawSlot(Slot):
    """A value the database driver gets as it is (a list of ids for `= ANY(%s)`): for
    expressions that compile the slot themselves and shape its value."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        value = _value(self.name)
        if isinstance(value, _Shape):
            return "%s", [_Marker(self.name, None, None)]
        if value is None:
            raise ValueError(f"Slot {self.name!r} got None")
        return "%s", [value]


class Slots:
    """What a builder gets: slots by kind."""

    def _slot(self, kind: type[Slot], name: str, field: Field) -> Any:
        return kind(name, field)

    def id(self, name: str) -> Slot:
        return self._slot(Slot, name, BigIntegerField())

    def ids(self, name: str) -> SlotList:
        return self._slot(SlotList, name, BigIntegerField())

    def date(self, name: str) -> Slot:
        return self._slot(Slot, name, DateField())

    def datetime(self, name: str) -> Slot:
        return self._slot(Slot, name, DateTimeField())

    def text(self, name: str) -> Slot:
        return self._slot(Slot, name, CharField())

    def raw(self, name: str) -> RawSlot:
        return self._slot(RawSlot, name, Field())


class Given(Slots):
    """Slots that are their values: one builder of a condition serves a prepared read
    (with Slots) and a query built on the spot (with Given)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._given = values

    def _slot(self, kind: type[Slot], name: str, field: Field) -> Any:
        try:
            return self._given[name]
        except KeyError:
            raise TypeError(f"no value given for {name!r}") from None


@contextmanager
def _filled(values: dict[str, Any]) -> Iterator[None]:
    token = _values.set(values)
    try:
        yield
    finally:
        _values.reset(token)


def _as_lists(values: dict[str, Any]) -> dict[str, Any]:
    """The values with every collection but a list or a text as a list (a set, a
    generator, dict keys): read once, then filled in by position in that order."""
    return {
        name: value
        if isinstance(value, list | str | bytes) or not isinstance(value, Iterable)
        else list(value)
        for name, value in values.items()
    }


def _length(value: Any) -> int:
    return len(value) if isinstance(value, list | tuple) else 0


@dataclass(frozen=True)
class Compiled:
    """One call's SQL and parameters, and a compiler that describes its columns (for
    turning rows into models, dicts or tuples), bound to the call's connection."""

    sql: str
    params: tuple[Any, ...]
    compiler: Any

    @classmethod
    def of(cls, queryset: QuerySet[Any]) -> Compiled:
        """The queryset compiled now; SQL "" when no row can match (EmptyResultSet)."""
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = "", ()
        return cls(sql, tuple(params), compiler)


@dataclass(frozen=True)
class _Kept:
    """A read's SQL compiled once for one shape of values, with markers where a call's
    values go, and the compiler that made it."""

    sql: str
    params: tuple[Any, ...]
    compiler: Any

    def fill(self, values: dict[str, Any], alias: str) -> Compiled:
        connection = connections[alias]
        compiler = copy.copy(self.compiler)
        compiler.connection = connection
        return Compiled(self.sql, _filled_params(self.params, values, connection), compiler)


def _filled_params(params: Iterable[Any], values: dict[str, Any], connection: Any) -> tuple:
    """The parameters with each marker filled from `values`."""
    return tuple(
        param.fill(values, connection) if isinstance(param, _Marker) else param for param in params
    )


# Shapes of values kept per read at most (a list of ids of many lengths makes many).
KEPT_SHAPES = 32


class PreparedRead:
    """A queryset built once (on first use) and run with each call's slot values."""

    def __init__(self, build: Callable[[Slots], QuerySet[Any]]) -> None:
        self._build = build
        self._kept: QuerySet[Any] | None = None
        # The slots whose number of items is in the SQL (learnt at the first compile).
        self._expanded: tuple[str, ...] | None = None
        # Compiled SQL per number of items of those slots; None: compile at every call.
        self._compiled: dict[tuple[int, ...], _Kept | None] = {}
        functools.update_wrapper(self, build)

    def queryset(self) -> QuerySet[Any]:
        """The kept queryset (built now if it isn't yet). Never evaluated itself: every
        call works on a clone."""
        if self._kept is None:
            self._kept = self._build(Slots())
        return self._kept

    def __call__(self, **values: Any) -> list[Any]:
        """The rows (as the queryset yields them) for these slot values.

        The SQL is compiled once per shape of values (the number of items of each list a
        SlotList expands) and kept, with markers where the values go: compiling cost
        more than building for reads of whole models. The first call of each shape also
        compiles as usual and keeps the SQL only if both agree, parameters included: a
        read whose expressions reshape a slot's value while compiling (a LIKE pattern
        made of it, say) without `reshape` is never kept and compiles at every call."""
        values = _as_lists(values)
        kept = self._kept_for(values)
        queryset = self.queryset().all()
        if kept is not None:
            compiled = kept.fill(values, queryset.db)
            compiler = compiled.compiler
            compiler.as_sql = lambda *args, **kwargs: (compiled.sql, list(compiled.params))
            queryset.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
        # Filled all the same: a prefetch's queryset compiles on its own.
        with _filled(values):
            return list(queryset)

    def compiled(self, **values: Any) -> Compiled:
        """The SQL of a call with its parameters and compiler, kept SQL where it can be:
        for a helper that runs it inside SQL of its own (paginate_capped)."""
        values = _as_lists(values)
        kept = self._kept_for(values)
        queryset = self.queryset()
        if kept is not None:
            return kept.fill(values, queryset.db)
        with _filled(values):
            return Compiled.of(queryset.all())

    def _shape(self, values: dict[str, Any]) -> tuple[int, ...] | None:
        """The number of items of each slot a SlotList expands; None before the first
        compile, or when one of them is missing (the usual compile says so)."""
        if self._expanded is None or any(name not in values for name in self._expanded):
            return None
        return tuple(_length(values.get(name)) for name in self._expanded)

    def _kept_for(self, values: dict[str, Any]) -> _Kept | None:
        shape = self._shape(values)
        if shape is not None and shape in self._compiled:
            return self._compiled[shape]
        return self._keep(values)

    def _keep(self, values: dict[str, Any]) -> _Kept | None:
        """Compile with markers for the shape of `values` and check the SQL against the
        usual compile with `values`; None where they differ or the read can't be kept."""
        if len(self._compiled) >= KEPT_SHAPES or any(value is None for value in values.values()):
            return None  # None is refused by the usual compile
        queryset = self.queryset()
        marked = {name: _Shape(_length(value)) for name, value in values.items()}
        try:
            with _filled(marked):
                compiler = queryset.all().query.get_compiler(using=queryset.db)
                sql, params = compiler.as_sql()
            with _filled(values):
                expected = queryset.all().query.get_compiler(using=queryset.db).as_sql()
            filled = _filled_params(params, values, connections[queryset.db])
        except Exception:  # noqa: BLE001 - the usual compile says what is wrong
            return None
        if self._expanded is None:  # the same slots for every call of this read
            self._expanded = tuple(sorted(name for name, shape in marked.items() if shape.expanded))
        agree = (sql, filled) == (expected[0], tuple(expected[1]))
        kept = _Kept(sql, tuple(params), compiler) if agree else None
        shape = self._shape(values)
        assert shape is not None
        self._compiled[shape] = kept
        return kept

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
