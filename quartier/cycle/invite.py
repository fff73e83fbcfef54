"""Invitations, their updates and cancellations: who is invited, when the invitation is due,
and sending it by e-mail (with an iCalendar invitation) or by letter.

Every message is recorded in Dispatch under a deterministic key (see mail.py):
- invitation:<meeting>:<person>:<sequence>  once per person (new seat holders get one too)
- update:<meeting>:<person>:<sequence>      to everyone invited, when SEQUENCE rose
- cancellation:<meeting>:<person>           to everyone invited, once
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from quartier.actors.models import Person, full_name
from quartier.bodies.ics import CalendarPerson, meeting_calendar
from quartier.bodies.models import AgendaItem, Document, Meeting, MeetingState, Seat
from quartier.bodies.selectors import (
    SeatState,
    body_seats_on,
    body_version_on,
    meeting_display_title,
)
from quartier.bodies.services import meeting_mark_invited
from quartier.core.dates import today as local_today
from quartier.core.reads import Slots, prepared
from quartier.cycle.mail import Attachment, Mail, dispatch_once, render_mail
from quartier.cycle.models import Dispatch, DispatchChannel, DispatchKind
from quartier.cycle.replies import PERSON_NAME_FIELDS, reply_seats

# Files beyond this total are linked in the text instead of attached (mail servers refuse
# large messages; 10 MB passes almost everywhere).
ATTACHMENT_LIMIT = 10 * 1024 * 1024
INVITED_KINDS = (DispatchKind.INVITATION, DispatchKind.UPDATE)
SENDABLE_STATES = (MeetingState.PLANNED, MeetingState.INVITED)


# --- who and when -----------------------------------------------------------------------


@dataclass
class Recipient:
    """One person invited to a meeting, once, however many seats she holds. A person who is
    only a named deputy gets a copy for information."""

    person: Person
    seats: list[Seat] = field(default_factory=list)
    deputy_for: list[Seat] = field(default_factory=list)

    @property
    def is_deputy(self) -> bool:
        return not self.seats

    @property
    def channel(self) -> str:
        """E-mail if she has an address, else a letter if she has a postal address."""
        return person_channel(self.person)

    @property
    def seat_labels(self) -> list[str]:
        return [str(seat) for seat in (self.seats or self.deputy_for)]


def person_channel(person: Person) -> str:
    if person.email:
        return DispatchChannel.EMAIL
    if person.postal_address.strip():
        return DispatchChannel.LETTER
    return ""


def meeting_day(meeting: Meeting) -> date:
    return timezone.localdate(meeting.starts_at)


def meeting_recipients(*, meeting: Meeting, on: date | None = None) -> list[Recipient]:
    """Holders and named deputies of the seats of all the meeting's bodies on `on`."""
    day = on or local_today()
    states = [state for body in meeting.bodies.all() for state in body_seats_on(body=body, on=day)]
    return recipients_of(states)


def recipients_of(states: Sequence[SeatState]) -> list[Recipient]:
    """One recipient per person among the seats' holders and named deputies: holders
    first, each by name."""
    by_person: dict[int, Recipient] = {}
    for state in states:
        if state.holder is not None:
            recipient = by_person.setdefault(state.holder.pk, Recipient(person=state.holder))
            recipient.seats.append(state.seat)
    for state in states:
        for deputy in state.deputies:
            recipient = by_person.setdefault(deputy.pk, Recipient(person=deputy))
            recipient.deputy_for.append(state.seat)
    return sorted(by_person.values(), key=lambda r: (r.is_deputy, r.person.sort_name, r.person.pk))


def notice_days(meeting: Meeting) -> int:
    """The longest notice period of the meeting's bodies (a joint session invites in time
    for every body)."""
    return max((body.notice_days for body in meeting.bodies.all()), default=14)


def invitation_due_on(meeting: Meeting) -> date:
    return meeting_day(meeting) - timedelta(days=notice_days(meeting))


def proposal_deadline(meeting: Meeting) -> date:
    """The last day to propose items (the earliest of the bodies' deadlines)."""
    days = max((body.proposal_days for body in meeting.bodies.all()), default=21)
    return meeting_day(meeting) - timedelta(days=days)


