"""Editing a body (dated changes) and founding one, without the admin."""

from datetime import date

import pytest
from django.urls import reverse

from quartier.bodies.models import Body, BodyVersion
from quartier.bodies.selectors import body_version_on

pytestmark = pytest.mark.django_db


def edit_url(body):
    return reverse("bodies:body-edit", args=[body.pk])


def test_coordinator_renames_from_a_date_and_history_stays(client, world):
    network = world.city.network
    client.force_login(world.personas.coordinator)
    response = client.post(
        edit_url(network),
        {"valid_from": "2020-01-01", "name": "Netzwerk für Seniorenarbeit", "cadence_per_year": 4},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("bodies:body-detail", args=[network.pk])
    assert body_version_on(body=network, on=date(2020, 1, 1)).name == (
        "Netzwerk für Seniorenarbeit"
    )
    assert body_version_on(body=network, on=date(2019, 12, 31)).name == (
        "Stadtbezirkliches Netzwerk Südstadt-Bult"
    )
    network.refresh_from_db()
    assert network.name == "Netzwerk für Seniorenarbeit"


def test_only_changed_fields_are_written(client, world):
    network = world.city.network
    client.force_login(world.personas.administrator)
    data = current_data(client, network)
    data.update(valid_from="2030-01-01", usual_duration_minutes=90)
    assert client.post(edit_url(network), data).status_code == 302
    version = BodyVersion.objects.get(body=network, valid_from=date(2030, 1, 1))
    assert version.usual_duration_minutes == 90
    assert version.secretary.full_name == "Carla Schreiber"


def test_cycle_is_refused_at_the_reporting_field(client, world):
    network, circle = world.city.network, world.city.circle
    client.force_login(world.personas.administrator)
    before = BodyVersion.objects.count()
    response = client.post(
        edit_url(network),
        {"valid_from": "2020-01-01", "name": network.name, "reports_to": circle.pk},
    )
    assert response.status_code == 200
    assert "Kreis" in " ".join(response.context["form"].errors["reports_to"])
    assert BodyVersion.objects.count() == before


def test_a_date_before_founding_is_refused_at_the_date(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        edit_url(world.city.network), {"valid_from": "1990-01-01", "name": "Anders"}
    )
    assert response.status_code == 200
    assert "besteht am 01.01.1990 nicht" in " ".join(response.context["form"].errors["valid_from"])


def current_data(client, body):
    initial = client.get(edit_url(body)).context["form"].initial
    return {key: value for key, value in initial.items() if value is not None}


def test_nothing_changed_says_so(client, world):
    client.force_login(world.personas.administrator)
    network = world.city.network
    response = client.post(edit_url(network), current_data(client, network))
    assert response.status_code == 200
    assert "Sie haben nichts geändert." in response.content.decode()


@pytest.mark.parametrize("role", ["secretary", "member", "contact", "citizen"])
def test_others_may_not_edit_the_body(client, world, role):
    client.force_login(getattr(world.personas, role))
    assert client.get(edit_url(world.city.network)).status_code == 403


def test_coordinator_may_not_edit_a_body_outside_her_area(client, world):
    client.force_login(world.personas.coordinator)
    assert client.get(edit_url(world.city.other_network)).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(edit_url(world.city.network))
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_wrong_method(client, world):
    client.force_login(world.personas.administrator)
    assert client.put(edit_url(world.city.network)).status_code == 405


def test_coordinator_founds_a_body_in_her_district(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(
        reverse("bodies:body-create"),
        {
            "name": "Arbeitskreis Wohnen",
            "kind": "working_group",
            "level": "quarter",
            "area": world.city.quarter.pk,
            "founded_on": "2024-02-01",
            "reports_to": world.city.network.pk,
            "cadence_per_year": 6,
        },
    )
    body = Body.objects.get(name="Arbeitskreis Wohnen")
    assert response["Location"] == reverse("bodies:body-detail", args=[body.pk])
    version = body.versions.get()
    assert (version.valid_from, version.reports_to, version.cadence_per_year) == (
        date(2024, 2, 1),
        world.city.network,
        6,
    )
    assert body.is_public is False  # unchecked box: an internal round


def test_coordinator_is_offered_only_her_areas(client, world):
    client.force_login(world.personas.coordinator)
    areas = set(client.get(reverse("bodies:body-create")).context["form"].fields["area"].queryset)
    assert areas == {world.city.district, world.city.quarter}


def test_body_create_bad_input_names_the_field(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(reverse("bodies:body-create"), {"name": "", "kind": "network"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Dieses Feld ist zwingend erforderlich." in errors["name"]
    assert "founded_on" in errors and "area" in errors
    assert not Body.objects.filter(name="").exists()


@pytest.mark.parametrize("role", ["secretary", "member", "contact", "citizen"])
def test_others_may_not_found_bodies(client, world, role):
    client.force_login(getattr(world.personas, role))
    assert client.get(reverse("bodies:body-create")).status_code == 403


def test_the_form_starts_from_todays_version(client, world):
    network = world.city.network
    client.force_login(world.personas.administrator)
    response = client.get(edit_url(network))
    html = response.content.decode()
    assert 'value="Carla Schreiber"' in html
    others = Body.objects.exclude(pk=network.pk).order_by("sort_name")
    for body in others:
        assert f'<option value="{body.pk}"' in html and body.name in html
    assert f'<option value="{network.pk}"' not in html
