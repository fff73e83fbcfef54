"""Actors: organisations, people, who works where, and what each person consented to."""

from __future__ import annotations

from datetime import date
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, Expression, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from quartier.core.dates import today, valid_on
from quartier.core.models import Searchable, SearchableQuerySet, TimeStampedModel
from quartier.places.models import Area


class OrganisationKind(models.TextChoices):
    CITY_DEPARTMENT = "city_department", _("Städtischer Fachbereich")
    INPATIENT_CARE = "inpatient_care", _("Stationäre Pflege")
    OUTPATIENT_CARE = "outpatient_care", _("Ambulante Pflege")
    HOUSING_COMPANY = "housing_company", _("Wohnungsunternehmen")
    CHURCH_CONGREGATION = "church_congregation", _("Kirchengemeinde")
    WELFARE_ORGANISATION = "welfare_organisation", _("Wohlfahrtsverband / freier Träger")
    ADVISORY_COUNCIL = "advisory_council", _("Beirat")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrantenorganisation")
    NEIGHBOURHOOD_INITIATIVE = "neighbourhood_initiative", _("Nachbarschaftsinitiative")
    VOLUNTEER_GROUP = "volunteer_group", _("Ehrenamtliche Gruppe")
    BUSINESS = "business", _("Unternehmen / Einzelhandel")
    POLITICAL_GROUP = "political_group", _("Politische Gruppe")
    PRESS = "press", _("Presse")
    OTHER = "other", _("Sonstige")


class OrganisationQuerySet(SearchableQuerySet):
    def of_kind(self, kind: str) -> Self:
        return self.filter(kind=kind)

    def active(self, on: date | None = None) -> Self:
        return self.filter(valid_on(on or today(), "founded_on", "dissolved_on"))

    def working_in(self, area: Area) -> Self:
        """Based in `area` or working there, or in an area above it (city-wide work counts).
        Two indexed lookups: a correlated EXISTS made SQLite test every organisation."""
        ids = area.ancestor_ids()
        works_there = Organisation.works_in.through.objects.filter(area_id__in=ids)
        return self.filter(Q(based_in_id__in=ids) | Q(pk__in=works_there.values("organisation_id")))


class Organisation(Searchable):
    name = models.CharField(_("Name"), max_length=255)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    kind = models.CharField(_("Art"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("gehört zu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    based_in = models.ForeignKey(
        Area,
        verbose_name=_("Sitz im Gebiet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations_based",
    )
    works_in = models.ManyToManyField(
        Area,
        verbose_name=_("tätig in"),
        blank=True,
        related_name="organisations_working",
        help_text=_("Viele stadtweit tätige Träger haben ihren Sitz in Mitte."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    founded_on = models.DateField(_("gegründet"), null=True, blank=True)
    dissolved_on = models.DateField(_("aufgelöst"), null=True, blank=True)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=models.F("founded_on")),
                name="organisation_dissolved_after_founded",
                violation_error_message=_("Die Auflösung liegt vor der Gründung."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def search_sources(self) -> list[str | None]:
        return [self.name, self.short_name]


class PersonQuerySet(SearchableQuerySet):
    def publishing(self, field: str = "name", on: date | Expression | None = None) -> Self:
        """People whose consent in force on `on` (a day, or an expression: a prepared
        read's slot) lets `field` be published."""
        day = today() if on is None else on
        consent = ConsentRecord.objects.filter(
            ConsentRecord.in_force_q(day), person=OuterRef("pk"), **{field: True}
        )
        return self.filter(Exists(consent))


def full_name(title: str | None, given_name: str | None, family_name: str | None) -> str:
    """A person's name as shown everywhere ("Dr. Anna Beispiel"), also for rows read
    without building a Person."""
    return " ".join(part for part in [title, given_name, family_name] if part)


class Person(Searchable):
    title = models.CharField(_("Titel"), max_length=40, blank=True, help_text=_("z. B. Dr."))
    given_name = models.CharField(_("Vorname"), max_length=100)
    family_name = models.CharField(_("Nachname"), max_length=100)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    photo = models.FileField(_("Foto"), upload_to="people/", blank=True)
    postal_address = models.TextField(
        _("Postanschrift"), blank=True, help_text=_("Für Einladungen per Brief.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    note = models.TextField(_("interne Notiz"), blank=True)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return full_name(self.title, self.given_name, self.family_name)

    def sort_source(self) -> str:
        return f"{self.family_name} {self.given_name}"

    def search_sources(self) -> list[str | None]:
        return [self.given_name, self.family_name]


class Affiliation(TimeStampedModel):
    """A person works for (or volunteers with) an organisation, in a function, for a time."""

    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="affiliations",
    )
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    is_contact = models.BooleanField(
        _("Ansprechperson"),
        default=False,
        help_text=_("Nimmt weitergeleitete Anliegen für die Organisation entgegen."),
    )
    starts_on = models.DateField(_("von"), null=True, blank=True)
    ends_on = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zugehörigkeit")
        verbose_name_plural = _("Zugehörigkeiten")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="affiliation_ends_after_start",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"


class ConsentChannel(models.TextChoices):
    PAPER = "paper", _("Papierformular")
    ONLINE = "online", _("online")
    EMAIL = "email", _("per E-Mail")
    IN_PERSON = "in_person", _("mündlich, schriftlich vermerkt")


class ConsentRecord(TimeStampedModel):
    """What a person allowed to be published or used, how and when; withdrawal ends it."""

    FIELDS = ("name", "function", "email", "phone", "photo")

    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="consents"
    )
    name = models.BooleanField(_("Name veröffentlichen"), default=False)
    function = models.BooleanField(_("Funktion veröffentlichen"), default=False)
    email = models.BooleanField(_("E-Mail veröffentlichen"), default=False)
    phone = models.BooleanField(_("Telefon veröffentlichen"), default=False)
    photo = models.BooleanField(_("Foto veröffentlichen"), default=False)
    channel = models.CharField(_("erteilt über"), max_length=20, choices=ConsentChannel.choices)
    given_on = models.DateField(_("erteilt am"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    note = models.TextField(_("Notiz"), blank=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("Der Widerruf liegt vor der Erteilung."),
            ),
            # A new consent replaces the old one; only one may stand open at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_one_open_per_person",
                violation_error_message=_("Für diese Person gilt bereits eine Einwilligung."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.given_on:%d.%m.%Y}"

    @staticmethod
    def in_force_q(day: date | Expression) -> Q:
        return Q(given_on__lte=day) & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))

    def allows(self, field: str) -> bool:
        return field in self.FIELDS and bool(getattr(self, field))