def meeting_secretary(meeting: Meeting, *, on: date | None = None) -> Person | None:
    """The secretary of the first of the meeting's bodies that has one."""
    day = on or local_today()
    secretaries: list[Person] = []
    for body in sorted(meeting.bodies.all(), key=lambda body: body.pk):
        version = body_version_on(body=body, on=day)
        if version is not None and version.secretary is not None:
            secretaries.append(version.secretary)
    with_email = [person for person in secretaries if person.email]
    chosen = with_email or secretaries
    return chosen[0] if chosen else None


def meeting_organizer(meeting: Meeting) -> CalendarPerson:
    """The ORGANIZER: the secretary if she has an e-mail address, else the sender address."""
    secretary = meeting_secretary(meeting)
    if secretary is not None and secretary.email:
        return CalendarPerson(name=secretary.full_name, email=secretary.email)
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return CalendarPerson(name=name or settings.SITE_NAME, email=address)


def invitation_key(meeting: Meeting, person: Person, sequence: int) -> str:
    return f"invitation:{meeting.pk}:{person.pk}:{sequence}"


def update_key(meeting: Meeting, person: Person, sequence: int) -> str:
    return f"update:{meeting.pk}:{person.pk}:{sequence}"


def cancellation_key(meeting: Meeting, person: Person) -> str:
    return f"cancellation:{meeting.pk}:{person.pk}"


def agenda_key(meeting: Meeting, person_id: int, fingerprint: str) -> str:
    return f"agenda:{meeting.pk}:{person_id}:{fingerprint}"


def agenda_fingerprint(meeting: Meeting) -> str:
    """A short digest of the agenda as members read it (positions and titles)."""
    items = meeting.agenda_items.order_by("position").values_list("position", "title")
    text = "\n".join(f"{position}\t{title}" for position, title in items)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def agenda_seen(*, meeting: Meeting, person_ids: Iterable[int], fingerprint: str) -> None:
    """Note that these people know the agenda as it is now (an invitation or update just
    carried it): only a later change sends them "Geänderte Tagesordnung"."""
    now = timezone.now()
    Dispatch.objects.bulk_create(
        [
            Dispatch(
                key=agenda_key(meeting, person_id, fingerprint),
                kind=DispatchKind.AGENDA,
                meeting=meeting,
                person_id=person_id,
                subject="Tagesordnung mit der Einladung zugestellt",
                sent_at=now,
            )
            for person_id in person_ids
        ],
        ignore_conflicts=True,
    )


def invited_sequences(meeting: Meeting) -> dict[int, int]:
    """Person id → the SEQUENCE of the last invitation or update she was sent."""
    rows = (
        Dispatch.objects.filter(
            meeting=meeting, kind__in=INVITED_KINDS, person__isnull=False, sent_at__isnull=False
        )
        .values("person")
        .annotate(last=Max("sequence"))
    )
    return {row["person"]: row["last"] for row in rows}


# --- what the message says -------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _first_url(names: tuple[str, ...], *args: object) -> str:
    for name in names:
        try:
            return absolute(reverse(name, args=args))
        except NoReverseMatch:
            continue
    return ""


@dataclass
class MeetingPack:
    """What every message about one meeting shares; built once per meeting and run."""

    meeting: Meeting
    title: str
    agenda: list[AgendaItem]
    open_points: list
    documents: list[Document]
    attachments: list[Attachment]
    linked_documents: list[tuple[Document, str]]
    organizer: CalendarPerson
    secretary: Person | None
    meeting_url: str
    reply_url: str  # empty if the replies part is not installed: the text then links
    proposal_url: str  # the meeting page instead
    minutes_url: str
    proposal_deadline: date
    # Whether the deadline is still to come: with the default periods (requests until 21
    # days before, invitation 14 days before) it has passed when the invitation goes out,
    # and the invitation must not offer a date in the past.
    proposals_open: bool


def _open_points(meeting: Meeting) -> list:
    from quartier.cycle.agreements import open_points_for

    return open_points_for(meeting)


