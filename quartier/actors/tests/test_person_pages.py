from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from quartier.actors.services import affiliation_add, consent_give, consent_withdraw
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.actors.tests.matrix_rows import PNG
from quartier.bodies.services import seat_create
from quartier.bodies.tests.factories import make_body
from quartier.core.dates import today
from quartier.core.tests.matrix import ROLES, STAFF

pytestmark = pytest.mark.django_db


def page(person) -> str:
    return reverse("actors:person-detail", args=[person.pk])


def photo(person) -> str:
    return reverse("actors:person-photo", args=[person.pk])


def login(client, personas, role):
    if role != "anonymous":
        client.force_login(personas.all()[role])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def with_photo(person):
    person.photo.save("bild.png", ContentFile(PNG), save=True)
    return person


# --- who sees the page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_consenting_person_is_shown_to_every_role(client, world, role):
    login(client, world.personas, role)
    response = client.get(page(world.consenting))
    assert response.status_code == 200
    assert "Petra Öffentlich" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_a_person_without_consent_exists_only_for_staff(client, world, role):
    login(client, world.personas, role)
    expected = 200 if role in STAFF else 404
    assert client.get(page(world.hidden_person)).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_person_herself_sees_her_page(client, world, role):
    own = world.personas.member.person
    login(client, world.personas, role)
    expected = 200 if role in (*STAFF, "member") else 404
    assert client.get(page(own)).status_code == expected


def test_detail_refuses_post(client, world):
    assert client.post(page(world.consenting)).status_code == 405


def test_missing_person_is_404(client, world):
    assert client.get(reverse("actors:person-detail", args=[999999])).status_code == 404


# --- what the public sees -------------------------------------------------------------------


def test_public_sees_only_consented_fields(client, world):
    html = client.get(page(world.consenting)).content.decode()
    assert html.count("<h1") == 1
    assert "Pflegedienstleitung, Diakoniestation Südstadt" in html
    assert "petra@example.org" in html
    # Phone, internal data and consent history are not consented / not public.
    assert "0511 123" not in html
    assert "Einwilligungen" not in html
    assert "Sitze in Gremien" not in html


