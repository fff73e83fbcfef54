import pytest
from django.urls import reverse

from quartier.actors.models import Organisation
from quartier.actors.tests.factories import make_organisation
from quartier.core.tests.matrix import ROLES, STAFF

pytestmark = pytest.mark.django_db

CREATE = reverse("actors:organisation-create")


def edit(organisation) -> str:
    return reverse("actors:organisation-edit", args=[organisation.pk])


def login(client, personas, role):
    if role != "anonymous":
        client.force_login(personas.all()[role])


def valid(world, **changes):
    return {
        "name": "Quartierstreff Südstadt",
        "kind": "neighbourhood_initiative",
        "based_in": world.city.quarter.pk,
        **changes,
    }


# --- create ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_create_is_for_staff(client, world, role):
    login(client, world.personas, role)
    before = Organisation.objects.count()
    response = client.post(CREATE, valid(world))
    if role in STAFF:
        assert response.status_code == 302
        assert Organisation.objects.count() == before + 1
    elif role == "anonymous":
        assert response.status_code == 302 and "/anmelden/" in response["Location"]
        assert Organisation.objects.count() == before
    else:
        assert response.status_code == 403
        assert Organisation.objects.count() == before


def test_create_refuses_other_methods(client, world):
    client.force_login(world.personas.administrator)
    assert client.put(CREATE).status_code == 405


def test_create_happy_path(client, world):
    client.force_login(world.personas.coordinator)
    data = valid(
        world,
        works_in=[world.city.quarter.pk, world.city.district.pk],
        email="treff@example.org",
        website="treff.example.org",
        founded_on="2015-03-01",
    )
    response = client.post(CREATE, data)
    organisation = Organisation.objects.get(name="Quartierstreff Südstadt")
    assert response["Location"] == reverse("actors:organisation-detail", args=[organisation.pk])
    assert set(organisation.works_in.all()) == {world.city.quarter, world.city.district}
    assert organisation.website == "https://treff.example.org"
    assert organisation.sort_name == "quartierstreff suedstadt"
    page = client.get(response["Location"]).content.decode()
    assert "ist angelegt" in page


def test_create_without_name_says_so_at_the_field(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(CREATE, valid(world, name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Bitte geben Sie den Namen der Organisation ein."
    ]
    assert 'id="id_name-error"' in response.content.decode()
    assert not Organisation.objects.filter(kind="neighbourhood_initiative").exists()


def test_create_with_dissolution_before_founding_is_refused(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(CREATE, valid(world, founded_on="2020-01-01", dissolved_on="2019-01-01"))
    assert response.context["form"].errors["dissolved_on"] == [
        "Die Auflösung liegt vor der Gründung."
    ]
    assert not Organisation.objects.filter(name="Quartierstreff Südstadt").exists()


def test_create_with_bad_email_and_website(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(CREATE, valid(world, email="kein-at", website="nicht da"))
    errors = response.context["form"].errors
    assert errors["email"] == ["Bitte geben Sie eine gültige E-Mail-Adresse ein."]
    assert "Internetadresse" in errors["website"][0]


def test_a_coordinator_creates_only_in_her_area(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(CREATE, valid(world, based_in=world.city.other_district.pk))
    assert response.context["form"].errors["based_in"] == [
        "Bitte wählen Sie ein Gebiet, das Sie koordinieren."
    ]
    assert not Organisation.objects.filter(name="Quartierstreff Südstadt").exists()


def test_an_administrator_creates_anywhere(client, world):
    client.force_login(world.personas.administrator)
    data = valid(world, based_in=world.city.other_district.pk)
    assert client.post(CREATE, data).status_code == 302
    data = valid(world, based_in="", name="Ohne Sitz")
    assert client.post(CREATE, data).status_code == 302


# --- edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_edit_is_for_those_who_coordinate_its_area(client, world, role):
    login(client, world.personas, role)
    response = client.post(edit(world.organisation), valid(world, name="Diakonie Süd"))
    world.organisation.refresh_from_db()
    if role in STAFF:
        assert response.status_code == 302
        assert world.organisation.name == "Diakonie Süd"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert world.organisation.name == "Diakoniestation Südstadt"


def test_a_coordinator_may_not_edit_elsewhere(client, world):
    elsewhere = make_organisation("Nordladen", based_in=world.city.other_district)
    client.force_login(world.personas.coordinator)
    assert client.get(edit(elsewhere)).status_code == 403
    client.force_login(world.personas.administrator)
    assert client.get(edit(elsewhere)).status_code == 200


def test_edit_of_missing_organisation_is_404(client, world):
    client.force_login(world.personas.administrator)
    assert client.get(reverse("actors:organisation-edit", args=[999999])).status_code == 404


def test_edit_refuses_other_methods(client, world):
    client.force_login(world.personas.administrator)
    assert client.delete(edit(world.organisation)).status_code == 405


def test_edit_shows_the_current_values(client, world):
    client.force_login(world.personas.administrator)
    html = client.get(edit(world.organisation)).content.decode()
    assert 'value="Diakoniestation Südstadt"' in html
    assert html.count("<h1") == 1
    assert 'for="id_works_in_0"' in html  # every checkbox has its label


def test_edit_bad_input_changes_nothing(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(edit(world.organisation), valid(world, name="", kind="unsinn"))
    assert response.status_code == 200
    assert "Bitte geben Sie den Namen der Organisation ein." in response.content.decode()
    world.organisation.refresh_from_db()
    assert world.organisation.name == "Diakoniestation Südstadt"


def test_edit_sets_works_in(client, world):
    client.force_login(world.personas.coordinator)
    client.post(edit(world.organisation), valid(world, works_in=[world.city.district.pk]))
    assert list(world.organisation.works_in.all()) == [world.city.district]
    client.post(edit(world.organisation), valid(world))
    assert list(world.organisation.works_in.all()) == []


def test_an_empty_submission_shows_what_is_missing(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(CREATE, {})
    errors = response.context["form"].errors
    assert errors["name"] == ["Bitte geben Sie den Namen der Organisation ein."]
    assert errors["kind"] == ["Bitte wählen Sie die Art der Organisation."]
