"""Writes to bodies, seats and meetings. Each service is one transaction: all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from quartier.actors.models import Organisation, Person
from quartier.bodies.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    AttendanceKind,
    Body,
    BodyVersion,
    Document,
    DocumentKind,
    Meeting,
    MeetingState,
    MinutesState,
    Seat,
    SeatDeputy,
    SeatHolding,
    SeatRole,
)
from quartier.bodies.selectors import body_version_on
from quartier.core.dates import Period, overlapping, today, valid_on
from quartier.places.models import Area, Location
from quartier.topics.models import Topic

VERSIONED_FIELDS = (
    "name",
    "short_name",
    "cadence_per_year",
    "usual_duration_minutes",
    "reports_to",
    "secretary",
    "secretary_organisation",
)


def _day(value: date) -> str:
    return date_format(value, "d.m.Y")


def _user_or_none(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


# --- bodies -----------------------------------------------------------------------------


def body_check_reporting(
    *, body: Body, reports_to: Body | None, on: date, until: date | None = None
) -> None:
    """Refuse a reporting line from `body` to `reports_to`, held from `on` until the day
    before `until`, that would lead back to `body` on any day of that span."""
    if reports_to is None:
        return
    if reports_to.pk == body.pk:
        raise ValidationError({"reports_to": _("Ein Gremium kann nicht an sich selbst berichten.")})
    rows = list(
        BodyVersion.objects.order_by("body_id", "valid_from").values_list(
            "body_id", "valid_from", "reports_to_id"
        )
    )
    days = {on} | {
        valid_from
        for _body, valid_from, _target in rows
        if valid_from > on and (until is None or valid_from < until)
    }
    for day in sorted(days):
        line: dict[int, int | None] = {}
        for body_id, valid_from, target in rows:
            if valid_from <= day:
                line[body_id] = target
        line[body.pk] = reports_to.pk
        seen = {body.pk}
        current: int | None = reports_to.pk
        while current is not None:
            if current in seen:
                raise ValidationError(
                    {
                        "reports_to": _(
                            "„%(target)s“ berichtet (über andere) schon an „%(body)s“: "
                            "das wäre ein Kreis."
                        )
                        % {"target": reports_to.name, "body": body.name}
                    }
                )
            seen.add(current)
            current = line.get(current)


def _check_reports_to_exists(*, reports_to: Body | None, on: date) -> None:
    if reports_to is not None and not reports_to.exists_on(on):
        raise ValidationError(
            {
                "reports_to": _("„%(body)s“ besteht am %(day)s nicht.")
                % {"body": reports_to.name, "day": _day(on)}
            }
        )


def body_refresh_cache(*, body: Body, on: date | None = None) -> Body:
    """Copy the version in force today (or the last one) into the body's cached columns."""
    versions = list(body.versions.order_by("valid_from"))
    if not versions:
        return body
    day = on or today()
    in_force = [version for version in versions if version.valid_from <= day]
    current = in_force[-1] if in_force else versions[0]
    names: list[str] = []
    for version in versions:
        if version.name != current.name and version.name not in names:
            names.append(version.name)
    body.name = current.name
    body.short_name = current.short_name
    body.former_names = "\n".join(names)
    body.save(update_fields=["name", "short_name", "former_names", "modified"])
    return body


