"""The secretary's page "Einladung und Versand", the send button and the letters PDF."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from weasyprint import HTML

from quartier.actors.selectors import person_of_user
from quartier.actors.tests.factories import make_person
from quartier.bodies.services import seat_create
from quartier.cycle.letters import letters_html, letters_pdf
from quartier.cycle.models import Dispatch, DispatchKind
from quartier.cycle.tests.invite_setup import DUE, at, cycle

pytestmark = pytest.mark.django_db
__all__ = ["cycle"]


@pytest.fixture
def carla(cycle, personas, client, settings):
    """Carla (the secretary persona) runs the network from the personas fixture on; she
    holds no seat. Log her in."""
    from datetime import date

    from quartier.bodies.services import body_change

    body_change(
        body=cycle.network, on=date(2013, 1, 1), secretary=person_of_user(personas.secretary)
    )
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600  # the clock travels to 2027
    client.force_login(personas.secretary)
    return client


def test_page_shows_due_day_and_who_gets_it_how(cycle, carla):
    url = reverse("cycle:meeting-invitation", args=[cycle.meeting.pk])
    with time_machine.travel(at(DUE - timedelta(days=10)), tick=False):
        response = carla.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geht am Mi., 03.03.2027 automatisch hinaus" in page
    assert "Per E-Mail (3)" in page and "Anna Arndt" in page and "Dora Dorn" in page
    assert "Per Brief (1)" in page and "Clara Cordes" in page
    assert "Emil Ohneadresse" in page
    assert "Sallstraße" not in page  # names only, no addresses
    assert "anna@example.org" not in page
    assert "Einladung jetzt versenden" in page
    assert reverse("cycle:meeting-letters", args=[cycle.meeting.pk]) in page
    assert "Noch nichts versandt." in page


def test_send_now_sends_before_the_due_day_and_only_once(cycle, carla, mailoutbox):
    url = reverse("cycle:meeting-invitation-send", args=[cycle.meeting.pk])
    with time_machine.travel(at(DUE - timedelta(days=10)), tick=False):
        response = carla.post(url, follow=True)
        assert len(mailoutbox) == 3
        assert "3 E-Mail(s) versandt, 1 Brief(e) zum Drucken bereit." in response.content.decode()
        page = response.content.decode()
        assert "Versandt am So., 21.02.2027" in page
        again = carla.post(url, follow=True)
    assert len(mailoutbox) == 3
    assert "Es war nichts zu versenden" in again.content.decode()
    assert Dispatch.objects.filter(kind=DispatchKind.INVITATION).count() == 4


def test_send_is_post_only(cycle, carla):
    url = reverse("cycle:meeting-invitation-send", args=[cycle.meeting.pk])
    assert carla.get(url).status_code == 405


def test_cancelled_meeting_offers_to_send_the_cancellation(cycle, carla, mailoutbox):
    from quartier.bodies.services import meeting_cancel

    with time_machine.travel(at(DUE), tick=False):
        carla.post(reverse("cycle:meeting-invitation-send", args=[cycle.meeting.pk]))
        meeting_cancel(meeting=cycle.meeting, reason="Krankheit")
        page = carla.get(reverse("cycle:meeting-invitation", args=[cycle.meeting.pk]))
        assert "Absage jetzt versenden" in page.content.decode()
        carla.post(reverse("cycle:meeting-invitation-send", args=[cycle.meeting.pk]))
    assert [m.subject.split(":")[0] for m in mailoutbox[3:]] == ["Abgesagt"] * 3


def test_member_and_citizen_may_not_open_the_page(cycle, personas, client):
    url = reverse("cycle:meeting-invitation", args=[cycle.meeting.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(personas.member)
    assert client.get(url).status_code == 403
    client.force_login(personas.citizen)
    assert client.get(url).status_code == 403  # the meeting is public; the page is not
    client.force_login(personas.member)
    send = reverse("cycle:meeting-invitation-send", args=[cycle.meeting.pk])
    assert client.post(send).status_code == 403
    assert not Dispatch.objects.exists()


def test_letters_pdf_has_one_letter_per_member_without_email(cycle, carla):
    second = make_person(
        "Gerda", "Gräber", postal_address="Gerda Gräber\nHildesheimer Str. 1\n30169 Hannover"
    )
    seat_create(body=cycle.network, starts_on=DUE - timedelta(days=30), holder=second)
    with time_machine.travel(at(DUE), tick=False):
        html = letters_html(meeting=cycle.meeting)
        pages = HTML(string=html).render().pages
        response = carla.get(reverse("cycle:meeting-letters", args=[cycle.meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert html.count('class="letter"') == 2
    assert html.count("Clara Cordes</p>") == 1  # her stored address starts with her name
    assert "Clara Cordes" in html and "Sallstraße 12" in html and "Gerda Gräber" in html
    assert "Barrierefreie Haltestellen" in html and "Ich komme nicht." in html
    assert "Carla Schreiber" in html  # the secretary signs and takes the reply slips
    assert len(pages) >= 2


def test_letters_pdf_without_letters_is_one_note_page(small_city):
    from quartier.bodies.tests.factories import aware, make_meeting

    meeting = make_meeting(small_city.network, when=aware(2027, 5, 5))
    pdf = letters_pdf(meeting=meeting)
    assert pdf.startswith(b"%PDF")


def test_past_meeting_offers_no_button(cycle, carla):
    url = reverse("cycle:meeting-invitation", args=[cycle.meeting.pk])
    with time_machine.travel(at(DUE + timedelta(days=20)), tick=False):
        page = carla.get(url).content.decode()
    assert "Die Sitzung ist vorbei" in page
    assert "jetzt versenden" not in page


def test_status_names_the_people_the_invitation_goes_to(cycle):
    """The page reads the seats' people as narrow rows; the sending reads whole people."""
    from quartier.cycle.invite import invitation_status, meeting_recipients

    status = invitation_status(meeting=cycle.meeting, today=DUE)
    shown = [*status.by_email, *status.by_letter, *status.unreachable]
    sent_to = meeting_recipients(meeting=cycle.meeting, on=DUE)
    assert sorted((r.person.pk, r.is_deputy, r.channel) for r in shown) == sorted(
        (r.person.pk, r.is_deputy, r.channel) for r in sent_to
    )
    assert [r.person.full_name for r in status.by_email] == ["Anna Arndt", "Bernd Brand"] + [
        "Dora Dorn"
    ]


def test_log_lists_every_message_with_its_way_and_result(cycle, carla):
    url = reverse("cycle:meeting-invitation", args=[cycle.meeting.pk])
    send = reverse("cycle:meeting-invitation-send", args=[cycle.meeting.pk])
    cell = '<td class="kern-table__cell">{}</td>'
    with time_machine.travel(at(DUE), tick=False):
        carla.post(send)
        cycle.meeting.sequence += 1
        cycle.meeting.save(update_fields=["sequence"])
        pending = carla.get(url).content.decode()
        carla.post(send)
        page = carla.get(url).content.decode()
    assert "4 Eingeladene erhalten die geänderte Einladung" in pending
    assert "geänderte Einladung mit dem nächsten Versand" not in page
    log = page.split("Versandprotokoll", 1)[1]
    assert log.count(cell.format("Einladung")) == 4
    assert log.count(cell.format("Änderung der Einladung (Stand 1)")) == 4
    assert log.count(cell.format("Clara Cordes")) == 2 and log.count(cell.format("Brief")) == 2
    assert log.count(cell.format("zum Drucken bereit")) == 2
    assert log.count(cell.format("versandt")) == 6
