from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from quartier.bodies.ics import meeting_calendar
from quartier.bodies.models import Meeting
from quartier.bodies.permissions import can_view_meeting, is_insider
from quartier.bodies.selectors import (
    meeting_agenda,
    meeting_display_title,
    meetings_upcoming_public,
)
from quartier.places.selectors import area_city, districts_by_number


def _meeting_for_viewer(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, or 404 for anyone who may not see it (no hint that it exists)."""
    meeting = get_object_or_404(Meeting.objects.select_related("location"), pk=pk)
    if not can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "bodies/home.html",
        {
            "city": area_city(),
            "districts": districts_by_number(),
            "meetings": meetings_upcoming_public(limit=10),
        },
    )


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_viewer(request, pk)
    agenda = meeting_agenda(meeting=meeting, include_private=is_insider(request.user, meeting))
    body = meeting_calendar(meeting=meeting, agenda=agenda)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    name = slugify(meeting_display_title(meeting))[:60] or "sitzung"
    response["Content-Disposition"] = f'attachment; filename="{name}-{meeting.pk}.ics"'
    return response
