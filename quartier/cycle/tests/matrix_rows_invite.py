"""Matrix rows of "Einladung und Versand": the secretary, the coordinator and the
department may open and use it; members and citizens who see the meeting get 403, who
does not see the (private) meeting 404, anonymous visitors the login page."""

from django.urls import reverse

from quartier.bodies.tests.matrix_rows_edit import INSIDERS, RUNNERS, allowed
from quartier.core.tests.matrix import LOGIN, ROLES, Case


def cases(world):
    public, private = world.public_meeting, world.private_meeting

    def url(name, meeting):
        return reverse(f"cycle:{name}", args=[meeting.pk])

    post_only = {role: (LOGIN if role == "anonymous" else 405) for role in ROLES}
    return {
        "cycle:meeting-invitation": [
            Case(url("meeting-invitation", public), allowed(RUNNERS)),
            Case(url("meeting-invitation", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
        "cycle:meeting-invitation-send": [
            Case(url("meeting-invitation-send", public), allowed(RUNNERS, 302), method="POST"),
            Case(
                url("meeting-invitation-send", private),
                allowed(RUNNERS, 302, seen_by=INSIDERS),
                method="POST",
            ),
            Case(url("meeting-invitation-send", public), post_only),
        ],
        "cycle:meeting-letters": [
            Case(url("meeting-letters", public), allowed(RUNNERS)),
            Case(url("meeting-letters", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
    }
