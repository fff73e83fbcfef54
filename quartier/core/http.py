"""Small helpers every view uses: htmx detection and loading objects for a viewer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, QuerySet, Window
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property

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
