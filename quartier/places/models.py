"""Places: one area tree (city > region > district > quarter) and addresses (OParl Location)."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Searchable, SearchableQuerySet, TimeStampedModel


class AreaLevel(models.TextChoices):
    CITY = "city", _("Stadt")
    REGION = "region", _("Region")
    DISTRICT = "district", _("Stadtbezirk")
    QUARTER = "quarter", _("Quartier")


# Which level may sit directly below which: a region may be skipped by cities without them.
ALLOWED_PARENT_LEVELS: dict[str, set[str | None]] = {
    AreaLevel.CITY: {None},
    AreaLevel.REGION: {AreaLevel.CITY},
    AreaLevel.DISTRICT: {AreaLevel.REGION, AreaLevel.CITY},
    AreaLevel.QUARTER: {AreaLevel.DISTRICT},
}
LEVEL_ORDER = [AreaLevel.CITY, AreaLevel.REGION, AreaLevel.DISTRICT, AreaLevel.QUARTER]


class AreaQuerySet(SearchableQuerySet):
    def of_level(self, level: str) -> Self:
        return self.filter(level=level)

    def districts(self) -> Self:
        return self.filter(level=AreaLevel.DISTRICT)

    def quarters(self) -> Self:
        return self.filter(level=AreaLevel.QUARTER)

    def model_quarters(self) -> Self:
        return self.filter(level=AreaLevel.QUARTER, is_model_quarter=True)

    def within(self, area: Area) -> Self:
        """`area` and every area below it."""
        return self.filter(path__startswith=area.path)

    def containing(self, area: Area) -> Self:
        """`area` and every area above it."""
        return self.filter(pk__in=area.ancestor_ids())


class Area(Searchable):
    name = models.CharField(_("Name"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=10, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("liegt in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    official_number = models.CharField(
        _("amtliche Nummer"),
        max_length=20,
        blank=True,
        help_text=_("Stadtbezirke tragen ihre amtliche Nummer, z. B. 7."),
    )
    is_model_quarter = models.BooleanField(_("Modellquartier"), default=False)
    model_since = models.DateField(_("Modellquartier seit"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    outline = models.JSONField(
        _("Umriss (GeoJSON)"), null=True, blank=True, help_text=_("GeoJSON-Geometrie")
    )
    centre = models.JSONField(
        _("Mittelpunkt (GeoJSON-Punkt)"),
        null=True,
        blank=True,
        help_text=_('z. B. {"type": "Point", "coordinates": [9.74, 52.37]}'),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="/")
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_model_quarter=False) | Q(level=AreaLevel.QUARTER),
                name="area_model_quarter_is_quarter",
                violation_error_message=_("Nur ein Quartier kann Modellquartier sein."),
            ),
            models.CheckConstraint(
                condition=Q(model_since__isnull=True) | Q(is_model_quarter=True),
                name="area_model_since_needs_model_quarter",
                violation_error_message=_("Ein Programmstart gehört nur zu einem Modellquartier."),
            ),
            models.UniqueConstraint(
                fields=["parent", "official_number"],
                condition=~Q(official_number=""),
                name="area_unique_number_per_parent",
                violation_error_message=_(
                    "Diese amtliche Nummer ist in diesem Gebiet schon vergeben."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.level == AreaLevel.DISTRICT and self.official_number:
            return f"{self.official_number} {self.name}"
        return self.name

    def sort_source(self) -> str:
        return self.name

    def search_sources(self) -> list[str | None]:
        return [self.name, self.official_number]

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def save(self, *args, **kwargs) -> None:
        # The path ("/1/5/23/") lets "everything below" be one indexed prefix query.
        super().save(*args, **kwargs)
        path = (self.parent.path if self.parent else "/") + f"{self.pk}/"
        if path != self.path:
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)

    @property
    def depth(self) -> int:
        return len(self.ancestor_ids()) - 1


def location_name(name: str | None, room: str | None) -> str:
    """ "Stadtteilzentrum, Saal 2": also for rows read without building a Location."""
    return ", ".join(part for part in [name, room] if part)


def location_address(street: str | None, postal_code: str | None, locality: str | None) -> str:
    """ "Hauptstraße 1, 30159 Hannover"."""
    town = " ".join(part for part in [postal_code, locality] if part)
    return ", ".join(part for part in [street, town] if part)


class Location(Searchable):
    """A place where something happens: an address, optionally a room (OParl Location)."""

    name = models.CharField(_("Bezeichnung"), max_length=200, help_text=_("z. B. Stadtteilhaus"))
    room = models.CharField(_("Raum"), max_length=200, blank=True)
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), on_delete=models.PROTECT, null=True, blank=True
    )
    accessibility = models.TextField(
        _("Barrierefreiheit"), blank=True, help_text=_("z. B. stufenloser Zugang, Aufzug")
    )
    point = models.JSONField(_("Lage (GeoJSON-Punkt)"), null=True, blank=True)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return location_name(self.name, self.room)

    def search_sources(self) -> list[str | None]:
        return [self.name, self.room, self.street_address, self.locality]

    @property
    def address(self) -> str:
        return location_address(self.street_address, self.postal_code, self.locality)


class CoordinatorAssignment(TimeStampedModel):
    """A login that coordinates an area (and everything below it) for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.CASCADE,
        related_name="coordinator_assignments",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("Gebiet"),
        on_delete=models.PROTECT,
        related_name="coordinator_assignments",
    )
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Koordination")
        verbose_name_plural = _("Koordinationen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="coordinator_ends_after_start",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.area}"
