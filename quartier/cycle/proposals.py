"""Agenda requests (Themenvorschläge): members propose items until a deadline before the
meeting; the secretary accepts them onto the draft agenda, moves them to another meeting
of the body, or declines them with a reason."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from quartier.actors.models import Person
from quartier.bodies.models import (
    AgendaProposal,
    Body,
    Meeting,
    MeetingState,
    ProposalState,
)
from quartier.bodies.services import agenda_item_add, agenda_proposal_submit
from quartier.core.reads import Slots, prepared
from quartier.topics.models import Topic

# Proposals still waiting for the secretary: new ones and those moved to this meeting.
PENDING = (ProposalState.OPEN, ProposalState.MOVED)
OPEN_MEETING_STATES = (MeetingState.PLANNED, MeetingState.INVITED)


def proposal_last_day(*, meeting: Meeting, body: Body) -> date:
    """The last day on which members may propose items for `meeting` of `body`."""
    return last_day_for(starts_at=meeting.starts_at, proposal_days=body.proposal_days)


def last_day_for(*, starts_at: datetime, proposal_days: int) -> date:
    """`proposal_last_day` from plain values (for lists read as rows, not models)."""
    return timezone.localdate(starts_at) - timedelta(days=proposal_days)


def proposals_open_for(*, meeting: Meeting, body: Body, now: datetime | None = None) -> bool:
    """Whether `meeting` still takes proposals for `body` (until the end of the last day)."""
    return takes_proposals(
        state=meeting.state, last_day=proposal_last_day(meeting=meeting, body=body), now=now
    )


def takes_proposals(*, state: str, last_day: date, now: datetime | None = None) -> bool:
    """`proposals_open_for` from plain values: an open meeting, until the end of `last_day`."""
    return state in OPEN_MEETING_STATES and timezone.localdate(now or timezone.now()) <= last_day


def _day(value: date) -> str:
    return date_format(value, "d.m.Y")


def _check_meeting_takes_items(meeting: Meeting, field: str = "meeting") -> None:
    if meeting.state not in OPEN_MEETING_STATES or meeting.starts_at <= timezone.now():
        raise ValidationError(
            {
                field: "Diese Sitzung ist vorbei oder abgesagt; dafür können keine Punkte mehr "
                "angemeldet werden."
            }
        )


@transaction.atomic
def proposal_submit(
    *,
    body: Body,
    meeting: Meeting,
    proposed_by: Person,
    title: str,
    text: str = "",
    topics: Iterable[Topic] = (),
) -> AgendaProposal:
    """A member proposes an item for `meeting` of `body`, until the proposal deadline."""
    if not meeting.bodies.filter(pk=body.pk).exists():
        raise ValidationError({"meeting": "Diese Sitzung gehört nicht zu dem Gremium."})
    _check_meeting_takes_items(meeting)
    if not proposals_open_for(meeting=meeting, body=body):
        last = proposal_last_day(meeting=meeting, body=body)
        raise ValidationError(
            f"Die Frist für Themenvorschläge zu dieser Sitzung ist am {_day(last)} abgelaufen. "
            "Bitte wenden Sie sich direkt an die Geschäftsführung oder schlagen Sie das "
            "Thema für eine spätere Sitzung vor."
        )
    if not title.strip():
        raise ValidationError({"title": "Bitte geben Sie einen Titel an."})
    return agenda_proposal_submit(
        body=body,
        proposed_by=proposed_by,
        title=title.strip(),
        text=text.strip(),
        meeting=meeting,
        topics=topics,
    )


def _lock_pending(proposal: AgendaProposal) -> AgendaProposal:
    locked = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state not in PENDING:
        raise ValidationError(
            f"Über diesen Vorschlag ist schon entschieden ({locked.get_state_display()})."
        )
    return locked


@transaction.atomic
def proposal_accept(*, proposal: AgendaProposal, meeting: Meeting | None = None) -> AgendaProposal:
    """Put the proposed item at the end of the draft agenda of its meeting."""
    locked = _lock_pending(proposal)
    target = meeting or locked.meeting
    if target is None:
        raise ValidationError({"meeting": "Bitte wählen Sie die Sitzung für diesen Punkt."})
    if not target.bodies.filter(pk=locked.body_id).exists():
        raise ValidationError({"meeting": "Diese Sitzung gehört nicht zu dem Gremium."})
    _check_meeting_takes_items(target)
    item = agenda_item_add(
        meeting=target,
        title=locked.title,
        text=locked.text,
        topics=list(locked.topics.all()),
    )
    locked.agenda_item = item
    locked.meeting = target
    locked.state = ProposalState.ACCEPTED
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def proposal_move(
    *, proposal: AgendaProposal, meeting: Meeting, reason: str = ""
) -> AgendaProposal:
    """Move the proposal to another coming meeting of the same body; it waits there."""
    locked = _lock_pending(proposal)
    if meeting is None:
        raise ValidationError(
            {"meeting": "Bitte wählen Sie die Sitzung, auf die er verschoben wird."}
        )
    if locked.meeting_id == meeting.pk:
        raise ValidationError({"meeting": "Der Vorschlag ist schon für diese Sitzung angemeldet."})
    if not meeting.bodies.filter(pk=locked.body_id).exists():
        raise ValidationError({"meeting": "Diese Sitzung gehört nicht zu dem Gremium."})
    _check_meeting_takes_items(meeting)
    locked.meeting = meeting
    locked.state = ProposalState.MOVED
    locked.decision_reason = reason.strip()
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def proposal_decline(*, proposal: AgendaProposal, reason: str) -> AgendaProposal:
    """Decline the proposal; the proposer sees the reason."""
    locked = _lock_pending(proposal)
    if not reason.strip():
        raise ValidationError({"reason": "Bitte begründen Sie die Ablehnung."})
    locked.state = ProposalState.DECLINED
    locked.decision_reason = reason.strip()
    locked.full_clean()
    locked.save()
    return locked


# --- reads ------------------------------------------------------------------------------


@prepared
def _pending(slot: Slots) -> QuerySet[AgendaProposal]:
    """Slots: meeting, bodies (ids, the meeting's)."""
    return (
        AgendaProposal.objects.filter(state__in=PENDING)
        .filter(
            Q(meeting_id=slot.id("meeting"))
            | Q(meeting__isnull=True, body_id__in=slot.ids("bodies"))
        )
        .select_related("proposed_by", "body")
        .order_by("created", "pk")
    )


def proposals_pending_for(*, meeting: Meeting) -> list[AgendaProposal]:
    """Proposals waiting for a decision at `meeting`: its own, and open ones of its bodies
    that name no meeting yet (with proposer and body)."""
    return _pending(meeting=meeting.pk, bodies=[body.pk for body in meeting.bodies.all()])


# How many decided proposals the secretary's page lists.
DECIDED_SHOWN = 30


@prepared
def _decided(slot: Slots) -> QuerySet[AgendaProposal]:
    """The latest DECIDED_SHOWN. Slot: meeting."""
    return (
        AgendaProposal.objects.filter(meeting_id=slot.id("meeting"))
        .exclude(state__in=PENDING)
        .select_related("proposed_by", "body", "agenda_item")
        .order_by("-modified", "pk")[:DECIDED_SHOWN]
    )


def proposals_decided_for(*, meeting: Meeting) -> list[AgendaProposal]:
    """The last DECIDED_SHOWN proposals decided for `meeting` (accepted onto it, or
    declined), latest first, with proposer, body and item."""
    return _decided(meeting=meeting.pk)


@prepared
def _move_targets(slot: Slots) -> QuerySet[Meeting]:
    """Slots: bodies (ids), now."""
    return (
        Meeting.objects.filter(
            bodies__in=slot.ids("bodies"),
            state__in=OPEN_MEETING_STATES,
            starts_at__gt=slot.datetime("now"),
        )
        .distinct()
        .prefetch_related("bodies")
        .order_by("starts_at", "pk")[:12]
    )


def move_targets(*, body_ids: Iterable[int], now: datetime | None = None) -> list[Meeting]:
    """Coming meetings (planned or invited) of these bodies, soonest first (at most 12,
    with their bodies)."""
    bodies = list(body_ids)
    if not bodies:
        return []
    return _move_targets(bodies=bodies, now=now or timezone.now())


def proposals_of_person(*, person: Person) -> QuerySet[AgendaProposal]:
    """What `person` proposed, newest first, with the meeting and the item it became."""
    return (
        AgendaProposal.objects.filter(proposed_by=person)
        .select_related("body", "meeting", "agenda_item")
        .order_by("-created", "pk")
    )
