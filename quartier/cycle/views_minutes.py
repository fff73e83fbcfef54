"""Pages of the minutes cycle: writing minutes with agreements, circulation, objections,
approval, versions, the body's agreements and "already discussed in …"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.actors.selectors import person_of_user
from quartier.bodies.forms import MinutesForm
from quartier.bodies.models import AgendaItem, Meeting, MinutesState
from quartier.bodies.permissions import (
    can_edit_meeting,
    can_edit_seats,
    can_view_meeting,
    is_insider,
    is_member,
)
from quartier.bodies.selectors import meeting_display_title
from quartier.bodies.views.edit_common import (
    GET_POST,
    apply_errors,
    body_crumbs,
    load_body,
    load_meeting,
    meeting_crumbs,
    posted,
    saved,
)
from quartier.bodies.views.edit_reads import minutes_rows
from quartier.core.dates import today
from quartier.core.http import is_htmx, load_for, paginate
from quartier.cycle import agreements as agreement_services
from quartier.cycle import minutes as minutes_services
from quartier.cycle.discussed import discussed_elsewhere
from quartier.cycle.forms_minutes import (
    AgreementChoices,
    AgreementFilterForm,
    AgreementForm,
    DoneForm,
    ObjectionForm,
    ResolveForm,
)
from quartier.cycle.models import Agreement, MinutesObjection

# --- who may ----------------------------------------------------------------------------


def can_object(user: Any, meeting: Meeting) -> bool:
    """Members of the meeting's bodies may object to circulated minutes."""
    return person_of_user(user) is not None and any(
        is_member(user, body) for body in meeting.bodies.all()
    )


def can_follow_agreements(user: Any, body: Any) -> bool:
    """Who marks a body's agreements done: its secretary, the coordinator, the department."""
    return can_edit_seats(user, body)


def can_view_agreement(user: Any, agreement: Agreement) -> bool:
    return is_insider(user, agreement.agenda_item.meeting) or can_follow_agreements(
        user, agreement.body
    )


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _minutes_url(meeting: Meeting) -> str:
    return reverse("bodies:meeting-minutes", args=[meeting.pk])


# --- the minutes page (bodies:meeting-minutes delegates here) ---------------------------


class _AgreementInvalid(Exception):
    pass


