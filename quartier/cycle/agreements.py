"""Agreements (Verabredungen): who does what by when. Open ones come back as open points on
the body's next agenda until someone marks them done. Services and selectors in one module."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.actors.models import Organisation, Person, full_name
from quartier.bodies.models import AgendaItem, Attendance, Body, Meeting, Seat, SeatHolding
from quartier.bodies.selectors import body_version_on
from quartier.core.dates import today as local_today
from quartier.core.dates import valid_on
from quartier.core.reads import PreparedRead, Slots, prepared
from quartier.cycle.models import Agreement
from quartier.cycle.replies import PERSON_NAME_FIELDS


def _ordered(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    # Agreements without a date come last: they are the least pressing.
    return queryset.order_by(F("due_on").asc(nulls_last=True), "pk")


def _with_relations(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return queryset.select_related(
        "agenda_item__meeting", "body", "responsible_person", "responsible_organisation"
    )


# What the minutes, agenda and meeting pages and the invitation show of an agreement: who
# does what by when, whether it is done, and under which item it was agreed. Reading only
# these columns spares four wide related rows per agreement.
SHOWN_COLUMNS = (
    "agenda_item",
    "body",
    "text",
    "responsible_person",
    "responsible_organisation",
    "responsible_text",
    "due_on",
    "done_on",
    "agenda_item__position",
    *(f"responsible_person__{name}" for name in PERSON_NAME_FIELDS),
    "responsible_organisation__name",
)


def _shown(queryset: QuerySet[Agreement], *more: str) -> QuerySet[Agreement]:
    related = ["agenda_item", "responsible_person", "responsible_organisation"]
    related += [name.rsplit("__", 1)[0] for name in more]
    return queryset.select_related(*related).only(*SHOWN_COLUMNS, *more)


# --- selectors --------------------------------------------------------------------------


def open_points_for(meeting: Meeting) -> list[Agreement]:
    """Open agreements of the meeting's bodies made at earlier meetings, by due date, with
    the columns shown (SHOWN_COLUMNS and the day of the meeting they were made at)."""
    body_ids = [body.pk for body in meeting.bodies.all()]
    queryset = Agreement.objects.open().filter(
        body_id__in=body_ids, agenda_item__meeting__starts_at__lt=meeting.starts_at
    )
    return list(_ordered(_shown(queryset, "agenda_item__meeting__starts_at")))


def agreements_of_item(item: AgendaItem) -> list[Agreement]:
    """Everything agreed under one agenda item, open and done."""
    return list(_ordered(_with_relations(Agreement.objects.filter(agenda_item=item))))


def agreements_of_meeting(meeting: Meeting) -> dict[int, list[Agreement]]:
    """The agreements made at `meeting`, grouped by agenda item id (one query), with the
    columns shown (SHOWN_COLUMNS)."""
    grouped: dict[int, list[Agreement]] = {}
    queryset = _ordered(_shown(Agreement.objects.filter(agenda_item__meeting=meeting)))
    for agreement in queryset:
        grouped.setdefault(agreement.agenda_item_id, []).append(agreement)
    return grouped


class AgreementFilter:
    """The states the secretary's list can show."""

    OPEN = "offen"
    OVERDUE = "ueberfaellig"
    DONE = "erledigt"
    ALL = "alle"
    CHOICES = [
        (OPEN, "offen"),
        (OVERDUE, "überfällig"),
        (DONE, "erledigt"),
        (ALL, "alle"),
    ]


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    overdue: bool


def _of_body(*, state: str, body: Any, today: Any) -> QuerySet[Agreement]:
    """The agreements of `body` in `state` (AgreementFilter; any other value: all) due
    before `today` if overdue: `body` and `today` are values or slots."""
    queryset = Agreement.objects.filter(body_id=body)
    if state == AgreementFilter.OPEN:
        return queryset.open()
    if state == AgreementFilter.OVERDUE:
        return queryset.overdue(today)
    if state == AgreementFilter.DONE:
        return queryset.filter(done_on__isnull=False)
    return queryset


@functools.cache
def _of_body_read(state: str) -> PreparedRead:
    """agreements_of_body's read without a search, for one state (one kept read each)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Agreement]:
        """By due date, with relations. Slots: body, today (a date; used if overdue)."""
        body, today = slot.id("body"), slot.date("today")
        return _ordered(_with_relations(_of_body(state=state, body=body, today=today)))

    return read


def agreements_of_body(
    *, body: Body, today: date, state: str = AgreementFilter.OPEN, query: str = ""
) -> list[AgreementRow]:
    """The body's agreements for its secretary: overdue ones first, then by due date."""
    query = query.strip()
    if query:
        queryset = _of_body(state=state, body=body.pk, today=today).filter(
            Q(text__icontains=query)
            | Q(responsible_text__icontains=query)
            | Q(responsible_person__sort_name__icontains=query)
            | Q(responsible_organisation__name__icontains=query)
        )
        agreements = list(_ordered(_with_relations(queryset)))
    else:
        known = {value for value, _label in AgreementFilter.CHOICES}
        read = _of_body_read(state if state in known else AgreementFilter.ALL)
        agreements = read(body=body.pk, today=today)
    rows = [
        AgreementRow(
            agreement=agreement,
            overdue=agreement.done_on is None
            and agreement.due_on is not None
            and agreement.due_on < today,
        )
        for agreement in agreements
    ]
    # Stable sort: overdue first, each group keeps the due-date order.
    rows.sort(key=lambda row: not row.overdue)
    if state == AgreementFilter.DONE:
        rows.sort(key=lambda row: row.agreement.done_on or date.min, reverse=True)
    return rows


