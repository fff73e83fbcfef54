"""Minutes from draft to approval: versions, circulation to the members, objections, and
approval after the objection period or as the first item of the next meeting.

Only approved minutes leave the body (Meeting.minutes_released). Approved minutes are not
edited any more: bodies.services.minutes_record refuses them."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from quartier.actors.models import Person
from quartier.bodies import services as body_services
from quartier.bodies.models import (
    AgendaItem,
    Meeting,
    MeetingState,
    MinutesApproval,
    MinutesState,
)
from quartier.bodies.services import MinutesEntry
from quartier.core.dates import today as local_today
from quartier.core.reads import Slots, prepared
from quartier.cycle.models import MinutesObjection, MinutesVersion
from quartier.cycle.replies import PERSON_NAME_FIELDS

DEFAULT_OBJECTION_DAYS = 14


def approval_item_title(meeting: Meeting) -> str:
    day = date_format(timezone.localdate(meeting.starts_at), "d.m.Y")
    return _("Genehmigung des Protokolls vom %(day)s") % {"day": day}


def _user_or_none(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


# --- selectors --------------------------------------------------------------------------


def minutes_content(meeting: Meeting) -> list[dict[str, Any]]:
    """The minutes as they stand: position, title, minutes and result of every item."""
    return [
        {"position": position, "title": title, "minutes": minutes, "result": result}
        for position, title, minutes, result in meeting.agenda_items.order_by(
            "position"
        ).values_list("position", "title", "minutes", "result")
    ]


@prepared
def _versions(slot: Slots) -> QuerySet[MinutesVersion]:
    """Slot: meeting."""
    return (
        MinutesVersion.objects.filter(meeting_id=slot.id("meeting"))
        .select_related("created_by")
        .order_by("-number")
    )


def minutes_versions(meeting: Meeting) -> list[MinutesVersion]:
    """Every kept version, newest first (with its author)."""
    return _versions(meeting=meeting.pk)


def open_objections(meeting: Meeting) -> list[MinutesObjection]:
    """The unresolved objections, oldest first, with the columns the minutes page shows:
    who, when, the text and the item's number."""
    return list(
        meeting.objections.filter(resolved_at__isnull=True)
        .select_related("person", "agenda_item")
        .only(
            "created",
            "text",
            "person",
            "agenda_item",
            "agenda_item__position",
            *(f"person__{name}" for name in PERSON_NAME_FIELDS),
        )
        .order_by("created")
    )


def objection_days(meeting: Meeting) -> int:
    """The longest objection period of the meeting's bodies (a joint session waits for all)."""
    days = [body.objection_days for body in meeting.bodies.all() if body.objection_days]
    return max(days) if days else DEFAULT_OBJECTION_DAYS


def objection_open(meeting: Meeting, *, today: date | None = None) -> bool:
    """Whether members can still object: circulated and the period not yet over."""
    day = today or local_today()
    return (
        meeting.minutes_state == MinutesState.CIRCULATED
        and meeting.minutes_objection_until is not None
        and day <= meeting.minutes_objection_until
    )


def next_meeting_of(meeting: Meeting, *, now: datetime | None = None) -> Meeting | None:
    """The next planned (or already invited) meeting of any of the meeting's bodies."""
    moment = now or timezone.now()
    body_ids = [body.pk for body in meeting.bodies.all()]
    return (
        Meeting.objects.filter(
            bodies__in=body_ids,
            starts_at__gt=max(meeting.starts_at, moment),
            state__in=[MeetingState.PLANNED, MeetingState.INVITED],
        )
        .exclude(pk=meeting.pk)
        .distinct()
        .order_by("starts_at")
        .first()
    )


def referred_to_next_meeting(meeting: Meeting) -> bool:
    """Circulated minutes that wait for approval in the next meeting (not a cancelled one:
    then the secretary refers them to the meeting after it)."""
    return (
        meeting.minutes_state == MinutesState.CIRCULATED
        and meeting.minutes_approval == MinutesApproval.NEXT_MEETING
        and meeting.minutes_approved_in is not None
        and meeting.minutes_approved_in.state != MeetingState.CANCELLED
    )


def minutes_awaiting_approval_in(meeting: Meeting) -> list[Meeting]:
    """Earlier meetings whose minutes are to be approved in `meeting` (only their day is
    read: the pages show it with a link)."""
    return list(
        Meeting.objects.filter(
            minutes_approved_in=meeting,
            minutes_state=MinutesState.CIRCULATED,
            minutes_approval=MinutesApproval.NEXT_MEETING,
        )
        .only("starts_at")
        .order_by("starts_at")
    )


