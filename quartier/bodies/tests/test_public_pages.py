"""Public pages of bodies and meetings: content, consent, hidden things, query counts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from quartier.actors.services import consent_give, consent_withdraw
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import BodyKind, BodyLevel, Document, Meeting
from quartier.bodies.services import (
    agenda_item_add,
    body_dissolve,
    body_merge,
    body_rename,
    meeting_cancel,
    meeting_create,
    seat_create,
)
from quartier.bodies.tests.factories import aware, make_body, make_meeting

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_home_lists_districts_quarters_and_next_meetings(client, world):
    page = html(client.get(reverse("home")))
    assert "Südstadt-Bult" in page and "Südstadt" in page and "(Modellquartier)" in page
    assert reverse("bodies:meeting-detail", args=[world.public_meeting.pk]) in page
    assert reverse("bodies:meeting-detail", args=[world.private_meeting.pk]) not in page
    assert page.count("<h1") == 1


def test_body_page_shows_seats_only_with_consented_names(client, world):
    url = reverse("bodies:body-detail", args=[world.city.network.pk])
    page = html(client.get(url))
    assert "Petra Öffentlich" in page  # consented to publish her name
    assert "Dieter Sitz" not in page  # the member persona gave no consent
    assert "besetzt (Name nicht veröffentlicht)" in page
    assert "Koordinierungskreis Südstadt" in page  # reports here
    assert "Carla" not in page  # the secretary gave no consent
    client.force_login(world.personas.secretary)
    inside = html(client.get(url))
    assert "Dieter Sitz" in inside and "Carla Schreiber" in inside


def test_withdrawn_consent_hides_the_name_from_that_day(client, world):
    consent_withdraw(person=world.consenting, on=date.today())
    page = html(client.get(reverse("bodies:body-detail", args=[world.city.network.pk])))
    assert "Petra Öffentlich" not in page


def test_body_page_tells_history_of_renames_and_merges(client, small_city):
    city_net = make_body(
        small_city.city, "Stadtweites Netzwerk für SeniorInnen", level=BodyLevel.CITY
    )
    planning = make_body(
        small_city.city,
        "Planungsrunde Quartier",
        kind=BodyKind.PLANNING_ROUND,
        level=BodyLevel.CITY,
    )
    body_merge(source=city_net, target=planning, on=date(2017, 1, 1))
    body_rename(body=planning, name="Planungsrunde für Seniorenarbeit", on=date(2017, 1, 1))
    page = html(client.get(reverse("bodies:body-detail", args=[planning.pk])))
    assert "Planungsrunde Quartier" in page and "hierin aufgegangen" in page
    old = html(client.get(reverse("bodies:body-detail", args=[city_net.pk])))
    assert "aufgelöst" in old and "Planungsrunde für Seniorenarbeit" in old


def test_internal_body_answers_404_to_outsiders(client, world):
    network = world.city.other_network
    network.is_public = False
    network.save()
    url = reverse("bodies:body-detail", args=[network.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.personas.administrator)
    assert client.get(url).status_code == 200


def test_meeting_page_hides_private_items_and_unconsented_attendees(client, world):
    page = html(client.get(reverse("bodies:meeting-detail", args=[world.public_meeting.pk])))
    assert "Wohnen im Quartier" in page and "Interne Abstimmung" not in page
    # Published minutes need approval (cycle/tests/test_minutes_pages.py).
    Meeting.objects.filter(pk=world.past_meeting.pk).update(minutes_state="approved")
    past = html(client.get(reverse("bodies:meeting-detail", args=[world.past_meeting.pk])))
    assert "Die Üstra prüft die Haltestelle Sallstraße." in past
    assert "2 Personen waren anwesend" in past
    assert "Petra Öffentlich" in past and "Hans Heimlich" not in past
    client.force_login(world.personas.member)
    inside = html(client.get(reverse("bodies:meeting-detail", args=[world.public_meeting.pk])))
    assert "Interne Abstimmung" in inside


def test_meeting_page_lists_topics_seat_organisations_and_documents(client, world):
    Meeting.objects.filter(pk=world.past_meeting.pk).update(minutes_state="approved")
    item = world.past_meeting.agenda_items.get()
    Document.objects.create(
        meeting=world.past_meeting, agenda_item=item, kind="annex", title="Haltestellenplan"
    )
    page = html(client.get(reverse("bodies:meeting-detail", args=[world.past_meeting.pk])))
    assert '<p class="muted">Themen: Wohnen</p>' in page
    assert "Petra Öffentlich (Diakoniestation Südstadt)" in page
    assert 'Haltestellenplan</a> <span class="muted">(Anlage, TOP 1)</span>' in page


def test_cancelled_meeting_says_so(client, world):
    meeting_cancel(meeting=world.public_meeting, reason="Raum nicht verfügbar")
    page = html(client.get(reverse("bodies:meeting-detail", args=[world.public_meeting.pk])))
    assert "abgesagt: Raum nicht verfügbar" in page


def test_calendar_filters_by_area_kind_and_topic(client, world):
    other = meeting_create(bodies=[world.city.other_network], starts_at=aware(2099, 5, 5))
    agenda_item_add(meeting=other, title="Sonstiges")
    url = reverse("bodies:calendar")
    everything = html(client.get(url))
    assert (
        f"/sitzungen/{other.pk}/" in everything
        and f"/sitzungen/{world.public_meeting.pk}/" in everything
    )
    by_area = html(client.get(url, {"gebiet": world.city.other_district.pk}))
    assert (
        f"/sitzungen/{other.pk}/" in by_area
        and f"/sitzungen/{world.public_meeting.pk}/" not in by_area
    )
    from quartier.topics.models import Topic

    housing = Topic.objects.get(slug="wohnen")
    by_topic = html(client.get(url, {"thema": housing.pk}))
    assert (
        f"/sitzungen/{world.public_meeting.pk}/" in by_topic
        and f"/sitzungen/{other.pk}/" not in by_topic
    )
    by_kind = html(client.get(url, {"art": "working_group"}))
    assert "0 Termine" in by_kind


def test_structure_as_of_a_date_before_and_after_a_dissolution(client, small_city):
    body_dissolve(body=small_city.circle, on=date(2017, 1, 1))
    url = reverse("bodies:structure")
    before = html(client.get(url, {"stichtag": "2016-12-31"}))
    after = html(client.get(url, {"stichtag": "2017-01-01"}))
    assert "Koordinierungskreis Südstadt" in before
    assert "Koordinierungskreis Südstadt" not in after
    bad = html(client.get(url, {"stichtag": "31.12.2016x"}))
    assert "Bitte geben Sie das Datum" in bad


def test_search_finds_stems_umlauts_and_respects_consent(client, world):
    make_body(
        world.city.quarter,
        "AG Barrierefreiheit",
        kind=BodyKind.WORKING_GROUP,
        level=BodyLevel.QUARTER,
    )
    page = html(client.get(reverse("bodies:search"), {"q": "barrierefrei"}))
    assert "AG Barrierefreiheit" in page and "Barrierefreie Haltestellen" in page
    people = html(client.get(reverse("bodies:search"), {"q": "oeffentlich"}))
    assert "Petra Öffentlich" in people
    hidden = html(client.get(reverse("bodies:search"), {"q": "heimlich"}))
    assert "Hans Heimlich" not in hidden
    private = html(client.get(reverse("bodies:search"), {"q": "Abstimmung"}))
    assert "Interne Abstimmung" not in private
    client.force_login(world.personas.member)
    assert "Interne Abstimmung" in html(client.get(reverse("bodies:search"), {"q": "Abstimmung"}))


def test_search_results_are_paginated_per_group(client, small_city):
    for index in range(13):
        make_body(
            small_city.quarter,
            f"Arbeitskreis Wohnen {index}",
            kind=BodyKind.WORKING_GROUP,
            level=BodyLevel.QUARTER,
        )
    first = html(client.get(reverse("bodies:search"), {"q": "arbeitskreis"}))
    assert "Gremien (13)" in first and "Seite 1 von 2" in first
    second = html(client.get(reverse("bodies:search"), {"q": "arbeitskreis", "seite_gremien": 2}))
    assert "Seite 2 von 2" in second


def test_my_page_shows_seats_meetings_and_consent(client, world):
    client.force_login(world.personas.member)
    page = html(client.get(reverse("bodies:mine")))
    assert "Stadtbezirkliches Netzwerk Südstadt-Bult" in page
    assert reverse("bodies:meeting-detail", args=[world.public_meeting.pk]) in page
    assert "keiner Veröffentlichung zugestimmt" in page
    client.force_login(world.personas.secretary)
    assert "Gremien, die ich leite" in html(client.get(reverse("bodies:mine")))


def test_document_download_checks_visibility(client, world):
    from django.core.files.base import ContentFile

    from quartier.bodies.models import Document

    secret = Document.objects.create(
        meeting=world.public_meeting,
        kind="annex",
        title="Anlage",
        is_public=False,
        file=ContentFile(b"geheim", name="anlage.pdf"),
    )
    url = reverse("bodies:document-download", args=[secret.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.personas.member)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"geheim"


@pytest.mark.parametrize("rows", [3, 12])
def test_body_page_queries_do_not_grow_with_seats_and_meetings(
    client, small_city, rows, django_assert_max_num_queries
):
    network = small_city.network
    for index in range(rows):
        person = make_person(f"P{index}", consent=("name",))
        seat_create(
            body=network,
            organisation=make_organisation(),
            starts_on=date(2014, 1, 1),
            holder=person,
        )
        meeting = make_meeting(network, when=aware(2015, 1, 1) + timedelta(days=30 * index))
        agenda_item_add(meeting=meeting, title="Punkt")
    with django_assert_max_num_queries(20):
        html(client.get(reverse("bodies:body-detail", args=[network.pk])))


@pytest.mark.parametrize("rows", [3, 12])
def test_list_pages_queries_do_not_grow(client, small_city, rows, django_assert_max_num_queries):
    for index in range(rows):
        meeting = make_meeting(
            small_city.network,
            small_city.other_network,
            when=aware(2099, 1, 1) + timedelta(days=index),
        )
        agenda_item_add(meeting=meeting, title=f"Wohnen {index}")
        make_body(
            small_city.quarter,
            f"AG Wohnen {index}",
            kind=BodyKind.WORKING_GROUP,
            level=BodyLevel.QUARTER,
        )
    for url in (
        reverse("home"),
        reverse("bodies:calendar"),
        reverse("bodies:body-list"),
        reverse("bodies:structure"),
        reverse("bodies:search") + "?q=wohnen",
        reverse("places:area-detail", args=[small_city.district.pk]),
    ):
        with django_assert_max_num_queries(20):
            html(client.get(url))


@pytest.mark.parametrize("rows", [3, 12])
def test_meeting_page_queries_do_not_grow(client, small_city, rows, django_assert_max_num_queries):
    from quartier.bodies.services import attendance_record

    meeting = make_meeting(small_city.network, when=aware(2016, 1, 1))
    for index in range(rows):
        agenda_item_add(meeting=meeting, title=f"Punkt {index}")
        person = make_person(f"A{index}")
        consent_give(person=person, given_on=date(2010, 1, 1), allow=("name",))
        attendance_record(meeting=meeting, person=person)
    with django_assert_max_num_queries(20):
        html(client.get(reverse("bodies:meeting-detail", args=[meeting.pk])))


@pytest.mark.parametrize("rows", [3, 12])
def test_my_page_queries_do_not_grow(client, world, rows, django_assert_max_num_queries):
    dieter = world.personas.member.person
    for index in range(rows):
        body = make_body(
            world.city.quarter, f"AG {index}", kind=BodyKind.WORKING_GROUP, level=BodyLevel.QUARTER
        )
        seat_create(
            body=body, organisation=make_organisation(), starts_on=date(2014, 1, 1), holder=dieter
        )
        make_meeting(body, when=aware(2099, 1, 1) + timedelta(days=index))
    client.force_login(world.personas.member)
    with django_assert_max_num_queries(20):
        page = html(client.get(reverse("bodies:mine")))
    assert page.count('class="meeting-item"') == min(10, rows + 2)


@pytest.mark.parametrize("rows", [3, 12])
def test_structure_page_queries_do_not_grow_with_reporting_lines(
    client, small_city, rows, django_assert_max_num_queries
):
    for index in range(rows):
        make_body(
            small_city.quarter,
            f"AG {index}",
            kind=BodyKind.WORKING_GROUP,
            level=BodyLevel.QUARTER,
            reports_to=small_city.network,
        )
    with django_assert_max_num_queries(8):
        html(client.get(reverse("bodies:structure")))
