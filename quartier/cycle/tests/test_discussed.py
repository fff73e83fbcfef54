""" "Already discussed in …": similar items of other bodies in the last 12 weeks."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from quartier.bodies.models import Meeting, MinutesState
from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.discussed import LIMIT, discussed_elsewhere, subject_terms
from quartier.topics.models import Topic

pytestmark = pytest.mark.django_db

NOW = aware(2027, 3, 5, 10)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def held(body, weeks_ago, title, *, result="", released=True, topics=(), is_public=True):
    meeting = make_meeting(body, when=NOW - timedelta(weeks=weeks_ago), is_public=is_public)
    item = agenda_item_add(meeting=meeting, title=title, topics=topics)
    item.result = result
    item.save()
    if released:
        Meeting.objects.filter(pk=meeting.pk).update(minutes_state=MinutesState.APPROVED)
        item.refresh_from_db()
        item.save()  # search key with the released result
    return item


@pytest.fixture
def scene(world):
    city = world.city
    own = make_meeting(city.network, when=NOW + timedelta(days=14))
    housing = Topic.objects.get(slug="wohnen")
    recent = held(
        city.other_network,
        4,
        "Barrierefreie Haltestellen am Bahnhof",
        result="Die Üstra baut 2028 um.",
    )
    old = held(city.other_network, 13, "Barrierefreie Haltestellen")
    topic = held(
        city.other_network,
        11,
        "Wohnen im Alter",
        topics=[housing],
        result="Broschüre wird gedruckt.",
    )
    mine = held(city.network, 2, "Barrierefreie Haltestellen in der Südstadt")
    pending = held(
        city.circle, 3, "Haltestellen: Sitzbänke", result="Noch offen: Bänke.", released=False
    )
    return own, housing, recent, old, topic, mine, pending


def test_other_bodies_last_twelve_weeks(world, scene):
    own, housing, recent, old, topic, mine, pending = scene
    hits = discussed_elsewhere(
        meeting=own, user=world.personas.administrator, title="Barrierefreie Haltestellen"
    )
    found = [hit.item for hit in hits]
    assert recent in found and pending in found
    assert old not in found  # older than 12 weeks
    assert mine not in found  # the same body
    assert topic not in found  # other subject, no shared topic asked for
    assert found[0] == recent  # two shared words beat one


def test_same_topic_counts(world, scene):
    own, housing, recent, old, topic, mine, pending = scene
    hits = discussed_elsewhere(
        meeting=own,
        user=world.personas.administrator,
        title="Seniorenwohnen",
        topic_ids=[housing.pk],
    )
    assert [hit.item for hit in hits] == [topic]
    assert hits[0].same_topic and hits[0].result == "Broschüre wird gedruckt."


def test_unapproved_results_only_for_insiders(world, scene):
    own, housing, recent, old, topic, mine, pending = scene
    secretary = world.personas.secretary  # runs the network, not the circle
    hit = next(
        h
        for h in discussed_elsewhere(meeting=own, user=secretary, title="Haltestellen")
        if h.item == pending
    )
    assert hit.result == "" and hit.result_pending
    coordinator = world.personas.coordinator  # coordinates the circle's district
    hit = next(
        h
        for h in discussed_elsewhere(meeting=own, user=coordinator, title="Haltestellen")
        if h.item == pending
    )
    assert hit.result == "Noch offen: Bänke." and hit.result_pending
    recent_hit = next(
        h
        for h in discussed_elsewhere(meeting=own, user=secretary, title="Haltestellen")
        if h.item == recent
    )
    assert recent_hit.result == "Die Üstra baut 2028 um." and not recent_hit.result_pending


def test_unreleased_minutes_do_not_match(world, scene):
    own, *_ = scene
    # "Bänke" stands only in the unapproved result of the circle's item.
    hits = discussed_elsewhere(meeting=own, user=world.personas.citizen, title="Bänke")
    assert hits == []


def test_private_items_stay_hidden(world, scene):
    own, *_ = scene
    secret = held(world.city.other_network, 1, "Haltestellen intern", is_public=False)
    citizen_hits = discussed_elsewhere(
        meeting=own, user=world.personas.citizen, title="Haltestellen"
    )
    assert secret not in [hit.item for hit in citizen_hits]
    admin_hits = discussed_elsewhere(
        meeting=own, user=world.personas.administrator, title="Haltestellen"
    )
    assert secret in [hit.item for hit in admin_hits]


def test_at_most_ten_hits_in_few_queries(world, scene, django_assert_max_num_queries):
    own, *_ = scene
    for index in range(15):
        held(world.city.other_network, 1 + index % 10, f"Haltestelle Nummer {index}")
    with django_assert_max_num_queries(3):
        hits = discussed_elsewhere(
            meeting=own, user=world.personas.administrator, title="Haltestellen"
        )
    assert len(hits) == LIMIT


def test_empty_or_filler_titles_find_nothing(world, scene):
    own, *_ = scene
    assert subject_terms("Verschiedenes", "Begrüßung und Mitteilungen") == []
    assert subject_terms("Begrüßung, Tagesordnung und Protokoll der letzten Sitzung") == []
    assert (
        discussed_elsewhere(meeting=own, user=world.personas.administrator, title="Verschiedenes")
        == []
    )


def test_hint_after_adding_an_item_without_javascript(client, world, scene):
    own, *_ = scene
    client.force_login(world.personas.secretary)
    url = reverse("bodies:meeting-agenda", args=[own.pk])
    response = client.post(url, {"title": "Barrierefreie Haltestellen", "is_public": "on"})
    assert response["Location"] == url
    html = client.get(url).content.decode()
    assert "Schon anderswo besprochen" in html
    assert "Barrierefreie Haltestellen am Bahnhof" in html and "Die Üstra baut 2028 um." in html
    assert "Das Ergebnis ist noch nicht genehmigt." in html  # the circle's, for an outsider
    # shown once, not on every later visit
    assert "Schon anderswo besprochen" not in client.get(url).content.decode()


def test_hint_in_the_htmx_answer_and_while_typing(client, world, scene):
    own, *_ = scene
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:meeting-agenda", args=[own.pk]),
        {"title": "Haltestellen am Bahnhof", "is_public": "on"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html and "Schon anderswo besprochen" in html
    typing = client.get(
        reverse("cycle:discussed", args=[own.pk]) + "?title=Haltestellen",
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in typing and "Barrierefreie Haltestellen am Bahnhof" in typing
    nothing = client.get(
        reverse("cycle:discussed", args=[own.pk]) + "?title=Kuchenbasar",
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Keine ähnlichen Punkte" in nothing
    full = client.get(reverse("cycle:discussed", args=[own.pk]) + "?title=Haltestellen")
    assert "<html" in full.content.decode()
