"""The base model, the user account and the folded text columns every app shares."""

from __future__ import annotations

from typing import Self

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core import fulltext, text


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    modified = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        abstract = True


class SearchableQuerySet(models.QuerySet):
    def search(self, query: str | None, *, newest: int | None = None) -> Self:
        """Rows whose folded search key has every stem of `query` as a word prefix (through
        the word-prefix index of core.fulltext where the table has one; `newest`: see
        fulltext.prefix_filter)."""
        terms = text.query_terms(query)
        indexed = fulltext.prefix_filter(self.model, terms, self.db, newest=newest)
        if indexed is not None:
            return self.filter(indexed)
        return self.filter(text.search_q("search_text", query))

    def search_newest(self, query: str | None, limit: int) -> tuple[Self, bool]:
        """Like search, but where the table has the word-prefix index only among the
        `limit` newest matching rows (a broad query matches 100,000 agenda items); and
        whether that limit cut off older ones."""
        terms = text.query_terms(query)
        ids = fulltext.newest_matches(self.model, terms, limit, self.db)
        if ids is None:
            return self.search(query), False
        return self.filter(fulltext.among(self.model, ids[:limit])), len(ids) > limit

    def by_name(self) -> Self:
        return self.order_by("sort_name", "pk")


class Searchable(TimeStampedModel):
    """A row with a name: keeps `sort_name` and `search_text` folded by core.text."""

    sort_name = models.CharField(_("Sortiername"), max_length=255, editable=False, db_index=True)
    search_text = models.TextField(_("Suchschlüssel"), blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.refresh_text_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_name", "search_text"}
        super().save(*args, **kwargs)

    def sort_source(self) -> str:
        return str(self)

    def search_sources(self) -> list[str | None]:
        return [str(self)]

    def refresh_text_keys(self) -> None:
        """Fold this row's own fields into its sort and search columns (bulk loaders call it)."""
        self.sort_name = text.sort_key(self.sort_source())
        self.search_text = text.search_key(*self.search_sources())


class User(AbstractUser):
    """A login. Roles come from what the account is linked to (see the apps' permissions)."""

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.username
