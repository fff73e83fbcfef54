"""The secretary's page "Einladung und Versand": when the invitation is due or went out,
who gets it how, a button to send it now, the letters to print, and the dispatch log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from quartier.bodies.selectors import meeting_display_title
from quartier.bodies.views.edit_common import load_meeting, meeting_crumbs
from quartier.cycle.invite import invitation_status, meeting_dispatch_now
from quartier.cycle.letters import letters_pdf


@login_required
@require_GET
def meeting_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    status = invitation_status(meeting=meeting)
    return render(
        request,
        "cycle/invite/meeting_invitation.html",
        {
            "meeting": meeting,
            "status": status,
            "title": f"Einladung und Versand: {meeting_display_title(meeting)}",
            "crumbs": meeting_crumbs(meeting, "Einladung und Versand"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def meeting_invitation_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    result = meeting_dispatch_now(meeting=meeting)
    if result.failed:
        messages.error(
            request,
            f"{result.failed} E-Mail(s) konnten nicht versandt werden. Der nächste "
            "automatische Versand versucht es noch einmal.",
        )
    if result.total:
        parts = []
        if result.emails:
            parts.append(f"{result.emails} E-Mail(s) versandt")
        if result.letters:
            parts.append(f"{result.letters} Brief(e) zum Drucken bereit")
        messages.success(request, ", ".join(parts) + ".")
    elif not result.failed:
        messages.info(request, "Es war nichts zu versenden: Alle haben schon Bescheid.")
    return redirect("cycle:meeting-invitation", pk=meeting.pk)


@login_required
@require_GET
def meeting_letters(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load_meeting(request, pk)
    response = HttpResponse(letters_pdf(meeting=meeting), content_type="application/pdf")
    day = timezone.localdate(meeting.starts_at)
    response["Content-Disposition"] = f'inline; filename="einladung-briefe-{day:%Y-%m-%d}.pdf"'
    return response
