"""Agreements on the pages: open points on the next agenda until done, the body's list
for the secretary (overdue first), the one-click "erledigt"."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.agreements import agreement_add
from quartier.cycle.models import Agreement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600
    with time_machine.travel(aware(2027, 3, 5, 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def agreed(world):
    network = world.city.network
    held = make_meeting(network, when=aware(2027, 1, 13))
    item = agenda_item_add(meeting=held, title="Sitzbänke")
    overdue = agreement_add(
        agenda_item=item,
        text="Angebote einholen",
        responsible_text="Bauhof",
        due_on=date(2027, 2, 1),
    )
    later = agreement_add(
        agenda_item=item,
        text="Standorte abstimmen",
        responsible_text="Seniorenbeirat",
        due_on=date(2027, 5, 1),
    )
    nxt = make_meeting(network, when=aware(2027, 4, 7))
    return held, item, overdue, later, nxt


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_open_points_on_the_next_agenda_until_done(client, world, agreed):
    held, item, overdue, later, nxt = agreed
    client.force_login(world.personas.secretary)
    agenda_url = reverse("bodies:meeting-agenda", args=[nxt.pk])
    html = page(client, agenda_url)
    assert "Offene Punkte (2)" in html
    assert "Alle Verabredungen: Stadtbezirkliches Netzwerk Südstadt-Bult" in html
    assert html.index("Angebote einholen") < html.index("Standorte abstimmen")
    assert "überfällig" in html
    response = client.post(
        reverse("cycle:agreement-done", args=[overdue.pk]),
        {"note": "Drei Angebote liegen vor", "next": agenda_url},
    )
    assert response["Location"] == agenda_url
    overdue.refresh_from_db()
    assert overdue.done_on == date(2027, 3, 5)
    assert overdue.done_note == "Drei Angebote liegen vor"
    html = page(client, agenda_url)  # shows the message "Erledigt: „Angebote einholen“" once
    html = page(client, agenda_url)
    assert "Offene Punkte (1)" in html and "Angebote einholen" not in html


def test_open_points_on_the_meeting_page_for_insiders_only(client, world, agreed):
    held, item, overdue, later, nxt = agreed
    url = reverse("bodies:meeting-detail", args=[nxt.pk])
    assert "Angebote einholen" not in page(client, url)
    client.force_login(world.personas.citizen)
    assert "Angebote einholen" not in page(client, url)
    client.force_login(world.personas.member)
    html = page(client, url)
    assert "Offene Punkte" in html and "Angebote einholen" in html
    assert "erledigt</span></button>" not in html  # members do not tick them off
    client.force_login(world.personas.secretary)
    assert "erledigt</span></button>" in page(client, url)
    # the meeting where they were agreed lists them as its own
    assert "Verabredungen aus dieser Sitzung" in page(
        client, reverse("bodies:meeting-detail", args=[held.pk])
    )


def test_body_list_overdue_first_and_filtered(client, world, agreed):
    held, item, overdue, later, nxt = agreed
    done = agreement_add(agenda_item=item, text="Presse informieren", responsible_text="GF")
    Agreement.objects.filter(pk=done.pk).update(done_on=date(2027, 2, 2))
    client.force_login(world.personas.secretary)
    url = reverse("cycle:body-agreements", args=[world.city.network.pk])
    html = page(client, url)
    assert "2 Verabredungen, davon 1 überfällig" in html
    assert html.index("Angebote einholen") < html.index("Standorte abstimmen")
    assert "Presse informieren" not in html
    html = page(client, url + "?state=ueberfaellig")
    assert "Angebote einholen" in html and "Standorte abstimmen" not in html
    html = page(client, url + "?state=erledigt")
    assert "Presse informieren" in html and "wieder öffnen" in html
    html = page(client, url + "?state=alle&q=standorte")
    assert "Standorte abstimmen" in html and "Angebote einholen" not in html
    # a bad filter falls back to the open ones
    assert "Angebote einholen" in page(client, url + "?state=quatsch")


def test_overdue_boundary_on_the_list(client, world, agreed, frozen):
    held, item, overdue, later, nxt = agreed
    client.force_login(world.personas.secretary)
    url = reverse("cycle:body-agreements", args=[world.city.network.pk])
    frozen.move_to(aware(2027, 5, 1, 10))
    assert "davon 2 überfällig" not in page(client, url)  # due today: not yet overdue
    frozen.move_to(aware(2027, 5, 2, 10))
    assert "davon 2 überfällig" in page(client, url)


def test_done_twice_and_reopen(client, world, agreed):
    held, item, overdue, later, nxt = agreed
    client.force_login(world.personas.secretary)
    done_url = reverse("cycle:agreement-done", args=[later.pk])
    client.post(done_url, {})
    response = client.post(done_url, {}, follow=True)
    assert "schon als erledigt vermerkt" in response.content.decode()
    client.post(reverse("cycle:agreement-reopen", args=[later.pk]))
    later.refresh_from_db()
    assert later.done_on is None
    response = client.post(done_url, {"done_on": "kein Datum"}, follow=True)
    assert "gültiges Datum" in response.content.decode()
    later.refresh_from_db()
    assert later.done_on is None


def test_member_and_outsiders_may_not_tick_off(client, world, agreed):
    held, item, overdue, later, nxt = agreed
    url = reverse("cycle:agreement-done", args=[overdue.pk])
    for role, status in {"member": 403, "citizen": 404, "contact": 404}.items():
        client.force_login(getattr(world.personas, role))
        assert client.post(url).status_code == status, role
    assert client.get(url).status_code == 405
    overdue.refresh_from_db()
    assert overdue.done_on is None


def test_the_bodys_agreements_come_in_pages(client, world, agreed):
    held, item, *_ = agreed
    for number in range(30):
        agreement_add(
            agenda_item=item,
            text=f"Aufgabe {number}",
            responsible_text="AG",
            due_on=date(2027, 6, 1),
        )
    client.force_login(world.personas.secretary)
    url = reverse("cycle:body-agreements", args=[world.city.network.pk])
    first = page(client, url)
    assert "32 Verabredungen" in first and "Seite 1 von 2" in first
    assert "Seite 2 von 2" in page(client, f"{url}?seite=2")
