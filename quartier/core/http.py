"""Small helpers every view uses: htmx detection and loading objects for a viewer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, QuerySet, Window
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property

from quartier.core.reads import Compiled

M = TypeVar("M", bound=Model)

PAGE_SIZE = 20


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def load_for(
    request: HttpRequest,
    queryset: QuerySet[M],
    *,
    can_view: Callable[[Any, M], bool],
    can_edit: Callable[[Any, M], bool] | None = None,
    **lookup: Any,
) -> M:
    """The object, or 404 for whoever may not see it (no hint that it exists), or 403 for
    whoever may see it but not change it (healthchecks' _get_rw_check_for_user)."""
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing
    return check_for(request, obj, can_view=can_view, can_edit=can_edit)


def check_found(
    request: HttpRequest,
    rows: list[M],
    *,
    can_view: Callable[[Any, M], bool],
    can_edit: Callable[[Any, M], bool] | None = None,
) -> M:
    """What `load_for` answers for the rows of a read by primary key made otherwise (a
    prepared read, say): 404 for no row, else as `check_for`."""
    if len(rows) != 1:
        raise Http404
    return check_for(request, rows[0], can_view=can_view, can_edit=can_edit)


def check_for(
    request: HttpRequest,
    obj: M,
    *,
    can_view: Callable[[Any, M], bool],
    can_edit: Callable[[Any, M], bool] | None = None,
) -> M:
    """What `load_for` answers for an object loaded otherwise: 404 for whoever may not see
    it, 403 for whoever may see it but not change it."""
    if not can_view(request.user, obj):
        raise Http404
    if can_edit is not None and not can_edit(request.user, obj):
        raise PermissionDenied
    return obj


class CappedPaginator(Paginator):
    """Counts at most `cap + 1` rows: "more than 1,000 hits" needs no count of 190,000.
    `capped` says whether there are more rows than `cap` (pages stop at the cap)."""

    def __init__(self, object_list: Any, per_page: int, cap: int, *, more: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap
        self.more = more  # the caller knows of rows beyond object_list

    @cached_property
    def count(self) -> int:
        return min(self._found, self.cap)

    @cached_property
    def _found(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            return rows.order_by()[: self.cap + 1].count()
        return len(rows[: self.cap + 1])

    @property
    def capped(self) -> bool:
        return self.more or self._found > self.cap


def paginate(
    request: HttpRequest,
    items: Any,
    per_page: int = PAGE_SIZE,
    param: str = "seite",
    *,
    cap: int | None = None,
    more: bool = False,
    count: int | None = None,
) -> Page:
    """One page of `items`; a bad or too large page number gives the last page, not an error.
    With `cap`, at most that many rows are counted and paged (see CappedPaginator). A
    `count` the caller already knows spares the count query."""
    paginator = (
        Paginator(items, per_page)
        if cap is None
        else CappedPaginator(items, per_page, cap, more=more)
    )
    if count is not None:
        paginator.count = count  # type: ignore[misc]  # fills the cached property
    return paginator.get_page(request.GET.get(param))


def paginate_capped(
    request: HttpRequest,
    rows: QuerySet[Any] | Compiled,
    per_page: int,
    param: str,
    *,
    cap: int,
    order: Sequence[str],
    order_when_capped: Sequence[str] = (),
) -> Page:
    """paginate(…, cap=cap) of values() rows in one query that returns only the page:
    the first `cap` + 1 rows in the queryset's own order are counted in the database (a
    window count over them), and the page is cut from them in `order` (value names,
    "-" for descending). With `order_when_capped`, `order` applies only when no more
    than `cap` rows were found and those orders otherwise (sorting every hit of a broad
    query by date costs more than it is worth). A page number beyond the last or below 1
    reads all rows up to the cap once and answers as paginate() does. `rows` may also be
    a prepared read's call (PreparedRead.compiled) whose SQL stops at `cap` + 1 rows.
    The paginator's `more` stays False: set it when the caller knows of rows beyond the
    cap."""
    if isinstance(rows, QuerySet):
        rows = Compiled.of(rows[: cap + 1])
    if not rows.sql:  # no row can match
        return CappedPaginator([], per_page, cap).get_page(request.GET.get(param))
    try:
        number = int(request.GET.get(param) or 1)
    except ValueError:
        number = 1  # as Paginator.get_page: not a number gives the first page
    # Beyond the pages the cap allows (a huge number would overflow OFFSET): as below 1.
    if 1 <= number <= -(-cap // per_page):
        found = _capped_rows(rows, cap, order, order_when_capped, per_page, start=number - 1)
        total = found[0][_TOTAL] if found else 0
        del found[max(0, cap - (number - 1) * per_page) :]  # the row after the cap is not shown
        paginator = CappedPaginator([], per_page, cap)
        paginator.__dict__["_found"] = total  # fills the cached properties
        paginator.__dict__["count"] = min(total, cap)
        if number <= paginator.num_pages:
            page = paginator.page(number)
            page.object_list = found
            return page
    every = _capped_rows(rows, cap, order, order_when_capped, cap + 1, start=0)
    return CappedPaginator(every, per_page, cap).get_page(request.GET.get(param))


_TOTAL = "_total"


def _capped_rows(
    rows: Compiled,
    cap: int,
    order: Sequence[str],
    order_when_capped: Sequence[str],
    limit: int,
    *,
    start: int,
) -> list[dict[str, Any]]:
    """Rows number start*limit … of `rows` (the first `cap` + 1 of a values() query),
    ordered, as dicts of the values() names and the count of all of them (_TOTAL)."""
    compiler = rows.compiler
    query = compiler.query
    if compiler.has_extra_select:  # columns beyond the values (DISTINCT with ordering)
        raise ValueError("paginate_capped needs values() rows without extra columns")
    # As ValuesIterable names the columns.
    if query.selected:
        names = list(query.selected)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    quote = compiler.connection.ops.quote_name
    total = quote(_TOTAL)

    def keys(fields: Sequence[str], *, below_cap_only: bool = False) -> list[str]:
        parts = []
        for field in fields:
            column = quote(field.removeprefix("-"))
            if below_cap_only:
                column = f"CASE WHEN {total} > {int(cap)} THEN NULL ELSE {column} END"
            parts.append(f"{column} {'DESC' if field.startswith('-') else 'ASC'}")
        return parts

    ordering = (
        keys(order, below_cap_only=True) + keys(order_when_capped)
        if order_when_capped
        else keys(order)
    )
    counted = f"SELECT hits.*, COUNT(*) OVER () AS {total} FROM ({rows.sql}) hits"
    page_sql = (
        f"SELECT * FROM ({counted}) counted ORDER BY {', '.join(ordering)} "
        f"LIMIT {int(limit)} OFFSET {int(start) * int(limit)}"
    )
    with compiler.connection.cursor() as cursor:
        cursor.execute(page_sql, rows.params)
        fetched = cursor.fetchall()
    converters = compiler.get_converters([column for column, _, _ in compiler.select])
    if converters:
        fetched = list(compiler.apply_converters(fetched, converters))
    return [dict(zip([*names, _TOTAL], row, strict=True)) for row in fetched]


def _window_total(row: Any) -> int:
    total: int = row["_total"] if isinstance(row, dict) else row._total
    return total


def first_page_asked(request: HttpRequest, param: str = "seite") -> bool:
    """Whether paginate() and paginate_counted() show the first page for the number asked:
    none, 1, or no whole number (which both read as 1)."""
    try:
        return int(request.GET.get(param) or 1) == 1
    except ValueError:
        return True


def first_page(rows: list[Any], per_page: int, *, count: int) -> Page:
    """The first page of `count` rows, as paginate() gives it, whose rows were read
    otherwise (a prepared read of the first `per_page`, say)."""
    paginator = Paginator(rows, per_page)
    paginator.count = count  # type: ignore[misc]  # fills the cached property
    page = paginator.page(1)
    page.object_list = rows
    return page


def first_page_counted(rows: list[Any], per_page: int) -> Page:
    """The first page as paginate_counted() gives it, from its first `per_page` rows read
    otherwise, each carrying the total (`_total`, a window count)."""
    return first_page(rows, per_page, count=_window_total(rows[0]) if rows else 0)


def paginate_counted(
    request: HttpRequest, items: QuerySet[Any], per_page: int = PAGE_SIZE, param: str = "seite"
) -> Page:
    """paginate() of values() rows or models in one query where it can: the page's rows
    carry the total (a window count), so no count query runs unless the page asked for
    lies beyond the last one."""
    try:
        number = int(request.GET.get(param) or 1)
    except ValueError:
        number = 1  # as Paginator.get_page: not a number gives the first page
    if number >= 1:
        start = (number - 1) * per_page
        counted = items.annotate(_total=Window(Count("pk")))
        rows = list(counted[start : start + per_page])
        if rows or number == 1:
            paginator = Paginator(items, per_page)
            paginator.count = _window_total(rows[0]) if rows else 0  # type: ignore[misc]
            page = paginator.page(number)
            page.object_list = rows
            return page
    return paginate(request, items, per_page, param)
