from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartier.actors.models import Affiliation, Person
from quartier.actors.services import affiliation_add
from quartier.actors.tests.factories import make_organisation
from quartier.actors.tests.matrix_rows import PNG
from quartier.core.tests.matrix import ROLES, STAFF

pytestmark = pytest.mark.django_db

CREATE = reverse("actors:person-create")


def edit(person) -> str:
    return reverse("actors:person-edit", args=[person.pk])


def login(client, personas, role):
    if role != "anonymous":
        client.force_login(personas.all()[role])


# --- create ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_create_is_for_staff(client, world, role):
    login(client, world.personas, role)
    response = client.post(CREATE, {"given_name": "Neue", "family_name": "Person"})
    created = Person.objects.filter(family_name="Person").exists()
    if role in STAFF:
        assert response.status_code == 302 and created
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not created
    if role == "anonymous":
        assert "/anmelden/" in response["Location"]


def test_create_refuses_other_methods(client, world):
    client.force_login(world.personas.administrator)
    assert client.put(CREATE).status_code == 405


def test_create_with_an_affiliation(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(
        CREATE,
        {
            "given_name": "Gül",
            "family_name": "Yılmaz",
            "email": "guel@example.org",
            "zugehoerigkeit": "neu",
            "affiliation-organisation": world.organisation.pk,
            "affiliation-function": "Pflegefachkraft",
            "affiliation-starts_on": "2021-02-01",
        },
    )
    person = Person.objects.get(family_name="Yılmaz")
    assert response["Location"] == reverse("actors:person-detail", args=[person.pk])
    affiliation = person.affiliations.get()
    assert affiliation.organisation == world.organisation
    assert affiliation.function == "Pflegefachkraft"
    assert affiliation.starts_on == date(2021, 2, 1)
    # No consent yet: the new person stays invisible to the public.
    client.logout()
    assert client.get(response["Location"]).status_code == 404


def test_create_without_names_says_so_at_the_fields(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(CREATE, {"given_name": "", "family_name": "", "email": "kaputt"})
    errors = response.context["form"].errors
    assert errors["given_name"] == ["Bitte geben Sie den Vornamen ein."]
    assert errors["family_name"] == ["Bitte geben Sie den Nachnamen ein."]
    assert errors["email"] == ["Bitte geben Sie eine gültige E-Mail-Adresse ein."]
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_bad_affiliation_saves_neither_person_nor_affiliation(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        CREATE,
        {
            "given_name": "Nora",
            "family_name": "Nichtgespeichert",
            "affiliation-organisation": world.organisation.pk,
            "affiliation-starts_on": "2022-01-01",
            "affiliation-ends_on": "2021-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["affiliation_form"].errors["ends_on"] == [
        "Das Ende liegt vor dem Beginn."
    ]
    assert not Person.objects.filter(family_name="Nichtgespeichert").exists()


def test_an_affiliation_without_organisation_is_named_at_the_field(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        CREATE,
        {"given_name": "Nora", "family_name": "Ohne", "affiliation-function": "Leitung"},
    )
    assert (
        "Bitte wählen Sie eine Organisation."
        in (response.context["affiliation_form"].errors["organisation"][0])
    )
    assert not Person.objects.filter(family_name="Ohne").exists()


def test_photo_must_be_an_image(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.personas.administrator)
    bad = SimpleUploadedFile("bild.svg", b"<svg></svg>", content_type="image/svg+xml")
    response = client.post(CREATE, {"given_name": "Ina", "family_name": "Bild", "photo": bad})
    assert response.context["form"].errors["photo"] == [
        "Das Foto muss eine JPG-, PNG- oder WebP-Datei sein."
    ]
    good = SimpleUploadedFile("bild.png", PNG, content_type="image/png")
    response = client.post(CREATE, {"given_name": "Ina", "family_name": "Bild", "photo": good})
    assert response.status_code == 302
    assert Person.objects.get(family_name="Bild").photo.read() == PNG


# --- edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_edit_who_may(client, world, role):
    login(client, world.personas, role)
    consenting = client.get(edit(world.consenting)).status_code
    hidden = client.get(edit(world.hidden_person)).status_code
    if role in STAFF:
        assert (consenting, hidden) == (200, 200)
    elif role == "anonymous":
        assert (consenting, hidden) == (302, 302)
    else:
        # Petra's page is public, so editing it is forbidden; Hans's page does not exist.
        assert (consenting, hidden) == (403, 404)


def test_the_person_herself_may_edit_but_sees_no_internal_note(client, world):
    own = world.personas.member.person
    client.force_login(world.personas.member)
    response = client.get(edit(own))
    assert response.status_code == 200
    assert "note" not in response.context["form"].fields
    response = client.post(
        edit(own), {"given_name": "Dieter", "family_name": "Sitz", "phone": "0511 4"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.phone == "0511 4"


def test_edit_refuses_other_methods(client, world):
    client.force_login(world.personas.administrator)
    assert client.patch(edit(world.consenting)).status_code == 405


def test_edit_offers_the_current_affiliation(client, world):
    client.force_login(world.personas.administrator)
    response = client.get(edit(world.consenting))
    affiliation = world.consenting.affiliations.get()
    assert response.context["affiliation_form"].instance == affiliation
    assert f'name="zugehoerigkeit" value="{affiliation.pk}"' in response.content.decode()


def test_edit_changes_the_chosen_affiliation(client, world):
    affiliation = world.consenting.affiliations.get()
    client.force_login(world.personas.coordinator)
    response = client.post(
        edit(world.consenting),
        {
            "given_name": "Petra",
            "family_name": "Öffentlich",
            "email": "petra@example.org",
            "zugehoerigkeit": affiliation.pk,
            "affiliation-organisation": world.organisation.pk,
            "affiliation-function": "Geschäftsführung",
            "affiliation-ends_on": "2030-12-31",
        },
    )
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.function == "Geschäftsführung"
    assert affiliation.ends_on == date(2030, 12, 31)
    assert world.consenting.affiliations.count() == 1


def test_edit_adds_a_second_affiliation(client, world):
    other = make_organisation("AWO Südstadt")
    client.force_login(world.personas.administrator)
    response = client.get(edit(world.consenting), {"zugehoerigkeit": "neu"})
    assert response.context["affiliation_form"].instance.pk is None
    client.post(
        edit(world.consenting),
        {
            "given_name": "Petra",
            "family_name": "Öffentlich",
            "zugehoerigkeit": "neu",
            "affiliation-organisation": other.pk,
            "affiliation-function": "Beirat",
        },
    )
    assert world.consenting.affiliations.count() == 2


def test_edit_cannot_reach_someone_elses_affiliation(client, world):
    foreign = affiliation_add(person=world.hidden_person, organisation=world.organisation)
    client.force_login(world.personas.administrator)
    client.post(
        edit(world.consenting),
        {
            "given_name": "Petra",
            "family_name": "Öffentlich",
            "zugehoerigkeit": foreign.pk,
            "affiliation-organisation": world.organisation.pk,
            "affiliation-function": "Übernommen",
        },
    )
    foreign.refresh_from_db()
    assert foreign.function == "" and foreign.person == world.hidden_person
    assert Affiliation.objects.filter(person=world.consenting, function="Übernommen").exists()


def test_edit_with_bad_affiliation_keeps_the_person_unchanged(client, world):
    affiliation = world.consenting.affiliations.get()
    client.force_login(world.personas.administrator)
    response = client.post(
        edit(world.consenting),
        {
            "given_name": "Petra",
            "family_name": "Umbenannt",
            "zugehoerigkeit": affiliation.pk,
            "affiliation-organisation": "",
        },
    )
    assert response.status_code == 200
    world.consenting.refresh_from_db()
    assert world.consenting.family_name == "Öffentlich"
    assert "Bitte wählen Sie eine Organisation." in response.content.decode()
