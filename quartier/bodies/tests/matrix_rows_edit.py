"""Matrix rows of the editing pages: who may edit bodies, seats and meetings.

The network is public and its meetings mostly too, so outsiders who are logged in see it
and get 403; the private meeting and the private item answer 404 to whoever may not see
them; anonymous visitors are sent to the login page first.
"""

from django.urls import reverse

from quartier.bodies.models import Seat
from quartier.core.tests.matrix import LOGIN, ROLES, STAFF, Case

RUNNERS = (*STAFF, "secretary")  # who may edit the network's seats and meetings
INSIDERS = (*RUNNERS, "member")  # who sees the private meeting


def allowed(
    ok: tuple[str, ...], status: int = 200, *, seen_by: tuple[str, ...] = ROLES
) -> dict[str, int | str]:
    """`ok` get `status`; who sees it but may not edit 403; the rest 404; anonymous login."""
    result: dict[str, int | str] = {}
    for role in ROLES:
        if role == "anonymous":
            result[role] = LOGIN
        elif role in ok:
            result[role] = status
        elif role in seen_by:
            result[role] = 403
        else:
            result[role] = 404
    return result


def cases(world):
    city = world.city
    network, other = city.network, city.other_network
    public, private, past = world.public_meeting, world.private_meeting, world.past_meeting
    item, hidden_item = world.public_item, world.private_item
    seat = world.seat
    body_data = {
        "name": "Arbeitskreis Wohnen",
        "kind": "working_group",
        "level": "district",
        "area": city.district.pk,
        "founded_on": "2024-01-01",
        "is_public": "on",
    }
    meeting_data = {"day": "2099-06-01", "start": "15:00", "end": "17:00", "is_public": "on"}
    absent = {
        f"seat_{pk}": "absent"
        for pk in Seat.objects.filter(body=network).values_list("pk", flat=True)
    }
    minutes = {
        f"minutes_{pk}": "Besprochen." for pk in past.agenda_items.values_list("pk", flat=True)
    }

    def url(name, obj):
        return reverse(f"bodies:{name}", args=[obj.pk])

    return {
        "bodies:body-create": [
            Case(reverse("bodies:body-create"), allowed(STAFF)),
            Case(reverse("bodies:body-create"), allowed(STAFF, 302), method="POST", data=body_data),
            # The coordinator may not found a body outside her district: the form says so.
            Case(
                reverse("bodies:body-create"),
                {**allowed(STAFF, 302), "coordinator": 200},
                method="POST",
                data={**body_data, "area": city.other_district.pk},
            ),
        ],
        "bodies:body-edit": [
            Case(url("body-edit", network), allowed(STAFF)),
            Case(url("body-edit", other), allowed(("administrator",))),
            Case(
                url("body-edit", network),
                allowed(STAFF, 302),
                method="POST",
                data={"valid_from": "2024-01-01", "name": "Netzwerk Südstadt-Bult"},
            ),
        ],
        "bodies:seat-create": [
            Case(url("seat-create", network), allowed(RUNNERS)),
            Case(url("seat-create", other), allowed(("administrator",))),
            Case(
                url("seat-create", network),
                allowed(RUNNERS, 302),
                method="POST",
                data={"label": "Vertretung Kirchen", "role": "member", "starts_on": "2024-01-01"},
            ),
        ],
        "bodies:seat-holder": [
            Case(url("seat-holder", seat), allowed(RUNNERS)),
            Case(
                url("seat-holder", seat),
                allowed(RUNNERS, 302),
                method="POST",
                data={"person": world.hidden_person.pk, "starts_on": "2024-01-01"},
            ),
        ],
        "bodies:seat-end": [
            Case(url("seat-end", seat), allowed(RUNNERS)),
            Case(
                url("seat-end", seat),
                allowed(RUNNERS, 302),
                method="POST",
                data={"ends_on": "2030-12-31"},
            ),
        ],
        "bodies:meeting-create": [
            Case(url("meeting-create", network), allowed(RUNNERS)),
            Case(url("meeting-create", other), allowed(("administrator",))),
            Case(
                url("meeting-create", network),
                allowed(RUNNERS, 302),
                method="POST",
                data=meeting_data,
            ),
        ],
        "bodies:meeting-edit": [
            Case(url("meeting-edit", public), allowed(RUNNERS)),
            Case(url("meeting-edit", private), allowed(RUNNERS, seen_by=INSIDERS)),
            Case(
                url("meeting-edit", public),
                allowed(RUNNERS, 302),
                method="POST",
                data=meeting_data,
            ),
        ],
        "bodies:meeting-cancel": [
            Case(url("meeting-cancel", public), allowed(RUNNERS)),
            Case(
                url("meeting-cancel", private),
                allowed(RUNNERS, 302, seen_by=INSIDERS),
                method="POST",
                data={"cancellation_reason": "Der Raum ist nicht frei."},
            ),
        ],
        "bodies:meeting-agenda": [
            Case(url("meeting-agenda", public), allowed(RUNNERS)),
            Case(url("meeting-agenda", private), allowed(RUNNERS, seen_by=INSIDERS)),
            Case(
                url("meeting-agenda", public),
                allowed(RUNNERS, 302),
                method="POST",
                data={"title": "Verschiedenes", "is_public": "on"},
            ),
            Case(
                url("meeting-agenda", public),
                allowed(RUNNERS),
                method="POST",
                data={"title": "Verschiedenes", "is_public": "on"},
                htmx=True,
            ),
        ],
        "bodies:agenda-item-move": [
            Case(
                url("agenda-item-move", item),
                allowed(RUNNERS, 302),
                method="POST",
                data={"direction": "down"},
            ),
            Case(
                url("agenda-item-move", item),
                allowed(RUNNERS),
                method="POST",
                data={"direction": "down"},
                htmx=True,
            ),
            Case(
                url("agenda-item-move", hidden_item),
                allowed(RUNNERS, 302, seen_by=INSIDERS),
                method="POST",
                data={"direction": "up"},
            ),
            Case(url("agenda-item-move", item), {**dict.fromkeys(ROLES, 405), "anonymous": LOGIN}),
        ],
        "bodies:agenda-item-edit": [
            Case(url("agenda-item-edit", item), allowed(RUNNERS)),
            Case(url("agenda-item-edit", hidden_item), allowed(RUNNERS, seen_by=INSIDERS)),
            Case(
                url("agenda-item-edit", item),
                allowed(RUNNERS, 302),
                method="POST",
                data={"title": "Wohnen und Nachbarschaft"},
            ),
        ],
        "bodies:agenda-item-delete": [
            Case(url("agenda-item-delete", item), allowed(RUNNERS)),
            Case(
                url("agenda-item-delete", hidden_item),
                allowed(RUNNERS, 302, seen_by=INSIDERS),
                method="POST",
            ),
        ],
        "bodies:meeting-attendance": [
            Case(url("meeting-attendance", past), allowed(RUNNERS)),
            Case(url("meeting-attendance", private), allowed(RUNNERS, seen_by=INSIDERS)),
            Case(
                url("meeting-attendance", past),
                allowed(RUNNERS, 302),
                method="POST",
                data=absent,
            ),
        ],
        "bodies:meeting-minutes": [
            Case(url("meeting-minutes", past), allowed(RUNNERS)),
            Case(url("meeting-minutes", private), allowed(RUNNERS, seen_by=INSIDERS)),
            Case(
                url("meeting-minutes", past),
                allowed(RUNNERS, 302),
                method="POST",
                data={**minutes, "held": "on"},
            ),
        ],
        "bodies:document-upload": [
            Case(url("document-upload", public), allowed(RUNNERS)),
            Case(url("document-upload", private), allowed(RUNNERS, seen_by=INSIDERS)),
            # Without a file the form answers with its message; no file lands on disk.
            Case(
                url("document-upload", public),
                allowed(RUNNERS),
                method="POST",
                data={"kind": "annex", "title": "Anlage"},
            ),
        ],
    }
