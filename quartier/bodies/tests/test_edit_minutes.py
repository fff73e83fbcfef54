"""Minutes: protocol and result of every item in one form; the meeting can be marked held."""

import pytest
from django.urls import reverse

from quartier.bodies.models import MeetingState
from quartier.bodies.services import agenda_item_add

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("bodies:meeting-minutes", args=[meeting.pk])


def test_minutes_of_all_items_are_saved_together(client, world):
    meeting = world.past_meeting
    first = meeting.agenda_items.get()
    second = agenda_item_add(meeting=meeting, title="Verschiedenes")
    meeting.state = MeetingState.INVITED
    meeting.save()
    client.force_login(world.personas.secretary)
    response = client.post(
        url(meeting),
        {
            f"minutes_{first.pk}": "Die Haltestelle wird umgebaut.",
            f"result_{first.pk}": "Üstra berichtet im Juni.",
            f"minutes_{second.pk}": "Nichts weiter.",
            "held": "on",
        },
    )
    assert response["Location"] == reverse("bodies:meeting-detail", args=[meeting.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    meeting.refresh_from_db()
    assert (first.minutes, first.result) == (
        "Die Haltestelle wird umgebaut.",
        "Üstra berichtet im Juni.",
    )
    assert (second.minutes, second.result) == ("Nichts weiter.", "")
    assert meeting.state == MeetingState.HELD
    # Found by search only once the minutes are approved (cycle app).
    assert "ustra" not in first.search_text


def test_a_future_meeting_cannot_be_held_and_nothing_is_saved(client, world):
    meeting = world.public_meeting
    client.force_login(world.personas.coordinator)
    response = client.post(
        url(meeting), {f"minutes_{world.public_item.pk}": "Schon geschrieben", "held": "on"}
    )
    assert response.status_code == 200
    assert "in der Zukunft" in " ".join(response.context["form"].errors["held"])
    world.public_item.refresh_from_db()
    assert world.public_item.minutes == ""
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED


def test_form_shows_what_is_written(client, world):
    client.force_login(world.personas.secretary)
    html = client.get(url(world.past_meeting)).content.decode()
    assert "Die Üstra prüft die Haltestelle Sallstraße." in html
    assert "Protokoll zu TOP 1" in html


def test_who_may_not(client, world):
    target = url(world.private_meeting)
    assert client.get(target)["Location"].startswith("/anmelden/")
    for role, status in {"member": 403, "contact": 404, "citizen": 404}.items():
        client.force_login(getattr(world.personas, role))
        assert client.get(target).status_code == status, role
    client.force_login(world.personas.secretary)
    assert client.put(target).status_code == 405


def test_approved_minutes_are_shown_without_forms(client, world):
    from quartier.bodies.models import Meeting, MinutesState
    from quartier.cycle.agreements import agreement_add

    meeting = world.past_meeting
    item = meeting.agenda_items.get()
    agreement_add(agenda_item=item, text="Bänke bestellen", responsible_text="Bezirksamt")
    Meeting.objects.filter(pk=meeting.pk).update(minutes_state=MinutesState.APPROVED)
    client.force_login(world.personas.secretary)
    response = client.get(url(meeting))
    html = response.content.decode()
    assert "Die Üstra prüft die Haltestelle Sallstraße." in html
    assert "Bänke bestellen" in html and "Bezirksamt" in html
    assert "kann nicht mehr geändert werden" in html
    assert f'name="minutes_{item.pk}"' not in html
    assert "Verabredung hinzufügen" not in html
    assert "form" not in response.context
