"""Template filters: German dates as people write them, pagination links that keep filters."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()

WEEKDAYS = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]


@register.filter
def de_date(value: date | datetime | None) -> str:
    """ "Mi., 25.11.2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{WEEKDAYS[value.weekday()]}, {value:%d.%m.%Y}"


@register.filter
def de_datetime(value: datetime | None) -> str:
    """ "Mi., 25.11.2026, 14:00 Uhr"."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{de_date(local)}, {local:%H:%M} Uhr"


@register.filter
def de_time(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} Uhr"


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, param: str = "seite") -> str:
    """The current URL with another page number, keeping every other query parameter."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