@transaction.atomic
def body_create(
    *,
    kind: str,
    level: str,
    area: Area,
    name: str,
    founded_on: date,
    short_name: str = "",
    purpose: str = "",
    is_public: bool = True,
    cadence_per_year: int | None = None,
    usual_duration_minutes: int | None = None,
    reports_to: Body | None = None,
    secretary: Person | None = None,
    secretary_organisation: Organisation | None = None,
    by: Any = None,
    external_id: str = "",
) -> Body:
    """Found a body with its first version, valid from the founding day."""
    body = Body(
        kind=kind,
        level=level,
        area=area,
        purpose=purpose,
        is_public=is_public,
        founded_on=founded_on,
        name=name,
        short_name=short_name,
        external_id=external_id,
    )
    body.full_clean()
    body.save()
    _check_reports_to_exists(reports_to=reports_to, on=founded_on)
    version = BodyVersion(
        body=body,
        valid_from=founded_on,
        name=name,
        short_name=short_name,
        cadence_per_year=cadence_per_year,
        usual_duration_minutes=usual_duration_minutes,
        reports_to=reports_to,
        secretary=secretary,
        secretary_organisation=secretary_organisation,
        note=_("gegründet"),
        changed_by=_user_or_none(by),
    )
    version.full_clean()
    version.save()
    return body_refresh_cache(body=body)


@transaction.atomic
def body_change(
    *, body: Body, on: date, by: Any = None, note: str = "", **changes: Any
) -> BodyVersion:
    """Change what a body is from `on` on (name, cadence, secretary, reporting line, …).

    The change holds until the next later version, if there is one; earlier days keep
    what they had. A renamed body stays the same body.
    """
    unknown = set(changes) - set(VERSIONED_FIELDS)
    if unknown:
        raise ValueError(f"not versioned: {sorted(unknown)}")
    Body.objects.select_for_update().filter(pk=body.pk).first()
    if not body.exists_on(on):
        raise ValidationError(
            _("„%(body)s“ besteht am %(day)s nicht.") % {"body": body.name, "day": _day(on)}
        )
    base = body_version_on(body=body, on=on)
    if base is None:
        raise ValidationError(_("Vor der Gründung kann nichts geändert werden."))
    if "reports_to" in changes:
        _check_reports_to_exists(reports_to=changes["reports_to"], on=on)
        next_version = body.versions.filter(valid_from__gt=on).order_by("valid_from").first()
        body_check_reporting(
            body=body,
            reports_to=changes["reports_to"],
            on=on,
            until=next_version.valid_from if next_version else None,
        )
    if base.valid_from == on:
        version = base
    else:
        version = BodyVersion(body=body, valid_from=on)
        for name in VERSIONED_FIELDS:
            setattr(version, name, getattr(base, name))
    for name, value in changes.items():
        setattr(version, name, value)
    version.note = note or version.note
    version.changed_by = _user_or_none(by)
    version.full_clean()
    version.save()
    body_refresh_cache(body=body)
    return version


def body_rename(
    *, body: Body, name: str, on: date, short_name: str | None = None, by: Any = None
) -> BodyVersion:
    changes: dict[str, Any] = {"name": name}
    if short_name is not None:
        changes["short_name"] = short_name
    return body_change(body=body, on=on, by=by, note=_("umbenannt"), **changes)


def _end_seats(*, body: Body, last_day: date) -> None:
    """End every seat, holding and deputyship of `body` still open on `last_day`."""
    open_after = Q(ends_on__isnull=True) | Q(ends_on__gt=last_day)
    SeatHolding.objects.filter(open_after, seat__body=body, starts_on__lte=last_day).update(
        ends_on=last_day
    )
    SeatDeputy.objects.filter(open_after, seat__body=body, starts_on__lte=last_day).update(
        ends_on=last_day
    )
    Seat.objects.filter(open_after, body=body, starts_on__lte=last_day).update(ends_on=last_day)


def _redirect_reporting(*, from_body: Body, to_body: Body | None, on: date, by: Any) -> None:
    """Bodies reporting to `from_body` on `on` report to `to_body` from then on."""
    from quartier.bodies.selectors import body_versions_as_of

    for version in body_versions_as_of(on=on).filter(reports_to=from_body):
        if version.body.pk == (to_body.pk if to_body else None):
            body_change(body=version.body, on=on, by=by, reports_to=None)
        else:
            body_change(body=version.body, on=on, by=by, reports_to=to_body)


