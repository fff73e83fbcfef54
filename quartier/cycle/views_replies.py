"""Pages of agenda requests, replies and the attendance list."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.actors.models import Person
from quartier.actors.selectors import person_of_user
from quartier.bodies.models import AgendaProposal, Meeting
from quartier.bodies.permissions import can_edit_meeting, can_propose_item
from quartier.bodies.selectors import MEETING_PLACE_FIELDS, meeting_display_title
from quartier.bodies.views.edit_common import (
    GET_POST,
    apply_errors,
    load_meeting,
    meeting_crumbs,
    meeting_for,
    posted,
    saved,
)
from quartier.core.http import is_htmx
from quartier.core.links import link
from quartier.cycle import proposals, replies
from quartier.cycle.attendance_list import attendance_list_pdf
from quartier.cycle.forms_replies import (
    ACCEPT,
    MOVE,
    ProposalDecisionForm,
    ProposalForm,
    ReplyForm,
)
from quartier.cycle.models import ReplyAnswer

SEARCH_LIMIT = 20


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- agenda requests --------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A member proposes an item for a coming meeting, until the body's deadline."""
    meeting = meeting_for(request, pk)
    bodies = [body for body in meeting.bodies.all() if can_propose_item(request.user, body)]
    if not bodies:
        raise PermissionDenied
    person = person_of_user(request.user)
    open_bodies = [
        body for body in bodies if proposals.proposals_open_for(meeting=meeting, body=body)
    ]
    form = ProposalForm(posted(request), bodies=open_bodies or bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if person is None:
            form.add_error(
                None,
                "Ihr Konto ist mit keiner Person verbunden. Bitte wenden Sie "
                "sich an die Verwaltung.",
            )
        else:
            try:
                proposals.proposal_submit(
                    body=data["body"],
                    meeting=meeting,
                    proposed_by=person,
                    title=data["title"],
                    text=data["text"],
                    topics=data["topics"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                saved(
                    request,
                    "Ihr Thema ist angemeldet. Die Geschäftsführung entscheidet darüber; "
                    "das Ergebnis sehen Sie in „Mein Bereich“.",
                )
                return redirect("bodies:mine")
    deadlines = [(body, proposals.proposal_last_day(meeting=meeting, body=body)) for body in bodies]
    return render(
        request,
        "cycle/replies/proposal_form.html",
        {
            "meeting": meeting,
            "form": form,
            "open": bool(open_bodies),
            "deadlines": deadlines,
            "person": person,
            "title": f"Thema anmelden: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Thema anmelden"),
        },
    )


def _decision_rows(meeting: Meeting, pending: list[AgendaProposal], forms: dict[int, Any]):
    targets = proposals.move_targets(body_ids=[body.pk for body in meeting.bodies.all()])
    rows = []
    for proposal in pending:
        own = [
            target
            for target in targets
            if target.pk != meeting.pk
            and any(b.pk == proposal.body_id for b in target.bodies.all())
        ]
        form = forms.get(proposal.pk) or ProposalDecisionForm(
            targets=own, auto_id=f"id_p{proposal.pk}_%s"
        )
        rows.append((proposal, form))
    return rows


def _proposal_page(
    request: HttpRequest, meeting: Meeting, forms: dict[int, Any] | None = None, status: int = 200
) -> HttpResponse:
    pending = proposals.proposals_pending_for(meeting=meeting)
    return render(
        request,
        "cycle/replies/proposal_list.html",
        {
            "meeting": meeting,
            "rows": _decision_rows(meeting, pending, forms or {}),
            "decided": proposals.proposals_decided_for(meeting=meeting),
            "title": f"Themenvorschläge: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Themenvorschläge"),
        },
        status=status,
    )


@login_required
@require_GET
def proposal_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary's page: every open request of the meeting, one small form each."""
    meeting = load_meeting(request, pk)
    return _proposal_page(request, meeting)


@login_required
@require_POST
def proposal_decide(request: HttpRequest, pk: int, proposal: int) -> HttpResponse:
    """Accept, move or decline one request; htmx swaps only its row."""
    meeting = load_meeting(request, pk)
    pending = {row.pk: row for row in proposals.proposals_pending_for(meeting=meeting)}
    item = pending.get(proposal)
    if item is None:
        raise Http404
    [(_item, blank)] = _decision_rows(meeting, [item], {})
    targets = list(blank.fields["meeting"].queryset)
    form = ProposalDecisionForm(request.POST, targets=targets, auto_id=f"id_p{item.pk}_%s")
    notice = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == ACCEPT:
                decided = proposals.proposal_accept(proposal=item, meeting=meeting)
                position = decided.agenda_item.position if decided.agenda_item else ""
                notice = f"„{decided.title}“ steht jetzt als TOP {position} auf der Tagesordnung."
            elif data["action"] == MOVE:
                decided = proposals.proposal_move(
                    proposal=item, meeting=data["meeting"], reason=data["reason"]
                )
                day = timezone.localtime(data["meeting"].starts_at)
                notice = f"„{decided.title}“ ist auf die Sitzung am {day:%d.%m.%Y} verschoben."
            else:
                decided = proposals.proposal_decline(proposal=item, reason=data["reason"])
                notice = f"„{decided.title}“ ist abgelehnt."
        except ValidationError as error:
            apply_errors(form, error, fields={"reason": "reason", "meeting": "meeting"})
        else:
            if is_htmx(request):
                return render(
                    request,
                    "cycle/replies/_proposal_decided.html",
                    {"proposal": decided, "notice": notice, "meeting": meeting},
                )
            saved(request, notice)
            return redirect("cycle:proposal-list", pk=meeting.pk)
    if is_htmx(request):
        return render(
            request,
            "cycle/replies/_proposal_row.html",
            {"proposal": item, "form": form, "meeting": meeting},
        )
    return _proposal_page(request, meeting, {item.pk: form})


# --- replies ----------------------------------------------------------------------------


def _seat_param(request: HttpRequest) -> int | None:
    raw = request.POST.get("sitz") or request.GET.get("sitz") or ""
    return int(raw) if raw.isdigit() else None


def _choose_seat(request: HttpRequest, meeting: Meeting, seats: list, *, on_behalf: bool):
    return render(
        request,
        "cycle/replies/reply_choose.html",
        {
            "meeting": meeting,
            "seats": seats,
            "on_behalf": on_behalf,
            "title": f"Rückmeldung: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Rückmeldung"),
        },
    )


