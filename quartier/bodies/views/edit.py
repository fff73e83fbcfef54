"""Editing pages for meetings: time and place, agenda, attendance, minutes, files."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from quartier.bodies import services
from quartier.bodies.forms import (
    AgendaItemAddForm,
    AgendaItemForm,
    AgendaMoveForm,
    AttendanceForm,
    DocumentForm,
    MeetingCancelForm,
    MeetingForm,
    seat_substitute_choices,
)
from quartier.bodies.models import AgendaItem, Meeting
from quartier.bodies.permissions import (
    can_plan_meeting,
)
from quartier.bodies.selectors import meeting_display_title
from quartier.bodies.views.edit_common import (
    GET_POST,
    apply_errors,
    body_crumbs,
    form_page,
    load_body,
    load_item,
    load_meeting,
    meeting_crumbs,
    plannable_bodies,
    posted,
    saved,
)
from quartier.bodies.views.edit_reads import (
    agenda_rows,
    attendances_of,
    replies_of,
    seat_states_of_meeting,
)
from quartier.core.http import is_htmx
from quartier.core.links import link

# --- meetings ---------------------------------------------------------------------------


MEETING_ERRORS = {"starts_at": "day", "ends_at": "end", "bodies": "day"}


@login_required
@require_http_methods(GET_POST)
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = load_body(request, pk, can_plan_meeting)
    form = MeetingForm(posted(request), joint_bodies=plannable_bodies(request.user, exclude=body))
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
            apply_errors(form, error, fields=MEETING_ERRORS, default="end")
        else:
            saved(request, "Die Sitzung ist angelegt.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return form_page(
        request,
        form=form,
        title=f"Neue Sitzung: {body.name}",
        crumbs=body_crumbs(body, "Neue Sitzung"),
        submit="Sitzung anlegen",
        cancel=reverse("bodies:body-detail", args=[body.pk]),
    )


@login_required
@require_http_methods(GET_POST)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    form = MeetingForm(posted(request), initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ends_at = data["ends_at"] or data["starts_at"] + (meeting.ends_at - meeting.starts_at)
        sequence = meeting.sequence
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
            apply_errors(form, error, fields=MEETING_ERRORS, default="end")
        else:
            saved(request, _update_notice(meeting, sequence))
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return form_page(
        request,
        form=form,
        title=f"Sitzung bearbeiten: {meeting_display_title(meeting)}",
        crumbs=meeting_crumbs(meeting, "Bearbeiten"),
        submit="Speichern",
        cancel=reverse("bodies:meeting-detail", args=[meeting.pk]),
        intro="Wenn sich Zeit oder Ort ändern, erhalten alle Eingeladenen eine geänderte "
        "Einladung, die ihr Kalender übernimmt.",
    )


def _invited(meeting: Meeting) -> bool:
    from quartier.bodies.models import MeetingState

    return meeting.state == MeetingState.INVITED


def _update_notice(meeting: Meeting, sequence_before: int) -> str:
    """After a change: say whether the invited hear of it (the job runner sends it)."""
    if _invited(meeting) and meeting.sequence > sequence_before:
        return (
            "Gespeichert. Alle Eingeladenen erhalten die geänderte Einladung mit dem nächsten "
            "automatischen Versand (siehe „Einladung und Versand“)."
        )
    return "Gespeichert."


@login_required
@require_http_methods(GET_POST)
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    form = MeetingCancelForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        was_invited = _invited(meeting)
        try:
            services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["cancellation_reason"]
            )
        except ValidationError as error:
            apply_errors(form, error, default="cancellation_reason")
        else:
            saved(
                request,
                "Die Sitzung ist abgesagt. Alle Eingeladenen erhalten die Absage mit dem "
                "nächsten automatischen Versand."
                if was_invited
                else "Die Sitzung ist abgesagt.",
            )
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return form_page(
        request,
        form=form,
        title=f"Sitzung absagen: {meeting_display_title(meeting)}",
        crumbs=meeting_crumbs(meeting, "Absagen"),
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
    new_item: AgendaItem | None = None,
) -> HttpResponse:
    """The agenda page or, for htmx, its list. `focus` names where the keyboard focus goes
    after a swap ("title" for the next new item, "<pk>-up"/"<pk>-down" for a moved item)."""
    from quartier.cycle.views_minutes import agenda_extras

    if focus == "title":
        form.fields["title"].widget.attrs["autofocus"] = True
    context = {
        # Open points, minutes to approve here, "already discussed in …" (cycle app).
        **agenda_extras(request, meeting, new_item=new_item),
        "meeting": meeting,
        "items": _agenda_table(request, meeting, focus=focus),
        "form": form,
        "notice": notice,
        "focus": focus,
        "title": f"Tagesordnung: {meeting_display_title(meeting)}",
        "crumbs": meeting_crumbs(meeting, "Tagesordnung"),
    }
    template = "bodies/edit/_agenda_list.html" if fragment else "bodies/edit/agenda.html"
    return render(request, template, context)


def _agenda_table(request: HttpRequest, meeting: Meeting, *, focus: str) -> list[dict[str, Any]]:
    """The agenda editor's rows, built once in Python: links, topics, where the focus goes,
    and each row's HTML (through the template engine a row cost about 0.3 ms)."""
    items = agenda_rows(meeting)
    csrf_input = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    rows = []
    for index, item in enumerate(items):
        first, last = index == 0, index == len(items) - 1
        up, down = f"{item.pk}-up", f"{item.pk}-down"
        row = {
            "pk": item.pk,
            "position": item.position,
            "title": item.title,
            "topics": ", ".join(item.topics) or "–",
            "is_public": item.is_public,
            "first": first,
            "last": last,
            "move_url": link("bodies:agenda-item-move", item.pk),
            "edit_url": link("bodies:agenda-item-edit", item.pk),
            "delete_url": link("bodies:agenda-item-delete", item.pk),
            # A moved item keeps the focus on its button; at an end of the list, where
            # that button is gone, on the other one.
            "focus_up": focus == up or (focus == down and last),
            "focus_down": focus == down or (focus == up and first),
        }
        row["html"] = _agenda_row_html(row, csrf_input)
        rows.append(row)
    return rows


