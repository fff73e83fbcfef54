"""What `manage.py run_due_jobs` does: a list of jobs, each sending what is due on a day.
Every message goes through a Dispatch key (see mail.py), so running the jobs twice, or
every quarter of an hour, sends nothing twice."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max

from quartier.actors.models import Person
from quartier.bodies.models import Body, Meeting, MeetingState, MinutesState
from quartier.bodies.selectors import body_version_on
from quartier.core.dates import today as local_today
from quartier.cycle.invite import (
    INVITED_KINDS,
    SENDABLE_STATES,
    MeetingPack,
    Recipient,
    SendResult,
    agenda_fingerprint,
    agenda_key,
    agenda_seen,
    cancellation_send,
    invitation_send,
    meeting_day,
    meeting_pack,
    meeting_recipients,
    proposal_deadline,
    update_send,
)
from quartier.cycle.mail import Mail, dispatch_once, render_mail
from quartier.cycle.models import Agreement, Dispatch, DispatchKind, Reply

logger = logging.getLogger(__name__)

PROPOSAL_REMINDER_DAYS = 7  # the reminder goes out a week before the proposal deadline
REPLY_REMINDER_DAYS = 3  # ... and to those who have not replied, three days before


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _summary(label: str, result: SendResult, meetings: int | None = None) -> str:
    parts = []
    if result.emails:
        parts.append(_plural(result.emails, "E-Mail", "E-Mails"))
    if result.letters:
        parts.append(_plural(result.letters, "Brief zum Drucken", "Briefe zum Drucken"))
    if result.failed:
        parts.append(f"{result.failed} fehlgeschlagen (wird beim nächsten Lauf wiederholt)")
    if not parts:
        return f"{label}: nichts fällig."
    text = ", ".join(parts)
    if meetings:
        text += f" ({_plural(meetings, 'Sitzung', 'Sitzungen')})"
    return f"{label}: {text}."


def _mail_once(
    *,
    key: str,
    kind: str,
    person: Person,
    template: str,
    context: dict,
    meeting: Meeting | None,
    result: SendResult,
) -> None:
    """An e-mail without calendar part to one person, once per key."""
    if not person.email:
        return

    def build() -> Mail:
        subject, text = render_mail(template, {**context, "person": person})
        return Mail(subject=subject, text=text)

    result.add(
        dispatch_once(
            key=key,
            kind=kind,
            person=person,
            address=person.email,
            build=build,
            meeting=meeting,
            sequence=meeting.sequence if meeting else 0,
        )
    )


def _upcoming(today: date, *, within_days: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            state__in=SENDABLE_STATES,
            starts_at__date__gte=today,
            starts_at__date__lte=today + timedelta(days=within_days),
        )
        .prefetch_related("bodies")
        .order_by("starts_at", "pk")
    )


def _longest(field: str) -> int:
    return Body.objects.aggregate(longest=Max(field))["longest"] or 0


# --- the jobs ---------------------------------------------------------------------------


def job_invitations(today: date) -> str:
    """Invitations whose notice period has begun."""
    result, meetings = SendResult(), 0
    for meeting in _upcoming(today, within_days=_longest("notice_days")):
        sent = invitation_send(meeting=meeting, today=today)
        meetings += 1 if sent.total else 0
        result += sent
    return _summary("Einladungen", result, meetings)


def _invited_meetings(today: date, *, state: str | None = None) -> list[Meeting]:
    meetings = Meeting.objects.filter(
        starts_at__date__gte=today,
        pk__in=Dispatch.objects.filter(kind__in=INVITED_KINDS).values("meeting"),
    )
    if state is not None:
        meetings = meetings.filter(state=state)
    return list(meetings.prefetch_related("bodies").order_by("starts_at", "pk"))


def job_updates(today: date) -> str:
    """New time or place to everyone invited (new SEQUENCE, same UID)."""
    result, meetings = SendResult(), 0
    for meeting in _invited_meetings(today):
        sent = update_send(meeting=meeting, today=today)
        meetings += 1 if sent.total else 0
        result += sent
    return _summary("Änderungen", result, meetings)


def job_agenda_changes(today: date) -> str:
    """The agenda changed after people were invited (an item added, moved, removed or
    renamed): the current agenda to everyone invited by e-mail, once per version of it."""
    result, meetings = SendResult(), 0
    for meeting in _invited_meetings(today):
        if meeting.state not in SENDABLE_STATES:
            continue
        fingerprint = agenda_fingerprint(meeting)
        seen: dict[int, set[str]] = defaultdict(set)
        known = Dispatch.objects.filter(meeting=meeting, kind=DispatchKind.AGENDA)
        for person_id, key in known.values_list("person_id", "key"):
            seen[person_id].add(key.rsplit(":", 1)[-1])
        invited = set(
            Dispatch.objects.filter(
                meeting=meeting, kind__in=INVITED_KINDS, sent_at__isnull=False
            ).values_list("person_id", flat=True)
        )
        before = result.total
        pack: MeetingPack | None = None
        untracked = []
        for recipient in meeting_recipients(meeting=meeting, on=today):
            person = recipient.person
            if person.pk not in invited:
                continue
            if not seen[person.pk]:
                # Invited before agendas were tracked: what she has now is the baseline.
                untracked.append(person.pk)
                continue
            if fingerprint in seen[person.pk]:
                continue
            pack = pack or meeting_pack(meeting, with_files=False)
            _mail_once(
                key=agenda_key(meeting, person.pk, fingerprint),
                kind=DispatchKind.AGENDA,
                person=person,
                template="agenda_changed",
                context={"pack": pack, "meeting": meeting},
                meeting=meeting,
                result=result,
            )
        agenda_seen(meeting=meeting, person_ids=untracked, fingerprint=fingerprint)
        meetings += 1 if result.total > before else 0
    return _summary("Geänderte Tagesordnung", result, meetings)


def job_cancellations(today: date) -> str:
    result, meetings = SendResult(), 0
    for meeting in _invited_meetings(today, state=MeetingState.CANCELLED):
        sent = cancellation_send(meeting=meeting, today=today)
        meetings += 1 if sent.total else 0
        result += sent
    return _summary("Absagen", result, meetings)


def _holders(meeting: Meeting, today: date) -> list[Recipient]:
    return [r for r in meeting_recipients(meeting=meeting, on=today) if not r.is_deputy]


def job_proposal_reminders(today: date) -> str:
    """A week before the deadline for agenda requests: "Themen bis … anmelden"."""
    result, meetings = SendResult(), 0
    window = _longest("proposal_days") + PROPOSAL_REMINDER_DAYS
    for meeting in _upcoming(today, within_days=window):
        deadline = proposal_deadline(meeting)
        if not deadline - timedelta(days=PROPOSAL_REMINDER_DAYS) <= today <= deadline:
            continue
        before = result.total
        pack = meeting_pack(meeting, with_files=False)
        for recipient in _holders(meeting, today):
            _mail_once(
                key=f"proposal_reminder:{meeting.pk}:{recipient.person.pk}",
                kind=DispatchKind.PROPOSAL_REMINDER,
                person=recipient.person,
                template="proposal_reminder",
                context={"pack": pack, "meeting": meeting, "deadline": deadline},
                meeting=meeting,
                result=result,
            )
        meetings += 1 if result.total > before else 0
    return _summary("Erinnerung Themen anmelden", result, meetings)


def job_reply_reminders(today: date) -> str:
    """Three days before the meeting, to invited seat holders who have not replied yet."""
    result, meetings = SendResult(), 0
    for meeting in _upcoming(today, within_days=REPLY_REMINDER_DAYS):
        if meeting.state != MeetingState.INVITED or meeting_day(meeting) <= today:
            continue
        answered = set(Reply.objects.filter(meeting=meeting).values_list("seat_id", flat=True))
        # Only who was invited on an earlier day: a late invitation needs no reminder.
        invited = set(
            Dispatch.objects.filter(
                meeting=meeting,
                kind__in=INVITED_KINDS,
                sent_at__isnull=False,
                sent_at__date__lt=today,
            ).values_list("person_id", flat=True)
        )
        before = result.total
        pack: MeetingPack | None = None
        for recipient in _holders(meeting, today):
            if recipient.person.pk not in invited:
                continue
            if all(seat.pk in answered for seat in recipient.seats):
                continue
            pack = pack or meeting_pack(meeting, with_files=False)
            _mail_once(
                key=f"reply_reminder:{meeting.pk}:{recipient.person.pk}",
                kind=DispatchKind.REPLY_REMINDER,
                person=recipient.person,
                template="reply_reminder",
                context={"pack": pack, "meeting": meeting},
                meeting=meeting,
                result=result,
            )
        meetings += 1 if result.total > before else 0
    return _summary("Erinnerung Rückmeldung", result, meetings)


def _minutes_items(meeting: Meeting) -> tuple[int, list[dict]]:
    """The number and content of the latest kept version (or the minutes as they stand)."""
    version = meeting.minutes_versions.order_by("-number").first()
    if version is not None and version.content:
        return version.number, list(version.content)
    items = meeting.agenda_items.order_by("position").values(
        "position", "title", "minutes", "result"
    )
    return (version.number if version else 0), list(items)


def job_minutes_circulation(today: date) -> str:
    """Circulated minutes to the members, once per version, while objections are possible."""
    result, meetings = SendResult(), 0
    circulated = (
        Meeting.objects.filter(minutes_state=MinutesState.CIRCULATED)
        .exclude(minutes_objection_until__lt=today)
        .prefetch_related("bodies")
        .order_by("starts_at", "pk")
    )
    for meeting in circulated:
        number, items = _minutes_items(meeting)
        pack = meeting_pack(meeting, with_files=False)
        before = result.total
        for recipient in meeting_recipients(meeting=meeting, on=today):
            _mail_once(
                key=f"minutes:{meeting.pk}:{recipient.person.pk}:{number}",
                kind=DispatchKind.MINUTES,
                person=recipient.person,
                template="minutes",
                context={"pack": pack, "meeting": meeting, "items": items, "number": number},
                meeting=meeting,
                result=result,
            )
        meetings += 1 if result.total > before else 0
    return _summary("Protokolle zur Genehmigung", result, meetings)


def _approve_due(today: date) -> list[Meeting]:
    try:
        from quartier.cycle.minutes import approve_due
    except ImportError:  # the minutes part is not installed
        return []
    return list(approve_due(today=today))


def job_minutes_approved(today: date) -> str:
    """Approve minutes whose objection period ended, and tell the members once."""
    approved = {meeting.pk: meeting for meeting in _approve_due(today)}
    for meeting in Meeting.objects.filter(
        minutes_state=MinutesState.APPROVED, minutes_approved_on=today
    ):
        approved.setdefault(meeting.pk, meeting)
    result = SendResult()
    for meeting in approved.values():
        meeting.refresh_from_db()
        pack = meeting_pack(meeting, with_files=False)
        for recipient in meeting_recipients(meeting=meeting, on=today):
            _mail_once(
                key=f"minutes_approved:{meeting.pk}:{recipient.person.pk}",
                kind=DispatchKind.MINUTES_APPROVED,
                person=recipient.person,
                template="minutes_approved",
                context={"pack": pack, "meeting": meeting},
                meeting=meeting,
                result=result,
            )
    return _summary("Protokolle genehmigt", result, len(approved))


def job_overdue_agreements(today: date) -> str:
    """Once a week, each body's secretary gets the list of its overdue agreements."""
    by_body: dict[int, list[Agreement]] = defaultdict(list)
    overdue = Agreement.objects.overdue(today).select_related(
        "body", "agenda_item__meeting", "responsible_person", "responsible_organisation"
    )
    for agreement in overdue.order_by("due_on", "pk"):
        by_body[agreement.body_id].append(agreement)
    year, week, _weekday = today.isocalendar()
    result = SendResult()
    for agreements in by_body.values():
        body = agreements[0].body
        version = body_version_on(body=body, on=today)
        secretary = version.secretary if version is not None else None
        if secretary is None:
            continue
        _mail_once(
            key=f"agreements_overdue:{body.pk}:{year}-W{week:02d}",
            kind=DispatchKind.AGREEMENTS_OVERDUE,
            person=secretary,
            template="agreements_overdue",
            context={"body": body, "agreements": agreements, "today": today},
            meeting=None,
            result=result,
        )
    return _summary("Überfällige Verabredungen", result)


# (German name for the summary when a job breaks, job)
JOBS: list[tuple[str, Callable[[date], str]]] = [
    ("Einladungen", job_invitations),
    ("Änderungen", job_updates),
    ("Geänderte Tagesordnung", job_agenda_changes),
    ("Absagen", job_cancellations),
    ("Erinnerung Themen anmelden", job_proposal_reminders),
    ("Erinnerung Rückmeldung", job_reply_reminders),
    ("Protokolle zur Genehmigung", job_minutes_circulation),
    ("Protokolle genehmigt", job_minutes_approved),
    ("Überfällige Verabredungen", job_overdue_agreements),
]


@dataclass
class RunReport:
    today: date
    lines: list[str]
    failed: bool = False


def run_due_jobs(*, today: date | None = None) -> RunReport:
    """Run every job for `today`; one German summary line per job. A job that breaks does
    not stop the others; the report says so (and the command exits with an error)."""
    day = today or local_today()
    report = RunReport(today=day, lines=[])
    for label, job in JOBS:
        try:
            report.lines.append(job(day))
        except Exception as error:
            logger.exception("job %s failed", job.__name__)
            report.lines.append(f"{label}: Fehler – {error}")
            report.failed = True
    return report