def _reply_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting with what the reply page shows and checks of it (title, time, place,
    state, bodies), without the wide rows of meeting, location and bodies."""
    return meeting_for(
        request, pk, meeting_fields=REPLY_MEETING_FIELDS, body_fields=REPLY_BODY_FIELDS
    )


REPLY_BODY_FIELDS = ("name", "is_public", "area_id")
REPLY_MEETING_FIELDS = (
    "title",
    "starts_at",
    "state",
    "is_public",
    "location",
    *MEETING_PLACE_FIELDS,
)


@login_required
@require_http_methods(GET_POST)
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply for one seat (`?sitz=`): by its holder, or by whoever runs the meeting on
    her behalf. Without a seat (the link in the invitation) it is the visitor's own seat,
    or a choice when she holds several or answers for others."""
    meeting = _reply_meeting(request, pk)
    day = replies.meeting_day(meeting)
    person = person_of_user(request.user)
    seat_pk = _seat_param(request)
    # Whether she runs the meeting is asked only when it decides something: a member
    # answering for her own seat needs none of its queries.
    if seat_pk is None:
        held = (
            replies.reply_seats(meeting=meeting, day=day, held_by=person)
            if person is not None
            else []
        )
        if len(held) == 1:
            state = held[0]
        elif held:
            return _choose_seat(request, meeting, held, on_behalf=False)
        elif can_edit_meeting(request.user, meeting):
            seats = replies.reply_seats(meeting=meeting, day=day)
            return _choose_seat(request, meeting, seats, on_behalf=True)
        else:
            raise PermissionDenied
    else:
        found = replies.reply_seats(meeting=meeting, day=day, seat_pk=seat_pk)
        if not found:
            raise Http404
        state = found[0]
        mine = person is not None and person.pk in state.holder_ids
        if not (mine or can_edit_meeting(request.user, meeting)):
            raise PermissionDenied
        held = [state] if mine else []
    on_behalf = state not in held
    choices = replies.substitute_choices(seats=[state], day=day)[state.seat.pk]
    existing = replies.reply_of(meeting=meeting, seat=state.seat)
    initial = {}
    if existing is not None:
        initial = {
            "answer": existing.answer,
            "substitute": existing.substitute_id,
            "substitute_name": existing.substitute_name,
            "note": existing.note,
        }
    form = ReplyForm(posted(request), choices=choices, initial=initial)
    if on_behalf:
        form.fields["answer"].label = "Antwort"
    is_open = replies.replies_open(meeting=meeting)
    default_next = (
        reverse("cycle:reply-overview", args=[meeting.pk]) if on_behalf else reverse("bodies:mine")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        substitute = (
            Person.objects.filter(pk=data["substitute"]).first()
            if data["substitute"] is not None
            else None
        )
        try:
            replies.reply_set(
                meeting=meeting,
                seat=state.seat,
                answer=data["answer"],
                substitute=substitute,
                substitute_name=data["substitute_name"],
                note=data["note"],
                answered_by=person,
                allowed_substitutes=choices.ids(),
            )
        except ValidationError as error:
            apply_errors(form, error, default="answer")
        else:
            label = dict(ReplyAnswer.choices)[data["answer"]]
            who = state.holder.full_name if state.holder else str(state.seat)
            saved(
                request,
                f"Rückmeldung für {who} gespeichert: {label}."
                if on_behalf
                else f"Danke, Ihre Rückmeldung ist gespeichert: {label}.",
            )
            return redirect(_next_url(request, default_next))
    return render(
        request,
        "cycle/replies/reply_form.html",
        {
            "meeting": meeting,
            "state": state,
            "form": form,
            "existing": existing,
            "is_open": is_open,
            "on_behalf": on_behalf,
            "cancel": _next_url(request, default_next),
            "title": f"Rückmeldung: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Rückmeldung"),
        },
    )


