"""Attendance: one form for every seat of the meeting's bodies, plus guests."""

from datetime import date, timedelta

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


# --- pre-filled from the replies; guests by name instead of a select of the whole city ---


def _reply(meeting, seat, answer, **extra):
    import time_machine

    from quartier.cycle.replies import reply_set

    with time_machine.travel(meeting.starts_at - timedelta(days=1), tick=False):
        return reply_set(meeting=meeting, seat=seat, answer=answer, **extra)


def test_replies_prefill_a_list_not_yet_recorded(client, world):
    seat, other = seats_of(world)
    meeting = make_meeting(world.city.network)
    colleague = make_person("Rita", "Kollegin")
    affiliation_add(person=colleague, organisation=seat.organisation, function="Kollegin")
    _reply(meeting, seat, "substitute", substitute=colleague)
    _reply(meeting, other, "no")
    client.force_login(world.personas.secretary)
    response = client.get(url(meeting))
    form = response.context["form"]
    assert form[f"seat_{seat.pk}"].value() == "substitute"
    assert form[f"seat_{seat.pk}_person"].value() == colleague.pk
    assert form[f"seat_{other.pk}"].value() == "absent"
    page = response.content.decode()
    assert "Rückmeldung: Vertretung angekündigt: Rita Kollegin" in page
    assert "Rückmeldung: hat abgesagt" in page


def test_a_holder_who_said_yes_is_ticked(client, world):
    seat, other = seats_of(world)
    meeting = make_meeting(world.city.network)
    _reply(meeting, seat, "yes")
    client.force_login(world.personas.secretary)
    form = client.get(url(meeting)).context["form"]
    assert form[f"seat_{seat.pk}"].value() == "holder"
    assert form[f"seat_{other.pk}"].value() == "holder"  # no answer: still expected


def test_a_substitute_announced_by_name_only_is_shown_for_choosing(client, world):
    seat, _other = seats_of(world)
    meeting = make_meeting(world.city.network)
    _reply(meeting, seat, "substitute", substitute_name="Herr Unbekannt")
    client.force_login(world.personas.secretary)
    response = client.get(url(meeting))
    assert response.context["form"][f"seat_{seat.pk}"].value() == "substitute"
    assert "Vertretung angekündigt: Herr Unbekannt" in response.content.decode()


def test_a_recorded_list_wins_over_the_replies(client, world):
    seat, _other = seats_of(world)
    _reply_meeting = world.past_meeting
    from quartier.cycle.models import Reply

    Reply.objects.create(meeting=_reply_meeting, seat=seat, answer="no")
    client.force_login(world.personas.secretary)
    form = client.get(url(world.past_meeting)).context["form"]
    assert form[f"seat_{seat.pk}"].value() == "holder"  # she came after all


def test_the_page_lists_no_one_beyond_the_seats_people(client, world):
    make_person("Sven", "Fremd")
    client.force_login(world.personas.secretary)
    page = client.get(url(world.public_meeting)).content.decode()
    assert "Sven Fremd" not in page
    assert 'name="guest_names"' in page
    assert reverse("cycle:person-search", args=[world.public_meeting.pk]) in page


def _post_guests(client, world, text, **extra):
    seat, other = seats_of(world)
    return client.post(
        url(world.past_meeting),
        {
            f"seat_{seat.pk}": "absent",
            f"seat_{other.pk}": "holder",
            "guest_names": text,
            **extra,
        },
    )


def test_guests_are_found_by_typed_name(client, world):
    make_person("Gisela", "Gast")
    client.force_login(world.personas.secretary)
    response = _post_guests(client, world, "gisela gast\n\nPetra Öffentlich\n")
    assert response.status_code == 302
    guests = {
        row.person.full_name
        for row in Attendance.objects.filter(meeting=world.past_meeting, seat=None)
    }
    assert guests == {"Gisela Gast", "Petra Öffentlich"}


def test_ticked_guests_stay_and_unticked_ones_go(client, world):
    make_person("Gisela", "Gast")
    client.force_login(world.personas.secretary)
    page = client.get(url(world.past_meeting)).content.decode()
    assert 'name="guests"' in page and "Hans Heimlich" in page
    response = _post_guests(client, world, "Gisela Gast")
    assert response.status_code == 302
    guests = {
        row.person.full_name
        for row in Attendance.objects.filter(meeting=world.past_meeting, seat=None)
    }
    assert guests == {"Gisela Gast"}


def test_an_unknown_name_is_named_and_nothing_changes(client, world):
    client.force_login(world.personas.secretary)
    response = _post_guests(client, world, "Niemand Unbekannt")
    assert response.status_code == 200
    errors = response.context["form"].errors["guest_names"]
    assert errors == [
        "Zu „Niemand Unbekannt“ haben wir niemanden im Verzeichnis gefunden. Bitte prüfen Sie "
        "die Schreibweise; wer noch nicht im Verzeichnis steht, wird von der Verwaltung "
        "angelegt."
    ]
    assert Attendance.objects.filter(meeting=world.past_meeting).count() == 2


