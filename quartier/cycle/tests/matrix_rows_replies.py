"""Matrix rows of agenda requests, replies and the attendance list.

Members of the network propose items and answer for their own seat; whoever runs the
meeting (department, coordinator, secretary) decides on requests, sees the expected
attendance, answers on someone's behalf and prints the list. Logged-in outsiders see the
public meeting and get 403; the private meeting answers them 404.
"""

from django.urls import reverse

from quartier.bodies.models import Seat
from quartier.bodies.tests.matrix_rows_edit import INSIDERS, RUNNERS, allowed
from quartier.core.tests.matrix import LOGIN, ROLES, Case
from quartier.cycle.proposals import proposal_submit

PROPOSERS = (*RUNNERS, "member")


def cases(world):
    network = world.city.network
    public, private = world.public_meeting, world.private_meeting
    member_seat = Seat.objects.get(body=network, organisation__name="Seniorenbeirat")
    proposal = proposal_submit(
        body=network,
        meeting=public,
        proposed_by=world.personas.member.person,
        title="Sitzbänke am Stephansplatz",
    )

    def url(name, meeting, seat=None):
        target = reverse(f"cycle:{name}", args=[meeting.pk])
        return f"{target}?sitz={seat.pk}" if seat is not None else target

    proposal_data = {"body": network.pk, "title": "Barrierefreie Wege"}
    decide = reverse("cycle:proposal-decide", args=[public.pk, proposal.pk])
    return {
        "cycle:proposal-create": [
            Case(url("proposal-create", public), allowed(PROPOSERS)),
            Case(url("proposal-create", private), allowed(PROPOSERS, seen_by=INSIDERS)),
            # Accounts without a person record are told so on the form (200).
            Case(
                url("proposal-create", public),
                {**allowed(PROPOSERS, 302), "administrator": 200, "coordinator": 200},
                method="POST",
                data=proposal_data,
            ),
        ],
        "cycle:proposal-list": [
            Case(url("proposal-list", public), allowed(RUNNERS)),
            Case(url("proposal-list", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
        "cycle:proposal-decide": [
            Case(decide, allowed(RUNNERS, 302), method="POST", data={"action": "accept"}),
            Case(decide, allowed(RUNNERS), method="POST", data={"action": "accept"}, htmx=True),
            Case(
                decide,
                allowed(RUNNERS, 302),
                method="POST",
                data={"action": "decline", "reason": "Gehört in den Stadtbezirksrat."},
            ),
            Case(decide, {**dict.fromkeys(ROLES, 405), "anonymous": LOGIN}),
        ],
        "cycle:reply": [
            # Without a seat: her own seat for the member, a choice of seats for the runners.
            Case(url("reply", public), allowed(PROPOSERS)),
            Case(url("reply", private), allowed(PROPOSERS, seen_by=INSIDERS)),
            Case(url("reply", public, member_seat), allowed(PROPOSERS)),
            Case(url("reply", private, member_seat), allowed(PROPOSERS, seen_by=INSIDERS)),
            Case(url("reply", public, world.seat), allowed(RUNNERS)),
            Case(
                url("reply", public),
                allowed(PROPOSERS, 302),
                method="POST",
                data={"answer": "yes", "sitz": member_seat.pk},
            ),
            Case(
                url("reply", public),
                allowed(RUNNERS, 302),
                method="POST",
                data={"answer": "substitute", "substitute_name": "Frau Neu", "sitz": world.seat.pk},
            ),
        ],
        "cycle:reply-overview": [
            Case(url("reply-overview", public), allowed(RUNNERS)),
            Case(url("reply-overview", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
        "cycle:attendance-list": [
            Case(url("attendance-list", public), allowed(RUNNERS)),
            Case(url("attendance-list", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
        "cycle:person-search": [
            Case(url("person-search", public) + "?q=Petra", allowed(RUNNERS)),
            Case(url("person-search", private) + "?q=Petra", allowed(RUNNERS, seen_by=INSIDERS)),
        ],
    }