def _read(document: Document) -> bytes | None:
    try:
        with document.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def meeting_pack(meeting: Meeting, *, with_files: bool = True) -> MeetingPack:
    documents = list(
        Document.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by("agenda_item__position", "kind", "title", "pk")
    )
    attachments: list[Attachment] = []
    linked: list[tuple[Document, str]] = []
    total = 0
    for document in documents:
        url = absolute(reverse("bodies:document-download", args=[document.pk]))
        content = _read(document) if with_files else None
        if content is None or total + len(content) > ATTACHMENT_LIMIT:
            linked.append((document, url))
            continue
        total += len(content)
        filename = os.path.basename(document.file.name)
        mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        attachments.append(Attachment(filename=filename, content=content, mimetype=mimetype))
    return MeetingPack(
        meeting=meeting,
        title=meeting_display_title(meeting),
        agenda=list(meeting.agenda_items.order_by("position")),
        open_points=_open_points(meeting),
        documents=documents,
        attachments=attachments,
        linked_documents=linked,
        organizer=meeting_organizer(meeting),
        secretary=meeting_secretary(meeting),
        meeting_url=absolute(reverse("bodies:meeting-detail", args=[meeting.pk])),
        reply_url=_first_url(("cycle:meeting-reply", "cycle:reply"), meeting.pk),
        proposal_url=_first_url(("cycle:proposal-create",), meeting.pk),
        minutes_url=_first_url(("cycle:minutes-review",), meeting.pk),
        proposal_deadline=proposal_deadline(meeting),
        proposals_open=proposal_deadline(meeting) >= local_today(),
    )


TEMPLATES: dict[str, str] = {
    DispatchKind.INVITATION: "invitation",
    DispatchKind.UPDATE: "update",
    DispatchKind.CANCELLATION: "cancellation",
}


def meeting_mail(*, pack: MeetingPack, person: Person, is_deputy: bool, kind: str) -> Mail:
    """The e-mail of one invitation, update or cancellation to one person, with its
    iCalendar part (REQUEST, or CANCEL for a cancellation)."""
    method = "CANCEL" if kind == DispatchKind.CANCELLATION else "REQUEST"
    attendee = CalendarPerson(name=person.full_name, email=person.email, required=not is_deputy)
    calendar = meeting_calendar(
        meeting=pack.meeting,
        agenda=pack.agenda,
        method=method,
        organizer=pack.organizer,
        attendees=[attendee],
    )
    subject, text = render_mail(
        TEMPLATES[kind],
        {"pack": pack, "meeting": pack.meeting, "person": person, "is_deputy": is_deputy},
    )
    return Mail(
        subject=subject,
        text=text,
        calendar=calendar,
        method=method,
        reply_to=pack.secretary.email if pack.secretary and pack.secretary.email else "",
        attachments=pack.attachments if kind != DispatchKind.CANCELLATION else [],
    )


def letter_mail(*, pack: MeetingPack, person: Person, kind: str) -> Mail:
    """A letter is only logged; its subject names what the printed letter says."""
    subjects: dict[str, str] = {
        DispatchKind.INVITATION: "Einladung (Brief)",
        DispatchKind.UPDATE: "Geänderte Einladung (Brief)",
        DispatchKind.CANCELLATION: "Absage (Brief)",
    }
    return Mail(subject=f"{subjects[kind]}: {pack.title}", text="")


# --- sending ----------------------------------------------------------------------------


@dataclass
class SendResult:
    emails: int = 0
    letters: int = 0
    failed: int = 0
    unreachable: list[Person] = field(default_factory=list)

    def add(self, dispatch: Dispatch | None) -> None:
        if dispatch is None:
            return
        if dispatch.sent_at is None:
            self.failed += 1
        elif dispatch.channel == DispatchChannel.LETTER:
            self.letters += 1
        else:
            self.emails += 1

    def __iadd__(self, other: SendResult) -> SendResult:
        self.emails += other.emails
        self.letters += other.letters
        self.failed += other.failed
        self.unreachable += other.unreachable
        return self

    @property
    def total(self) -> int:
        return self.emails + self.letters


