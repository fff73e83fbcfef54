"""The meeting cycle: what was sent to whom, replies, minutes versions and objections,
and the agreements (Verabredungen) that come back until they are done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Organisation, Person
from quartier.bodies.models import AgendaItem, Body, Meeting, MinutesState, Seat
from quartier.core.models import TimeStampedModel


class DispatchKind(models.TextChoices):
    INVITATION = "invitation", _("Einladung")
    UPDATE = "update", _("Änderung der Einladung")
    AGENDA = "agenda", _("Geänderte Tagesordnung")
    CANCELLATION = "cancellation", _("Absage")
    PROPOSAL_REMINDER = "proposal_reminder", _("Erinnerung: Themen anmelden")
    REPLY_REMINDER = "reply_reminder", _("Erinnerung: Rückmeldung")
    MINUTES = "minutes", _("Protokoll zur Genehmigung")
    MINUTES_APPROVED = "minutes_approved", _("Protokoll genehmigt")
    AGREEMENTS_OVERDUE = "agreements_overdue", _("Überfällige Verabredungen")


class DispatchChannel(models.TextChoices):
    EMAIL = "email", _("E-Mail")
    LETTER = "letter", _("Brief")


class Dispatch(TimeStampedModel):
    """One message that went (or is to go) to one person. `key` makes sending idempotent:
    a job that runs twice finds the key and sends nothing twice."""

    key = models.CharField(_("Schlüssel"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=DispatchKind.choices)
    channel = models.CharField(
        _("Weg"), max_length=8, choices=DispatchChannel.choices, default=DispatchChannel.EMAIL
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("Sitzung"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dispatches",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("an"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatches",
    )
    address = models.CharField(_("Adresse"), max_length=255, blank=True)
    sequence = models.PositiveIntegerField(_("Änderungsstand (SEQUENCE)"), default=0)
    subject = models.CharField(_("Betreff"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Versand")
        verbose_name_plural = _("Versand")
        ordering = ["-created"]
        indexes = [models.Index(fields=["meeting", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} an {self.person or self.address}"


class ReplyAnswer(models.TextChoices):
    YES = "yes", _("Ich komme")
    NO = "no", _("Ich komme nicht")
    SUBSTITUTE = "substitute", _("Eine Vertretung kommt")


class Reply(TimeStampedModel):
    """The answer for one seat to one invitation."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Sitzung"), on_delete=models.CASCADE, related_name="replies"
    )
    seat = models.ForeignKey(
        Seat, verbose_name=_("Sitz"), on_delete=models.CASCADE, related_name="replies"
    )
    answered_by = models.ForeignKey(
        Person,
        verbose_name=_("Rückmeldung von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
    )
    answer = models.CharField(_("Antwort"), max_length=12, choices=ReplyAnswer.choices)
    substitute = models.ForeignKey(
        Person,
        verbose_name=_("Vertretung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitutions_announced",
    )
    substitute_name = models.CharField(
        _("Vertretung (Name)"),
        max_length=200,
        blank=True,
        help_text=_("Wenn die Vertretung noch nicht im Verzeichnis steht."),
    )
    note = models.CharField(_("Bemerkung"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["meeting", "seat"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "seat"],
                name="reply_once_per_seat",
                violation_error_message=_("Für diesen Sitz liegt schon eine Rückmeldung vor."),
            ),
            models.CheckConstraint(
                condition=~Q(answer=ReplyAnswer.SUBSTITUTE)
                | Q(substitute__isnull=False)
                | ~Q(substitute_name=""),
                name="reply_substitute_named",
                violation_error_message=_("Bitte nennen Sie die Vertretung."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.get_answer_display()}"

    @property
    def substitute_label(self) -> str:
        return str(self.substitute) if self.substitute_id else self.substitute_name


class MinutesVersion(models.Model):
    """A frozen copy of a meeting's minutes, kept at every save and every state change.
    `content` holds one entry per agenda item: position, title, minutes, result."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("Sitzung"),
        on_delete=models.CASCADE,
        related_name="minutes_versions",
    )
    number = models.PositiveIntegerField(_("Fassung"))
    state = models.CharField(_("Stand"), max_length=12, choices=MinutesState.choices)
    content = models.JSONField(_("Inhalt"), default=list)
    note = models.CharField(_("Anlass"), max_length=255, blank=True)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Protokollfassung")
        verbose_name_plural = _("Protokollfassungen")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="minutes_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"Fassung {self.number}"


class MinutesObjection(TimeStampedModel):
    """A member's objection to circulated minutes. An open objection stops approval by
    deadline: the minutes then go to the next meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Sitzung"), on_delete=models.CASCADE, related_name="objections"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("zu Tagesordnungspunkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objections",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("von"), on_delete=models.PROTECT, related_name="objections"
    )
    text = models.TextField(_("Einwand"))
    resolution = models.TextField(_("Erledigt durch"), blank=True)
    resolved_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einwand gegen das Protokoll")
        verbose_name_plural = _("Einwände gegen das Protokoll")
        ordering = ["meeting", "created"]

    def __str__(self) -> str:
        return f"Einwand von {self.person}"


class AgreementQuerySet(models.QuerySet):
    def open(self) -> AgreementQuerySet:
        return self.filter(done_on__isnull=True)

    def overdue(self, today) -> AgreementQuerySet:
        return self.open().filter(due_on__lt=today)


class Agreement(TimeStampedModel):
    """A Verabredung: who does what by when, agreed under one agenda item. Open ones come
    back as open points on the body's next agenda until they are marked done."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("vereinbart unter"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("verfolgt von Gremium"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    text = models.TextField(_("Was"))
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("Wer (Person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Wer (Organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    responsible_text = models.CharField(
        _("Wer (sonst)"), max_length=200, blank=True, help_text=_("z. B. „Geschäftsführung“")
    )
    due_on = models.DateField(_("Bis wann"), null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    done_note = models.CharField(_("Ergebnis"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verabredung")
        verbose_name_plural = _("Verabredungen")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_person__isnull=False)
                | Q(responsible_organisation__isnull=False)
                | ~Q(responsible_text=""),
                name="agreement_has_responsible",
                violation_error_message=_("Bitte sagen Sie, wer die Verabredung übernimmt."),
            ),
        ]
        indexes = [models.Index(fields=["body", "done_on"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def responsible(self) -> str:
        parts = [
            str(self.responsible_person) if self.responsible_person_id else "",
            str(self.responsible_organisation) if self.responsible_organisation_id else "",
            self.responsible_text,
        ]
        return ", ".join(part for part in parts if part)
