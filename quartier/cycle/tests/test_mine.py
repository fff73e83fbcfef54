"""My meetings: coming meetings with invitation state and my reply (answered in place),
their files, my agenda requests with the decisions, and the agreements assigned to me."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.bodies.models import MeetingState, Seat
from quartier.bodies.services import agenda_item_add, document_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.models import Agreement, Reply
from quartier.cycle.proposals import proposal_accept, proposal_move, proposal_submit
from quartier.cycle.replies import reply_set

pytestmark = pytest.mark.django_db

NOW = aware(2027, 2, 1, 9)
MINE = reverse("bodies:mine")


@pytest.fixture(autouse=True)
def _long_sessions(settings, tmp_path):
    # The clock travels months ahead; a login made today must not expire on the way.
    settings.SESSION_COOKIE_AGE = 20 * 365 * 24 * 3600
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(world):
    meeting = make_meeting(world.city.network, when=aware(2027, 3, 3), state=MeetingState.INVITED)
    document_add(
        meeting=meeting,
        kind="invitation",
        title="Einladung März",
        file=SimpleUploadedFile("einladung.pdf", b"%PDF-1.4 test"),
    )
    return meeting


def seat(world):
    return Seat.objects.get(body=world.city.network, organisation__name="Seniorenbeirat")


def page(client, world):
    client.force_login(world.personas.member)
    with time_machine.travel(NOW, tick=False):
        return client.get(MINE).content.decode()


def test_coming_meetings_with_state_reply_and_documents(client, world, meeting):
    html = page(client, world)
    assert f'id="sitzung-{meeting.pk}"' in html
    assert "Einladung verschickt" in html
    assert "Ihre Rückmeldung: <strong>noch keine</strong>" in html
    assert "Einladung März" in html
    assert f"{reverse('cycle:reply', args=[meeting.pk])}?sitz={seat(world).pk}" in html
    assert f'name="sitz" value="{seat(world).pk}"' in html
    assert reverse("cycle:proposal-create", args=[meeting.pk]) in html
    assert "(bis Mi., 10.02.2027)" in html
    # A planned meeting says the invitation is still to come.
    assert "geplant, die Einladung folgt" in html


def test_answer_in_place_and_see_it(client, world, meeting):
    client.force_login(world.personas.member)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("cycle:reply", args=[meeting.pk]),
            {"answer": "no", "sitz": seat(world).pk, "next": f"{MINE}#sitzung-{meeting.pk}"},
        )
        assert response["Location"] == f"{MINE}#sitzung-{meeting.pk}"
        html = client.get(MINE).content.decode()
    assert Reply.objects.get().answer == "no"
    assert "Ihre Rückmeldung: <strong>Ich komme nicht</strong>" in html


def test_a_substitute_is_named_and_the_given_answer_stands_out(client, world, meeting):
    from quartier.actors.tests.factories import make_person

    with time_machine.travel(NOW, tick=False):
        reply_set(
            meeting=meeting,
            seat=seat(world),
            answer="substitute",
            substitute=make_person("Vera", "Vertretung"),
        )
    html = page(client, world)
    assert "Ihre Rückmeldung: <strong>Eine Vertretung kommt</strong> (Vera Vertretung)" in html
    block = html[html.index(f'id="sitzung-{meeting.pk}"') :]
    block = block[: block.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in block
    assert f'name="next" value="{MINE}#sitzung-{meeting.pk}"' in block
    # Neither "yes" nor "no" is her answer: both buttons stay secondary.
    assert block.count("kern-btn--secondary") == 2
    with time_machine.travel(NOW, tick=False):
        reply_set(meeting=meeting, seat=seat(world), answer="yes")
    html = page(client, world)
    assert (
        '<button type="submit" name="answer" value="yes" class="kern-btn kern-btn--primary">'
        in html
    )


def test_a_next_url_elsewhere_is_ignored(client, world, meeting):
    client.force_login(world.personas.member)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("cycle:reply", args=[meeting.pk]),
            {"answer": "yes", "sitz": seat(world).pk, "next": "https://example.com/"},
        )
    assert response["Location"] == MINE


def test_a_meeting_that_has_begun_is_no_longer_listed_for_replies(client, world, meeting):
    client.force_login(world.personas.member)
    with time_machine.travel(aware(2027, 3, 3, 14, 30), tick=False):
        html = client.get(MINE).content.decode()
    assert f'id="sitzung-{meeting.pk}"' not in html
    assert f'id="sitzung-{world.public_meeting.pk}"' in html


def test_my_requests_with_their_decisions(client, world, meeting):
    later = make_meeting(world.city.network, when=aware(2027, 6, 2))
    person = world.personas.member.person
    with time_machine.travel(aware(2027, 1, 5), tick=False):
        accepted = proposal_submit(
            body=world.city.network, meeting=meeting, proposed_by=person, title="Bänke"
        )
        moved = proposal_submit(
            body=world.city.network, meeting=meeting, proposed_by=person, title="Licht"
        )
        proposal_submit(body=world.city.network, meeting=meeting, proposed_by=person, title="Müll")
        proposal_accept(proposal=accepted)
        proposal_move(proposal=moved, meeting=later)
    html = page(client, world)
    assert "„Bänke“" in html and "angenommen (TOP 1)" in html
    assert "verschoben auf die Sitzung am Mi., 02.06.2027" in html
    assert "„Müll“" in html and "noch nicht entschieden" in html


def test_my_agreements_open_first_overdue_marked(client, world):
    item = agenda_item_add(meeting=world.past_meeting, title="Bänke")
    person = world.personas.member.person

    def agreement(text, due_on=None, done_on=None, who=person):
        return Agreement.objects.create(
            agenda_item=item,
            body=world.city.network,
            text=text,
            responsible_person=who,
            due_on=due_on,
            done_on=done_on,
        )

    agreement("Erledigtes Angebot", due_on=date(2027, 1, 1), done_on=date(2027, 1, 3))
    agreement("Bänke zählen", due_on=date(2027, 3, 1))
    agreement("Angebot einholen", due_on=date(2027, 1, 15))
    agreement("Fremde Aufgabe", who=world.consenting)
    html = page(client, world)
    assert html.index("Angebot einholen") < html.index("Bänke zählen")
    assert html.index("Bänke zählen") < html.index("Erledigtes Angebot")
    assert "1 Verabredung ist überfällig." in html
    overdue = html.split("Angebot einholen")[0].rsplit("<li", 1)[1]
    assert 'class="overdue"' in overdue and "überfällig" in overdue
    assert "Fremde Aufgabe" not in html


def test_the_secretary_sees_open_requests_of_her_meetings(client, world, meeting):
    with time_machine.travel(aware(2027, 1, 5), tick=False):
        proposal_submit(
            body=world.city.network,
            meeting=meeting,
            proposed_by=world.personas.member.person,
            title="Bänke",
        )
    client.force_login(world.personas.secretary)
    with time_machine.travel(NOW, tick=False):
        html = client.get(MINE).content.decode()
    assert "Themenvorschläge (1 offen)" in html
    assert reverse("cycle:reply-overview", args=[meeting.pk]) in html


def test_a_login_without_a_person_sees_a_hint(client, world):
    client.force_login(world.personas.citizen)
    html = client.get(MINE).content.decode()
    assert "mit keiner Person verbunden" in html


def test_the_consent_in_force_is_shown_with_the_way_to_withdraw_it(client, world):
    # The newest consent in force that day counts: not a withdrawn one, not one given
    # later.
    from quartier.actors.models import ConsentRecord
    from quartier.actors.selectors import person_of_user

    person = person_of_user(world.personas.member)
    ConsentRecord.objects.filter(person=person).delete()
    assert "keiner Veröffentlichung zugestimmt" in page(client, world)
    ConsentRecord.objects.create(
        person=person,
        name=True,
        channel="paper",
        given_on=date(2020, 1, 1),
        withdrawn_on=date(2021, 1, 1),
    )
    ConsentRecord.objects.create(
        person=person, name=True, phone=True, channel="online", given_on=date(2026, 5, 4)
    )
    html = page(client, world)
    assert "04.05.2026 (online) dürfen veröffentlicht werden:\nName, Telefon." in html
    assert reverse("actors:consent-withdraw", args=[person.pk]) in html
    ConsentRecord.objects.filter(withdrawn_on=None).update(given_on=date(2027, 6, 1))
    assert "keiner Veröffentlichung zugestimmt" in page(client, world)


def _count(client) -> int:
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as captured:
        assert client.get(MINE).status_code == 200
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_meetings_replies_requests_and_agreements(client, world, meeting):
    person = world.personas.member.person
    client.force_login(world.personas.member)
    with time_machine.travel(aware(2027, 1, 5), tick=False):
        reply_set(meeting=meeting, seat=seat(world), answer="yes")
    item = agenda_item_add(meeting=world.past_meeting, title="Bänke")
    Agreement.objects.create(
        agenda_item=item, body=world.city.network, text="Eins", responsible_person=person
    )
    _count(client)  # warm up
    before = _count(client)
    for month in range(4, 10):
        extra = make_meeting(world.city.network, when=aware(2027, month, 3))
        document_add(
            meeting=extra,
            kind="annex",
            title=f"Anlage {month}",
            file=SimpleUploadedFile("anlage.pdf", b"%PDF-1.4 test"),
        )
        with time_machine.travel(aware(2027, 1, 5), tick=False):
            reply_set(meeting=extra, seat=seat(world), answer="no")
            proposal_submit(
                body=world.city.network, meeting=extra, proposed_by=person, title=f"Thema {month}"
            )
        Agreement.objects.create(
            agenda_item=item,
            body=world.city.network,
            text=f"Aufgabe {month}",
            responsible_person=person,
            due_on=date(2027, 1, month),
        )
    assert _count(client) == before
    assert before <= 20, before
