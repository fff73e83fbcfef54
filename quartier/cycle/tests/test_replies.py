"""Replies to invitations: yes, no or a substitute, per seat, changeable until the start;
the secretary sees the expected attendance and enters replies on someone's behalf."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from quartier.actors.services import affiliation_add
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import MeetingState, Seat
from quartier.bodies.services import meeting_cancel, meeting_update, seat_deputy_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.models import Reply, ReplyAnswer
from quartier.cycle.replies import expected_attendance, expected_overview, reply_set

pytestmark = pytest.mark.django_db

BEFORE = aware(2027, 3, 1, 10)


@pytest.fixture(autouse=True)
def _long_sessions(settings):
    # The clock travels months ahead; a login made today must not expire on the way.
    settings.SESSION_COOKIE_AGE = 20 * 365 * 24 * 3600


@pytest.fixture
def meeting(world):
    return make_meeting(world.city.network, when=aware(2027, 3, 3), state=MeetingState.INVITED)


def dieters_seat(world):
    return Seat.objects.get(body=world.city.network, organisation__name="Seniorenbeirat")


def url(meeting, seat=None):
    target = reverse("cycle:reply", args=[meeting.pk])
    return f"{target}?sitz={seat.pk}" if seat is not None else target


@pytest.fixture
def people(world):
    """A named deputy and a colleague for Dieter's seat, and a stranger."""
    seat = dieters_seat(world)
    deputy = make_person("Dora", "Vertreterin")
    seat_deputy_add(seat=seat, person=deputy, starts_on=date(2020, 1, 1))
    colleague = make_person("Anna", "Kollegin")
    affiliation_add(person=colleague, organisation=seat.organisation, function="Beisitzerin")
    stranger = make_person("Sven", "Fremd")
    affiliation_add(
        person=stranger, organisation=make_organisation("Anderer Verein"), function="Vorstand"
    )
    return deputy, colleague, stranger


def test_the_holder_says_yes_and_changes_it_to_no_one_reply_per_seat(client, world, meeting):
    seat = dieters_seat(world)
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        first = client.post(url(meeting, seat), {"answer": "yes"})
        second = client.post(url(meeting, seat), {"answer": "no", "note": "Urlaub"})
    assert first["Location"] == reverse("bodies:mine")
    assert second.status_code == 302
    reply = Reply.objects.get()
    assert (reply.seat, reply.answer, reply.note, reply.answered_by) == (
        seat,
        ReplyAnswer.NO,
        "Urlaub",
        world.personas.member.person,
    )


def test_deputies_are_offered_first_then_the_organisations_people(client, world, meeting, people):
    deputy, colleague, stranger = people
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(url(meeting, dieters_seat(world))).content.decode()
    select = page.split('name="substitute"', 1)[1].split("</select>", 1)[0]
    assert select.index("Benannte Stellvertretung") < select.index("Dora Vertreterin")
    assert select.index("Dora Vertreterin") < select.index("Aus der Organisation")
    assert select.index("Aus der Organisation") < select.index("Anna Kollegin")
    assert "Sven Fremd" not in select
    assert "Dieter Sitz" not in select  # the holder is not her own substitute


def test_a_substitute_from_the_list(client, world, meeting, people):
    deputy, colleague, _stranger = people
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        response = client.post(
            url(meeting, dieters_seat(world)), {"answer": "substitute", "substitute": colleague.pk}
        )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.answer, reply.substitute, reply.substitute_label) == (
        ReplyAnswer.SUBSTITUTE,
        colleague,
        "Anna Kollegin",
    )


def test_a_substitute_by_typed_name(client, world, meeting):
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        client.post(
            url(meeting, dieters_seat(world)),
            {"answer": "substitute", "substitute_name": "Frau Neu vom Beirat"},
        )
    reply = Reply.objects.get()
    assert (reply.substitute, reply.substitute_label) == (None, "Frau Neu vom Beirat")


def test_a_substitute_must_be_named(client, world, meeting):
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        response = client.post(url(meeting, dieters_seat(world)), {"answer": "substitute"})
    assert response.status_code == 200
    assert response.context["form"].errors["substitute"] == [
        "Bitte wählen oder schreiben Sie, wer in Vertretung kommt."
    ]
    assert not Reply.objects.exists()


def test_a_person_outside_the_offered_list_is_refused(client, world, meeting, people):
    _deputy, _colleague, stranger = people
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        response = client.post(
            url(meeting, dieters_seat(world)), {"answer": "substitute", "substitute": stranger.pk}
        )
    assert response.status_code == 200
    assert response.context["form"].errors["substitute"]
    assert not Reply.objects.exists()


