"""Meetings: plan one (alone or jointly), change time and place, cancel it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from quartier.bodies.models import Meeting, MeetingState
from quartier.bodies.tests.factories import aware

pytestmark = pytest.mark.django_db

NEW = {"day": "2099-06-01", "start": "15:00", "end": "17:30", "location_text": "Rathaus"}


def test_secretary_plans_a_meeting_in_a_few_fields(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:meeting-create", args=[world.city.network.pk]),
        {"day": "2099-06-01", "start": "15:00", "is_public": "on"},
    )
    meeting = Meeting.objects.get(starts_at=aware(2099, 6, 1, 15))
    assert response["Location"] == reverse("bodies:meeting-detail", args=[meeting.pk])
    assert list(meeting.bodies.all()) == [world.city.network]
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=120)  # usual length
    assert meeting.is_public


def test_administrator_plans_a_joint_session(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        reverse("bodies:meeting-create", args=[world.city.network.pk]),
        {**NEW, "joint_bodies": [world.city.other_network.pk]},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(starts_at=aware(2099, 6, 1, 15))
    assert set(meeting.bodies.all()) == {world.city.network, world.city.other_network}
    assert not meeting.is_public  # box left unchecked


def test_joint_partners_are_only_bodies_she_may_edit(client, world):
    client.force_login(world.personas.secretary)
    url = reverse("bodies:meeting-create", args=[world.city.network.pk])
    offered = client.get(url).context["form"].fields["joint_bodies"].queryset
    assert world.city.other_network not in offered
    response = client.post(url, {**NEW, "joint_bodies": [world.city.other_network.pk]})
    assert response.status_code == 200
    assert "joint_bodies" in response.context["form"].errors
    assert not Meeting.objects.filter(starts_at=aware(2099, 6, 1, 15)).exists()


def test_end_before_start_is_named_at_the_end(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:meeting-create", args=[world.city.network.pk]),
        {**NEW, "end": "14:00"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == ["Das Ende muss nach dem Beginn liegen."]
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_meeting_before_the_body_existed_is_refused_at_the_day(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        reverse("bodies:meeting-create", args=[world.city.circle.pk]),
        {**NEW, "day": "2012-01-01"},
    )
    assert "besteht am 01.01.2012 nicht" in " ".join(response.context["form"].errors["day"])


def test_moving_a_meeting_raises_its_calendar_sequence(client, world):
    meeting = world.public_meeting
    client.force_login(world.personas.coordinator)
    form = client.get(reverse("bodies:meeting-edit", args=[meeting.pk])).context["form"]
    assert form.initial["start"].hour == 14
    response = client.post(reverse("bodies:meeting-edit", args=[meeting.pk]), NEW)
    assert response["Location"] == reverse("bodies:meeting-detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at) == (
        aware(2099, 6, 1, 15),
        aware(2099, 6, 1, 17, 30),
    )
    assert meeting.location_text == "Rathaus"
    assert meeting.sequence == 1


def test_cancel_needs_a_reason(client, world):
    client.force_login(world.personas.secretary)
    url = reverse("bodies:meeting-cancel", args=[world.public_meeting.pk])
    response = client.post(url, {"cancellation_reason": ""})
    assert "cancellation_reason" in response.context["form"].errors
    world.public_meeting.refresh_from_db()
    assert world.public_meeting.state == MeetingState.PLANNED
    assert client.post(url, {"cancellation_reason": "Raum belegt"}).status_code == 302
    world.public_meeting.refresh_from_db()
    assert (world.public_meeting.state, world.public_meeting.cancellation_reason) == (
        MeetingState.CANCELLED,
        "Raum belegt",
    )


def test_a_held_meeting_cannot_be_cancelled(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:meeting-cancel", args=[world.past_meeting.pk]),
        {"cancellation_reason": "zu spät"},
    )
    assert "schon stattgefunden" in response.content.decode()
    world.past_meeting.refresh_from_db()
    assert world.past_meeting.state == MeetingState.HELD


@pytest.mark.parametrize("name", ["meeting-edit", "meeting-cancel"])
def test_who_may_not(client, world, name):
    personas = world.personas
    url = reverse(f"bodies:{name}", args=[world.private_meeting.pk])
    assert client.get(url)["Location"].startswith("/anmelden/")
    expected = {"member": 403, "contact": 404, "citizen": 404}
    for role, status in expected.items():
        client.force_login(getattr(personas, role))
        assert client.get(url).status_code == status, role


def test_wrong_method(client, world):
    client.force_login(world.personas.secretary)
    url = reverse("bodies:meeting-edit", args=[world.public_meeting.pk])
    assert client.put(url).status_code == 405
