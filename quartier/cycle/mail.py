"""Sending with a log: every message goes out through `dispatch_once`, which records it in
Dispatch under a deterministic key. A key that is already there was sent before (or is
being sent), so a job that runs twice sends nothing twice. A failed e-mail keeps its
error and is tried again on the next run."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from quartier.actors.models import Person
from quartier.bodies.models import Meeting
from quartier.cycle.models import Dispatch, DispatchChannel

logger = logging.getLogger(__name__)

MAIL_TEMPLATES = "cycle/mail"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass
class Mail:
    """What one e-mail says. `calendar` (bytes of a VCALENDAR) with `method` goes in as a
    text/calendar alternative, which Outlook and Thunderbird show as an invitation, and as
    an .ics file for every other program."""

    subject: str
    text: str
    calendar: bytes | None = None
    method: str = ""
    reply_to: str = ""
    attachments: list[Attachment] = field(default_factory=list)


def render_mail(name: str, context: dict) -> tuple[str, str]:
    """Subject and plain text of `cycle/mail/<name>.txt` (first line: the subject)."""
    rendered = render_to_string(f"{MAIL_TEMPLATES}/{name}.txt", context).lstrip()
    subject, _, body = rendered.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def build_message(*, mail: Mail, to: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
    )
    if mail.calendar is not None:
        message.attach_alternative(
            mail.calendar.decode("utf-8"), f"text/calendar; method={mail.method}"
        )
        message.attach("einladung.ics", mail.calendar, "application/ics")
    for attachment in mail.attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def _claim(key: str, **fields) -> Dispatch | None:
    """The new Dispatch row for `key`, or the failed one to retry; None if it went out."""
    existing = Dispatch.objects.filter(key=key).first()
    if existing is not None:
        if existing.sent_at is None and existing.error:
            return existing
        return None
    try:
        with transaction.atomic():
            return Dispatch.objects.create(key=key, **fields)
    except IntegrityError:  # another run claimed it a moment ago
        return None


def already_sent(key: str) -> bool:
    return Dispatch.objects.filter(key=key, sent_at__isnull=False).exists()


def dispatch_once(
    *,
    key: str,
    kind: str,
    person: Person | None,
    address: str,
    build: Callable[[], Mail],
    meeting: Meeting | None = None,
    channel: str = DispatchChannel.EMAIL,
    sequence: int = 0,
) -> Dispatch | None:
    """Send one message under `key` unless that key was sent before. Letters are only
    recorded: the secretary prints them (see letters.py). Returns the Dispatch if this
    call sent (or recorded) it or failed to (then its `error` says why), None if there was
    nothing to do."""
    dispatch = _claim(
        key,
        kind=kind,
        channel=channel,
        meeting=meeting,
        person=person,
        address=address[:255],
        sequence=sequence,
    )
    if dispatch is None:
        return None
    try:
        mail = build()
        dispatch.subject = mail.subject[:255]
        if channel != DispatchChannel.LETTER:
            build_message(mail=mail, to=address).send(fail_silently=False)
    except Exception as error:
        # A failed row keeps its key and its error; the next run tries it again.
        logger.warning("sending %s failed: %s", key, error)
        dispatch.error = (str(error) or error.__class__.__name__)[:255]
        dispatch.save(update_fields=["subject", "error", "modified"])
        return dispatch
    dispatch.sent_at = timezone.now()
    dispatch.error = ""
    dispatch.save(update_fields=["subject", "sent_at", "error", "modified"])
    return dispatch
