"""Meetings (one or more bodies), agenda items, attendance, files and agenda proposals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Person
from quartier.bodies.models.body import Body
from quartier.bodies.models.seat import Seat
from quartier.core.models import Searchable, SearchableQuerySet, TimeStampedModel
from quartier.places.models import Location
from quartier.topics.models import Topic


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("geplant")
    INVITED = "invited", _("eingeladen")
    HELD = "held", _("stattgefunden")
    CANCELLED = "cancelled", _("abgesagt")


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    CIRCULATED = "circulated", _("zur Genehmigung versandt")
    APPROVED = "approved", _("genehmigt")


class MinutesApproval(models.TextChoices):
    DEADLINE = "deadline", _("Einspruchsfrist ohne Einspruch abgelaufen")
    NEXT_MEETING = "next_meeting", _("in der folgenden Sitzung genehmigt")


class MeetingQuerySet(SearchableQuerySet):
    def upcoming(self, now: datetime | models.Expression | None = None) -> Self:
        return self.filter(starts_at__gte=now or timezone.now()).exclude(
            state=MeetingState.CANCELLED
        )

    def past(self, now: datetime | None = None) -> Self:
        return self.filter(starts_at__lt=now or timezone.now())

    def public(self) -> Self:
        return self.filter(is_public=True)

    def of_body(self, body: Body) -> Self:
        return self.filter(bodies=body)

    def between(self, start: date, end: date) -> Self:
        return self.filter(starts_at__date__gte=start, starts_at__date__lte=end)


def meeting_place(location: str | None, address: str, location_text: str) -> str:
    """Where a meeting takes place: the location with its address, else the free text;
    also for rows read without building a Meeting."""
    if location is not None:
        return ", ".join(part for part in [location, address] if part)
    return location_text


class Meeting(Searchable):
    bodies = models.ManyToManyField(Body, verbose_name=_("Gremien"), related_name="meetings")
    title = models.CharField(
        _("Titel"), max_length=255, blank=True, help_text=_("Leer: Name des Gremiums")
    )
    starts_at = models.DateTimeField(_("Beginn"), db_index=True)
    ends_at = models.DateTimeField(_("Ende"))
    location = models.ForeignKey(
        Location,
        verbose_name=_("Ort"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    location_text = models.CharField(
        _("Ort (frei)"), max_length=255, blank=True, help_text=_("Raum oder Adresse")
    )
    state = models.CharField(
        _("Stand"), max_length=12, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    is_public = models.BooleanField(_("öffentlich"), default=True)
    cancellation_reason = models.CharField(_("Grund der Absage"), max_length=255, blank=True)
    sequence = models.PositiveIntegerField(
        _("Änderungszähler"),
        default=0,
        editable=False,
        help_text=_("Steigt mit jeder Änderung von Zeit oder Ort (iCalendar SEQUENCE)."),
    )
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)
    # Minutes: draft -> circulated to the members -> approved (after the objection
    # period or by the next meeting). Only approved minutes leave the body.
    minutes_state = models.CharField(
        _("Stand des Protokolls"),
        max_length=12,
        choices=MinutesState.choices,
        default=MinutesState.DRAFT,
    )
    minutes_circulated_at = models.DateTimeField(_("Protokoll versandt am"), null=True, blank=True)
    minutes_objection_until = models.DateField(_("Einspruch möglich bis"), null=True, blank=True)
    minutes_approved_on = models.DateField(_("Protokoll genehmigt am"), null=True, blank=True)
    minutes_approval = models.CharField(
        _("genehmigt durch"), max_length=14, choices=MinutesApproval.choices, blank=True
    )
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("genehmigt in Sitzung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Das Ende der Sitzung muss nach ihrem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=~Q(state=MeetingState.CANCELLED) | ~Q(cancellation_reason=""),
                name="meeting_cancellation_has_reason",
                violation_error_message=_("Bitte geben Sie einen Grund für die Absage an."),
            ),
        ]
        indexes = [models.Index(fields=["state", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.title or _('Sitzung')} am {local:%d.%m.%Y}"

    def search_sources(self) -> list[str | None]:
        return [self.title, self.location_text]

    @property
    def minutes_released(self) -> bool:
        """Whether the minutes may leave the body (be shown beyond its members)."""
        return self.minutes_state == MinutesState.APPROVED

    @property
    def place(self) -> str:
        if self.location_id and self.location:
            return meeting_place(str(self.location), self.location.address, self.location_text)
        return self.location_text


class AgendaItem(Searchable):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Sitzung"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(_("Position"))
    title = models.CharField(_("Titel"), max_length=255)
    text = models.TextField(_("Erläuterung"), blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="agenda_items"
    )
    is_public = models.BooleanField(_("öffentlich"), default=True)
    minutes = models.TextField(_("Protokoll"), blank=True)
    result = models.TextField(_("Ergebnis"), blank=True)
    external_id = models.CharField(_("externe Kennung"), max_length=200, blank=True)

    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_unique_position",
                violation_error_message=_("Diese Position ist in der Tagesordnung schon vergeben."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="agenda_item_position_positive",
                violation_error_message=_("Positionen beginnen bei 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"TOP {self.position}: {self.title}"

    def search_sources(self) -> list[str | None]:
        # Minutes and results are searchable only once approved: only approved minutes
        # leave the body (approval refreshes the items' search keys).
        if self.meeting.minutes_released:
            return [self.title, self.text, self.result, self.minutes]
        return [self.title, self.text, None, None]


class AttendanceKind(models.TextChoices):
    HOLDER = "holder", _("Sitzinhaber/in")
    DEPUTY = "deputy", _("benannte Stellvertretung")
    SUBSTITUTE = "substitute", _("in Vertretung")
    GUEST = "guest", _("Gast")


class Attendance(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Sitzung"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="attendances"
    )
    seat = models.ForeignKey(
        Seat,
        verbose_name=_("für Sitz"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    kind = models.CharField(_("als"), max_length=12, choices=AttendanceKind.choices)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["meeting", "person__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_person",
                violation_error_message=_("Diese Person ist schon als anwesend eingetragen."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "seat"],
                name="attendance_once_per_seat",
                violation_error_message=_("Für diesen Sitz ist schon jemand eingetragen."),
            ),
            models.CheckConstraint(
                condition=Q(kind=AttendanceKind.GUEST) | Q(seat__isnull=False),
                name="attendance_seat_unless_guest",
                violation_error_message=_("Wer nicht als Gast kommt, vertritt einen Sitz."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"


class DocumentKind(models.TextChoices):
    INVITATION = "invitation", _("Einladung")
    MINUTES = "minutes", _("Protokoll")
    ANNEX = "annex", _("Anlage")
    OTHER = "other", _("Sonstiges")


class Document(TimeStampedModel):
    """A file of a meeting or of one agenda item (OParl File)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Sitzung"), on_delete=models.CASCADE, related_name="documents"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("Tagesordnungspunkt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("Art"), max_length=12, choices=DocumentKind.choices)
    title = models.CharField(_("Titel"), max_length=255)
    file = models.FileField(_("Datei"), upload_to="meetings/%Y/")
    is_public = models.BooleanField(_("öffentlich"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")
        ordering = ["meeting", "kind", "title"]

    def __str__(self) -> str:
        return self.title


class ProposalState(models.TextChoices):
    OPEN = "open", _("offen")
    ACCEPTED = "accepted", _("angenommen")
    MOVED = "moved", _("verschoben")
    DECLINED = "declined", _("abgelehnt")


class AgendaProposal(TimeStampedModel):
    """An item someone asks a body to put on a future agenda."""

    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.CASCADE, related_name="proposals"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("für Sitzung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    proposed_by = models.ForeignKey(
        Person, verbose_name=_("vorgeschlagen von"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Titel"), max_length=255)
    text = models.TextField(_("Erläuterung"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="+")
    state = models.CharField(
        _("Stand"), max_length=10, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    decision_reason = models.CharField(_("Begründung"), max_length=255, blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("wurde zu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("Themenvorschlag")
        verbose_name_plural = _("Themenvorschläge")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=ProposalState.DECLINED) | ~Q(decision_reason=""),
                name="proposal_decline_has_reason",
                violation_error_message=_("Bitte begründen Sie die Ablehnung."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
