"""Browser-gate routes of the meeting cycle (see routes.py): agenda requests, replies and
the attendance list."""

from typing import Any


def registry(helpers: dict[str, Any]) -> dict[str, Any]:
    page, not_html = helpers["Page"], helpers["NotHtml"]
    editable_meetings = helpers["editable_meetings"]
    logged_in = helpers["logged_in"]

    def coming(meetings: Any) -> Any:
        from django.utils import timezone

        return meetings.filter(state__in=["planned", "invited"], starts_at__gt=timezone.now())

    def proposable_meetings(user: Any) -> Any:
        """Coming meetings of bodies she may propose items for."""
        from quartier.bodies.models import Meeting
        from quartier.bodies.permissions import can_propose_item, meetings_visible_to

        meetings = coming(meetings_visible_to(user)).prefetch_related("bodies")
        ids = [
            meeting.pk
            for meeting in meetings
            if any(can_propose_item(user, body) for body in meeting.bodies.all())
        ]
        return Meeting.objects.filter(pk__in=ids)

    def reply_meetings(user: Any) -> Any:
        """Coming meetings she runs, or of bodies where she holds a seat today."""
        from quartier.actors.selectors import person_of_user
        from quartier.bodies.models import Meeting
        from quartier.bodies.selectors import person_holdings

        person = person_of_user(user)
        held = (
            {holding.seat.body_id for holding in person_holdings(person=person)}
            if person
            else set()
        )
        ids = set(editable_meetings(user).values_list("pk", flat=True))
        ids |= set(Meeting.objects.filter(bodies__in=held).values_list("pk", flat=True))
        return coming(Meeting.objects.filter(pk__in=ids))

    return {
        "cycle:proposal-create": page(objects=proposable_meetings, allowed=logged_in),
        "cycle:proposal-list": page(objects=editable_meetings, allowed=logged_in),
        "cycle:proposal-decide": not_html("POST only: accepts, moves or declines a request"),
        "cycle:reply": page(objects=reply_meetings, allowed=logged_in),
        "cycle:reply-overview": page(objects=editable_meetings, allowed=logged_in),
        "cycle:attendance-list": not_html("PDF file: attendance list to sign"),
        "cycle:person-search": page(objects=editable_meetings, allowed=logged_in),
    }