def _agenda_row_html(row: dict[str, Any], csrf_input: str) -> SafeString:
    """One row of the agenda table, laid out as the template wrote it before."""
    title = conditional_escape(row["title"])
    move_url = conditional_escape(row["move_url"])
    moves = []
    for show, direction, label, focus in (
        (not row["first"], "up", "nach oben", row["focus_up"]),
        (not row["last"], "down", "nach unten", row["focus_down"]),
    ):
        form = ""
        if show:
            form = (
                f'\n            <form method="post" action="{move_url}" hx-post="{move_url}" '
                'hx-target="#agenda-editor" hx-swap="outerHTML" class="inline-form">\n'
                f'              {csrf_input}<input type="hidden" name="direction" '
                f'value="{direction}">\n'
                '              <button type="submit" class="kern-btn kern-btn--secondary" '
                f'aria-label="{label}: {title}"{" autofocus" if focus else ""}>'
                f'<span class="kern-label">{label}</span></button>\n'
                "            </form>\n            "
            )
        moves.append(form)
    cell = '\n          <td class="kern-table__cell">'
    return mark_safe(  # noqa: S308 - every value is escaped above or below
        f'\n        <tr class="kern-table__row agenda-item" id="top-{row["pk"]}">'
        f"{cell}{row['position']}</td>"
        f'\n          <th scope="row" class="kern-table__cell">{title}</th>'
        f"{cell}{conditional_escape(row['topics'])}</td>"
        f"{cell}{'ja' if row['is_public'] else 'nein'}</td>"
        f"{cell}\n            {moves[0]}\n            {moves[1]}\n          </td>"
        f"{cell}"
        f'\n            <a class="kern-link" href="{conditional_escape(row["edit_url"])}" '
        f'aria-label="Bearbeiten: {title}">Bearbeiten</a>'
        f'\n            <a class="kern-link" href="{conditional_escape(row["delete_url"])}" '
        f'aria-label="Löschen: {title}">Löschen</a>'
        "\n          </td>\n        </tr>\n        "
    )


