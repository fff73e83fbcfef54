"""Programmes: the city's strands of quarter work (Soziale Stadt, Mein Quartier 2030, …)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Organisation
from quartier.core.models import Searchable, SearchableQuerySet
from quartier.places.models import Area


class Programme(Searchable):
    name = models.CharField(_("Name"), max_length=255)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("federführend"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes_led",
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("Gebiete"), blank=True, related_name="programmes"
    )
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    budget_eur = models.DecimalField(
        _("Budget in Euro"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_note = models.CharField(_("zum Budget"), max_length=255, blank=True)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("Programm")
        verbose_name_plural = _("Programme")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
            models.CheckConstraint(
                condition=Q(budget_eur__isnull=True) | Q(budget_eur__gte=0),
                name="programme_budget_not_negative",
                violation_error_message=_("Das Budget kann nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def search_sources(self) -> list[str | None]:
        return [self.name, self.short_name]
