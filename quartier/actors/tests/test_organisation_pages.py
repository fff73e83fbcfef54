from datetime import date

import pytest
from django.urls import reverse

from quartier.actors.models import OrganisationKind
from quartier.actors.services import affiliation_add, consent_give, organisation_save
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.services import seat_create
from quartier.bodies.tests.factories import make_body
from quartier.core.tests.matrix import ROLES
from quartier.programmes.models import Programme

pytestmark = pytest.mark.django_db

LIST = reverse("actors:organisation-list")


def detail(organisation) -> str:
    return reverse("actors:organisation-detail", args=[organisation.pk])


def login(client, personas, role):
    if role != "anonymous":
        client.force_login(personas.all()[role])


# --- the list -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_is_open_to_every_role(client, world, role):
    login(client, world.personas, role)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Diakoniestation Südstadt" in response.content.decode()


def test_list_refuses_post(client, world):
    assert client.post(LIST).status_code == 405


def test_list_shows_name_kind_and_seat(client, world):
    html = client.get(LIST).content.decode()
    assert detail(world.organisation) in html
    assert "Ambulante Pflege" in html
    assert "Südstadt" in html
    assert html.count("<h1") == 1


def test_list_filters_by_kind(client, world):
    response = client.get(LIST, {"art": OrganisationKind.CITY_DEPARTMENT})
    names = [organisation.name for organisation in response.context["page"]]
    assert names == ["Fachbereich Tiefbau"]


def test_list_filters_by_area_including_areas_above(client, small_city):
    city_wide = make_organisation("Stadtweiter Träger", based_in=small_city.city)
    quarter = make_organisation("Quartierstreff", based_in=small_city.quarter)
    working = make_organisation("Mobiler Dienst")
    working.works_in.set([small_city.quarter])
    make_organisation("Nordladen", based_in=small_city.other_district)
    response = client.get(LIST, {"gebiet": small_city.quarter.pk})
    names = {organisation.name for organisation in response.context["page"]}
    assert names == {city_wide.name, quarter.name, working.name}


def test_list_search_uses_the_german_normaliser(client, small_city):
    make_organisation("Bürgerbüro Döhren")
    make_organisation("Seniorentreff Kirchrode")
    response = client.get(LIST, {"suche": "buergerbuero doehren"})
    assert [o.name for o in response.context["page"]] == ["Bürgerbüro Döhren"]
    response = client.get(LIST, {"suche": "Bürger"})
    assert [o.name for o in response.context["page"]] == ["Bürgerbüro Döhren"]