@login_required
@require_http_methods(GET_POST)
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda in order, with moving and an add form; htmx swaps only the list."""
    meeting = load_meeting(request, pk)
    form = AgendaItemAddForm(posted(request))
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
            apply_errors(form, error, default="position")
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
                    new_item=item,
                )
            saved(request, notice)
            # After the redirect the page shows "already discussed in …" for the new item.
            request.session[f"agenda-new-item-{meeting.pk}"] = item.pk
            return redirect("bodies:meeting-agenda", pk=meeting.pk)
    new_item = None
    new_pk = request.session.pop(f"agenda-new-item-{meeting.pk}", None)
    if request.method == "GET" and new_pk:
        new_item = meeting.agenda_items.filter(pk=new_pk).first()
    return _agenda_response(
        request,
        meeting,
        form,
        fragment=htmx and request.method == "POST",
        new_item=new_item,
    )


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = load_item(request, pk)
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
    item = load_item(request, pk)
    form = AgendaItemForm(posted(request), item=item)
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
            apply_errors(form, error, default="title")
        else:
            saved(request)
            return redirect("bodies:meeting-agenda", pk=item.meeting.pk)
    return form_page(
        request,
        form=form,
        title=f"TOP {item.position} bearbeiten",
        crumbs=meeting_crumbs(item.meeting, f"TOP {item.position}"),
        submit="Speichern",
        cancel=reverse("bodies:meeting-agenda", args=[item.meeting.pk]),
    )


@login_required
@require_http_methods(GET_POST)
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = load_item(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.agenda_item_remove(item=item)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            saved(request, f"„{item.title}“ ist von der Tagesordnung genommen.")
            return redirect("bodies:meeting-agenda", pk=item.meeting.pk)
    return render(
        request,
        "bodies/edit/agenda_item_delete.html",
        {
            "item": item,
            "error": error,
            "crumbs": meeting_crumbs(item.meeting, f"TOP {item.position} löschen"),
        },
    )


# --- attendance, minutes, files ---------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Who came: every seat of the meeting's bodies that day in one form, plus guests."""
    meeting = load_meeting(request, pk)
    day = timezone.localdate(meeting.starts_at)
    seats = seat_states_of_meeting(bodies=list(meeting.bodies.all()), day=day)
    replies = replies_of(meeting)
    form = AttendanceForm(
        posted(request),
        seats=seats,
        attendances=attendances_of(meeting),
        substitutes=seat_substitute_choices(seats=seats, day=day),
        replies=replies,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(meeting=meeting, entries=form.entries)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            saved(request, "Die Anwesenheit ist gespeichert.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "bodies/edit/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "joint": len(meeting.bodies.all()) > 1,
            "title": f"Anwesenheit: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Anwesenheit"),
        },
    )


@login_required
@require_http_methods(GET_POST)
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Minutes per item with agreements, versions and approval: the cycle app runs the page."""
    from quartier.cycle.views_minutes import minutes_page

    return minutes_page(request, load_meeting(request, pk))


@login_required
@require_http_methods(GET_POST)
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    form = DocumentForm(
        posted(request), request.FILES if request.method == "POST" else None, meeting=meeting
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
            apply_errors(form, error, default="file")
        else:
            saved(request, "Die Datei ist hochgeladen.")
            return redirect("bodies:meeting-detail", pk=meeting.pk)
    return form_page(
        request,
        form=form,
        title=f"Datei hochladen: {meeting_display_title(meeting)}",
        crumbs=meeting_crumbs(meeting, "Datei hochladen"),
        submit="Hochladen",
        cancel=reverse("bodies:meeting-detail", args=[meeting.pk]),
        multipart=True,
    )
