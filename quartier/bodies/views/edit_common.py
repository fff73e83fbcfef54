"""Shared helpers of the editing pages: loading for the viewer, errors onto forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from quartier.actors.selectors import person_of_user
from quartier.bodies.models import AgendaItem, Body, Meeting, Seat
from quartier.bodies.permissions import (
    can_edit_agenda_item,
    can_edit_meeting,
    can_edit_seat,
    can_view_agenda_item,
    can_view_body,
    can_view_meeting,
    can_view_seat,
)
from quartier.bodies.selectors import (
    bodies_secretary_of,
    meeting_display_title,
)
from quartier.core.http import check_for, load_for
from quartier.core.permissions import is_administrator
from quartier.core.reads import PreparedRead, Slots, prepared
from quartier.places.models import Area
from quartier.places.permissions import coordinated_area_ids

FORM_TEMPLATE = "bodies/edit/form.html"
GET_POST = ["GET", "POST"]


# --- helpers ----------------------------------------------------------------------------


def apply_errors(
    form: Form,
    error: ValidationError,
    *,
    fields: dict[str, str] | None = None,
    default: str | None = None,
) -> None:
    """Put a service's ValidationError on the form: at its field if the form has one,
    else at `default` (the field the rule is about), else above the form."""
    fields = fields or {}
    if not hasattr(error, "error_dict"):
        form.add_error(default, error)
        return
    for key, errors in error.error_dict.items():
        target: str | None = fields.get(key, key)
        if key == NON_FIELD_ERRORS and key not in fields:
            target = default
        if target not in form.fields:
            target = default
        for single in errors:
            form.add_error(target, single)


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# A primary key no table reaches: replaced in a reversed URL by the row's key.
def body_crumbs(body: Body, label: str) -> list[tuple[str, str | None]]:
    return [
        ("Gremien", reverse("bodies:body-list")),
        (body.name, reverse("bodies:body-detail", args=[body.pk])),
        (label, None),
    ]


def meeting_crumbs(meeting: Meeting, label: str) -> list[tuple[str, str | None]]:
    return [
        ("Termine", reverse("bodies:calendar")),
        (meeting_display_title(meeting), reverse("bodies:meeting-detail", args=[meeting.pk])),
        (label, None),
    ]


def form_page(
    request: HttpRequest,
    *,
    form: Form,
    title: str,
    crumbs: list[tuple[str, str | None]],
    submit: str,
    cancel: str,
    intro: str = "",
    multipart: bool = False,
    extra: dict[str, Any] | None = None,
    template: str = FORM_TEMPLATE,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "crumbs": crumbs,
        "submit": submit,
        "cancel": cancel,
        "intro": intro,
        "multipart": multipart,
        **(extra or {}),
    }
    return render(request, template, context)


def load_body(request: HttpRequest, pk: int, can_edit: Any) -> Body:
    return load_for(
        request,
        Body.objects.select_related("area"),
        can_view=can_view_body,
        can_edit=can_edit,
        pk=pk,
    )


def load_seat(request: HttpRequest, pk: int) -> Seat:
    return load_for(
        request,
        Seat.objects.select_related("body", "organisation"),
        can_view=can_view_seat,
        can_edit=can_edit_seat,
        pk=pk,
    )


def load_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting with its place and its bodies (prefetched, as `prefetch_related`
    leaves them), or 404/403 as `load_for` answers."""
    return meeting_for(
        request, pk, can_edit=can_edit_meeting, areas=not is_administrator(request.user)
    )


