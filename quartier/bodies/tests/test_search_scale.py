"""The search page and the meeting lists at city scale: capped counts, no duplicates."""

import pytest
from django.urls import reverse

from quartier.bodies.models import BodyKind, BodyLevel
from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import aware, make_body, make_meeting
from quartier.bodies.views import public

pytestmark = pytest.mark.django_db


def test_a_one_letter_query_asks_for_more(client, small_city):
    page = client.get(reverse("bodies:search"), {"q": "a"}).content.decode()
    assert "mindestens zwei Buchstaben" in page
    assert "Treffer für" not in page


def test_more_hits_than_the_cap_are_announced_not_counted(client, small_city, monkeypatch):
    monkeypatch.setattr(public, "SEARCH_CAP", 3)
    meeting = make_meeting(small_city.network, when=aware(2026, 3, 3))
    for number in range(5):
        agenda_item_add(meeting=meeting, title=f"Bericht Wohnen {number}")
    page = client.get(reverse("bodies:search"), {"q": "wohnen"}).content.decode()
    assert "Tagesordnungspunkte und Protokolle (mehr als 3)" in page
    assert "Je Gruppe werden höchstens 3 Treffer gezeigt" in page


def test_more_candidates_than_looked_at_are_announced(client, small_city, monkeypatch):
    monkeypatch.setattr(public, "SEARCH_CANDIDATES", 2)
    meeting = make_meeting(small_city.network, when=aware(2026, 3, 3))
    for number in range(3):
        agenda_item_add(meeting=meeting, title=f"Bericht Wohnen {number}")
    page = client.get(reverse("bodies:search"), {"q": "wohnen"}).content.decode()
    assert "Tagesordnungspunkte und Protokolle (mehr als 2)" in page


def test_more_meeting_candidates_than_looked_at_are_announced(client, small_city, monkeypatch):
    monkeypatch.setattr(public, "SEARCH_CANDIDATES", 2)
    for day in (3, 4, 5):
        make_meeting(small_city.network, when=aware(2026, 3, day), title="Wohnen im Quartier")
    page = client.get(reverse("bodies:search"), {"q": "wohnen"}).content.decode()
    assert "Sitzungen (mehr als 2)" in page


def test_few_meeting_candidates_are_counted(client, small_city, monkeypatch):
    monkeypatch.setattr(public, "SEARCH_CANDIDATES", 3)
    for day in (3, 4, 5):
        make_meeting(small_city.network, when=aware(2026, 3, day), title="Wohnen im Quartier")
    page = client.get(reverse("bodies:search"), {"q": "wohnen"}).content.decode()
    assert "Sitzungen (3)" in page


def test_few_hits_are_listed_newest_meeting_first(client, small_city):
    old = make_meeting(small_city.network, when=aware(2025, 3, 3))
    new = make_meeting(small_city.network, when=aware(2026, 3, 3))
    agenda_item_add(meeting=new, title="Wohnen im Alter (neu)")
    agenda_item_add(meeting=old, title="Wohnen im Alter (alt)")
    page = client.get(reverse("bodies:search"), {"q": "wohnen"}).content.decode()
    assert "Tagesordnungspunkte und Protokolle (2)" in page
    assert page.index("(neu)") < page.index("(alt)")


def test_a_joint_meeting_is_listed_once_on_the_area_page(client, small_city):
    group = make_body(
        small_city.district,
        "AG Mobilität",
        kind=BodyKind.WORKING_GROUP,
        level=BodyLevel.DISTRICT,
    )
    make_meeting(small_city.network, group, when=aware(2027, 1, 10), title="Gemeinsame Runde")
    page = client.get(reverse("places:area-detail", args=[small_city.district.pk]))
    assert page.content.decode().count("Gemeinsame Runde") == 1
