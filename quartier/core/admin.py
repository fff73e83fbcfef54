"""Admin basics: search through the German normaliser, and the user accounts."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from quartier.core import text
from quartier.core.models import User


class FoldedSearchMixin:
    """Admin search through core.text: "strasse" finds "Straße", "mueller" finds "Müller".

    `folded_search_fields` name stored search-key columns (own or via relations); every
    stem of the query must begin a word in one of them.
    """

    folded_search_fields: tuple[str, ...] = ("search_text",)
    search_fields = ("search_text",)  # shows the search box; the lookup is replaced below
    search_help_text = "Suche ohne Rücksicht auf Groß- und Kleinschreibung, Umlaute und Endungen."

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        terms = text.query_terms(search_term)
        if not terms:
            return queryset, False
        condition = Q()
        for term in terms:
            any_field = Q()
            for field in self.folded_search_fields:
                any_field |= Q(**{f"{field}__contains": f" {term}"})
            condition &= any_field
        may_duplicate = any("__" in field for field in self.folded_search_fields)
        return queryset.filter(condition), may_duplicate


class DatedAdminMixin:
    """Dated rows are never deleted from the admin: history is ended, not erased."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(User)
class QuartierUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "is_superuser", "is_active")
