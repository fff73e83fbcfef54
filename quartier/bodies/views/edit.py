"""Editing pages for staff: bodies, seats, meetings, agenda, attendance, minutes, files.

Every page loads its object through load_for (404 for whoever may not see it, 403 for
whoever may see but not change it); writes go through the atomic services, whose German
ValidationErrors are put back on the form at the field they concern.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from quartier.actors.selectors import person_of_user
from quartier.bodies import services
from quartier.bodies.forms import (
    AgendaItemAddForm,
    AgendaItemForm,
    AgendaMoveForm,
    AttendanceForm,
    BodyChangeForm,
    BodyCreateForm,
    DocumentForm,
    MeetingCancelForm,
    MeetingForm,
    MinutesForm,
    SeatCreateForm,
    SeatEndForm,
    SeatHolderForm,
    people_choices,
)
from quartier.bodies.models import AgendaItem, Body, Meeting, Seat
from quartier.bodies.permissions import (
    can_create_body,
    can_edit_agenda_item,
    can_edit_body,
    can_edit_meeting,
    can_edit_seat,
    can_edit_seats,
    can_plan_meeting,
    can_view_agenda_item,
    can_view_body,
    can_view_meeting,
    can_view_seat,
)
from quartier.bodies.selectors import (
    bodies_secretary_of,
    body_seats_on,
    body_version_on,
    meeting_display_title,
    seat_history,
)
from quartier.core.http import is_htmx, load_for
from quartier.core.permissions import is_administrator
from quartier.places.models import Area
from quartier.places.permissions import coordinated_area_ids

FORM_TEMPLATE = "bodies/edit/form.html"
GET_POST = ["GET", "POST"]


# --- helpers ----------------------------------------------------------------------------


def _apply_errors(
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


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _body_crumbs(body: Body, label: str) -> list[tuple[str, str | None]]:
    return [
        ("Gremien", reverse("bodies:body-list")),
        (body.name, reverse("bodies:body-detail", args=[body.pk])),
        (label, None),
    ]


def _meeting_crumbs(meeting: Meeting, label: str) -> list[tuple[str, str | None]]:
    return [
        ("Termine", reverse("bodies:calendar")),
        (meeting_display_title(meeting), reverse("bodies:meeting-detail", args=[meeting.pk])),
        (label, None),
    ]


def _form_page(
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


def _load_body(request: HttpRequest, pk: int, can_edit: Any) -> Body:
    return load_for(
        request,
        Body.objects.select_related("area"),
        can_view=can_view_body,
        can_edit=can_edit,
        pk=pk,
    )


def _load_seat(request: HttpRequest, pk: int) -> Seat:
    return load_for(
        request,
        Seat.objects.select_related("body", "organisation"),
        can_view=can_view_seat,
        can_edit=can_edit_seat,
        pk=pk,
    )


def _load_meeting(request: HttpRequest, pk: int) -> Meeting:
    return load_for(
        request,
        Meeting.objects.select_related("location").prefetch_related("bodies"),
        can_view=can_view_meeting,
        can_edit=can_edit_meeting,
        pk=pk,
    )


def _load_item(request: HttpRequest, pk: int) -> AgendaItem:
    return load_for(
        request,
        AgendaItem.objects.select_related("meeting").prefetch_related("meeting__bodies"),
        can_view=can_view_agenda_item,
        can_edit=can_edit_agenda_item,
        pk=pk,
    )


def _plannable_bodies(user: Any, *, exclude: Body) -> QuerySet[Body]:
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


def _saved(request: HttpRequest, text: str = "Gespeichert.") -> None:
    messages.success(request, text)


# --- bodies -----------------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def body_create(request: HttpRequest) -> HttpResponse:
    if not can_create_body(request.user):
        raise PermissionDenied
    form = BodyCreateForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = services.body_create(
                kind=data["kind"],
                level=data["level"],
                area=data["area"],
                name=data["name"],
                short_name=data["short_name"],
                founded_on=data["founded_on"],
                purpose=data["purpose"],
                is_public=data["is_public"],
                cadence_per_year=data["cadence_per_year"],
                usual_duration_minutes=data["usual_duration_minutes"],
                reports_to=data["reports_to"],
                secretary=data["secretary"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error, default="founded_on")
        else:
            _saved(request, "Das Gremium ist angelegt.")
            return redirect("bodies:body-detail", pk=body.pk)
    return _form_page(
        request,
        form=form,
        title="Neues Gremium",
        crumbs=[("Gremien", reverse("bodies:body-list")), ("Neues Gremium", None)],
        submit="Gremium anlegen",
        cancel=reverse("bodies:body-list"),
    )


@login_required
@require_http_methods(GET_POST)
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = _load_body(request, pk, can_edit_body)
    version = body_version_on(body=body) or body.versions.order_by("valid_from").first()
    form = BodyChangeForm(_posted(request), body=body, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_change(
                body=body,
                on=form.cleaned_data["valid_from"],
                by=request.user,
                note=form.cleaned_data["note"],
                **form.changes(),
            )
        except ValidationError as error:
            _apply_errors(form, error, default="valid_from")
        else:
            _saved(request)
            return redirect("bodies:body-detail", pk=body.pk)
    return _form_page(
        request,
        form=form,
        title=f"{body.name} bearbeiten",
        crumbs=_body_crumbs(body, "Bearbeiten"),
        submit="Speichern",
        cancel=reverse("bodies:body-detail", args=[body.pk]),
        intro="Jede Änderung gilt ab einem Tag. Was vorher galt, bleibt in der Geschichte "
        "des Gremiums erhalten.",
    )


# --- seats ------------------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def seat_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = _load_body(request, pk, can_edit_seats)
    form = SeatCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.seat_create(
                body=body,
                starts_on=data["starts_on"],
                organisation=data["organisation"],
                role=data["role"],
                label=data["label"],
                holder=data["holder"],
            )
        except ValidationError as error:
            _apply_errors(form, error, fields={"ends_on": "starts_on"}, default="starts_on")
        else:
            _saved(request, "Der Sitz ist angelegt.")
            return redirect("bodies:body-detail", pk=body.pk)
    return _form_page(
        request,
        form=form,
        title=f"Neuer Sitz in {body.name}",
        crumbs=_body_crumbs(body, "Neuer Sitz"),
        submit="Sitz anlegen",
        cancel=reverse("bodies:body-detail", args=[body.pk]),
        intro="Ein Sitz gehört meist einer Organisation; wer ihn innehat, kann wechseln.",
    )


@login_required
@require_http_methods(GET_POST)
def seat_holder(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _load_seat(request, pk)
    form = SeatHolderForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_holder_set(
                seat=seat,
                person=form.cleaned_data["person"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as error:
            _apply_errors(form, error, fields={"ends_on": "starts_on"}, default="starts_on")
        else:
            _saved(request)
            return redirect("bodies:body-detail", pk=seat.body.pk)
    return _form_page(
        request,
        form=form,
        title=f"Sitz besetzen: {seat}",
        crumbs=_body_crumbs(seat.body, "Sitz besetzen"),
        submit="Besetzung speichern",
        cancel=reverse("bodies:body-detail", args=[seat.body.pk]),
        extra={"holdings": list(seat_history(seat=seat))},
        template="bodies/edit/seat_holder.html",
    )


@login_required
@require_http_methods(GET_POST)
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    seat = _load_seat(request, pk)
    form = SeatEndForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_end(seat=seat, last_day=form.cleaned_data["ends_on"])
        except ValidationError as error:
            _apply_errors(form, error, default="ends_on")
        else:
            _saved(request, "Der Sitz ist beendet.")
            return redirect("bodies:body-detail", pk=seat.body.pk)
    return _form_page(
        request,
        form=form,
        title=f"Sitz beenden: {seat}",
        crumbs=_body_crumbs(seat.body, "Sitz beenden"),
        submit="Sitz beenden",
        cancel=reverse("bodies:body-detail", args=[seat.body.pk]),
        intro="Frühere Sitzungen und Besetzungen bleiben erhalten.",
    )


# --- meetings ---------------------------------------------------------------------------


MEETING_ERRORS = {"starts_at": "day", "ends_at": "end", "bodies": "day"}


@login_required
@require_http_methods(GET_POST)
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = _load_body(request, pk, can_plan_meeting)
    form = MeetingForm(_posted(request), joint_bodies=_plannable_bodies(request.user, exclude=body))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                bodies=[body, *data["joint_bodies"]],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                title=data["title"],
                location=data["location"],
                location_text=data["location_text"],
                is_public=data["is_public"],
            )
        except ValidationError as error:
            _apply_errors(form, error, fields=MEETING_ERRORS, default="end")
        else:
            _saved(request, "Die Sitzung ist angelegt.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title=f"Neue Sitzung: {body.name}",
        crumbs=_body_crumbs(body, "Neue Sitzung"),
        submit="Sitzung anlegen",
        cancel=reverse("bodies:body-detail", args=[body.pk]),
    )


@login_required
@require_http_methods(GET_POST)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _load_meeting(request, pk)
    form = MeetingForm(_posted(request), initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ends_at = data["ends_at"] or data["starts_at"] + (meeting.ends_at - meeting.starts_at)
        try:
            services.meeting_update(
                meeting=meeting,
                starts_at=data["starts_at"],
                ends_at=ends_at,
                title=data["title"],
                location=data["location"],
                location_text=data["location_text"],
                is_public=data["is_public"],
            )
        except ValidationError as error:
            _apply_errors(form, error, fields=MEETING_ERRORS, default="end")
        else:
            _saved(request)
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title=f"Sitzung bearbeiten: {meeting_display_title(meeting)}",
        crumbs=_meeting_crumbs(meeting, "Bearbeiten"),
        submit="Speichern",
        cancel=reverse("bodies:meeting-detail", args=[meeting.pk]),
        intro="Wenn sich Zeit oder Ort ändern, erhalten Kalender die neue Fassung.",
    )


@login_required
@require_http_methods(GET_POST)
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _load_meeting(request, pk)
    form = MeetingCancelForm(_posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["cancellation_reason"]
            )
        except ValidationError as error:
            _apply_errors(form, error, default="cancellation_reason")
        else:
            _saved(request, "Die Sitzung ist abgesagt.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title=f"Sitzung absagen: {meeting_display_title(meeting)}",
        crumbs=_meeting_crumbs(meeting, "Absagen"),
        submit="Sitzung absagen",
        cancel=reverse("bodies:meeting-detail", args=[meeting.pk]),
        intro="Die Sitzung bleibt mit dem Vermerk „abgesagt“ sichtbar.",
    )


# --- agenda -----------------------------------------------------------------------------


def _agenda_response(
    request: HttpRequest,
    meeting: Meeting,
    form: Form,
    *,
    fragment: bool,
    notice: str = "",
    focus: str = "",
) -> HttpResponse:
    """The agenda page or, for htmx, its list. `focus` names where the keyboard focus goes
    after a swap ("title" for the next new item, "<pk>-up"/"<pk>-down" for a moved item)."""
    items = list(meeting.agenda_items.prefetch_related("topics").order_by("position"))
    if focus == "title":
        form.fields["title"].widget.attrs["autofocus"] = True
    context = {
        "meeting": meeting,
        "items": items,
        "form": form,
        "notice": notice,
        "focus": focus,
        "title": f"Tagesordnung: {meeting_display_title(meeting)}",
        "crumbs": _meeting_crumbs(meeting, "Tagesordnung"),
    }
    template = "bodies/edit/_agenda_list.html" if fragment else "bodies/edit/agenda.html"
    return render(request, template, context)


@login_required
@require_http_methods(GET_POST)
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda in order, with moving and an add form; htmx swaps only the list."""
    meeting = _load_meeting(request, pk)
    form = AgendaItemAddForm(_posted(request))
    htmx = is_htmx(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.agenda_item_add(
                meeting=meeting,
                title=data["title"],
                text=data["text"],
                topics=data["topics"],
                is_public=data["is_public"],
                position=data["position"],
            )
        except ValidationError as error:
            _apply_errors(form, error, default="position")
        else:
            notice = f"TOP {item.position} „{item.title}“ ist hinzugefügt."
            if htmx:
                return _agenda_response(
                    request,
                    meeting,
                    AgendaItemAddForm(),
                    fragment=True,
                    notice=notice,
                    focus="title",
                )
            _saved(request, notice)
            return redirect("bodies:meeting-agenda", pk=meeting.pk)
    return _agenda_response(request, meeting, form, fragment=htmx and request.method == "POST")


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _load_item(request, pk)
    form = AgendaMoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Bitte „nach oben“ oder „nach unten“ wählen.")
    direction = form.cleaned_data["direction"]
    services.agenda_item_step(item=item, up=direction == "up")
    meeting = item.meeting
    if is_htmx(request):
        item.refresh_from_db(fields=["position"])
        notice = f"„{item.title}“ ist jetzt TOP {item.position}."
        return _agenda_response(
            request,
            meeting,
            AgendaItemAddForm(),
            fragment=True,
            notice=notice,
            focus=f"{item.pk}-{direction}",
        )
    return redirect("bodies:meeting-agenda", pk=meeting.pk)


@login_required
@require_http_methods(GET_POST)
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _load_item(request, pk)
    form = AgendaItemForm(_posted(request), item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_update(
                item=item,
                title=data["title"],
                text=data["text"],
                topics=data["topics"],
                is_public=data["is_public"],
            )
        except ValidationError as error:
            _apply_errors(form, error, default="title")
        else:
            _saved(request)
            return redirect("bodies:meeting-agenda", pk=item.meeting.pk)
    return _form_page(
        request,
        form=form,
        title=f"TOP {item.position} bearbeiten",
        crumbs=_meeting_crumbs(item.meeting, f"TOP {item.position}"),
        submit="Speichern",
        cancel=reverse("bodies:meeting-agenda", args=[item.meeting.pk]),
    )


@login_required
@require_http_methods(GET_POST)
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _load_item(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.agenda_item_remove(item=item)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            _saved(request, f"„{item.title}“ ist von der Tagesordnung genommen.")
            return redirect("bodies:meeting-agenda", pk=item.meeting.pk)
    return render(
        request,
        "bodies/edit/agenda_item_delete.html",
        {
            "item": item,
            "error": error,
            "crumbs": _meeting_crumbs(item.meeting, f"TOP {item.position} löschen"),
        },
    )


# --- attendance, minutes, files ---------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Who came: every seat of the meeting's bodies that day in one form, plus guests."""
    meeting = _load_meeting(request, pk)
    day = timezone.localdate(meeting.starts_at)
    seats = []
    for body in meeting.bodies.all():
        for state in body_seats_on(body=body, on=day):
            state.seat.body = body  # known already; spares a query per seat
            seats.append(state)
    form = AttendanceForm(
        _posted(request),
        seats=seats,
        people=people_choices(),
        attendances=list(meeting.attendances.all()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(meeting=meeting, entries=form.entries)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _saved(request, "Die Anwesenheit ist gespeichert.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "bodies/edit/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "joint": len(meeting.bodies.all()) > 1,
            "title": f"Anwesenheit: {meeting_display_title(meeting)}",
            "crumbs": _meeting_crumbs(meeting, "Anwesenheit"),
        },
    )


@login_required
@require_http_methods(GET_POST)
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _load_meeting(request, pk)
    items = list(meeting.agenda_items.order_by("position"))
    form = MinutesForm(_posted(request), meeting=meeting, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_record(
                meeting=meeting, entries=form.entries(), held=form.cleaned_data["held"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _saved(request, "Das Protokoll ist gespeichert.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "bodies/edit/minutes.html",
        {
            "meeting": meeting,
            "form": form,
            "title": f"Protokoll: {meeting_display_title(meeting)}",
            "crumbs": _meeting_crumbs(meeting, "Protokoll"),
        },
    )


@login_required
@require_http_methods(GET_POST)
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _load_meeting(request, pk)
    form = DocumentForm(
        _posted(request), request.FILES if request.method == "POST" else None, meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                meeting=meeting,
                kind=data["kind"],
                title=data["title"],
                file=data["file"],
                agenda_item=data["agenda_item"],
                is_public=data["is_public"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error, default="file")
        else:
            _saved(request, "Die Datei ist hochgeladen.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title=f"Datei hochladen: {meeting_display_title(meeting)}",
        crumbs=_meeting_crumbs(meeting, "Datei hochladen"),
        submit="Hochladen",
        cancel=reverse("bodies:meeting-detail", args=[meeting.pk]),
        multipart=True,
    )
