"""Body (Gremium) and its dated versions: a renamed body stays the same body."""

from __future__ import annotations

from datetime import date
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Organisation, Person
from quartier.core.dates import today
from quartier.core.models import Searchable, SearchableQuerySet, TimeStampedModel
from quartier.places.models import Area
from quartier.programmes.models import Programme
from quartier.topics.models import Topic


class BodyKind(models.TextChoices):
    NETWORK = "network", _("Netzwerk")
    PLANNING_ROUND = "planning_round", _("Planungsrunde")
    COORDINATION_CIRCLE = "coordination_circle", _("Koordinierungskreis")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe / Arbeitskreis")
    EXCHANGE_ROUND = "exchange_round", _("Austauschrunde")
    CONFERENCE = "conference", _("Konferenz")
    INTERNAL_ROUND = "internal_round", _("Interne Runde")
    DISTRICT_COUNCIL = "district_council", _("Stadtbezirksrat")
    COUNCIL = "council", _("Rat")


class BodyLevel(models.TextChoices):
    CITY = "city", _("Stadt")
    REGION = "region", _("Region")
    DISTRICT = "district", _("Stadtbezirk")
    QUARTER = "quarter", _("Quartier")
    INTERNAL = "internal", _("verwaltungsintern")


class BodyQuerySet(SearchableQuerySet):
    def active(self, on: date | None = None) -> Self:
        """Bodies founded by `on` and not dissolved before it."""
        day = on or today()
        return self.filter(Q(founded_on__isnull=True) | Q(founded_on__lte=day)).filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
        )

    def of_kind(self, kind: str) -> Self:
        return self.filter(kind=kind)

    def in_area(self, area: Area) -> Self:
        return self.filter(area__path__startswith=area.path)

    def public(self) -> Self:
        return self.filter(is_public=True)


class Body(Searchable):
    """A Gremium. Its name, cadence, secretary and reporting line live in BodyVersion."""

    kind = models.CharField(_("Art"), max_length=30, choices=BodyKind.choices)
    level = models.CharField(_("Ebene"), max_length=10, choices=BodyLevel.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), on_delete=models.PROTECT, related_name="bodies"
    )
    purpose = models.TextField(_("Aufgabe"), blank=True)
    is_public = models.BooleanField(
        _("öffentlich sichtbar"),
        default=True,
        help_text=_("Interne Runden sehen nur Mitglieder und die Verwaltung."),
    )
    founded_on = models.DateField(_("gegründet am"), null=True, blank=True)
    dissolved_on = models.DateField(
        _("aufgelöst am"),
        null=True,
        blank=True,
        help_text=_("Der erste Tag, an dem es das Gremium nicht mehr gibt."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("aufgegangen in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("Programme"), blank=True, related_name="bodies"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="+")
    # Cached from the version in force today, for lists, sorting and search; the
    # service that writes versions keeps these in step.
    name = models.CharField(_("Name (aktuell)"), max_length=255, editable=False)
    short_name = models.CharField(_("Kurzname (aktuell)"), max_length=60, editable=False)
    former_names = models.TextField(_("frühere Namen"), blank=True, editable=False)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)
    # The meeting cycle's periods (days before or after a meeting).
    notice_days = models.PositiveSmallIntegerField(
        _("Einladungsfrist (Tage)"),
        default=14,
        help_text=_("So viele Tage vor der Sitzung geht die Einladung hinaus."),
    )
    proposal_days = models.PositiveSmallIntegerField(
        _("Frist für Themenvorschläge (Tage)"),
        default=21,
        help_text=_("Bis so viele Tage vor der Sitzung können Mitglieder Punkte anmelden."),
    )
    objection_days = models.PositiveSmallIntegerField(
        _("Einspruchsfrist Protokoll (Tage)"),
        default=14,
        help_text=_(
            "So lange nach dem Versand können Mitglieder dem Protokoll widersprechen; "
            "danach gilt es als genehmigt."
        ),
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gt=models.F("founded_on")),
                name="body_dissolved_after_founded",
                violation_error_message=_("Die Auflösung muss nach der Gründung liegen."),
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(dissolved_on__isnull=False),
                name="body_successor_needs_dissolution",
                violation_error_message=_(
                    "Ein Gremium geht erst in einem anderen auf, wenn es aufgelöst ist."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Gremium ohne Namen"))

    def sort_source(self) -> str:
        return self.name

    def search_sources(self) -> list[str | None]:
        return [self.name, self.short_name, self.former_names]

    def exists_on(self, day: date) -> bool:
        return (self.founded_on is None or self.founded_on <= day) and (
            self.dissolved_on is None or day < self.dissolved_on
        )


class BodyVersion(TimeStampedModel):
    """How a body was from `valid_from` until the next version: one row per change."""

    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(_("gilt ab"))
    name = models.CharField(_("Name"), max_length=255)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    cadence_per_year = models.PositiveSmallIntegerField(
        _("Sitzungen im Jahr"), null=True, blank=True
    )
    usual_duration_minutes = models.PositiveSmallIntegerField(
        _("übliche Dauer in Minuten"), null=True, blank=True
    )
    reports_to = models.ForeignKey(
        Body,
        verbose_name=_("berichtet an"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_versions",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("Geschäftsführung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretary_versions",
    )
    secretary_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Geschäftsführung durch Organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("Anlass der Änderung"), max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Stand des Gremiums")
        verbose_name_plural = _("Stände des Gremiums")
        ordering = ["body", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "valid_from"],
                name="body_version_one_per_day",
                violation_error_message=_(
                    "Für dieses Gremium gibt es an diesem Tag schon einen Stand."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reports_to__isnull=True) | ~Q(reports_to=models.F("body")),
                name="body_version_not_reporting_to_itself",
                violation_error_message=_("Ein Gremium kann nicht an sich selbst berichten."),
            ),
            models.CheckConstraint(
                condition=Q(cadence_per_year__isnull=True) | Q(cadence_per_year__lte=366),
                name="body_version_cadence_plausible",
                violation_error_message=_("Mehr als 366 Sitzungen im Jahr sind nicht möglich."),
            ),
            models.CheckConstraint(
                condition=Q(usual_duration_minutes__isnull=True)
                | Q(usual_duration_minutes__gt=0, usual_duration_minutes__lte=24 * 60),
                name="body_version_duration_plausible",
                violation_error_message=_(
                    "Die übliche Dauer liegt zwischen einer Minute und 24 Stunden."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (ab {self.valid_from:%d.%m.%Y})"
