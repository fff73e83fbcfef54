"""After an htmx swap the keyboard focus lands where the secretary continues."""

import re

import pytest
from django.urls import reverse

from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def autofocused(html: str) -> list[str]:
    return re.findall(r"<(?:button|input|textarea)[^>]*autofocus[^>]*>", html)


def test_moving_up_keeps_focus_on_the_moved_items_button(client, world):
    meeting = make_meeting(world.city.network)
    agenda_item_add(meeting=meeting, title="Erstens")
    second = agenda_item_add(meeting=meeting, title="Zweitens")
    agenda_item_add(meeting=meeting, title="Drittens")
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:agenda-item-move", args=[second.pk]),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    focused = autofocused(response.content.decode())
    assert len(focused) == 1 and 'aria-label="nach oben: Zweitens"' not in focused[0]
    # Now first, it has no "up" button: the focus falls on its "down" button.
    assert 'aria-label="nach unten: Zweitens"' in focused[0]
    assert [i.title for i in meeting.agenda_items.order_by("position")] == [
        "Zweitens",
        "Erstens",
        "Drittens",
    ]


def test_adding_puts_the_focus_back_into_the_title_field(client, world):
    meeting = make_meeting(world.city.network)
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:meeting-agenda", args=[meeting.pk]),
        {"title": "Neuer Punkt", "is_public": "on"},
        HTTP_HX_REQUEST="true",
    )
    focused = autofocused(response.content.decode())
    assert len(focused) == 1 and 'name="title"' in focused[0]


def test_moving_works_with_gaps_in_positions(client, world):
    meeting = make_meeting(world.city.network)
    first = agenda_item_add(meeting=meeting, title="Eins")
    last = agenda_item_add(meeting=meeting, title="Zwei")
    type(first).objects.filter(pk=last.pk).update(position=7)
    client.force_login(world.personas.secretary)
    client.post(reverse("bodies:agenda-item-move", args=[last.pk]), {"direction": "up"})
    assert [i.title for i in meeting.agenda_items.order_by("position")] == ["Zwei", "Eins"]