class _Packer:
    """Builds the meeting's pack only when the first message needs it."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self._pack: MeetingPack | None = None

    def __call__(self) -> MeetingPack:
        if self._pack is None:
            self._pack = meeting_pack(self.meeting)
        return self._pack


def _send(
    *,
    packer: _Packer,
    person: Person,
    is_deputy: bool,
    kind: str,
    key: str,
    result: SendResult,
) -> None:
    meeting = packer.meeting
    channel = person_channel(person)
    if not channel:
        result.unreachable.append(person)
        return
    if channel == DispatchChannel.EMAIL:
        address = person.email

        def build() -> Mail:
            return meeting_mail(pack=packer(), person=person, is_deputy=is_deputy, kind=kind)
    else:
        address = ", ".join(line.strip() for line in person.postal_address.splitlines() if line)

        def build() -> Mail:
            return letter_mail(pack=packer(), person=person, kind=kind)

    result.add(
        dispatch_once(
            key=key,
            kind=kind,
            person=person,
            address=address,
            build=build,
            meeting=meeting,
            channel=channel,
            sequence=meeting.sequence,
        )
    )


def _is_past(meeting: Meeting, day: date) -> bool:
    return meeting_day(meeting) < day


def invitation_send(
    *, meeting: Meeting, today: date | None = None, force: bool = False
) -> SendResult:
    """Invite everyone not invited yet, once the invitation is due (or now, with `force`),
    and mark the meeting invited."""
    day = today or local_today()
    result = SendResult()
    if meeting.state not in SENDABLE_STATES or _is_past(meeting, day):
        return result
    if not force and day < invitation_due_on(meeting):
        return result
    invited = invited_sequences(meeting)
    packer = _Packer(meeting)
    reached = []
    for recipient in meeting_recipients(meeting=meeting, on=day):
        if recipient.person.pk in invited:
            continue
        before = result.emails + result.letters
        _send(
            packer=packer,
            person=recipient.person,
            is_deputy=recipient.is_deputy,
            kind=DispatchKind.INVITATION,
            key=invitation_key(meeting, recipient.person, meeting.sequence),
            result=result,
        )
        if result.emails + result.letters > before:
            reached.append(recipient.person.pk)
    if reached:
        agenda_seen(meeting=meeting, person_ids=reached, fingerprint=agenda_fingerprint(meeting))
    meeting_mark_invited(meeting=meeting)
    return result


def _invited_people(meeting: Meeting, *, day: date) -> list[tuple[Person, bool, int]]:
    """(person, only a deputy?, last sequence sent) of everyone invited so far."""
    sequences = invited_sequences(meeting)
    deputies = {
        recipient.person.pk
        for recipient in meeting_recipients(meeting=meeting, on=day)
        if recipient.is_deputy
    }
    people = Person.objects.filter(pk__in=sequences).order_by("sort_name", "pk")
    return [(person, person.pk in deputies, sequences[person.pk]) for person in people]


def update_send(*, meeting: Meeting, today: date | None = None) -> SendResult:
    """Send the new time or place (same UID, new SEQUENCE) to everyone invited before."""
    day = today or local_today()
    result = SendResult()
    if meeting.state not in SENDABLE_STATES or _is_past(meeting, day):
        return result
    packer = _Packer(meeting)
    reached = []
    for person, is_deputy, sequence in _invited_people(meeting, day=day):
        if sequence >= meeting.sequence:
            continue
        before = result.emails + result.letters
        _send(
            packer=packer,
            person=person,
            is_deputy=is_deputy,
            kind=DispatchKind.UPDATE,
            key=update_key(meeting, person, meeting.sequence),
            result=result,
        )
        if result.emails + result.letters > before:
            reached.append(person.pk)
    if reached:  # the update carries the agenda as it is now
        agenda_seen(meeting=meeting, person_ids=reached, fingerprint=agenda_fingerprint(meeting))
    return result


def cancellation_send(*, meeting: Meeting, today: date | None = None) -> SendResult:
    """Tell everyone invited that the meeting is cancelled (METHOD:CANCEL), once."""
    day = today or local_today()
    result = SendResult()
    if meeting.state != MeetingState.CANCELLED or _is_past(meeting, day):
        return result
    packer = _Packer(meeting)
    for person, is_deputy, _sequence in _invited_people(meeting, day=day):
        _send(
            packer=packer,
            person=person,
            is_deputy=is_deputy,
            kind=DispatchKind.CANCELLATION,
            key=cancellation_key(meeting, person),
            result=result,
        )
    return result


def meeting_dispatch_now(*, meeting: Meeting, today: date | None = None) -> SendResult:
    """What the secretary's button does: invite now (before the due day), and send any
    pending update or cancellation. Sends nothing twice."""
    result = invitation_send(meeting=meeting, today=today, force=True)
    result += update_send(meeting=meeting, today=today)
    result += cancellation_send(meeting=meeting, today=today)
    return result


# --- what the secretary sees ------------------------------------------------------------


# The person columns the page reads of a recipient besides her name: how she is reached,
# and the name she is sorted by.
RECIPIENT_FIELDS = ("email", "postal_address", "sort_name")


@dataclass(frozen=True)
class DispatchRow:
    """One line of the dispatch log, read as a plain row with its labels."""

    kind: str
    kind_label: str
    channel: str
    channel_label: str
    person_id: int | None
    person_name: str
    sequence: int
    sent_at: datetime | None
    created: datetime
    error: str


@dataclass
class InvitationStatus:
    meeting: Meeting
    due_on: date
    notice_days: int
    first_sent_at: datetime | None
    by_email: list[Recipient]
    by_letter: list[Recipient]
    unreachable: list[Recipient]
    dispatches: list[DispatchRow]
    pending_updates: int
    pending_cancellations: int
    is_past: bool

    @property
    def can_send(self) -> bool:
        if self.is_past:
            return False
        return self.meeting.state in SENDABLE_STATES or self.pending_cancellations > 0


@prepared
def _dispatch_rows(slot: Slots) -> QuerySet[Any]:
    """The messages about a meeting, newest first, without the notes that somebody knows
    the agenda: kind, channel, person, sequence, sent, created, error and the person's
    name parts. Slot: meeting."""
    return (
        Dispatch.objects.filter(meeting_id=slot.id("meeting"))
        .exclude(kind=DispatchKind.AGENDA, address="")
        .order_by("-created")
        .values_list(
            "kind",
            "channel",
            "person_id",
            "sequence",
            "sent_at",
            "created",
            "error",
            *(f"person__{name}" for name in PERSON_NAME_FIELDS),
        )
    )


def dispatch_log(meeting: Meeting) -> list[DispatchRow]:
    """Every message about the meeting, newest first (one narrow query; the notes that
    somebody knows the agenda are no messages and stay out)."""
    kinds = {value: str(label) for value, label in DispatchKind.choices}
    channels = {value: str(label) for value, label in DispatchChannel.choices}
    rows = _dispatch_rows(meeting=meeting.pk)
    return [
        DispatchRow(
            kind=kind,
            kind_label=kinds.get(kind, kind),
            channel=channel,
            channel_label=channels.get(channel, channel),
            person_id=person_id,
            person_name=full_name(*names),
            sequence=sequence,
            sent_at=sent_at,
            created=created,
            error=error,
        )
        for kind, channel, person_id, sequence, sent_at, created, error, *names in rows
    ]


def invitation_status(*, meeting: Meeting, today: date | None = None) -> InvitationStatus:
    """When the invitation is due or went out, who gets it how, and the dispatch log: the
    seats' people and the log read as narrow rows (three queries)."""
    day = today or local_today()
    seats = reply_seats(meeting=meeting, day=day, person_fields=RECIPIENT_FIELDS)
    recipients = recipients_of(seats)
    log = dispatch_log(meeting)
    sent = [row for row in log if row.sent_at is not None]
    # As invited_sequences, from the log instead of another query.
    sequences: dict[int, int] = {}
    for row in sent:
        if row.kind in INVITED_KINDS and row.person_id is not None:
            sequences[row.person_id] = max(row.sequence, sequences.get(row.person_id, 0))
    first = min(
        (
            row.sent_at
            for row in sent
            if row.kind == DispatchKind.INVITATION and row.sent_at is not None
        ),
        default=None,
    )
    cancelled = meeting.state == MeetingState.CANCELLED
    cancelled_people = {row.person_id for row in sent if row.kind == DispatchKind.CANCELLATION}
    return InvitationStatus(
        meeting=meeting,
        due_on=invitation_due_on(meeting),
        notice_days=notice_days(meeting),
        first_sent_at=first,
        by_email=[r for r in recipients if r.channel == DispatchChannel.EMAIL],
        by_letter=[r for r in recipients if r.channel == DispatchChannel.LETTER],
        unreachable=[r for r in recipients if not r.channel],
        dispatches=log,
        pending_updates=0
        if cancelled
        else sum(1 for sequence in sequences.values() if sequence < meeting.sequence),
        pending_cancellations=sum(1 for pk in sequences if pk not in cancelled_people)
        if cancelled
        else 0,
        is_past=_is_past(meeting, day),
    )
