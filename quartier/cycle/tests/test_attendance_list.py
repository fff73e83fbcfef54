"""The printable attendance list: an A4 PDF with seats, holders, announced substitutes, a
signature column and empty rows for guests."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from quartier.actors.services import affiliation_add
from quartier.actors.tests.factories import make_person
from quartier.bodies.models import MeetingState, Seat
from quartier.bodies.services import seat_create, seat_deputy_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.attendance_list import GUEST_ROWS, attendance_list_html
from quartier.cycle.replies import reply_set

pytestmark = pytest.mark.django_db

A4_WIDTH_PX = 793.7  # 210 mm at 96 px per inch
A4_HEIGHT_PX = 1122.5


@pytest.fixture
def meeting(world):
    meeting = make_meeting(
        world.city.network,
        when=aware(2027, 3, 3),
        state=MeetingState.INVITED,
        location_text="Stadtteilhaus Südstadt, Raum 2",
    )
    seat = Seat.objects.get(body=world.city.network, organisation__name="Seniorenbeirat")
    colleague = make_person("Anna", "Kollegin")
    affiliation_add(person=colleague, organisation=seat.organisation, function="Beisitzerin")
    seat_deputy_add(
        seat=world.seat, person=make_person("Dora", "Vertreterin"), starts_on=date(2020, 1, 1)
    )
    with time_machine.travel(aware(2027, 3, 1), tick=False):
        reply_set(meeting=meeting, seat=seat, answer="substitute", substitute=colleague)
        reply_set(meeting=meeting, seat=world.seat, answer="yes")
    return meeting


def test_the_list_names_body_date_place_seats_holders_and_substitutes(world, meeting):
    html = attendance_list_html(meeting=meeting)
    assert "Stadtbezirkliches Netzwerk Südstadt-Bult" in html
    assert "Mi., 03.03.2027, 14:00 Uhr" in html
    assert "Stadtteilhaus Südstadt, Raum 2" in html
    assert "Diakoniestation Südstadt" in html and "Petra Öffentlich" in html
    assert "Seniorenbeirat" in html and "Dieter Sitz" in html
    assert "Vertretung: <strong>Anna Kollegin</strong>" in html
    assert "Stellv.: Dora Vertreterin" in html
    assert "Unterschrift" in html
    assert html.count('<td class="signature"></td>') == 2 + GUEST_ROWS


def test_a_joint_meeting_names_the_body_of_each_seat(world):
    seat_create(
        body=world.city.other_network,
        label="Vertretung Nord",
        starts_on=date(2020, 1, 1),
        holder=make_person("Nora", "Nord"),
    )
    joint = make_meeting(world.city.network, world.city.other_network, when=aware(2027, 3, 3))
    html = attendance_list_html(meeting=joint)
    assert "gemeinsame Sitzung" in html
    assert "<th>Gremium</th>" in html and "Vertretung Nord" in html and "Nora Nord" in html


def test_the_pdf_is_a4(world, meeting):
    from weasyprint import HTML

    document = HTML(string=attendance_list_html(meeting=meeting)).render()
    page = document.pages[0]
    assert abs(page.width - A4_WIDTH_PX) < 1 and abs(page.height - A4_HEIGHT_PX) < 1


def test_the_secretary_downloads_the_pdf(client, world, meeting):
    client.force_login(world.personas.secretary)
    response = client.get(reverse("cycle:attendance-list", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "anwesenheitsliste-" in response["Content-Disposition"]


def test_who_may_print(client, world, meeting):
    target = reverse("cycle:attendance-list", args=[meeting.pk])
    assert client.get(target)["Location"].startswith("/anmelden/")
    for role, status in {"member": 403, "contact": 403, "citizen": 403}.items():
        client.force_login(getattr(world.personas, role))
        assert client.get(target).status_code == status, role
    client.force_login(world.personas.citizen)
    private = reverse("cycle:attendance-list", args=[world.private_meeting.pk])
    assert client.get(private).status_code == 404