def _refuse_meetings_after(*, body: Body, on: date) -> None:
    start = timezone.make_aware(datetime.combine(on, datetime.min.time()))
    later = (
        Meeting.objects.filter(bodies=body, starts_at__gte=start)
        .exclude(state=MeetingState.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if later is not None:
        raise ValidationError(
            _(
                "„%(body)s“ hat am %(day)s noch eine Sitzung. Bitte sagen Sie sie ab "
                "oder verlegen Sie sie in das Nachfolgegremium."
            )
            % {"body": body.name, "day": _day(timezone.localdate(later.starts_at))}
        )


@transaction.atomic
def body_dissolve(*, body: Body, on: date, by: Any = None) -> Body:
    """Dissolve `body` from `on` (its first day without it); its history stays."""
    Body.objects.select_for_update().filter(pk=body.pk).first()
    if body.dissolved_on is not None:
        raise ValidationError(_("„%(body)s“ ist bereits aufgelöst.") % {"body": body.name})
    if body.founded_on and on <= body.founded_on:
        raise ValidationError({"dissolved_on": _("Die Auflösung muss nach der Gründung liegen.")})
    _refuse_meetings_after(body=body, on=on)
    _end_seats(body=body, last_day=on - timedelta(days=1))
    _redirect_reporting(from_body=body, to_body=None, on=on, by=by)
    body.dissolved_on = on
    body.full_clean()
    body.save(update_fields=["dissolved_on", "modified"])
    return body


@transaction.atomic
def body_merge(*, source: Body, target: Body, on: date, by: Any = None) -> Body:
    """Merge `source` into `target` from `on`: open seats move, history stays with `source`."""
    if source.pk == target.pk:
        raise ValidationError(_("Ein Gremium kann nicht in sich selbst aufgehen."))
    if not target.exists_on(on):
        raise ValidationError(
            _("„%(body)s“ besteht am %(day)s nicht.") % {"body": target.name, "day": _day(on)}
        )
    last_day = on - timedelta(days=1)
    target_orgs = set(
        Seat.objects.filter(valid_on(on), body=target)
        .exclude(organisation=None)
        .values_list("organisation_id", flat=True)
    )
    moving = list(
        Seat.objects.filter(valid_on(last_day), body=source).select_related("organisation")
    )
    for seat in moving:
        if seat.organisation_id is not None and seat.organisation_id in target_orgs:
            continue  # the organisation already sits in the target
        holding = SeatHolding.objects.filter(valid_on(last_day), seat=seat).first()
        seat_create(
            body=target,
            organisation=seat.organisation,
            role=SeatRole.MEMBER
            if seat.role in (SeatRole.CHAIR, SeatRole.DEPUTY_CHAIR)
            else seat.role,
            label=seat.label,
            starts_on=on,
            holder=holding.person if holding else None,
        )
        if seat.organisation_id is not None:
            target_orgs.add(seat.organisation_id)
    _redirect_reporting(from_body=source, to_body=target, on=on, by=by)
    body_dissolve(body=source, on=on, by=by)
    source.successor = target
    source.full_clean()
    source.save(update_fields=["successor", "modified"])
    return target


# --- seats ------------------------------------------------------------------------------


def _check_within_body(*, body: Body, period: Period) -> None:
    if body.founded_on and period.start < body.founded_on:
        raise ValidationError(
            {
                "starts_on": _("Der Sitz kann nicht vor der Gründung am %(day)s beginnen.")
                % {"day": _day(body.founded_on)}
            }
        )
    if body.dissolved_on:
        last = body.dissolved_on - timedelta(days=1)
        if period.start > last or period.end is None or period.end > last:
            raise ValidationError(
                {
                    "ends_on": _("Der Sitz muss spätestens am %(day)s enden (Auflösung).")
                    % {"day": _day(last)}
                }
            )


@transaction.atomic
def seat_create(
    *,
    body: Body,
    starts_on: date,
    organisation: Organisation | None = None,
    role: str = SeatRole.MEMBER,
    label: str = "",
    ends_on: date | None = None,
    holder: Person | None = None,
    external_id: str = "",
) -> Seat:
    """Create a seat in `body`, optionally with its first holder from the same day."""
    _check_within_body(body=body, period=Period(starts_on, ends_on))
    seat = Seat(
        body=body,
        organisation=organisation,
        role=role,
        label=label,
        starts_on=starts_on,
        ends_on=ends_on,
        external_id=external_id,
    )
    seat.full_clean()
    seat.save()
    if holder is not None:
        seat_holder_set(seat=seat, person=holder, starts_on=starts_on, ends_on=ends_on)
    return seat


@transaction.atomic
def seat_holder_set(
    *, seat: Seat, person: Person, starts_on: date, ends_on: date | None = None
) -> SeatHolding:
    """`person` holds `seat` from `starts_on`; the holder before her leaves the day before."""
    Seat.objects.select_for_update().filter(pk=seat.pk).first()
    period = Period(starts_on, ends_on)
    if starts_on < seat.starts_on or (
        seat.ends_on is not None and (ends_on is None or ends_on > seat.ends_on)
    ):
        if seat.ends_on is not None and ends_on is None and starts_on <= seat.ends_on:
            ends_on = seat.ends_on
            period = Period(starts_on, ends_on)
        else:
            raise ValidationError(
                {"starts_on": _("Die Besetzung muss in der Laufzeit des Sitzes liegen.")}
            )
    previous = SeatHolding.objects.filter(seat=seat, starts_on__lt=starts_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    for holding in previous:
        holding.ends_on = starts_on - timedelta(days=1)
        holding.full_clean()
        holding.save(update_fields=["ends_on", "modified"])
    clash = (
        SeatHolding.objects.filter(overlapping(period), seat=seat).select_related("person").first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "starts_on": _(
                    "Der Sitz ist in dieser Zeit schon von %(person)s besetzt (ab %(day)s)."
                )
                % {"person": clash.person.full_name, "day": _day(clash.starts_on)}
            }
        )
    holding = SeatHolding(seat=seat, person=person, starts_on=starts_on, ends_on=ends_on)
    holding.full_clean()
    holding.save()
    return holding


@transaction.atomic
def seat_end(*, seat: Seat, last_day: date) -> Seat:
    """End a seat on `last_day`, with its holder and deputies."""
    if last_day < seat.starts_on:
        raise ValidationError({"ends_on": _("Das Ende des Sitzes liegt vor seinem Beginn.")})
    open_after = Q(ends_on__isnull=True) | Q(ends_on__gt=last_day)
    SeatHolding.objects.filter(open_after, seat=seat, starts_on__lte=last_day).update(
        ends_on=last_day
    )
    SeatDeputy.objects.filter(open_after, seat=seat, starts_on__lte=last_day).update(
        ends_on=last_day
    )
    if SeatHolding.objects.filter(seat=seat, starts_on__gt=last_day).exists():
        raise ValidationError(
            {"ends_on": _("Nach diesem Tag ist der Sitz noch besetzt; bitte zuerst ändern.")}
        )
    seat.ends_on = last_day
    seat.full_clean()
    seat.save(update_fields=["ends_on", "modified"])
    return seat


@transaction.atomic
def seat_deputy_add(
    *, seat: Seat, person: Person, starts_on: date, ends_on: date | None = None, rank: int = 1
) -> SeatDeputy:
    deputy = SeatDeputy(seat=seat, person=person, starts_on=starts_on, ends_on=ends_on, rank=rank)
    deputy.full_clean()
    deputy.save()
    return deputy


# --- meetings ---------------------------------------------------------------------------


def _check_bodies_exist(*, bodies: Sequence[Body], day: date) -> None:
    if not bodies:
        raise ValidationError({"bodies": _("Eine Sitzung gehört zu mindestens einem Gremium.")})
    for body in bodies:
        if not body.exists_on(day):
            raise ValidationError(
                {
                    "bodies": _("„%(body)s“ besteht am %(day)s nicht.")
                    % {"body": body.name, "day": _day(day)}
                }
            )


@transaction.atomic
def meeting_create(
    *,
    bodies: Sequence[Body],
    starts_at: datetime,
    ends_at: datetime | None = None,
    title: str = "",
    location: Location | None = None,
    location_text: str = "",
    is_public: bool = True,
    state: str = MeetingState.PLANNED,
    external_id: str = "",
) -> Meeting:
    """Plan a meeting of one body or a joint session of several (one agenda, one minutes)."""
    day = timezone.localdate(starts_at)
    _check_bodies_exist(bodies=bodies, day=day)
    if ends_at is None:
        version = body_version_on(body=bodies[0], on=day)
        minutes = (version.usual_duration_minutes if version else None) or 120
        ends_at = starts_at + timedelta(minutes=minutes)
    meeting = Meeting(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        location_text=location_text,
        is_public=is_public,
        state=state,
        external_id=external_id,
    )
    meeting.full_clean()
    meeting.save()
    meeting.bodies.set(bodies)
    return meeting


# Changes that attendees must hear about raise the iCalendar SEQUENCE.
SCHEDULE_FIELDS = {"starts_at", "ends_at", "location", "location_text", "state", "title"}


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, bodies: Sequence[Body] | None = None, **changes: Any
) -> Meeting:
    """Change a meeting; moving it in time or place raises its SEQUENCE."""
    allowed = SCHEDULE_FIELDS | {"is_public", "cancellation_reason", "external_id"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown meeting fields: {sorted(unknown)}")
    bumped = any(
        getattr(meeting, name) != value
        for name, value in changes.items()
        if name in SCHEDULE_FIELDS
    )
    for name, value in changes.items():
        setattr(meeting, name, value)
    day = timezone.localdate(meeting.starts_at)
    _check_bodies_exist(
        bodies=list(bodies) if bodies is not None else list(meeting.bodies.all()), day=day
    )
    if bumped:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    if bodies is not None:
        meeting.bodies.set(bodies)
    return meeting


def meeting_mark_invited(*, meeting: Meeting) -> Meeting:
    """A planned meeting whose invitation went out. Not through meeting_update: that would
    raise the SEQUENCE, and the invitation just sent would be outdated at once."""
    if meeting.state == MeetingState.PLANNED:
        Meeting.objects.filter(pk=meeting.pk, state=MeetingState.PLANNED).update(
            state=MeetingState.INVITED
        )
        meeting.state = MeetingState.INVITED
    return meeting


BODY_PERIODS = ("notice_days", "proposal_days", "objection_days")


@transaction.atomic
def body_periods_set(*, body: Body, **periods: int) -> Body:
    """The meeting cycle's periods of a body (not dated: they apply from now on)."""
    unknown = set(periods) - set(BODY_PERIODS)
    if unknown:
        raise ValueError(f"unknown periods: {sorted(unknown)}")
    for name, value in periods.items():
        if value is None or value < 0:
            raise ValidationError({name: "Bitte geben Sie eine Zahl von Tagen ab 0 an."})
        setattr(body, name, value)
    if periods:
        body.save(update_fields=[*periods, "modified"])
    return body


def meeting_cancel(*, meeting: Meeting, reason: str) -> Meeting:
    if not reason.strip():
        raise ValidationError(
            {"cancellation_reason": _("Bitte geben Sie einen Grund für die Absage an.")}
        )
    return meeting_update(meeting=meeting, state=MeetingState.CANCELLED, cancellation_reason=reason)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    text: str = "",
    topics: Iterable[Topic] = (),
    is_public: bool = True,
    position: int | None = None,
    external_id: str = "",
) -> AgendaItem:
    """Add an item at the end of the agenda, or at `position` (later items move down)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    if position is None or position > last:
        position = last + 1
    else:
        if position < 1:
            raise ValidationError({"position": _("Positionen beginnen bei 1.")})
        order = list(meeting.agenda_items.order_by("position").values_list("pk", flat=True))
        _renumber(meeting=meeting, order=order, gap_at=position)
    item = AgendaItem(
        meeting=meeting,
        position=position,
        title=title,
        text=text,
        is_public=is_public,
        external_id=external_id,
    )
    item.full_clean()
    item.save()
    item.topics.set(topics)
    return item


def _renumber(*, meeting: Meeting, order: list[int], gap_at: int | None = None) -> None:
    """Give items new positions in two steps (SQLite cannot defer the unique constraint)."""
    offset = (meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0) + len(order) + 1
    for index, pk in enumerate(order, 1):
        AgendaItem.objects.filter(pk=pk).update(position=offset + index)
    position = 1
    for pk in order:
        if gap_at is not None and position == gap_at:
            position += 1
        AgendaItem.objects.filter(pk=pk).update(position=position)
        position += 1


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, order: Sequence[int]) -> None:
    """Put the agenda in the order of `order` (every item's id, once)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    current = set(meeting.agenda_items.values_list("pk", flat=True))
    if set(order) != current or len(order) != len(current):
        raise ValidationError(
            _("Die neue Reihenfolge muss jeden Tagesordnungspunkt genau einmal enthalten.")
        )
    _renumber(meeting=meeting, order=list(order))


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, position: int) -> None:
    """Move an item to the `position`-th place; one step up or down is a swap."""
    rows = list(item.meeting.agenda_items.order_by("position").values_list("pk", "position"))
    order = [pk for pk, _position in rows]
    current = order.index(item.pk)
    target = max(0, min(position - 1, len(order) - 1))
    if abs(target - current) == 1:
        # Swapping neighbours costs three updates instead of renumbering the agenda.
        neighbour_pk, neighbour_position = rows[target]
        own_position = rows[current][1]
        parking = max(pos for _pk, pos in rows) + 1
        AgendaItem.objects.filter(pk=item.pk).update(position=parking)
        AgendaItem.objects.filter(pk=neighbour_pk).update(position=own_position)
        AgendaItem.objects.filter(pk=item.pk).update(position=neighbour_position)
        return
    order.remove(item.pk)
    order.insert(target, item.pk)
    agenda_reorder(meeting=item.meeting, order=order)


def agenda_item_step(*, item: AgendaItem, up: bool) -> None:
    """Move an item one place up or down the agenda (nothing happens at either end)."""
    order = list(item.meeting.agenda_items.order_by("position").values_list("pk", flat=True))
    rank = order.index(item.pk) + 1
    agenda_item_move(item=item, position=rank - 1 if up else rank + 1)


def _attendance_kind(*, meeting: Meeting, person: Person, seat: Seat | None) -> str:
    if seat is None:
        return AttendanceKind.GUEST
    day = timezone.localdate(meeting.starts_at)
    if SeatHolding.objects.filter(valid_on(day), seat=seat, person=person).exists():
        return AttendanceKind.HOLDER
    if SeatDeputy.objects.filter(valid_on(day), seat=seat, person=person).exists():
        return AttendanceKind.DEPUTY
    return AttendanceKind.SUBSTITUTE


@transaction.atomic
def attendance_record(*, meeting: Meeting, person: Person, seat: Seat | None = None) -> Attendance:
    """Note that `person` came, for `seat` (as holder, deputy or substitute) or as a guest."""
    if seat is not None:
        day = timezone.localdate(meeting.starts_at)
        body_ids = set(meeting.bodies.values_list("pk", flat=True))
        if seat.body_id not in body_ids:
            raise ValidationError(
                {"seat": _("Dieser Sitz gehört nicht zu den Gremien der Sitzung.")}
            )
        if not (seat.starts_on <= day and (seat.ends_on is None or seat.ends_on >= day)):
            raise ValidationError({"seat": _("Dieser Sitz bestand am Sitzungstag nicht.")})
    attendance = Attendance(
        meeting=meeting,
        person=person,
        seat=seat,
        kind=_attendance_kind(meeting=meeting, person=person, seat=seat),
    )
    attendance.full_clean()
    attendance.save()
    return attendance


@transaction.atomic
def agenda_proposal_submit(
    *,
    body: Body,
    proposed_by: Person,
    title: str,
    text: str = "",
    meeting: Meeting | None = None,
    topics: Iterable[Topic] = (),
) -> AgendaProposal:
    if meeting is not None and not meeting.bodies.filter(pk=body.pk).exists():
        raise ValidationError({"meeting": _("Diese Sitzung gehört nicht zu dem Gremium.")})
    proposal = AgendaProposal(
        body=body, proposed_by=proposed_by, title=title, text=text, meeting=meeting
    )
    proposal.full_clean()
    proposal.save()
    proposal.topics.set(topics)
    return proposal


# --- editing pages: agenda items, attendance, minutes, files ----------------------------


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    text: str = "",
    topics: Iterable[Topic] = (),
    is_public: bool = True,
) -> AgendaItem:
    """Change an item's title, text, topics and visibility (its place stays)."""
    item.title = title
    item.text = text
    item.is_public = is_public
    item.full_clean()
    item.save()
    item.topics.set(topics)
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    """Take an item off the agenda; later items move up, its files stay with the meeting."""
    meeting = item.meeting
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if item.minutes.strip() or item.result.strip():
        raise ValidationError(
            _("Zu diesem Punkt gibt es schon Protokoll oder Ergebnis. Er bleibt stehen.")
        )
    Document.objects.filter(agenda_item=item).update(agenda_item=None)
    item.delete()
    order = list(meeting.agenda_items.order_by("position").values_list("pk", flat=True))
    _renumber(meeting=meeting, order=order)


