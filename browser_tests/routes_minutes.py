"""Browser-gate routes of the meeting cycle (see routes.py): minutes, agreements and
"already discussed in …"."""

from typing import Any


def registry(helpers: dict[str, Any]) -> dict[str, Any]:
    from quartier.bodies.models import Body, Meeting
    from quartier.bodies.permissions import can_edit_seats, insider_body_ids
    from quartier.core.permissions import is_administrator

    Page, NotHtml = helpers["Page"], helpers["NotHtml"]
    logged_in = helpers["logged_in"]
    editable_meetings = helpers["editable_meetings"]

    def insider_meetings(user: Any) -> Any:
        """Meetings whose draft minutes the user may read (order: oldest first)."""
        if is_administrator(user):
            return Meeting.objects.order_by("starts_at", "pk")
        return (
            Meeting.objects.filter(bodies__in=insider_body_ids(user))
            .distinct()
            .order_by("starts_at", "pk")
        )

    def followed_bodies(user: Any) -> Any:
        ids = [body.pk for body in Body.objects.all() if can_edit_seats(user, body)]
        return Body.objects.filter(pk__in=ids).order_by("pk")

    return {
        "cycle:minutes-circulate": NotHtml("POST only: sends the minutes for approval"),
        "cycle:minutes-refer": NotHtml("POST only: puts the approval on the next agenda"),
        "cycle:minutes-approve": NotHtml("POST only: records approval in the next meeting"),
        "cycle:objection-resolve": NotHtml("POST only: settles an objection"),
        "cycle:agreement-done": NotHtml("POST only: marks an agreement done"),
        "cycle:agreement-reopen": NotHtml("POST only: opens an agreement again"),
        "cycle:minutes-review": Page(objects=insider_meetings, allowed=logged_in),
        "cycle:minutes-versions": Page(objects=editable_meetings, allowed=logged_in),
        "cycle:body-agreements": Page(objects=followed_bodies, allowed=logged_in),
        "cycle:discussed": Page(objects=editable_meetings, allowed=logged_in),
    }
