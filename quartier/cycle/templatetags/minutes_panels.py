"""The minutes cycle's panel on the meeting page (insiders only): state of the minutes,
objections, open points of earlier meetings and the agreements made here."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from quartier.bodies.models import Meeting, MinutesState
from quartier.core.dates import today
from quartier.cycle import agreements, minutes

register = template.Library()


@register.inclusion_tag("cycle/minutes/_meeting_panel.html", takes_context=True)
def minutes_panel(context: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    from quartier.cycle.views_minutes import can_follow_agreements, can_object

    request = context["request"]
    user = request.user
    made_here = agreements.agreements_of_meeting(meeting)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "meeting": meeting,
        "can_edit": context.get("can_edit", False),
        "may_object": can_object(user, meeting) and minutes.objection_open(meeting),
        "circulated": meeting.minutes_state == MinutesState.CIRCULATED,
        "open_points": agreements.open_points_for(meeting),
        "made_here": [a for rows in made_here.values() for a in rows],
        "follow_ids": {
            body.pk for body in meeting.bodies.all() if can_follow_agreements(user, body)
        },
        "next": request.get_full_path(),
        "today": today(),
        "started": meeting.starts_at <= timezone.now(),
    }