def test_an_ambiguous_name_offers_the_candidates_to_tick(client, world):
    first = make_person("Maria", "Müller")
    second = make_person("Maria", "Müller")
    client.force_login(world.personas.secretary)
    response = _post_guests(client, world, "Maria Müller")
    assert response.status_code == 200
    assert "passt auf mehrere Personen" in " ".join(response.context["form"].errors["guest_names"])
    page = response.content.decode()
    assert f'value="{first.pk}"' in page and f'value="{second.pk}"' in page
    assert Attendance.objects.filter(meeting=world.past_meeting).count() == 2
    # Ticking one of them and clearing the line saves.
    response = _post_guests(client, world, "", guests=[second.pk])
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=world.past_meeting, person=second).exists()


def test_an_exact_name_wins_over_longer_ones(client, world):
    exact = make_person("Maria", "Müller")
    make_person("Maria", "Müllerschön")
    client.force_login(world.personas.secretary)
    assert _post_guests(client, world, "Maria Müller").status_code == 302
    assert Attendance.objects.filter(meeting=world.past_meeting, person=exact).exists()


def test_a_typed_guest_who_already_sits_is_refused(client, world):
    seat, other = seats_of(world)
    client.force_login(world.personas.secretary)
    response = _post_guests(client, world, "Dieter Sitz")  # holds the other seat, ticked
    assert response.status_code == 200
    assert "Dieter Sitz ist schon" in " ".join(response.context["form"].errors["guest_names"])


def test_the_person_search_suggests_up_to_twenty_names(client, world):
    for number in range(25):
        make_person("Gerda", f"Gast{number:02d}")
    target = reverse("cycle:person-search", args=[world.past_meeting.pk])
    client.force_login(world.personas.secretary)

    def suggestions(query):
        return client.get(target, {"q": query}, HTTP_HX_REQUEST="true").content.decode()

    html = suggestions("gerda")
    assert html.count("<li>") == 20 and "<html" not in html
    assert "Niemand gefunden" in suggestions("zzzz")
    assert suggestions("g").strip() == ""
    client.force_login(world.personas.member)
    assert client.get(target, {"q": "gerda"}).status_code == 403


def test_without_javascript_the_search_is_a_page_of_its_own(client, world):
    make_person("Gisela", "Gast")
    client.force_login(world.personas.secretary)
    page = client.get(url(world.past_meeting)).content.decode()
    search = reverse("cycle:person-search", args=[world.past_meeting.pk])
    # The look-up is its own form: pressing Enter there does not save the attendance.
    assert page.index("</form>", page.index('name="guest_names"')) < page.index(
        f'action="{search}"'
    )
    html = client.get(search, {"q": "Gisela"}).content.decode()
    assert "<h1" in html and "<li>Gisela Gast</li>" in html
    assert url(world.past_meeting) in html


def test_queries_do_not_grow_with_the_people_of_the_city(
    client, world, django_assert_max_num_queries
):
    for number in range(30):
        make_person("Viele", f"Menschen {number}")
    client.force_login(world.personas.secretary)
    with django_assert_max_num_queries(20):
        response = client.get(url(world.public_meeting))
    assert "Viele Menschen" not in response.content.decode()


def test_seat_states_match_the_seats_of_each_body_with_deputies_in_rank_order(world):
    from quartier.bodies.selectors import body_seats_on
    from quartier.bodies.services import seat_deputy_add
    from quartier.bodies.views.edit_reads import seat_states_of_meeting

    seat, _other = seats_of(world)
    second = make_person("Zora", "Zweite")
    first = make_person("Anna", "Erste")
    seat_deputy_add(seat=seat, person=second, starts_on=date(2015, 1, 1), rank=2)
    seat_deputy_add(seat=seat, person=first, starts_on=date(2015, 1, 1), rank=1)
    seat_deputy_add(
        seat=seat,
        person=make_person("Egon", "Ehemalig"),
        starts_on=date(2015, 1, 1),
        ends_on=date(2016, 1, 1),
    )
    meeting = world.public_meeting
    bodies = list(meeting.bodies.all())
    day = meeting.starts_at.date()

    def shape(states):
        return [(s.seat.pk, s.holder and s.holder.pk, [p.pk for p in s.deputies]) for s in states]

    expected = [state for body in bodies for state in body_seats_on(body=body, on=day)]
    states = seat_states_of_meeting(bodies=bodies, day=day)
    assert shape(states) == shape(expected)
    by_seat = {state.seat.pk: state for state in states}
    assert [p.pk for p in by_seat[seat.pk].deputies] == [first.pk, second.pk]
