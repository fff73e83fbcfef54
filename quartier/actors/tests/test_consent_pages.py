from datetime import date, timedelta

import pytest
from django.urls import reverse

from quartier.actors.models import ConsentRecord
from quartier.actors.selectors import consent_in_force
from quartier.core.dates import today
from quartier.core.tests.matrix import ROLES, STAFF

pytestmark = pytest.mark.django_db


def give(person) -> str:
    return reverse("actors:consent-give", args=[person.pk])


def withdraw(person) -> str:
    return reverse("actors:consent-withdraw", args=[person.pk])


def login(client, personas, role):
    if role != "anonymous":
        client.force_login(personas.all()[role])


def consent_data(**changes):
    return {
        "allow": ["name", "phone"],
        "channel": "paper",
        "given_on": today().isoformat(),
        **changes,
    }


# --- give -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_give_who_may(client, world, role):
    login(client, world.personas, role)
    response = client.post(give(world.hidden_person), consent_data())
    recorded = ConsentRecord.objects.filter(person=world.hidden_person).exists()
    if role in STAFF:
        assert response.status_code == 302 and recorded
    else:
        assert response.status_code == (302 if role == "anonymous" else 404)
        assert not recorded


def test_give_for_a_public_person_is_forbidden_to_others(client, world):
    client.force_login(world.personas.citizen)
    assert client.get(give(world.consenting)).status_code == 403


def test_the_person_herself_consents_online(client, world):
    own = world.personas.member.person
    client.force_login(world.personas.member)
    response = client.post(give(own), consent_data(channel="online", allow=["name"]))
    assert response.status_code == 302
    record = consent_in_force(person=own)
    assert record.channel == "online" and record.recorded_by == world.personas.member
    client.logout()
    assert client.get(reverse("actors:person-detail", args=[own.pk])).status_code == 200


def test_give_refuses_other_methods(client, world):
    client.force_login(world.personas.administrator)
    assert client.put(give(world.consenting)).status_code == 405


def test_give_replaces_the_open_consent(client, world):
    client.force_login(world.personas.coordinator)
    client.post(give(world.consenting), consent_data(allow=["name"]))
    records = list(ConsentRecord.objects.filter(person=world.consenting).order_by("given_on"))
    assert records[0].withdrawn_on == today()
    assert records[1].withdrawn_on is None and not records[1].email
    client.logout()
    html = client.get(reverse("actors:person-detail", args=[world.consenting.pk])).content.decode()
    assert "petra@example.org" not in html


def test_give_without_any_field_says_so(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(give(world.hidden_person), consent_data(allow=[]))
    assert response.context["form"].errors["allow"] == [
        "Bitte kreuzen Sie mindestens eine Angabe an."
    ]
    assert 'id="id_allow-error"' in response.content.decode()
    assert not ConsentRecord.objects.filter(person=world.hidden_person).exists()


def test_give_in_the_future_is_refused(client, world):
    client.force_login(world.personas.administrator)
    later = (today() + timedelta(days=1)).isoformat()
    response = client.post(give(world.hidden_person), consent_data(given_on=later))
    assert response.context["form"].errors["given_on"] == ["Das Datum liegt in der Zukunft."]
    assert not ConsentRecord.objects.filter(person=world.hidden_person).exists()


def test_give_before_the_open_consent_is_refused_at_the_date(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(give(world.consenting), consent_data(given_on="2012-05-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["given_on"] == [
        "Es gibt schon eine spätere Einwilligung dieser Person."
    ]
    assert ConsentRecord.objects.filter(person=world.consenting).count() == 1


def test_give_with_unknown_channel_or_field(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        give(world.hidden_person), consent_data(channel="brieftaube", allow=["schuhgroesse"])
    )
    errors = response.context["form"].errors
    assert "channel" in errors and "allow" in errors
    assert not ConsentRecord.objects.filter(person=world.hidden_person).exists()


# --- withdraw -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_who_may(client, world, role):
    login(client, world.personas, role)
    response = client.post(withdraw(world.consenting))
    record = ConsentRecord.objects.get(person=world.consenting)
    if role in STAFF:
        assert response.status_code == 302 and record.withdrawn_on == today()
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert record.withdrawn_on is None


def test_withdraw_is_post_only(client, world):
    client.force_login(world.personas.administrator)
    assert client.get(withdraw(world.consenting)).status_code == 405


def test_withdraw_hides_the_person_from_that_day(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(withdraw(world.consenting), {"withdrawn_on": today().isoformat()})
    assert response["Location"] == reverse("actors:person-detail", args=[world.consenting.pk])
    client.logout()
    assert client.get(response["Location"]).status_code == 404
    org_page = reverse("actors:organisation-detail", args=[world.organisation.pk])
    assert "Petra" not in client.get(org_page).content.decode()


def test_withdraw_in_the_past(client, world):
    client.force_login(world.personas.coordinator)
    client.post(withdraw(world.consenting), {"withdrawn_on": "2015-06-30"})
    record = ConsentRecord.objects.get(person=world.consenting)
    assert record.withdrawn_on == date(2015, 6, 30)


def test_withdraw_before_the_consent_was_given_is_refused_at_the_field(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(withdraw(world.consenting), {"withdrawn_on": "2010-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["withdrawn_on"] == [
        "Der Widerruf kann nicht vor der Erteilung liegen."
    ]
    assert ConsentRecord.objects.get(person=world.consenting).withdrawn_on is None


def test_withdraw_in_the_future_is_refused(client, world):
    client.force_login(world.personas.coordinator)
    later = (today() + timedelta(days=5)).isoformat()
    response = client.post(withdraw(world.consenting), {"withdrawn_on": later})
    assert response.context["form"].errors["withdrawn_on"] == [
        "Ein Widerruf kann nicht in der Zukunft liegen."
    ]


def test_withdraw_without_consent_says_so(client, world):
    own = world.personas.member.person
    client.force_login(world.personas.member)
    response = client.post(withdraw(own), follow=True)
    assert "Für diese Person gilt keine Einwilligung mehr." in response.content.decode()


def test_an_empty_submission_shows_what_is_missing(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(give(world.hidden_person), {})
    errors = response.context["form"].errors
    assert errors["allow"] == ["Bitte kreuzen Sie mindestens eine Angabe an."]
    assert errors["given_on"] == ["Bitte geben Sie das Datum der Einwilligung ein."]
