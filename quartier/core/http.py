"""Small helpers every view uses: htmx detection and loading objects for a viewer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

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
    if not can_view(request.user, obj):
        raise Http404
    if can_edit is not None and not can_edit(request.user, obj):
        raise PermissionDenied
    return obj


def paginate(
    request: HttpRequest, items: Any, per_page: int = PAGE_SIZE, param: str = "seite"
) -> Page:
    """One page of `items`; a bad or too large page number gives the last page, not an error."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get(param))
