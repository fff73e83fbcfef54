"""The admin holds a city's whole structure: every model, normalised search, dated rows."""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import AgendaItem, Body, BodyVersion
from quartier.bodies.services import agenda_item_add, seat_create
from quartier.bodies.tests.factories import aware, make_meeting

pytestmark = pytest.mark.django_db

OUR_APPS = {"core", "places", "actors", "topics", "programmes", "bodies"}


def our_models():
    return [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def test_every_model_of_ours_is_in_the_admin():
    from django.apps import apps

    registered = set(our_models())
    missing = [
        model.__name__
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if model not in registered
    ]
    assert missing == []


def test_every_changelist_and_add_page_opens_for_the_department(client, personas, small_city):
    client.force_login(personas.administrator)
    for model in our_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = reverse(f"{prefix}_changelist")
        assert client.get(changelist).status_code == 200, prefix
        assert client.get(reverse(f"{prefix}_add")).status_code == 200, prefix
        assert client.get(changelist, {"q": "Straße"}).status_code == 200, prefix


def test_admin_is_closed_to_everybody_else(client, personas):
    url = reverse("admin:bodies_body_changelist")
    for name, user in personas.all().items():
        if name == "administrator":
            continue
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], name


def test_admin_search_uses_the_normaliser(client, personas):
    make_person("Heinz", "Müller")
    make_person("Karl", "Meyer")
    make_organisation("Nachbarschaftstreff Hildesheimer Straße")
    client.force_login(personas.administrator)
    people = client.get(reverse("admin:actors_person_changelist"), {"q": "mueller"})
    assert "Müller" in people.content.decode() and "Meyer" not in people.content.decode()
    orgs = client.get(reverse("admin:actors_organisation_changelist"), {"q": "STRASSE hildes"})
    assert "Hildesheimer" in orgs.content.decode()


def test_body_is_created_with_its_first_version_and_named_from_it(client, personas, small_city):
    client.force_login(personas.administrator)
    response = client.post(
        reverse("admin:bodies_body_add"),
        {
            "kind": "working_group",
            "level": "quarter",
            "area": small_city.quarter.pk,
            "purpose": "",
            "is_public": "on",
            "founded_on": "2015-03-01",
            "external_id": "",
            "notice_days": "14",
            "proposal_days": "21",
            "objection_days": "14",
            "versions-TOTAL_FORMS": "1",
            "versions-INITIAL_FORMS": "0",
            "versions-MIN_NUM_FORMS": "1",
            "versions-MAX_NUM_FORMS": "1000",
            "versions-0-valid_from": "2015-03-01",
            "versions-0-name": "AG Wohnen Südstadt",
            "versions-0-cadence_per_year": "6",
            "versions-0-reports_to": str(small_city.circle.pk),
            "seats-TOTAL_FORMS": "0",
            "seats-INITIAL_FORMS": "0",
            "seats-MIN_NUM_FORMS": "0",
            "seats-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    body = Body.objects.get(name="AG Wohnen Südstadt")
    assert body.versions.get().reports_to == small_city.circle
    assert body.sort_name == "ag wohnen suedstadt"


def test_admin_refuses_a_reporting_cycle_with_a_german_message(client, personas, small_city):
    client.force_login(personas.administrator)
    network = small_city.network
    versions = list(network.versions.order_by("valid_from"))
    url = reverse("admin:bodies_body_change", args=[network.pk])
    data = {
        "kind": network.kind,
        "level": network.level,
        "area": network.area_id,
        "purpose": "",
        "is_public": "on",
        "founded_on": "2010-01-01",
        "external_id": "",
        "versions-TOTAL_FORMS": str(len(versions) + 1),
        "versions-INITIAL_FORMS": str(len(versions)),
        "versions-MIN_NUM_FORMS": "1",
        "versions-MAX_NUM_FORMS": "1000",
        "seats-TOTAL_FORMS": "0",
        "seats-INITIAL_FORMS": "0",
        "seats-MIN_NUM_FORMS": "0",
        "seats-MAX_NUM_FORMS": "1000",
    }
    for index, version in enumerate(versions):
        data.update(
            {
                f"versions-{index}-id": str(version.pk),
                f"versions-{index}-body": str(network.pk),
                f"versions-{index}-valid_from": version.valid_from.isoformat(),
                f"versions-{index}-name": version.name,
                f"versions-{index}-secretary": str(version.secretary_id or ""),
            }
        )
    new = len(versions)
    data.update(
        {
            f"versions-{new}-body": str(network.pk),
            f"versions-{new}-valid_from": "2016-01-01",
            f"versions-{new}-name": versions[-1].name,
            f"versions-{new}-reports_to": str(small_city.circle.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kreis" in response.content.decode()
    assert BodyVersion.objects.filter(body=network).count() == len(versions)


def test_admin_swaps_agenda_positions_without_a_database_error(client, personas, small_city):
    meeting = make_meeting(small_city.network, when=aware(2027, 6, 1))
    first = agenda_item_add(meeting=meeting, title="Erstens")
    second = agenda_item_add(meeting=meeting, title="Zweitens")
    client.force_login(personas.administrator)
    url = reverse("admin:bodies_meeting_change", args=[meeting.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["starts_at_0"], data["starts_at_1"] = "01.06.2027", "14:00:00"
    data["ends_at_0"], data["ends_at_1"] = "01.06.2027", "16:00:00"
    data["bodies"] = [small_city.network.pk]
    data["is_public"] = "on"
    for prefix, total in (("agenda_items", 2), ("attendances", 0), ("documents", 0)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": str(total),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    for index, (item, position) in enumerate(((first, 2), (second, 1))):
        data.update(
            {
                f"agenda_items-{index}-id": str(item.pk),
                f"agenda_items-{index}-meeting": str(meeting.pk),
                f"agenda_items-{index}-position": str(position),
                f"agenda_items-{index}-title": item.title,
                f"agenda_items-{index}-is_public": "on",
            }
        )
    data.pop("location", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:4000]
    order = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("title", flat=True)
    )
    assert order == ["Zweitens", "Erstens"]


def test_admin_refuses_overlapping_holders_in_one_form(client, personas, small_city):
    seat = seat_create(
        body=small_city.network, organisation=make_organisation(), starts_on=date(2014, 1, 1)
    )
    anna, bert = make_person("Anna"), make_person("Bert")
    client.force_login(personas.administrator)
    data = {
        "body": small_city.network.pk,
        "organisation": seat.organisation_id,
        "role": "member",
        "label": "",
        "starts_on": "2014-01-01",
        "external_id": "",
        "holdings-TOTAL_FORMS": "2",
        "holdings-INITIAL_FORMS": "0",
        "holdings-MIN_NUM_FORMS": "0",
        "holdings-MAX_NUM_FORMS": "1000",
        "holdings-0-person": anna.pk,
        "holdings-0-starts_on": "2014-01-01",
        "holdings-0-ends_on": "2016-12-31",
        "holdings-1-person": bert.pk,
        "holdings-1-starts_on": "2016-06-01",
        "deputies-TOTAL_FORMS": "0",
        "deputies-INITIAL_FORMS": "0",
        "deputies-MIN_NUM_FORMS": "0",
        "deputies-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("admin:bodies_seat_change", args=[seat.pk]), data)
    assert response.status_code == 200
    assert "überschneidet sich" in response.content.decode()
    assert seat.holdings.count() == 0