def minutes_page(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Minutes and result per item, agreements per item (several without leaving the page),
    and the approval steps. Every save keeps a version. Approved minutes are read-only and
    shown without forms; a save posted from an older page is still checked and refused."""
    if meeting.minutes_state == MinutesState.APPROVED and request.method != "POST":
        agreed = agreement_services.agreements_of_meeting(meeting)
        rows = [
            {"item": item, "agreements": agreed.get(item.pk, [])} for item in minutes_rows(meeting)
        ]
        return _minutes_render(request, meeting, rows=rows, form=None)
    # A save needs whole items (it writes their search keys); showing them does not.
    items = list(
        meeting.agenda_items.order_by("position")
        if request.method == "POST"
        else minutes_rows(meeting)
    )
    form = MinutesForm(posted(request), meeting=meeting, items=items)
    agreement_forms = _agreement_forms(request, meeting, items)
    if request.method == "POST":
        response = _minutes_post(request, meeting, items, form, agreement_forms)
        if response is not None:
            return response
    agreed = agreement_services.agreements_of_meeting(meeting)
    rows = [
        {
            "item": item,
            "minutes": minutes,
            "result": result,
            "agreements": agreed.get(item.pk, []),
            "agreement_form": agreement_forms[item.pk],
        }
        for item, minutes, result in form.rows()
    ]
    return _minutes_render(request, meeting, rows=rows, form=form)


def _minutes_render(
    request: HttpRequest, meeting: Meeting, *, rows: list[dict], form: MinutesForm | None
) -> HttpResponse:
    context = {
        "meeting": meeting,
        "rows": rows,
        "approved": meeting.minutes_state == MinutesState.APPROVED,
        "objections": minutes_services.open_objections(meeting),
        "objection_open": minutes_services.objection_open(meeting),
        "referred": minutes_services.referred_to_next_meeting(meeting),
        "next_meeting": (
            minutes_services.next_meeting_of(meeting)
            if meeting.minutes_state == MinutesState.CIRCULATED
            else None
        ),
        "awaiting": minutes_services.minutes_awaiting_approval_in(meeting),
        "versions": meeting.minutes_versions.count(),
        "objection_days": minutes_services.objection_days(meeting),
        "today": today(),
        "title": f"Protokoll: {meeting_display_title(meeting)}",
        "crumbs": meeting_crumbs(meeting, "Protokoll"),
    }
    if form is not None:  # read-only minutes have none
        context["form"] = form
    return render(request, "bodies/edit/minutes.html", context)


def _agreement_forms(
    request: HttpRequest, meeting: Meeting, items: list[AgendaItem]
) -> dict[int, AgreementForm]:
    """A form for a new agreement under every item, all offering the same lists."""
    people, organisations = agreement_services.responsible_choices(meeting)
    choices = AgreementChoices(
        people=people, organisations=organisations, bodies=list(meeting.bodies.all())
    )
    return {
        item.pk: AgreementForm(posted(request), prefix=f"v{item.pk}", choices=choices)
        for item in items
    }


def _minutes_post(
    request: HttpRequest,
    meeting: Meeting,
    items: list[AgendaItem],
    form: MinutesForm,
    agreement_forms: dict[int, AgreementForm],
) -> HttpResponse | None:
    """Save minutes and every filled-in agreement together, or nothing (None: show errors)."""
    delete = request.POST.get("delete_agreement", "")
    add = request.POST.get("add_agreement", "")
    if not form.is_valid():
        return None
    filled = {pk: f for pk, f in agreement_forms.items() if f.has_changed()}
    if add.isdigit() and int(add) in agreement_forms:
        filled.setdefault(int(add), agreement_forms[int(add)])
    if any(not f.is_valid() for f in filled.values()):
        form.add_error(
            None,
            "Eine Verabredung ist noch nicht vollständig (siehe unten). "
            "Es wurde noch nichts gespeichert.",
        )
        return None
    by_pk = {item.pk: item for item in items}
    try:
        with transaction.atomic():
            minutes_services.minutes_save(
                meeting=meeting,
                entries=form.entries(),
                held=form.cleaned_data["held"],
                by=request.user,
            )
            if filled and meeting.minutes_state == MinutesState.APPROVED:
                raise ValidationError(
                    "Das Protokoll ist genehmigt; neue Verabredungen gehören in eine neue Sitzung."
                )
            for pk, agreement_form in filled.items():
                agreement_services.agreement_add(
                    agenda_item=by_pk[pk], by=request.user, **agreement_form.service_arguments()
                )
            if delete.isdigit():
                agreement = Agreement.objects.filter(
                    pk=int(delete), agenda_item__meeting=meeting
                ).first()
                if agreement is not None:
                    agreement_services.agreement_remove(agreement=agreement)
    except ValidationError as error:
        apply_errors(form, error)
        return None
    if add or delete:
        target = int(add) if add.isdigit() else None
        saved(
            request,
            "Die Verabredung ist gespeichert." if add else "Die Verabredung ist gelöscht.",
        )
        anchor = f"#verabredungen-{target}" if target else ""
        return redirect(_minutes_url(meeting) + anchor)
    saved(request, "Das Protokoll ist gespeichert.")
    return redirect("bodies:meeting-detail", pk=meeting.pk)


# --- circulation and approval -----------------------------------------------------------


@login_required
@require_POST
def minutes_circulate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    try:
        minutes_services.minutes_circulate(meeting=meeting, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        saved(
            request,
            "Das Protokoll ist zur Genehmigung versandt. Einwände sind bis "
            f"{meeting.minutes_objection_until:%d.%m.%Y} möglich.",
        )
    return redirect(_minutes_url(meeting))


@login_required
@require_POST
def minutes_refer(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    try:
        item = minutes_services.minutes_refer_to_next_meeting(meeting=meeting, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        saved(
            request,
            f"„{item.title}“ steht jetzt als TOP 1 auf der Tagesordnung der nächsten Sitzung.",
        )
    return redirect(_minutes_url(meeting))


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    try:
        minutes_services.minutes_approve_in_meeting(meeting=meeting, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        saved(request, "Das Protokoll ist genehmigt und kann jetzt veröffentlicht werden.")
    return redirect(_next_url(request, _minutes_url(meeting)))


@login_required
@require_http_methods(GET_POST)
def minutes_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft for the body's insiders; members lodge objections here."""
    meeting = load_for(
        request,
        Meeting.objects.prefetch_related("bodies"),
        can_view=lambda user, m: can_view_meeting(user, m) and is_insider(user, m),
        pk=pk,
    )
    may_object = can_object(request.user, meeting)
    open_now = minutes_services.objection_open(meeting)
    items = meeting.agenda_items.order_by("position")
    form = ObjectionForm(posted(request), items=items)
    refusal = ""
    person = person_of_user(request.user)
    if request.method == "POST":
        if not may_object or person is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                minutes_services.minutes_object(
                    meeting=meeting,
                    person=person,
                    text=form.cleaned_data["text"],
                    agenda_item=form.cleaned_data["agenda_item"],
                )
            except ValidationError as error:
                if open_now:
                    apply_errors(form, error, default="text")
                else:
                    refusal = " ".join(error.messages)
            else:
                saved(
                    request,
                    "Ihr Einwand ist eingegangen. Die Geschäftsführung meldet sich bei Ihnen.",
                )
                return redirect("cycle:minutes-review", pk=meeting.pk)
    own = (
        list(meeting.objections.filter(person=person).order_by("created"))
        if person is not None
        else []
    )
    return render(
        request,
        "cycle/minutes/review.html",
        {
            "meeting": meeting,
            "items": list(items),
            "form": form,
            "may_object": may_object and open_now,
            "own_objections": own,
            "refusal": refusal,
            "title": f"Protokollentwurf: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Protokollentwurf"),
        },
    )


