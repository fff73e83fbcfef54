"""Seats: create one, give it a new holder from a date, end it."""

from datetime import date

import pytest
from django.urls import reverse

from quartier.bodies.models import Seat, SeatHolding

pytestmark = pytest.mark.django_db


def test_secretary_gives_the_seat_a_new_holder_and_the_old_one_leaves_the_day_before(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:seat-holder", args=[world.seat.pk]),
        {"person": world.hidden_person.pk, "starts_on": "2024-07-01"},
    )
    assert response["Location"] == reverse("bodies:body-detail", args=[world.city.network.pk])
    holdings = list(world.seat.holdings.order_by("starts_on"))
    assert [(h.person, h.starts_on, h.ends_on) for h in holdings] == [
        (world.consenting, date(2014, 1, 1), date(2024, 6, 30)),
        (world.hidden_person, date(2024, 7, 1), None),
    ]


def test_holder_before_the_seat_began_is_refused_at_the_date(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:seat-holder", args=[world.seat.pk]),
        {"person": world.hidden_person.pk, "starts_on": "2000-01-01"},
    )
    assert response.status_code == 200
    assert "Laufzeit des Sitzes" in " ".join(response.context["form"].errors["starts_on"])
    assert world.seat.holdings.get().ends_on is None  # nothing half-saved


def test_coordinator_creates_a_seat_with_its_first_holder(client, world):
    client.force_login(world.personas.coordinator)
    response = client.post(
        reverse("bodies:seat-create", args=[world.city.network.pk]),
        {
            "organisation": world.organisation.pk,
            "role": "advisory",
            "starts_on": "2024-01-01",
            "holder": world.hidden_person.pk,
        },
    )
    assert response.status_code == 302
    seat = Seat.objects.get(body=world.city.network, role="advisory")
    assert SeatHolding.objects.get(seat=seat).person == world.hidden_person


def test_seat_needs_an_organisation_or_a_label(client, world):
    client.force_login(world.personas.secretary)
    before = Seat.objects.count()
    response = client.post(
        reverse("bodies:seat-create", args=[world.city.network.pk]),
        {"role": "member", "starts_on": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "Organisation oder" in " ".join(response.context["form"].errors["organisation"])
    assert Seat.objects.count() == before


def test_seat_before_founding_is_refused_at_the_date(client, world):
    client.force_login(world.personas.secretary)
    response = client.post(
        reverse("bodies:seat-create", args=[world.city.network.pk]),
        {"label": "Kirchen", "role": "member", "starts_on": "1999-01-01"},
    )
    assert "vor der Gründung" in " ".join(response.context["form"].errors["starts_on"])
    assert not Seat.objects.filter(label="Kirchen").exists()


def test_ending_a_seat_ends_its_holding(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        reverse("bodies:seat-end", args=[world.seat.pk]), {"ends_on": "2025-03-31"}
    )
    assert response.status_code == 302
    world.seat.refresh_from_db()
    assert world.seat.ends_on == date(2025, 3, 31)
    assert world.seat.holdings.get().ends_on == date(2025, 3, 31)


def test_end_before_start_is_refused_at_the_field(client, world):
    client.force_login(world.personas.administrator)
    response = client.post(
        reverse("bodies:seat-end", args=[world.seat.pk]), {"ends_on": "2010-01-01"}
    )
    assert response.status_code == 200
    assert "vor seinem Beginn" in " ".join(response.context["form"].errors["ends_on"])
    world.seat.refresh_from_db()
    assert world.seat.ends_on is None


@pytest.mark.parametrize("role", ["member", "contact", "citizen"])
def test_others_may_not_change_seats(client, world, role):
    client.force_login(getattr(world.personas, role))
    for name in ("seat-holder", "seat-end"):
        assert client.get(reverse(f"bodies:{name}", args=[world.seat.pk])).status_code == 403
    url = reverse("bodies:seat-create", args=[world.city.network.pk])
    assert client.get(url).status_code == 403


def test_secretary_may_not_change_seats_of_another_body(client, world):
    client.force_login(world.personas.secretary)
    url = reverse("bodies:seat-create", args=[world.city.other_network.pk])
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    response = client.post(
        reverse("bodies:seat-end", args=[world.seat.pk]), {"ends_on": "2025-1-1"}
    )
    assert response["Location"].startswith("/anmelden/")
    world.seat.refresh_from_db()
    assert world.seat.ends_on is None


def test_wrong_method(client, world):
    client.force_login(world.personas.secretary)
    assert client.delete(reverse("bodies:seat-end", args=[world.seat.pk])).status_code == 405
