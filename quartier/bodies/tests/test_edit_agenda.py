"""The agenda page: add, move (with and without htmx), edit and delete items."""

import pytest
from django.urls import reverse

from quartier.bodies.models import AgendaItem, Document
from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import make_meeting
from quartier.topics.models import Topic

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def titles(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def agenda_url(meeting):
    return reverse("bodies:meeting-agenda", args=[meeting.pk])


def test_secretary_adds_an_item_at_a_position(client, world):
    meeting = world.public_meeting
    housing = Topic.objects.get(slug="wohnen")
    client.force_login(world.personas.secretary)
    response = client.post(
        agenda_url(meeting), {"title": "Begrüßung", "position": 1, "topics": [housing.pk]}
    )
    assert response["Location"] == agenda_url(meeting)
    assert titles(meeting) == ["Begrüßung", "Wohnen im Quartier", "Interne Abstimmung"]
    item = meeting.agenda_items.get(title="Begrüßung")
    assert list(item.topics.all()) == [housing]
    assert item.is_public is False  # box unchecked


def test_htmx_add_answers_with_the_list_fragment(client, world):
    meeting = world.public_meeting
    client.force_login(world.personas.secretary)
    response = client.post(agenda_url(meeting), {"title": "Verschiedenes"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="agenda-editor">')
    assert "<html" not in html
    assert "TOP 3 „Verschiedenes“ ist hinzugefügt." in html
    assert titles(meeting)[-1] == "Verschiedenes"


def test_missing_title_is_named_at_the_field_with_and_without_htmx(client, world):
    meeting = world.public_meeting
    client.force_login(world.personas.secretary)
    for headers in ({}, HTMX):
        response = client.post(agenda_url(meeting), {"title": ""}, **headers)
        assert response.status_code == 200
        assert response.context["form"].errors["title"] == [
            "Dieses Feld ist zwingend erforderlich."
        ]
    assert meeting.agenda_items.count() == 2


def test_move_down_without_javascript_redirects_back(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(
        reverse("bodies:agenda-item-move", args=[world.public_item.pk]), {"direction": "down"}
    )
    assert response["Location"] == agenda_url(world.public_meeting)
    assert titles(world.public_meeting) == ["Interne Abstimmung", "Wohnen im Quartier"]


def test_move_up_with_htmx_answers_with_the_new_order(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:agenda-item-move", args=[world.private_item.pk]),
        {"direction": "up"},
        **HTMX,
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.index("Interne Abstimmung") < html.index("Wohnen im Quartier")
    assert "„Interne Abstimmung“ ist jetzt TOP 1." in html


def test_move_needs_a_direction_and_post(client, world):
    client.force_login(world.personas.secretary)
    url = reverse("bodies:agenda-item-move", args=[world.public_item.pk])
    assert client.post(url, {"direction": "sideways"}).status_code == 400
    assert client.get(url).status_code == 405
    assert titles(world.public_meeting) == ["Wohnen im Quartier", "Interne Abstimmung"]


def test_edit_an_item(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:agenda-item-edit", args=[world.public_item.pk]),
        {"title": "Wohnen im Alter", "text": "Bericht der Wohnungsgesellschaft", "is_public": "on"},
    )
    assert response["Location"] == agenda_url(world.public_meeting)
    world.public_item.refresh_from_db()
    assert (world.public_item.title, world.public_item.position) == ("Wohnen im Alter", 1)
    assert not world.public_item.topics.exists()


def test_delete_asks_first_then_closes_the_gap_and_keeps_files(client, world):
    meeting = world.public_meeting
    document = Document.objects.create(
        meeting=meeting, agenda_item=world.public_item, kind="annex", title="Plan", file="x.pdf"
    )
    client.force_login(world.personas.secretary)
    url = reverse("bodies:agenda-item-delete", args=[world.public_item.pk])
    assert "Ja, Punkt löschen" in client.get(url).content.decode()
    assert meeting.agenda_items.count() == 2
    assert client.post(url)["Location"] == agenda_url(meeting)
    assert list(meeting.agenda_items.values_list("title", "position")) == [
        ("Interne Abstimmung", 1)
    ]
    document.refresh_from_db()
    assert document.agenda_item is None


def test_an_item_with_minutes_is_not_deleted(client, world):
    held = world.past_meeting.agenda_items.get()
    client.force_login(world.personas.secretary)
    response = client.post(reverse("bodies:agenda-item-delete", args=[held.pk]))
    assert response.status_code == 200
    assert "Protokoll oder Ergebnis" in response.content.decode()
    assert AgendaItem.objects.filter(pk=held.pk).exists()


@pytest.mark.parametrize("name", ["agenda-item-edit", "agenda-item-delete"])
def test_who_may_not(client, world, name):
    url = reverse(f"bodies:{name}", args=[world.private_item.pk])
    assert client.get(url)["Location"].startswith("/anmelden/")
    for role, status in {"member": 403, "contact": 404, "citizen": 404}.items():
        client.force_login(getattr(world.personas, role))
        assert client.get(url).status_code == status, role


@pytest.mark.parametrize("count", [3, 12])
def test_agenda_page_queries_do_not_grow_with_items(
    client, world, count, django_assert_max_num_queries
):
    housing = Topic.objects.get(slug="wohnen")
    meeting = make_meeting(world.city.network)
    for number in range(count):
        agenda_item_add(meeting=meeting, title=f"Punkt {number}", topics=[housing])
    client.force_login(world.personas.secretary)
    with django_assert_max_num_queries(16):
        response = client.get(agenda_url(meeting))
    assert response.content.decode().count('class="kern-table__row agenda-item"') == count


def test_each_row_shows_its_topics_and_its_own_links(client, world):
    meeting = make_meeting(world.city.network)
    housing, care = Topic.objects.get(slug="wohnen"), Topic.objects.get(slug="pflege")
    first = agenda_item_add(meeting=meeting, title="Eins", topics=[housing, care])
    second = agenda_item_add(meeting=meeting, title="Zwei")
    client.force_login(world.personas.secretary)
    html = client.get(agenda_url(meeting)).content.decode()
    row = html[html.index(f'id="top-{first.pk}"') : html.index(f'id="top-{second.pk}"')]
    assert "Pflege, Wohnen" in row
    assert f'href="{reverse("bodies:agenda-item-edit", args=[first.pk])}"' in row
    assert f'action="{reverse("bodies:agenda-item-move", args=[first.pk])}"' in row
    assert "nach oben" not in row and "nach unten: Eins" in row
    last = html[html.index(f'id="top-{second.pk}"') :]
    assert "–</td>" in last and "nach unten" not in last.split("</tr>")[0]
