"""Agenda requests: the deadline, and accept / move / decline by the secretary."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from quartier.bodies.models import AgendaItem, AgendaProposal, MeetingState, ProposalState
from quartier.bodies.services import agenda_item_add, meeting_cancel
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.proposals import (
    proposal_accept,
    proposal_decline,
    proposal_last_day,
    proposal_move,
    proposal_submit,
    proposals_open_for,
    proposals_pending_for,
)
from quartier.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _long_sessions(settings):
    # The clock travels months ahead; a login made today must not expire on the way.
    settings.SESSION_COOKIE_AGE = 20 * 365 * 24 * 3600


@pytest.fixture
def meetings(world):
    network = world.city.network
    first = make_meeting(network, when=aware(2027, 3, 3))
    agenda_item_add(meeting=first, title="Begrüßung")
    later = make_meeting(network, when=aware(2027, 6, 2))
    return first, later


def dieter(world):
    return world.personas.member.person


def propose(client, meeting, title="Sitzbänke am Stephansplatz", **extra):
    return client.post(
        reverse("cycle:proposal-create", args=[meeting.pk]),
        {"body": meeting.bodies.get().pk, "title": title, "text": "Es fehlen Bänke.", **extra},
    )


# --- the deadline -----------------------------------------------------------------------


def test_the_last_day_is_the_meeting_day_minus_the_bodys_proposal_days(world, meetings):
    first, _later = meetings
    network = world.city.network
    assert proposal_last_day(meeting=first, body=network) == date(2027, 2, 10)
    network.proposal_days = 7
    network.save()
    assert proposal_last_day(meeting=first, body=network) == date(2027, 2, 24)


@pytest.mark.parametrize(
    "moment",
    [aware(2027, 2, 9, 12), aware(2027, 2, 10, 8), aware(2027, 2, 10, 23, 59)],
    ids=["the day before", "on the day, morning", "on the day, late evening"],
)
def test_a_member_may_propose_until_the_end_of_the_last_day(client, world, meetings, moment):
    first, _later = meetings
    client.force_login(world.personas.member)
    with time_machine.travel(moment, tick=False):
        response = propose(client, first)
    assert response.status_code == 302
    assert response["Location"] == reverse("bodies:mine")
    proposal = AgendaProposal.objects.get()
    assert (proposal.meeting, proposal.body, proposal.proposed_by, proposal.state) == (
        first,
        world.city.network,
        dieter(world),
        ProposalState.OPEN,
    )


def test_after_the_deadline_a_clear_message_and_nothing_is_saved(client, world, meetings):
    first, _later = meetings
    client.force_login(world.personas.member)
    with time_machine.travel(aware(2027, 2, 11, 0, 1), tick=False):
        page = client.get(reverse("cycle:proposal-create", args=[first.pk]))
        response = propose(client, first)
    assert (
        "Die Frist für Themenvorschläge zu dieser Sitzung ist abgelaufen" in page.content.decode()
    )
    assert '<form method="post">' not in page.content.decode()
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Die Frist für Themenvorschläge zu dieser Sitzung ist am 10.02.2027 abgelaufen" in errors
    assert not AgendaProposal.objects.exists()


def test_the_service_refuses_after_the_deadline_and_for_cancelled_meetings(world, meetings):
    first, later = meetings
    with time_machine.travel(aware(2027, 2, 11), tick=False):
        assert not proposals_open_for(meeting=first, body=world.city.network)
        with pytest.raises(ValidationError, match="abgelaufen"):
            proposal_submit(
                body=world.city.network, meeting=first, proposed_by=dieter(world), title="Zu spät"
            )
        meeting_cancel(meeting=later, reason="Raum fehlt")
        with pytest.raises(ValidationError, match="vorbei oder abgesagt"):
            proposal_submit(
                body=world.city.network, meeting=later, proposed_by=dieter(world), title="Abgesagt"
            )
    assert not AgendaProposal.objects.exists()


def test_a_meeting_of_another_body_is_refused(world, meetings):
    other = make_meeting(world.city.other_network, when=aware(2027, 3, 3))
    with time_machine.travel(aware(2027, 1, 1), tick=False), pytest.raises(ValidationError):
        proposal_submit(
            body=world.city.network, meeting=other, proposed_by=dieter(world), title="Falsch"
        )


def test_an_empty_title_is_refused_by_the_form(client, world, meetings):
    first, _later = meetings
    client.force_login(world.personas.member)
    with time_machine.travel(aware(2027, 1, 1), tick=False):
        response = propose(client, first, title="  ")
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not AgendaProposal.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("contact", 403), ("citizen", 403), ("member", 200), ("secretary", 200)],
)
def test_who_may_propose(client, world, meetings, role, status):
    first, _later = meetings
    client.force_login(getattr(world.personas, role))
    with time_machine.travel(aware(2027, 1, 1), tick=False):
        response = client.get(reverse("cycle:proposal-create", args=[first.pk]))
    assert response.status_code == status


def test_outsiders_do_not_learn_that_a_private_meeting_exists(client, world):
    client.force_login(world.personas.citizen)
    target = reverse("cycle:proposal-create", args=[world.private_meeting.pk])
    assert client.get(target).status_code == 404


# --- decisions --------------------------------------------------------------------------


@pytest.fixture
def proposal(world, meetings):
    first, _later = meetings
    housing = Topic.objects.get(slug="wohnen")
    with time_machine.travel(aware(2027, 1, 1), tick=False):
        return proposal_submit(
            body=world.city.network,
            meeting=first,
            proposed_by=dieter(world),
            title="Sitzbänke am Stephansplatz",
            text="Es fehlen Bänke.",
            topics=[housing],
        )


def decide(client, at, proposal, **data):
    return client.post(reverse("cycle:proposal-decide", args=[at.pk, proposal.pk]), data)


def test_accept_puts_the_item_at_the_end_of_the_draft_agenda(client, world, meetings, proposal):
    first, _later = meetings
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        response = decide(client, first, proposal, action="accept")
    assert response["Location"] == reverse("cycle:proposal-list", args=[first.pk])
    proposal.refresh_from_db()
    item = proposal.agenda_item
    assert proposal.state == ProposalState.ACCEPTED
    assert (item.meeting, item.position, item.title, item.text) == (
        first,
        2,
        "Sitzbänke am Stephansplatz",
        "Es fehlen Bänke.",
    )
    assert [topic.slug for topic in item.topics.all()] == ["wohnen"]


def test_move_to_another_planned_meeting_of_the_same_body(client, world, meetings, proposal):
    first, later = meetings
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        page = client.get(reverse("cycle:proposal-list", args=[first.pk])).content.decode()
        response = decide(client, first, proposal, action="move", meeting=later.pk)
    assert f'value="{later.pk}"' in page
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.meeting) == (ProposalState.MOVED, later)
    assert not AgendaItem.objects.filter(title=proposal.title).exists()
    # It now waits at the later meeting, where it can be accepted.
    assert list(proposals_pending_for(meeting=later)) == [proposal]
    assert list(proposals_pending_for(meeting=first)) == []
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        proposal_accept(proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.agenda_item.meeting == later


def test_move_needs_a_meeting_and_refuses_other_bodies_and_past_meetings(world, meetings, proposal):
    first, later = meetings
    other = make_meeting(world.city.other_network, when=aware(2027, 6, 2))
    past = make_meeting(world.city.network, when=aware(2026, 6, 2), state=MeetingState.HELD)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        for target in (other, past, first):
            with pytest.raises(ValidationError):
                proposal_move(proposal=proposal, meeting=target)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.meeting) == (ProposalState.OPEN, first)


def test_move_without_a_meeting_is_refused_by_the_form(client, world, meetings, proposal):
    first, _later = meetings
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        response = decide(client, first, proposal, action="move")
    assert response.status_code == 200
    assert "Bitte wählen Sie die Sitzung" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN


def test_decline_requires_a_reason(client, world, meetings, proposal):
    first, _later = meetings
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        response = decide(client, first, proposal, action="decline", reason="  ")
        assert response.status_code == 200
        assert "Bitte begründen Sie die Ablehnung." in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.state == ProposalState.OPEN
        with pytest.raises(ValidationError, match="begründen"):
            proposal_decline(proposal=proposal, reason="")
        response = decide(
            client, first, proposal, action="decline", reason="Gehört in den Stadtbezirksrat."
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_reason) == (
        ProposalState.DECLINED,
        "Gehört in den Stadtbezirksrat.",
    )


def test_a_decided_proposal_cannot_be_decided_again(client, world, meetings, proposal):
    first, _later = meetings
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        proposal_decline(proposal=proposal, reason="Nein.")
        with pytest.raises(ValidationError, match="schon entschieden"):
            proposal_accept(proposal=proposal)
        client.force_login(world.personas.secretary)
        assert decide(client, first, proposal, action="accept").status_code == 404
    assert not AgendaItem.objects.filter(title=proposal.title).exists()


def test_the_page_shows_one_small_form_per_open_request(client, world, meetings, proposal):
    first, _later = meetings
    with time_machine.travel(aware(2027, 1, 2), tick=False):
        proposal_submit(
            body=world.city.network, meeting=first, proposed_by=dieter(world), title="Zweites"
        )
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        page = client.get(reverse("cycle:proposal-list", args=[first.pk])).content.decode()
    assert page.count('class="proposal"') == 2
    assert page.count('value="accept"') == 2
    assert "Sitzbänke am Stephansplatz" in page and "Dieter Sitz" in page


def test_htmx_swaps_only_the_decided_request(client, world, meetings, proposal):
    first, _later = meetings
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        response = client.post(
            reverse("cycle:proposal-decide", args=[first.pk, proposal.pk]),
            {"action": "accept"},
            HTTP_HX_REQUEST="true",
        )
        bad = client.post(
            reverse("cycle:proposal-decide", args=[first.pk, proposal.pk]),
            {"action": "decline"},
            HTTP_HX_REQUEST="true",
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="vorschlag-{proposal.pk}"' in html and "TOP 2" in html
    assert bad.status_code == 404  # decided already: no longer open at this meeting


def test_htmx_shows_errors_in_the_row(client, world, meetings, proposal):
    first, _later = meetings
    client.force_login(world.personas.secretary)
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        response = client.post(
            reverse("cycle:proposal-decide", args=[first.pk, proposal.pk]),
            {"action": "decline"},
            HTTP_HX_REQUEST="true",
        )
    html = response.content.decode()
    assert "<html" not in html and "Bitte begründen Sie die Ablehnung." in html


def test_deciding_is_post_only_and_for_the_secretary(client, world, meetings, proposal):
    first, _later = meetings
    target = reverse("cycle:proposal-decide", args=[first.pk, proposal.pk])
    client.force_login(world.personas.secretary)
    assert client.get(target).status_code == 405
    client.force_login(world.personas.member)
    assert client.post(target, {"action": "accept"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN


def test_the_proposer_sees_decision_and_reason_on_her_page(client, world, meetings, proposal):
    with time_machine.travel(aware(2027, 2, 20), tick=False):
        proposal_decline(proposal=proposal, reason="Gehört in den Stadtbezirksrat.")
        client.force_login(world.personas.member)
        page = client.get(reverse("bodies:mine")).content.decode()
    assert "Sitzbänke am Stephansplatz" in page
    assert "abgelehnt" in page and "Begründung: Gehört in den Stadtbezirksrat." in page
