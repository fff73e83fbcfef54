"""Seats (OParl Membership): held on behalf of an organisation by a changing person."""

from __future__ import annotations

from datetime import date
from typing import Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Organisation, Person
from quartier.bodies.models.body import Body
from quartier.core.dates import today, valid_on
from quartier.core.models import TimeStampedModel


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Vorsitz")
    DEPUTY_CHAIR = "deputy_chair", _("stellvertretender Vorsitz")
    MEMBER = "member", _("Mitglied")
    ADVISORY = "advisory", _("beratendes Mitglied")
    GUEST = "guest", _("Gast")


class SeatQuerySet(models.QuerySet):
    def current(self, on: date | None = None) -> Self:
        return self.filter(valid_on(on or today()))


class Seat(TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="seats"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("für Organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    label = models.CharField(
        _("Bezeichnung"), max_length=200, blank=True, help_text=_("z. B. Vertretung Seniorenbeirat")
    )
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"), null=True, blank=True)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitz")
        verbose_name_plural = _("Sitze")
        ordering = ["body", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="seat_ends_after_start",
                violation_error_message=_("Das Ende des Sitzes liegt vor seinem Beginn."),
            ),
        ]
        indexes = [models.Index(fields=["body", "starts_on"])]

    def __str__(self) -> str:
        who = self.label or (self.organisation.name if self.organisation else str(_("Sitz")))
        return f"{who} ({self.get_role_display()})"


class SeatHolding(TimeStampedModel):
    """Who held a seat when. One holder at a time (checked by the service, see below)."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("Sitz"), on_delete=models.CASCADE, related_name="holdings"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="seat_holdings"
    )
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"), null=True, blank=True)

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("Besetzung")
        verbose_name_plural = _("Besetzungen")
        ordering = ["seat", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="holding_ends_after_start",
                violation_error_message=_("Das Ende der Besetzung liegt vor ihrem Beginn."),
            ),
            # The database holds the open end; overlapping closed periods are refused by
            # seat_holder_set, since SQLite has no exclusion constraints.
            models.UniqueConstraint(
                fields=["seat"],
                condition=Q(ends_on__isnull=True),
                name="holding_one_open_per_seat",
                violation_error_message=_("Dieser Sitz ist bereits besetzt."),
            ),
            models.UniqueConstraint(
                fields=["seat", "starts_on"],
                name="holding_one_start_per_seat_day",
                violation_error_message=_("Dieser Sitz hat an diesem Tag schon eine Besetzung."),
            ),
        ]
        indexes = [models.Index(fields=["person", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.seat}"


class SeatDeputy(TimeStampedModel):
    """A named deputy of a seat (often none exists: many posts are held by one person)."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("Sitz"), on_delete=models.CASCADE, related_name="deputies"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="deputy_for"
    )
    rank = models.PositiveSmallIntegerField(_("Reihenfolge"), default=1)
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"), null=True, blank=True)

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stellvertretung")
        verbose_name_plural = _("Stellvertretungen")
        ordering = ["seat", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="deputy_ends_after_start",
                violation_error_message=_("Das Ende der Stellvertretung liegt vor ihrem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} (Stellvertretung {self.seat})"