def test_list_bad_filter_is_named_at_its_field_and_left_out(client, world):
    response = client.get(LIST, {"art": "unsinn", "gebiet": "999999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diese Art gibt es nicht." in html
    assert "Dieses Gebiet gibt es nicht." in html
    assert 'id="id_art-error"' in html
    assert response.context["page"].paginator.count >= 3


def test_list_paginates_by_twenty(client, small_city):
    for number in range(25):
        make_organisation(f"Träger {number:02d}")
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 20
    assert "Nächste Seite" in first.content.decode()
    second = client.get(LIST, {"seite": 2})
    assert len(second.context["page"].object_list) == 5


def test_list_pages_keep_the_filters(client, small_city):
    for number in range(25):
        make_organisation(f"Kirchengemeinde {number:02d}", kind="church_congregation")
    html = client.get(LIST, {"art": "church_congregation"}).content.decode()
    assert "art=church_congregation" in html and "seite=2" in html


@pytest.mark.parametrize("rows", [3, 15])
def test_list_queries_do_not_grow_with_rows(
    client, small_city, personas, rows, django_assert_max_num_queries
):
    for number in range(rows):
        make_organisation(f"Träger {number}", based_in=small_city.quarter)
    client.force_login(personas.coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(LIST).status_code == 200


# --- the detail page ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_is_open_to_every_role(client, world, role):
    login(client, world.personas, role)
    assert client.get(detail(world.organisation)).status_code == 200


def test_detail_refuses_post(client, world):
    assert client.post(detail(world.organisation)).status_code == 405


def test_detail_of_a_missing_organisation_is_404(client, world):
    assert client.get(reverse("actors:organisation-detail", args=[999999])).status_code == 404


def test_detail_shows_contact_areas_seats_and_programmes(client, world):
    organisation = world.organisation
    organisation.street_address = "Sallstraße 1"
    organisation.postal_code = "30171"
    organisation.locality = "Hannover"
    organisation.phone = "0511 555"
    organisation.email = "info@diakonie.example"
    organisation.website = "https://diakonie.example"
    organisation_save(organisation=organisation, works_in=[world.city.quarter, world.city.district])
    Programme.objects.create(name="Mein Quartier 2030", lead_organisation=organisation)
    html = client.get(detail(organisation)).content.decode()
    for text in ["Sallstraße 1", "30171 Hannover", "0511 555", "info@diakonie.example"]:
        assert text in html
    assert 'href="https://diakonie.example"' in html
    assert reverse("places:area-detail", args=[world.city.quarter.pk]) in html
    assert reverse("places:area-detail", args=[world.city.district.pk]) in html
    assert reverse("bodies:body-detail", args=[world.city.network.pk]) in html
    assert "Stadtbezirkliches Netzwerk Südstadt-Bult" in html
    assert "Mein Quartier 2030" in html


def test_detail_hides_seats_in_internal_bodies_from_the_public(client, world):
    internal = make_body(world.city.district, "Interne Austauschrunde", is_public=False)
    seat_create(body=internal, organisation=world.organisation, starts_on=date(2015, 1, 1))
    assert "Interne Austauschrunde" not in client.get(detail(world.organisation)).content.decode()
    client.force_login(world.personas.coordinator)
    assert "Interne Austauschrunde" in client.get(detail(world.organisation)).content.decode()


def test_detail_shows_only_consented_people_and_totals_first(client, world):
    affiliation_add(person=world.hidden_person, organisation=world.organisation, function="Pflege")
    html = client.get(detail(world.organisation)).content.decode()
    assert "2 Personen, davon 1 mit veröffentlichtem Namen" in html
    assert "Petra Öffentlich" in html and "Pflegedienstleitung" in html
    assert "Heimlich" not in html
    assert "hans@example.org" not in html
    # Petra did not consent to her phone number.
    assert "0511 123" not in html


def test_detail_shows_staff_everyone_with_an_internal_marker(client, world):
    affiliation_add(person=world.hidden_person, organisation=world.organisation, function="Pflege")
    client.force_login(world.personas.coordinator)
    html = client.get(detail(world.organisation)).content.decode()
    assert "Hans Heimlich" in html
    assert "intern" in html
    assert reverse("actors:person-detail", args=[world.hidden_person.pk]) in html


def test_detail_forgets_a_name_the_day_consent_is_withdrawn(client, world):
    from quartier.actors.services import consent_withdraw

    consent_withdraw(person=world.consenting)
    html = client.get(detail(world.organisation)).content.decode()
    assert "1 Person, davon 0 mit veröffentlichtem Namen" in html
    assert "Petra" not in html and "petra@example.org" not in html


def test_detail_shows_the_edit_link_only_to_editors(client, world):
    edit = reverse("actors:organisation-edit", args=[world.organisation.pk])
    assert edit not in client.get(detail(world.organisation)).content.decode()
    client.force_login(world.personas.coordinator)
    assert edit in client.get(detail(world.organisation)).content.decode()


@pytest.mark.parametrize("rows", [3, 15])
def test_detail_queries_do_not_grow_with_people(client, world, rows, django_assert_max_num_queries):
    for number in range(rows):
        person = make_person("Helfer", f"Nummer{number}", email=f"h{number}@example.org")
        affiliation_add(person=person, organisation=world.organisation, function="Ehrenamt")
        if number % 2:
            consent_give(person=person, given_on=date(2020, 1, 1), allow=("name", "function"))
        body = make_body(world.city.quarter, f"Runde {number}")
        seat_create(body=body, organisation=world.organisation, starts_on=date(2015, 1, 1))
    client.force_login(world.personas.administrator)
    with django_assert_max_num_queries(14):
        assert client.get(detail(world.organisation)).status_code == 200
    client.logout()
    with django_assert_max_num_queries(12):
        assert client.get(detail(world.organisation)).status_code == 200