def meeting_for(
    request: HttpRequest,
    pk: int,
    *,
    can_edit: Callable[[Any, Meeting], bool] | None = None,
    areas: bool = False,
    meeting_fields: tuple[str, ...] = (),
    body_fields: tuple[str, ...] = (),
) -> Meeting:
    """meeting_with_bodies, checked as `check_for` checks (404 for whoever may not see
    it, 403 for whoever may not `can_edit` it, if given)."""
    meeting = meeting_with_bodies(
        pk, areas=areas, meeting_fields=meeting_fields, body_fields=body_fields
    )
    if meeting is None:  # no such meeting, or one without bodies: the plain way
        return load_for(
            request,
            Meeting.objects.select_related("location").prefetch_related("bodies"),
            can_view=can_view_meeting,
            can_edit=can_edit,
            pk=pk,
        )
    return check_for(request, meeting, can_view=can_view_meeting, can_edit=can_edit)


# One prepared read per variant of meeting_with_bodies: (areas, meeting_fields, body_fields).
_MEETING_LINKS: dict[tuple[bool, tuple[str, ...], tuple[str, ...]], PreparedRead] = {}


def _meeting_links(
    areas: bool, meeting_fields: tuple[str, ...], body_fields: tuple[str, ...]
) -> PreparedRead:
    """The prepared read of a meeting's links to its bodies, each with the meeting, its
    place and the body (and the body's area for `areas`; only the fields named, if any),
    in the bodies' own order: kept once per variant, the variant being fixed by the caller.
    Slot: meeting (id)."""
    key = (areas, meeting_fields, body_fields)
    read = _MEETING_LINKS.get(key)
    if read is not None:
        return read

    def build(slot: Slots) -> QuerySet[Any]:
        related = ["meeting__location", "body"] + (["body__area"] if areas else [])
        links = Meeting.bodies.through.objects.filter(meeting_id=slot.id("meeting"))
        links = links.select_related(*related)
        if meeting_fields or body_fields:
            links = links.only(
                "meeting_id",
                "body_id",
                *(f"meeting__{name}" for name in meeting_fields),
                *(f"body__{name}" for name in body_fields),
            )
        return links.order_by("body__sort_name", "body_id")  # Body's own order

    read = _MEETING_LINKS[key] = prepared(build)
    return read


def meeting_with_bodies(
    pk: int,
    *,
    areas: bool = False,
    meeting_fields: tuple[str, ...] = (),
    body_fields: tuple[str, ...] = (),
) -> Meeting | None:
    """One query instead of two: the meeting's links to its bodies, each with the meeting,
    its place and the body; the bodies prefetched as `prefetch_related` leaves them, so
    `meeting.bodies.all()` asks nothing more. `areas` adds each body's area, which the
    permission checks of everyone but the department read (else a query per body); only
    `meeting_fields`/`body_fields`, if given. None for no such meeting or one without
    bodies."""
    found = _meeting_links(areas, tuple(meeting_fields), tuple(body_fields))(meeting=pk)
    if not found:
        return None
    meeting: Meeting = found[0].meeting
    bodies = meeting.bodies.all()
    bodies._result_cache = [link.body for link in found]
    bodies._prefetch_done = True
    meeting._prefetched_objects_cache = {"bodies": bodies}
    return meeting


def load_item(request: HttpRequest, pk: int) -> AgendaItem:
    return load_for(
        request,
        AgendaItem.objects.select_related("meeting").prefetch_related("meeting__bodies"),
        can_view=can_view_agenda_item,
        can_edit=can_edit_agenda_item,
        pk=pk,
    )


def plannable_bodies(user: Any, *, exclude: Body) -> QuerySet[Body]:
    """Bodies existing today whose meetings `user` may plan: partners of a joint session."""
    bodies = Body.objects.active().exclude(pk=exclude.pk).order_by("sort_name")
    if is_administrator(user):
        return bodies
    condition = Q(pk__in=[])
    for path in Area.objects.filter(pk__in=coordinated_area_ids(user)).values_list(
        "path", flat=True
    ):
        condition |= Q(area__path__startswith=path)
    person = person_of_user(user)
    if person is not None:
        condition |= Q(pk__in=[body.pk for body in bodies_secretary_of(person=person)])
    return bodies.filter(condition)


def saved(request: HttpRequest, text: str = "Gespeichert.") -> None:
    messages.success(request, text)