@dataclass(frozen=True)
class AttendanceEntry:
    """One person who came: for `seat`, or as a guest when `seat` is None."""

    person: Person
    seat: Seat | None = None


@transaction.atomic
def attendance_set(*, meeting: Meeting, entries: Sequence[AttendanceEntry]) -> list[Attendance]:
    """Replace the meeting's whole attendance list; every entry is checked before writing."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    day = timezone.localdate(meeting.starts_at)
    body_ids = set(meeting.bodies.values_list("pk", flat=True))
    people: set[int] = set()
    seats: set[int] = set()
    for entry in entries:
        if entry.person.pk in people:
            raise ValidationError(
                _("%(person)s ist mehr als einmal eingetragen.")
                % {"person": entry.person.full_name}
            )
        people.add(entry.person.pk)
        seat = entry.seat
        if seat is None:
            continue
        if seat.pk in seats:
            raise ValidationError(
                _("Für den Sitz „%(seat)s“ ist mehr als eine Person eingetragen.")
                % {"seat": str(seat)}
            )
        seats.add(seat.pk)
        if seat.body_id not in body_ids:
            raise ValidationError(_("Dieser Sitz gehört nicht zu den Gremien der Sitzung."))
        if not (seat.starts_on <= day and (seat.ends_on is None or seat.ends_on >= day)):
            raise ValidationError(
                _("Der Sitz „%(seat)s“ bestand am Sitzungstag nicht.") % {"seat": str(seat)}
            )
    # Kinds for all seats at once: who held which seat, who was its named deputy that day.
    holders = set(
        SeatHolding.objects.filter(valid_on(day), seat_id__in=seats).values_list(
            "seat_id", "person_id"
        )
    )
    deputies = set(
        SeatDeputy.objects.filter(valid_on(day), seat_id__in=seats).values_list(
            "seat_id", "person_id"
        )
    )
    rows = []
    for entry in entries:
        if entry.seat is None:
            kind = AttendanceKind.GUEST
        elif (entry.seat.pk, entry.person.pk) in holders:
            kind = AttendanceKind.HOLDER
        elif (entry.seat.pk, entry.person.pk) in deputies:
            kind = AttendanceKind.DEPUTY
        else:
            kind = AttendanceKind.SUBSTITUTE
        row = Attendance(meeting=meeting, person=entry.person, seat=entry.seat, kind=kind)
        # Uniqueness was checked above for the whole list, which replaces the old one; the
        # related rows are loaded objects, so their existence needs no query per row.
        row.full_clean(
            exclude=["meeting", "person", "seat"],
            validate_unique=False,
            validate_constraints=False,
        )
        rows.append(row)
    meeting.attendances.all().delete()
    return Attendance.objects.bulk_create(rows)


@dataclass(frozen=True)
class MinutesEntry:
    """What was said about one item and what came of it."""

    item: AgendaItem
    minutes: str = ""
    result: str = ""


@transaction.atomic
def minutes_record(
    *, meeting: Meeting, entries: Sequence[MinutesEntry], held: bool = False
) -> Meeting:
    """Write minutes and results of several items at once; optionally mark the meeting held.
    Approved minutes are final: changing them is refused."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if meeting.minutes_state == MinutesState.APPROVED and any(
        entry.item.minutes != entry.minutes or entry.item.result != entry.result
        for entry in entries
    ):
        raise ValidationError(
            _(
                "Das Protokoll ist genehmigt und kann nicht mehr geändert werden. "
                "Bitte tragen Sie Ergänzungen in das Protokoll der nächsten Sitzung ein."
            )
        )
    changed: list[AgendaItem] = []
    for entry in entries:
        item = entry.item
        if item.meeting_id != meeting.pk:
            raise ValidationError(_("Dieser Punkt gehört nicht zu der Sitzung."))
        if item.minutes == entry.minutes and item.result == entry.result:
            continue
        item.minutes = entry.minutes
        item.result = entry.result
        # Meeting and position stay as they are, so no uniqueness needs checking again.
        item.full_clean(exclude=["meeting"], validate_unique=False, validate_constraints=False)
        item.refresh_text_keys()
        changed.append(item)
    AgendaItem.objects.bulk_update(
        changed, ["minutes", "result", "sort_name", "search_text", "modified"]
    )
    if held and meeting.state != MeetingState.HELD:
        if meeting.state == MeetingState.CANCELLED:
            raise ValidationError(
                {"held": _("Die Sitzung wurde abgesagt; sie kann nicht stattgefunden haben.")}
            )
        if meeting.starts_at > timezone.now():
            raise ValidationError(
                {"held": _("Die Sitzung liegt in der Zukunft; sie hat noch nicht stattgefunden.")}
            )
        meeting_update(meeting=meeting, state=MeetingState.HELD)
    return meeting


DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt", "xlsx", "ods", "png", "jpg", "jpeg")


def document_check_file(*, name: str, size: int) -> None:
    """Refuse files that are too large or of a kind we do not keep."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError({"file": _("Erlaubt sind PDF, DOCX, ODT, XLSX, ODS, PNG und JPG.")})
    if size > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": _("Die Datei ist größer als 5 MB.")})


@transaction.atomic
def document_add(
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    file: Any,
    agenda_item: AgendaItem | None = None,
    is_public: bool = True,
    by: Any = None,
) -> Document:
    """Attach a file to a meeting, or to one of its agenda items."""
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Dieser Punkt gehört nicht zu der Sitzung.")})
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Bitte wählen Sie eine Art der Datei.")})
    document_check_file(name=file.name, size=file.size)
    document = Document(
        meeting=meeting,
        agenda_item=agenda_item,
        kind=kind,
        title=title,
        file=file,
        is_public=is_public,
        uploaded_by=_user_or_none(by),
    )
    document.full_clean()
    document.save()
    return document