# --- services ---------------------------------------------------------------------------


def minutes_version_keep(*, meeting: Meeting, note: str = "", by: Any = None) -> MinutesVersion:
    """Freeze the minutes as they stand now as the next numbered version."""
    last = meeting.minutes_versions.aggregate(last=Max("number"))["last"] or 0
    version = MinutesVersion(
        meeting=meeting,
        number=last + 1,
        state=meeting.minutes_state,
        content=minutes_content(meeting),
        note=note[:255],
        created_by=_user_or_none(by),
    )
    version.full_clean(exclude=["meeting", "created_by"])
    version.save()
    return version


def _refresh_search(meeting: Meeting) -> None:
    """Minutes and results enter the items' search keys only once released."""
    items = list(meeting.agenda_items.all())
    for item in items:
        item.meeting = meeting
        item.refresh_text_keys()
    AgendaItem.objects.bulk_update(items, ["search_text"])


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, entries: Sequence[MinutesEntry], held: bool = False, by: Any = None
) -> MinutesVersion | None:
    """Write the minutes (refused once approved) and keep a version when anything changed."""
    body_services.minutes_record(meeting=meeting, entries=entries, held=held)
    last = meeting.minutes_versions.order_by("-number").first()
    if last is not None and last.content == minutes_content(meeting):
        return None
    note = (
        _("Geändert während der Einspruchsfrist")
        if meeting.minutes_state == MinutesState.CIRCULATED
        else _("Entwurf gespeichert")
    )
    return minutes_version_keep(meeting=meeting, note=note, by=by)