@login_required
@require_GET
def reply_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The expected attendance: counts first, then each seat with its reply."""
    meeting = load_meeting(request, pk)
    expected = replies.expected_overview(meeting=meeting)
    is_open = replies.replies_open(meeting=meeting)
    return render(
        request,
        "cycle/replies/reply_overview.html",
        {
            "meeting": meeting,
            "expected": expected,
            "joint": len(meeting.bodies.all()) > 1,
            "is_open": is_open,
            "reply_url": link("cycle:reply", meeting.pk) if is_open else "",
            "title": f"Rückmeldungen: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Rückmeldungen"),
        },
    )


# --- attendance list and person search --------------------------------------------------


@login_required
@require_GET
def attendance_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable attendance list as an A4 PDF."""
    meeting = load_meeting(request, pk)
    response = HttpResponse(attendance_list_pdf(meeting=meeting), content_type="application/pdf")
    name = slugify(meeting_display_title(meeting))[:60] or "sitzung"
    response["Content-Disposition"] = (
        f'inline; filename="anwesenheitsliste-{name}-{meeting.pk}.pdf"'
    )
    return response


@login_required
@require_GET
def person_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Up to 20 people whose name matches `q`, to find how a guest is spelled in the
    directory: a page, or for htmx the list alone (suggestions under the attendance form)."""
    meeting = load_meeting(request, pk)
    query = request.GET.get("q", "").strip()
    people = (
        list(Person.objects.search(query).order_by("sort_name", "pk")[:SEARCH_LIMIT])
        if len(query) >= 2
        else []
    )
    return render(
        request,
        "cycle/replies/_person_suggestions.html"
        if is_htmx(request)
        else "cycle/replies/person_search.html",
        {
            "people": people,
            "meeting": meeting,
            "query": query,
            "title": "Im Verzeichnis nachsehen",
            "crumbs": meeting_crumbs(meeting, "Im Verzeichnis nachsehen"),
        },
    )