@login_required
@require_POST
def objection_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    objection = load_for(
        request,
        MinutesObjection.objects.select_related("meeting"),
        can_view=lambda user, o: is_insider(user, o.meeting),
        can_edit=lambda user, o: can_edit_meeting(user, o.meeting),
        pk=pk,
    )
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte schreiben Sie, wie der Einwand erledigt ist.")
    else:
        try:
            minutes_services.minutes_objection_resolve(
                objection=objection, resolution=form.cleaned_data["resolution"]
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            saved(request, "Der Einwand ist als erledigt vermerkt.")
    return redirect(_minutes_url(objection.meeting))


@login_required
@require_GET
def minutes_versions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    return render(
        request,
        "cycle/minutes/versions.html",
        {
            "meeting": meeting,
            "versions": minutes_services.minutes_versions(meeting),
            "title": f"Fassungen des Protokolls: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Fassungen des Protokolls"),
        },
    )


# --- agreements -------------------------------------------------------------------------


def _load_agreement(request: HttpRequest, pk: int) -> Agreement:
    return load_for(
        request,
        Agreement.objects.select_related("agenda_item__meeting", "body"),
        can_view=can_view_agreement,
        can_edit=lambda user, a: can_follow_agreements(user, a.body),
        pk=pk,
    )


@login_required
@require_POST
def agreement_done(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load_agreement(request, pk)
    form = DoneForm(request.POST)
    default = reverse("cycle:body-agreements", args=[agreement.body_id])
    if not form.is_valid():
        messages.error(request, "Bitte geben Sie ein gültiges Datum an.")
        return redirect(_next_url(request, default))
    try:
        agreement_services.agreement_done(
            agreement=agreement,
            done_on=form.cleaned_data["done_on"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        saved(request, f"Erledigt: „{agreement.text[:80]}“.")
    return redirect(_next_url(request, default))


@login_required
@require_POST
def agreement_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _load_agreement(request, pk)
    agreement_services.agreement_reopen(agreement=agreement)
    saved(request, f"Wieder offen: „{agreement.text[:80]}“.")
    return redirect(_next_url(request, reverse("cycle:body-agreements", args=[agreement.body_id])))


AGREEMENTS_PER_PAGE = 25


@login_required
@require_GET
def body_agreements(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's agreements for its secretary: overdue first, filterable, with "erledigt"."""
    body = load_body(request, pk, can_follow_agreements)
    filters = AgreementFilterForm(request.GET or None)
    state, query = filters.values()
    day = today()
    rows = agreement_services.agreements_of_body(body=body, today=day, state=state, query=query)
    return render(
        request,
        "cycle/minutes/body_agreements.html",
        {
            "body": body,
            "page": paginate(request, rows, AGREEMENTS_PER_PAGE),
            "filters": filters,
            "state": state,
            "overdue_count": sum(1 for row in rows if row.overdue),
            "today": day,
            "title": f"Verabredungen: {body.name}",
            "crumbs": body_crumbs(body, "Verabredungen"),
        },
    )


# --- "already discussed in …" ------------------------------------------------------------


@login_required
@require_GET
def discussed(request: HttpRequest, pk: int) -> HttpResponse:
    """Hints while typing a new item's title (htmx), or as a page without JavaScript."""
    meeting = load_meeting(request, pk)
    title = request.GET.get("title", "")[:255]
    text = request.GET.get("text", "")[:2000]
    topic_ids = [int(v) for v in request.GET.getlist("topics") if v.isdigit()][:20]
    hits = discussed_elsewhere(
        meeting=meeting, user=request.user, title=title, text=text, topic_ids=topic_ids
    )
    context = {
        "meeting": meeting,
        "hits": hits,
        "subject": title,
        "title": f"Schon anderswo besprochen: {meeting_display_title(meeting)}",
        "crumbs": meeting_crumbs(meeting, "Schon anderswo besprochen"),
    }
    if is_htmx(request):
        return render(request, "cycle/minutes/_discussed.html", context)
    return render(request, "cycle/minutes/discussed.html", context)


def agenda_extras(request: HttpRequest, meeting: Meeting, *, new_item: AgendaItem | None) -> dict:
    """What the agenda page shows beside the items: open points of earlier meetings, minutes
    waiting for approval here, and "already discussed in …" for an item just added."""
    hits = []
    if new_item is not None:
        hits = discussed_elsewhere(
            meeting=meeting,
            user=request.user,
            title=new_item.title,
            text=new_item.text,
            topic_ids=[topic.pk for topic in new_item.topics.all()],
            exclude_item=new_item,
        )
    return {
        "open_points": agreement_services.open_points_for(meeting),
        "follow_ids": {
            body.pk for body in meeting.bodies.all() if can_follow_agreements(request.user, body)
        },
        "next": request.get_full_path(),
        "awaiting": minutes_services.minutes_awaiting_approval_in(meeting),
        "new_item": new_item,
        "hits": hits,
        "today": today(),
    }