def test_the_holder_cannot_be_her_own_substitute(world, meeting):
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ValidationError):
        reply_set(
            meeting=meeting,
            seat=dieters_seat(world),
            answer=ReplyAnswer.SUBSTITUTE,
            substitute=world.personas.member.person,
        )


def test_switching_to_yes_forgets_the_substitute(world, meeting, people):
    _deputy, colleague, _stranger = people
    seat = dieters_seat(world)
    with time_machine.travel(BEFORE, tick=False):
        reply_set(meeting=meeting, seat=seat, answer="substitute", substitute=colleague)
        reply_set(meeting=meeting, seat=seat, answer="yes")
    reply = Reply.objects.get()
    assert (reply.answer, reply.substitute, reply.substitute_name) == ("yes", None, "")


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (aware(2027, 3, 2, 12), True),  # the day before
        (aware(2027, 3, 3, 13, 59), True),  # a minute before the start
        (aware(2027, 3, 3, 14, 0), False),  # at the start
        (aware(2027, 3, 4, 9), False),  # afterwards
    ],
)
def test_replies_can_be_changed_until_the_meeting_starts(client, world, meeting, moment, allowed):
    seat = dieters_seat(world)
    with time_machine.travel(BEFORE, tick=False):
        reply_set(meeting=meeting, seat=seat, answer="yes")
    client.force_login(world.personas.member)
    with time_machine.travel(moment, tick=False):
        page = client.get(url(meeting, seat)).content.decode()
        response = client.post(url(meeting, seat), {"answer": "no"})
    reply = Reply.objects.get()
    if allowed:
        assert response.status_code == 302
        assert reply.answer == "no"
    else:
        assert response.status_code == 200
        assert "Die Sitzung hat schon begonnen" in " ".join(
            str(error) for error in response.context["form"].errors.values()
        )
        assert "nur bis zum Beginn" in page
        assert reply.answer == "yes"


def test_no_replies_for_cancelled_or_planned_past_meetings(world, meeting):
    seat = dieters_seat(world)
    with time_machine.travel(BEFORE, tick=False):
        meeting_cancel(meeting=meeting, reason="Raum fehlt")
        with pytest.raises(ValidationError, match="abgesagt"):
            reply_set(meeting=meeting, seat=seat, answer="yes")
    assert not Reply.objects.exists()


def test_a_planned_meeting_takes_replies_too(world, meeting):
    with time_machine.travel(BEFORE, tick=False):
        meeting_update(meeting=meeting, state=MeetingState.PLANNED)
        reply_set(meeting=meeting, seat=dieters_seat(world), answer="yes")
    assert Reply.objects.count() == 1


def test_a_member_may_not_answer_for_someone_elses_seat(client, world, meeting):
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(url(meeting, world.seat)).status_code == 403
        assert client.post(url(meeting, world.seat), {"answer": "no"}).status_code == 403
    assert not Reply.objects.exists()


def test_a_seat_of_another_body_is_not_found(client, world, meeting):
    other = make_meeting(world.city.other_network, when=aware(2027, 3, 3))
    client.force_login(world.personas.secretary)
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(url(other, world.seat)).status_code in (403, 404)
        assert client.get(url(meeting, world.seat)).status_code == 200


def test_the_secretary_enters_a_reply_on_behalf_after_a_phone_call(client, world, meeting, people):
    deputy, _colleague, _stranger = people
    client.force_login(world.personas.secretary)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(url(meeting, dieters_seat(world))).content.decode()
        response = client.post(
            url(meeting, dieters_seat(world)), {"answer": "substitute", "substitute": deputy.pk}
        )
    assert "zum Beispiel nach einem Anruf" in page
    assert response["Location"] == reverse("cycle:reply-overview", args=[meeting.pk])
    reply = Reply.objects.get()
    assert (reply.substitute, reply.answered_by) == (deputy, world.personas.secretary.person)


def test_the_invitation_link_opens_the_holders_own_seat(client, world, meeting):
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(world.personas.member)
        response = client.get(url(meeting))
        assert response.context["state"].seat == dieters_seat(world)
        assert response.context["on_behalf"] is False
        assert client.post(url(meeting), {"answer": "yes"}).status_code == 302
        client.force_login(world.personas.contact)
        assert client.get(url(meeting)).status_code == 403
    assert Reply.objects.get().seat == dieters_seat(world)


def test_without_a_seat_the_secretary_chooses_among_all_seats(client, world, meeting):
    client.force_login(world.personas.secretary)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(url(meeting)).content.decode()
    assert "Für welchen Sitz möchten Sie eine Rückmeldung eintragen?" in page
    assert f"?sitz={dieters_seat(world).pk}" in page and f"?sitz={world.seat.pk}" in page