def test_unconsented_email_is_in_no_page(client, world):
    affiliation_add(person=world.hidden_person, organisation=world.organisation)
    named_only = make_person("Nina", "Namentlich", email="nina@example.org", consent=("name",))
    affiliation_add(person=named_only, organisation=world.organisation, function="Beratung")
    urls = [
        reverse("actors:organisation-list"),
        reverse("actors:organisation-detail", args=[world.organisation.pk]),
        page(world.consenting),
        page(named_only),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "hans@example.org" not in html, url
        assert "nina@example.org" not in html, url
        assert "Beratung" not in html, url  # function not consented either
    assert "Nina Namentlich" in client.get(page(named_only)).content.decode()


def test_withdrawn_consent_hides_the_person_from_that_day(client, world):
    consent_withdraw(person=world.consenting, on=today())
    assert client.get(page(world.consenting)).status_code == 404


def test_consent_withdrawn_in_the_future_still_holds_today(client, world):
    consent_withdraw(person=world.consenting, on=today() + timedelta(days=3))
    assert client.get(page(world.consenting)).status_code == 200


def test_consent_given_in_the_future_does_not_yet_publish(client, world):
    later = make_person("Lena", "Später")
    consent_give(person=later, given_on=today() + timedelta(days=10), allow=("name",))
    assert client.get(page(later)).status_code == 404


# --- what staff and the person herself see --------------------------------------------------


def test_staff_see_the_full_record(client, world):
    person = world.hidden_person
    person.phone = "0511 999"
    person.note = "Ruft lieber vormittags an."
    person.save()
    affiliation_add(
        person=person,
        organisation=make_organisation("AWO"),
        function="Leitung",
        starts_on=date(2019, 4, 1),
    )
    body = make_body(world.city.district, "Arbeitskreis Wohnen")
    seat_create(
        body=body, organisation=world.organisation, starts_on=date(2020, 1, 1), holder=person
    )
    client.force_login(world.personas.administrator)
    html = client.get(page(person)).content.decode()
    for text in [
        "Hans Heimlich",
        "hans@example.org",
        "0511 999",
        "Ruft lieber vormittags an.",
        "AWO",
        "Leitung",
        "Mo., 01.04.2019",
        "Arbeitskreis Wohnen",
        reverse("bodies:body-detail", args=[body.pk]),
        "nichts (keine Einwilligung in Kraft)",
    ]:
        assert text in html, text


def test_staff_see_the_consent_history(client, world):
    consent_give(person=world.consenting, given_on=date(2020, 6, 1), allow=("name",))
    client.force_login(world.personas.coordinator)
    html = client.get(page(world.consenting)).content.decode()
    assert "Di., 01.01.2013" in html and "Mo., 01.06.2020" in html
    assert "Name, Funktion, E-Mail" in html
    assert reverse("actors:consent-withdraw", args=[world.consenting.pk]) in html


def test_the_person_herself_sees_her_record_but_not_the_internal_note(client, world):
    own = world.personas.member.person
    own.note = "Nur für die Verwaltung"
    own.save()
    client.force_login(world.personas.member)
    html = client.get(page(own)).content.decode()
    assert "Dieter Sitz" in html
    assert "Seniorenbeirat" in html  # his seat
    assert "Nur für die Verwaltung" not in html


@pytest.mark.parametrize("rows", [3, 15])
def test_detail_queries_do_not_grow_with_rows(client, world, rows, django_assert_max_num_queries):
    person = world.consenting
    for number in range(rows):
        affiliation_add(person=person, organisation=make_organisation(), function=f"F{number}")
        body = make_body(world.city.district, f"Runde {number}")
        seat_create(
            body=body, organisation=world.organisation, starts_on=date(2015, 1, 1), holder=person
        )
        consent_give(
            person=person, given_on=date(2014, 1, 1) + timedelta(days=number), allow=("name",)
        )
    client.force_login(world.personas.coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(page(person)).status_code == 200
    client.logout()
    with django_assert_max_num_queries(6):
        assert client.get(page(person)).status_code == 200


# --- the photo ------------------------------------------------------------------------------


def test_photo_is_served_when_consent_publishes_it(client, world, media):
    person = with_photo(make_person("Paula", "Bild", consent=("name", "photo")))
    response = client.get(photo(person))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert photo(person) in client.get(page(person)).content.decode()


def test_photo_without_consent_is_404_for_the_public(client, world, media):
    person = with_photo(make_person("Paula", "Bild", consent=("name",)))
    assert client.get(photo(person)).status_code == 404
    assert photo(person) not in client.get(page(person)).content.decode()
    client.force_login(world.personas.administrator)
    assert client.get(photo(person)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_photo_of_an_unconsented_person(client, world, media, role):
    person = with_photo(world.hidden_person)
    login(client, world.personas, role)
    assert client.get(photo(person)).status_code == (200 if role in STAFF else 404)


def test_photo_withdrawn_today_is_gone(client, world, media):
    person = with_photo(make_person("Paula", "Bild", consent=("name", "photo")))
    consent_withdraw(person=person)
    assert client.get(photo(person)).status_code == 404


def test_no_photo_or_lost_file_is_404(client, world, media):
    client.force_login(world.personas.administrator)
    assert client.get(photo(world.consenting)).status_code == 404
    lost = make_person("Lotte", "Verloren", consent=("name", "photo"), photo="people/weg.png")
    assert client.get(photo(lost)).status_code == 404


def test_photo_refuses_post(client, world, media):
    person = with_photo(make_person("Paula", "Bild", consent=("name", "photo")))
    assert client.post(photo(person)).status_code == 405