@transaction.atomic
def minutes_circulate(*, meeting: Meeting, by: Any = None, now: datetime | None = None) -> Meeting:
    """Send the draft to the members for approval: the objection period starts today."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    moment = now or timezone.now()
    if meeting.minutes_state != MinutesState.DRAFT:
        raise ValidationError(_("Das Protokoll ist schon versandt oder genehmigt."))
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("Die Sitzung wurde abgesagt; es gibt kein Protokoll."))
    if meeting.starts_at > moment:
        raise ValidationError(_("Die Sitzung hat noch nicht stattgefunden."))
    if not any(row["minutes"].strip() or row["result"].strip() for row in minutes_content(meeting)):
        raise ValidationError(
            _("Das Protokoll ist noch leer. Bitte schreiben Sie zuerst Protokoll oder Ergebnis.")
        )
    day = timezone.localdate(moment)
    meeting.minutes_state = MinutesState.CIRCULATED
    meeting.minutes_circulated_at = moment
    meeting.minutes_objection_until = day + timedelta(days=objection_days(meeting))
    meeting.minutes_approval = ""
    meeting.minutes_approved_in = None
    meeting.save(
        update_fields=[
            "minutes_state",
            "minutes_circulated_at",
            "minutes_objection_until",
            "minutes_approval",
            "minutes_approved_in",
            "modified",
        ]
    )
    minutes_version_keep(meeting=meeting, note=_("Zur Genehmigung versandt"), by=by)
    return meeting


@transaction.atomic
def minutes_object(
    *,
    meeting: Meeting,
    person: Person,
    text: str,
    agenda_item: AgendaItem | None = None,
    today: date | None = None,
) -> MinutesObjection:
    """A member objects to the circulated minutes (within the objection period)."""
    if not objection_open(meeting, today=today):
        raise ValidationError(
            _("Einwände sind nur möglich, solange das Protokoll zur Genehmigung ausliegt.")
        )
    if not text.strip():
        raise ValidationError({"text": _("Bitte schreiben Sie Ihren Einwand auf.")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Dieser Punkt gehört nicht zu der Sitzung.")})
    objection = MinutesObjection(
        meeting=meeting, person=person, text=text.strip(), agenda_item=agenda_item
    )
    objection.full_clean()
    objection.save()
    return objection


@transaction.atomic
def minutes_objection_resolve(
    *, objection: MinutesObjection, resolution: str, now: datetime | None = None
) -> MinutesObjection:
    """The secretary settles an objection (e.g. by changing the draft)."""
    if objection.resolved_at is not None:
        raise ValidationError(_("Dieser Einwand ist schon erledigt."))
    if not resolution.strip():
        raise ValidationError(
            {"resolution": _("Bitte schreiben Sie, wie der Einwand erledigt ist.")}
        )
    objection.resolution = resolution.strip()
    objection.resolved_at = now or timezone.now()
    objection.save(update_fields=["resolution", "resolved_at", "modified"])
    return objection


def _approve(
    *,
    meeting: Meeting,
    on: date,
    approval: str,
    approved_in: Meeting | None,
    note: str,
    by: Any = None,
) -> Meeting:
    meeting.minutes_state = MinutesState.APPROVED
    meeting.minutes_approved_on = on
    meeting.minutes_approval = approval
    meeting.minutes_approved_in = approved_in
    meeting.save(
        update_fields=[
            "minutes_state",
            "minutes_approved_on",
            "minutes_approval",
            "minutes_approved_in",
            "modified",
        ]
    )
    minutes_version_keep(meeting=meeting, note=note, by=by)
    _refresh_search(meeting)
    return meeting


@transaction.atomic
def minutes_refer_to_next_meeting(
    *, meeting: Meeting, by: Any = None, now: datetime | None = None
) -> AgendaItem:
    """Put "Genehmigung des Protokolls vom …" first on the body's next planned meeting; the
    minutes then wait for approval there (and no longer by deadline)."""
    if meeting.minutes_state != MinutesState.CIRCULATED:
        raise ValidationError(
            _("Nur ein versandtes, noch nicht genehmigtes Protokoll kann in die nächste Sitzung.")
        )
    target = next_meeting_of(meeting, now=now)
    if target is None:
        raise ValidationError(
            _("Es ist noch keine nächste Sitzung geplant. Bitte legen Sie sie zuerst an.")
        )
    title = approval_item_title(meeting)
    item = target.agenda_items.filter(title=title).first()
    if item is None:
        item = body_services.agenda_item_add(
            meeting=target, title=title, position=1, is_public=meeting.is_public
        )
    elif item.position != 1:
        body_services.agenda_item_move(item=item, position=1)
        item.refresh_from_db(fields=["position"])
    meeting.minutes_approval = MinutesApproval.NEXT_MEETING
    meeting.minutes_approved_in = target
    meeting.save(update_fields=["minutes_approval", "minutes_approved_in", "modified"])
    return item


@transaction.atomic
def minutes_approve_in_meeting(
    *, meeting: Meeting, by: Any = None, today: date | None = None
) -> Meeting:
    """The secretary records that the next meeting approved the minutes; open objections
    count as dealt with there."""
    if not referred_to_next_meeting(meeting):
        raise ValidationError(
            _("Das Protokoll steht nicht zur Genehmigung in einer folgenden Sitzung an.")
        )
    target = meeting.minutes_approved_in
    assert target is not None
    day = today or local_today()
    if timezone.localdate(target.starts_at) > day:
        raise ValidationError(
            _("Die Sitzung am %(day)s, in der das Protokoll genehmigt wird, war noch nicht.")
            % {"day": date_format(timezone.localdate(target.starts_at), "d.m.Y")}
        )
    meeting.objections.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(),
        resolution=_("In der Sitzung vom %(day)s behandelt.")
        % {"day": date_format(timezone.localdate(target.starts_at), "d.m.Y")},
    )
    return _approve(
        meeting=meeting,
        on=day,
        approval=MinutesApproval.NEXT_MEETING,
        approved_in=target,
        note=_("In der folgenden Sitzung genehmigt"),
        by=by,
    )


@transaction.atomic
def approve_due(*, today: date) -> list[Meeting]:
    """Approve circulated minutes whose objection period ended before `today` without an
    open objection. Minutes with an open objection go to the next planned meeting instead
    (if one is planned; otherwise they wait)."""
    due = list(
        Meeting.objects.filter(
            minutes_state=MinutesState.CIRCULATED, minutes_objection_until__lt=today
        )
        .exclude(minutes_approval=MinutesApproval.NEXT_MEETING)
        .prefetch_related("bodies")
        .order_by("starts_at")
    )
    approved = []
    for meeting in due:
        if meeting.objections.filter(resolved_at__isnull=True).exists():
            # No next meeting yet: the minutes wait; the secretary sees the open objection.
            with contextlib.suppress(ValidationError):
                minutes_refer_to_next_meeting(meeting=meeting)
            continue
        approved.append(
            _approve(
                meeting=meeting,
                on=today,
                approval=MinutesApproval.DEADLINE,
                approved_in=None,
                note=_("Einspruchsfrist ohne Einwand abgelaufen"),
            )
        )
    return approved