def agreements_assigned_to(person: Person, *, today: date | None = None) -> list[Agreement]:
    """Open agreements a person answers for: by name, or through an organisation she works
    for today."""
    day = today or local_today()
    organisation_ids = person.affiliations.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    ).values_list("organisation_id", flat=True)
    queryset = Agreement.objects.open().filter(
        Q(responsible_person=person) | Q(responsible_organisation_id__in=organisation_ids)
    )
    return list(_ordered(_with_relations(queryset)))


Choice = tuple[int, str]


def responsible_choices(meeting: Meeting) -> tuple[list[Choice], list[Choice]]:
    """Who can take on an agreement, as (id, name) rows: the people who held a seat, came
    or run the body that day, and the seats' organisations. Short lists instead of the
    whole city."""
    day = timezone.localdate(meeting.starts_at)
    bodies = list(meeting.bodies.all())
    body_ids = [body.pk for body in bodies]
    secretaries = []
    for body in bodies:
        version = body_version_on(body=body, on=day)
        if version is not None and version.secretary_id:
            secretaries.append(version.secretary_id)
    # Ids first, then the people: an OR over a join with all attendances made the
    # database look at every person of the city (250 ms at city scale).
    holders = SeatHolding.objects.filter(valid_on(day), seat__body_id__in=body_ids)
    came = Attendance.objects.filter(meeting=meeting)
    ids = {
        *holders.order_by()
        .values_list("person_id", flat=True)
        .union(came.order_by().values_list("person_id", flat=True)),
        *secretaries,
    }
    people = [
        (pk, full_name(*names))
        for pk, *names in Person.objects.filter(pk__in=ids)
        .order_by("sort_name", "pk")
        .values_list("pk", *PERSON_NAME_FIELDS)
    ]
    seats = Seat.objects.filter(valid_on(day), body_id__in=body_ids)
    organisations = list(
        Organisation.objects.filter(pk__in=seats.values("organisation_id"))
        .order_by("sort_name", "pk")
        .values_list("pk", "name")
    )
    return people, organisations


# --- services ---------------------------------------------------------------------------


def _check_body(*, item: AgendaItem, body: Body | None) -> Body:
    bodies = list(item.meeting.bodies.all())
    if body is None:
        if not bodies:
            raise ValidationError(_("Die Sitzung gehört zu keinem Gremium."))
        return min(bodies, key=lambda candidate: candidate.pk)
    if body.pk not in {candidate.pk for candidate in bodies}:
        raise ValidationError({"body": _("Dieses Gremium hat an der Sitzung nicht teilgenommen.")})
    return body


@transaction.atomic
def agreement_add(
    *,
    agenda_item: AgendaItem,
    text: str,
    responsible_person: Person | None = None,
    responsible_organisation: Organisation | None = None,
    responsible_text: str = "",
    due_on: date | None = None,
    body: Body | None = None,
    by: Any = None,
) -> Agreement:
    """Record who does what by when under `agenda_item`; a joint session names the body
    that follows it up (default: the first of the meeting's bodies)."""
    if not text.strip():
        raise ValidationError({"text": _("Bitte schreiben Sie, was verabredet wurde.")})
    agreement = Agreement(
        agenda_item=agenda_item,
        body=_check_body(item=agenda_item, body=body),
        text=text.strip(),
        responsible_person=responsible_person,
        responsible_organisation=responsible_organisation,
        responsible_text=responsible_text.strip(),
        due_on=due_on,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_done(
    *, agreement: Agreement, done_on: date | None = None, note: str = ""
) -> Agreement:
    """Mark an agreement done; it leaves the open points of later agendas."""
    if agreement.done_on is not None:
        raise ValidationError(_("Diese Verabredung ist schon als erledigt vermerkt."))
    agreement.done_on = done_on or local_today()
    agreement.done_note = note.strip()
    agreement.full_clean()
    agreement.save(update_fields=["done_on", "done_note", "modified"])
    return agreement


@transaction.atomic
def agreement_reopen(*, agreement: Agreement) -> Agreement:
    """Undo "erledigt" (a click by mistake): the agreement is open again."""
    agreement.done_on = None
    agreement.done_note = ""
    agreement.save(update_fields=["done_on", "done_note", "modified"])
    return agreement


@transaction.atomic
def agreement_remove(*, agreement: Agreement) -> None:
    """Delete an agreement recorded by mistake (only while its minutes are not approved)."""
    if agreement.agenda_item.meeting.minutes_released:
        raise ValidationError(
            _(
                "Das Protokoll ist genehmigt; die Verabredung bleibt. "
                "Markieren Sie sie als erledigt."
            )
        )
    agreement.delete()