def test_a_holder_of_two_seats_chooses(client, world, meeting):
    from quartier.bodies.services import seat_create

    second = seat_create(
        body=world.city.network,
        label="Zweiter Sitz",
        starts_on=date(2020, 1, 1),
        holder=world.personas.member.person,
    )
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(url(meeting)).content.decode()
        assert client.get(url(meeting, second)).status_code == 200
    assert f"?sitz={second.pk}" in page and f"?sitz={dieters_seat(world).pk}" in page
    assert f"?sitz={world.seat.pk}" not in page


def test_the_expected_attendance_counts_first_then_per_seat(client, world, meeting, people):
    _deputy, colleague, _stranger = people
    extra = Seat.objects.create(
        body=world.city.network, label="Unbesetzt", starts_on=date(2020, 1, 1)
    )
    with time_machine.travel(BEFORE, tick=False):
        reply_set(
            meeting=meeting, seat=dieters_seat(world), answer="substitute", substitute=colleague
        )
        reply_set(meeting=meeting, seat=world.seat, answer="no")
        expected = expected_attendance(meeting=meeting)
        client.force_login(world.personas.secretary)
        page = client.get(reverse("cycle:reply-overview", args=[meeting.pk])).content.decode()
    assert (expected.yes, expected.no, expected.substitute, expected.unanswered) == (0, 1, 1, 1)
    assert expected.coming == 1
    assert [row.answer for row in expected.rows if row.state.seat == extra] == [""]
    assert 'id="count-substitute">1<' in page and 'id="count-no">1<' in page
    assert 'id="count-none">1<' in page and 'id="count-yes">0<' in page
    assert page.index("zugesagt") < page.index("Anna Kollegin")
    assert page.count('class="kern-table__row reply-seat"') == 3


def test_the_overview_rows_say_what_the_expected_attendance_says(world, meeting, people):
    # The overview reads its rows narrowly; they must name the same seats, holders and
    # replies, in the same order, as expected_attendance built from models.
    _deputy, colleague, _stranger = people
    Seat.objects.create(body=world.city.network, label="Unbesetzt", starts_on=date(2020, 1, 1))
    with time_machine.travel(BEFORE, tick=False):
        reply_set(
            meeting=meeting,
            seat=dieters_seat(world),
            answer="substitute",
            substitute=colleague,
            note="kommt später",
        )
        reply_set(meeting=meeting, seat=world.seat, answer="no")
        expected = expected_attendance(meeting=meeting)
        overview = expected_overview(meeting=meeting)
    assert [
        (
            row.state.seat.pk,
            str(row.state.seat),
            row.state.holder.full_name if row.state.holder else "",
            row.reply.get_answer_display() if row.reply else "",
            row.reply.substitute_label if row.reply else "",
            row.reply.note if row.reply else "",
        )
        for row in expected.rows
    ] == [
        (
            row.seat_id,
            row.seat_label,
            row.holder_name,
            row.answer_label,
            row.substitute_label,
            row.note,
        )
        for row in overview.rows
    ]
    assert (overview.yes, overview.no, overview.substitute, overview.unanswered) == (0, 1, 1, 1)
    assert overview.coming == expected.coming


def test_the_overview_is_for_whoever_runs_the_meeting(client, world, meeting):
    target = reverse("cycle:reply-overview", args=[meeting.pk])
    with time_machine.travel(BEFORE, tick=False):
        for role, status in {
            "administrator": 200,
            "coordinator": 200,
            "secretary": 200,
            "member": 403,
            "contact": 403,
            "citizen": 403,
        }.items():
            client.force_login(getattr(world.personas, role))
            assert client.get(target).status_code == status, role


def test_the_overview_costs_the_same_queries_for_more_seats(
    client, world, meeting, django_assert_max_num_queries
):
    from quartier.bodies.services import seat_create

    for number in range(12):
        seat_create(
            body=world.city.network,
            label=f"Sitz {number}",
            starts_on=date(2020, 1, 1),
            holder=make_person("Person", f"Nummer {number}"),
        )
    client.force_login(world.personas.secretary)
    with time_machine.travel(BEFORE, tick=False), django_assert_max_num_queries(16):
        client.get(reverse("cycle:reply-overview", args=[meeting.pk]))


def test_the_meeting_page_links_the_secretary_to_replies_and_requests(client, world, meeting):
    client.force_login(world.personas.secretary)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(reverse("bodies:meeting-detail", args=[meeting.pk])).content.decode()
    for name in ("cycle:reply-overview", "cycle:proposal-list", "cycle:attendance-list"):
        assert reverse(name, args=[meeting.pk]) in page
    client.force_login(world.personas.member)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(reverse("bodies:meeting-detail", args=[meeting.pk])).content.decode()
    assert reverse("cycle:proposal-create", args=[meeting.pk]) in page
    assert reverse("cycle:reply-overview", args=[meeting.pk]) not in page
