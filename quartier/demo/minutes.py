"""Where a meeting's minutes stand in a loaded city: one rule for the demo city and the
synthetic one. Minutes go out two weeks after the meeting and are approved when the
objection period (the body default, 14 days) has passed without objection."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from quartier.bodies.models import MeetingState, MinutesApproval, MinutesState

CIRCULATED_AFTER_DAYS = 14
OBJECTION_DAYS = 14


def minutes_fields(*, state: str, day: date, today: date) -> dict[str, Any]:
    """The minutes columns of a meeting held on `day`, as of `today`."""
    if state != MeetingState.HELD:
        return {"minutes_state": MinutesState.DRAFT}
    circulated = day + timedelta(days=CIRCULATED_AFTER_DAYS)
    if circulated > today:
        return {"minutes_state": MinutesState.DRAFT}
    until = circulated + timedelta(days=OBJECTION_DAYS)
    fields: dict[str, Any] = {
        "minutes_state": MinutesState.CIRCULATED,
        "minutes_circulated_at": timezone.make_aware(datetime.combine(circulated, time(9))),
        "minutes_objection_until": until,
    }
    if until < today:
        fields.update(
            minutes_state=MinutesState.APPROVED,
            minutes_approved_on=until + timedelta(days=1),
            minutes_approval=MinutesApproval.DEADLINE,
        )
    return fields
