"""Attendance: one form for every seat of the meeting's bodies, plus guests."""

from datetime import date

import pytest
from django.urls import reverse

from quartier.actors.services import affiliation_add
from quartier.actors.tests.factories import make_person
from quartier.bodies.models import Attendance, AttendanceKind, Seat
from quartier.bodies.services import seat_create
from quartier.bodies.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("bodies:meeting-attendance", args=[meeting.pk])


def seats_of(world):
    seat = world.seat
    other = Seat.objects.filter(body=world.city.network).exclude(pk=seat.pk).get()
    return seat, other


def test_holders_are_prefilled_when_nothing_is_noted_yet(client, world):
    seat, other = seats_of(world)
    client.force_login(world.personas.secretary)
    form = client.get(url(world.public_meeting)).context["form"]
    assert form[f"seat_{seat.pk}"].value() == "holder"
    assert form[f"seat_{other.pk}"].value() == "holder"
    assert "anwesend (Petra Öffentlich)" in str(form[f"seat_{seat.pk}"])


def test_existing_attendance_is_shown(client, world):
    seat, other = seats_of(world)
    client.force_login(world.personas.secretary)
    form = client.get(url(world.past_meeting)).context["form"]
    assert form[f"seat_{seat.pk}"].value() == "holder"
    assert form[f"seat_{other.pk}"].value() == "absent"
    assert form["guests"].value() == [world.hidden_person.pk]


def test_saving_replaces_the_list_with_holder_substitute_and_guest(client, world):
    seat, other = seats_of(world)
    colleague = make_person("Rita", "Kollegin")
    affiliation_add(person=colleague, organisation=seat.organisation, function="Kollegin")
    client.force_login(world.personas.secretary)
    response = client.post(
        url(world.past_meeting),
        {
            f"seat_{seat.pk}": "substitute",
            f"seat_{seat.pk}_person": colleague.pk,
            f"seat_{other.pk}": "holder",
            "guests": [world.consenting.pk],
        },
    )
    assert response["Location"] == reverse("bodies:meeting-detail", args=[world.past_meeting.pk])
    rows = {
        (row.person.given_name, row.seat_id, row.kind)
        for row in Attendance.objects.filter(meeting=world.past_meeting)
    }
    assert rows == {
        ("Rita", seat.pk, AttendanceKind.SUBSTITUTE),
        ("Dieter", other.pk, AttendanceKind.HOLDER),
        ("Petra", None, AttendanceKind.GUEST),
    }


def test_substitute_without_a_name_is_refused_and_nothing_changes(client, world):
    seat, other = seats_of(world)
    client.force_login(world.personas.secretary)
    response = client.post(
        url(world.past_meeting), {f"seat_{seat.pk}": "substitute", f"seat_{other.pk}": "absent"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"seat_{seat.pk}_person"] == [
        "Bitte wählen Sie, wer in Vertretung kam."
    ]
    assert Attendance.objects.filter(meeting=world.past_meeting).count() == 2


def test_the_same_person_twice_is_refused(client, world):
    seat, other = seats_of(world)
    client.force_login(world.personas.secretary)
    response = client.post(
        url(world.past_meeting),
        {
            f"seat_{seat.pk}": "holder",
            f"seat_{other.pk}": "absent",
            "guests": [world.consenting.pk],
        },
    )
    assert "Petra Öffentlich ist schon" in " ".join(response.context["form"].errors["guests"])
    assert Attendance.objects.filter(meeting=world.past_meeting).count() == 2


def test_a_missing_choice_is_named_at_the_seat(client, world):
    seat, _other = seats_of(world)
    client.force_login(world.personas.secretary)
    response = client.post(url(world.past_meeting), {})
    assert response.context["form"].errors[f"seat_{seat.pk}"] == [
        "Dieses Feld ist zwingend erforderlich."
    ]


def test_who_may_not(client, world):
    target = url(world.private_meeting)
    assert client.get(target)["Location"].startswith("/anmelden/")
    for role, status in {"member": 403, "contact": 404, "citizen": 404}.items():
        client.force_login(getattr(world.personas, role))
        assert client.get(target).status_code == status, role
    client.force_login(world.personas.secretary)
    assert client.put(target).status_code == 405


@pytest.mark.parametrize("count", [3, 12])
def test_queries_do_not_grow_with_seats(client, world, count, django_assert_max_num_queries):
    for number in range(count):
        seat_create(
            body=world.city.other_network,
            label=f"Sitz {number}",
            starts_on=date(2020, 1, 1),
            holder=make_person("Person", f"Nummer {number}"),
        )
    meeting = make_meeting(world.city.network, world.city.other_network)
    client.force_login(world.personas.administrator)
    with django_assert_max_num_queries(24):
        response = client.get(url(meeting))
    assert response.content.decode().count('class="kern-table__row attendance-seat"') == count + 2
    data = {key: value for key, value in response.context["form"].initial.items() if value}
    with django_assert_max_num_queries(32):
        assert client.post(url(meeting), data).status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == count + 2


def test_substitutes_offered_are_the_people_of_the_seats_organisation(client, world):
    seat, _other = seats_of(world)
    colleague = make_person("Rita", "Kollegin")
    affiliation_add(person=colleague, organisation=seat.organisation, function="Kollegin")
    stranger = make_person("Sven", "Fremd")
    client.force_login(world.personas.secretary)
    page = client.get(url(world.past_meeting)).content.decode()
    select = page.split(f'name="seat_{seat.pk}_person"', 1)[1].split("</select>", 1)[0]
    assert "Rita Kollegin" in select and "Sven Fremd" not in select
    response = client.post(
        url(world.past_meeting),
        {f"seat_{seat.pk}": "substitute", f"seat_{seat.pk}_person": stranger.pk},
    )
    assert response.status_code == 200
    assert not Attendance.objects.filter(meeting=world.past_meeting, person=stranger).exists()
