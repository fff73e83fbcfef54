"""The shared vocabulary of themes, editable by the department."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Searchable, SearchableQuerySet


class TopicQuerySet(SearchableQuerySet):
    def active(self) -> Self:
        return self.filter(is_active=True)


class Topic(Searchable):
    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzform"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    keywords = models.TextField(
        _("Stichwörter"),
        blank=True,
        help_text=_("Weitere Wörter, unter denen das Thema gefunden wird."),
    )
    is_active = models.BooleanField(
        _("in Gebrauch"),
        default=True,
        help_text=_("Ausgeschiedene Themen bleiben an alten Einträgen stehen."),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return self.name

    def search_sources(self) -> list[str | None]:
        return [self.name, self.keywords]
