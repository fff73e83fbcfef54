"""The body's periods on its edit form, and what the meeting edit pages say about updates."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from quartier.bodies.models import Body, BodyVersion
from quartier.cycle.invite import invitation_due_on
from quartier.cycle.tests.invite_setup import DUE, at, cycle

pytestmark = pytest.mark.django_db
__all__ = ["cycle"]


def as_posted(client, url, **changes) -> dict:
    """What the browser posts: every field as the page shows it, with `changes`."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    data["valid_from"] = "2026-01-01"
    return {**data, **changes}


def test_coordinator_changes_the_periods_alone(cycle, personas, client):
    client.force_login(personas.coordinator)
    url = reverse("bodies:body-edit", args=[cycle.network.pk])
    page = client.get(url).content.decode()
    assert "Einladungsfrist (Tage)" in page and 'value="14"' in page
    versions = BodyVersion.objects.filter(body=cycle.network).count()
    data = as_posted(client, url, notice_days="21", proposal_days="28", objection_days="10")
    response = client.post(url, data)
    assert response.status_code == 302
    network = Body.objects.get(pk=cycle.network.pk)
    assert (network.notice_days, network.proposal_days, network.objection_days) == (21, 28, 10)
    assert BodyVersion.objects.filter(body=network).count() == versions  # not dated
    cycle.meeting.refresh_from_db()
    assert invitation_due_on(cycle.meeting) == DUE - timedelta(days=7)


def test_bad_period_is_refused_and_nothing_is_saved(cycle, personas, client):
    client.force_login(personas.coordinator)
    url = reverse("bodies:body-edit", args=[cycle.network.pk])
    response = client.post(url, as_posted(client, url, name="Neuer Name", notice_days="-3"))
    assert response.status_code == 200
    assert "größer oder gleich 0" in response.content.decode()
    network = Body.objects.get(pk=cycle.network.pk)
    assert network.notice_days == 14 and network.name != "Neuer Name"


def test_unchanged_form_still_says_nothing_changed(cycle, personas, client):
    client.force_login(personas.coordinator)
    url = reverse("bodies:body-edit", args=[cycle.network.pk])
    response = client.post(url, as_posted(client, url))
    assert "Sie haben nichts geändert." in response.content.decode()


def test_meeting_page_links_the_invitation_page_for_who_may_edit(cycle, personas, client):
    url = reverse("bodies:meeting-detail", args=[cycle.meeting.pk])
    link = reverse("cycle:meeting-invitation", args=[cycle.meeting.pk])
    client.force_login(personas.coordinator)
    assert link in client.get(url).content.decode()
    client.force_login(personas.member)
    assert link not in client.get(url).content.decode()


def test_moving_an_invited_meeting_says_the_update_goes_out(
    cycle, personas, client, settings, mailoutbox
):
    from quartier.cycle.invite import invitation_send

    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600
    client.force_login(personas.coordinator)
    with time_machine.travel(at(DUE), tick=False):
        invitation_send(meeting=cycle.meeting)
        response = client.post(
            reverse("bodies:meeting-edit", args=[cycle.meeting.pk]),
            {
                "day": "2027-03-18",
                "start": "15:00",
                "end": "17:00",
                "is_public": "on",
                "location_text": "Stadtteilhaus",
            },
            follow=True,
        )
        assert "erhalten die geänderte Einladung" in response.content.decode()
        response = client.post(
            reverse("bodies:meeting-cancel", args=[cycle.meeting.pk]),
            {"cancellation_reason": "Krank"},
            follow=True,
        )
        assert "erhalten die Absage" in response.content.decode()
