"""A district network's whole meeting cycle, walked through the pages with a frozen clock:
plan → agenda request → invitation → replies → attendance list → attendance → minutes with
an agreement → circulation → approval → publication → the agreement as open point on the
next agenda until it is done. Every step posts what the page's HTML form posts, and nothing
the system already knows is typed a second time.

The network keeps its default periods: agenda requests until 21 days before the meeting,
the invitation 14 days before (so it carries the agenda with the accepted request),
objections for 14 days after circulation."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from quartier.actors.models import Person
from quartier.actors.services import affiliation_add
from quartier.actors.tests.factories import make_organisation, make_person
from quartier.bodies.models import (
    AgendaProposal,
    Attendance,
    AttendanceKind,
    Meeting,
    MeetingState,
    MinutesApproval,
    MinutesState,
    ProposalState,
    Seat,
)
from quartier.bodies.services import seat_create
from quartier.core.models import User
from quartier.cycle.models import Agreement, Dispatch, DispatchChannel, DispatchKind, Reply
from quartier.cycle.tests.invite_setup import calendar_of, event_of, mails_to

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")

MEETING_DAY = date(2027, 3, 17)  # Wed; agenda requests until 24.02., invitation on 03.03.
NEXT_MEETING_DAY = date(2027, 6, 16)
PROPOSAL_TITLE = "Sitzbänke am Stephansplatz"
MINUTES_WORD = "Sitzbankpatenschaft"  # only in the minutes: how search shows their release
AGREEMENT_TEXT = "Angebote für zwei Sitzbänke einholen"


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


@contextmanager
def on(day: date, hour: int = 9, minute: int = 0):
    with time_machine.travel(at(day, hour, minute), tick=False):
        yield


# --- reading forms the way a browser submits them -----------------------------------------


@dataclass
class HtmlForm:
    action: str
    fields: list[tuple[str, str]]
    options: dict[str, list[str]]  # select name -> the option values offered
    buttons: list[tuple[str, str]]

    def data(self, **changes: Any) -> dict[str, list[str]]:
        """What the browser posts, with some fields changed (a list for several values)."""
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        for name, value in changes.items():
            data[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        return data

    def value(self, name: str) -> str | None:
        values = [value for key, value in self.fields if key == name]
        return values[0] if values else None


class _FormReader(HTMLParser):
    """Every <form> of a page with its successful controls: checked boxes and radios, text
    and hidden inputs, textareas, and the selected (else the first) option of each select."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: list[str] | None = None
        self._select: dict[str, Any] | None = None
        self._option: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("action", ""), [], {}, [])
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image", "button", "reset", "file"):
                if kind == "submit":
                    form.buttons.append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            else:
                form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name:
            form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "values": [], "chosen": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option["text"] += data

    def _close_option(self) -> None:
        option, select = self._option, self._select
        if option is None or select is None:
            return
        value = option["value"] if option["value"] is not None else option["text"].strip()
        select["values"].append(value)
        if option["selected"]:
            select["chosen"].append(value)
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if tag == "textarea" and self._textarea is not None and form is not None:
            name, text = self._textarea
            # The first newline after <textarea> is not part of the value.
            form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None and form is not None:
            self._close_option()
            select = self._select
            chosen = select["chosen"] or ([] if select["multiple"] else select["values"][:1])
            form.fields += [(select["name"], value) for value in chosen]
            form.options[select["name"]] = select["values"]
            self._select = None
        elif tag == "form":
            self._form = None


def forms_of(response) -> list[HtmlForm]:
    assert response.status_code == 200, response.status_code
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.forms


def form_of(response, *, action: str | None = None, field: str | None = None) -> HtmlForm:
    """The one form posting to `action` (or, for forms posting to their own page, the one
    with `field`)."""
    found = [
        form
        for form in forms_of(response)
        if (action is None or form.action == action)
        and (field is None or any(name == field for name, _v in form.fields))
        and (action is not None or field is not None)
    ]
    assert len(found) == 1, [form.action for form in forms_of(response)]
    return found[0]


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def open_points(response) -> str:
    """The "Offene Punkte" section of an agenda page."""
    html = text_of(response)
    start = html.index('class="open-points"')
    return html[start : html.index("</section>", start)]


def redirected(response, to: str | None = None) -> str:
    assert response.status_code == 302, (
        response.status_code,
        response.context and response.context.get("form") and response.context["form"].errors,
    )
    if to is not None:
        assert response["Location"].split("#")[0] == to
    return response["Location"]


# --- the network ---------------------------------------------------------------------------


@dataclass
class Cast:
    network: Any
    carla: Client  # the network's secretary (Geschäftsführung)
    dieter: Client  # holds the Seniorenbeirat's seat
    gerda: Client  # holds the Diakonie's seat; her colleague Olaf comes for her
    hans: Client  # holds the Kirchengemeinde's seat
    anonymous: Client
    people: dict[str, Person]
    seats: dict[str, Seat]


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _member(username: str, given: str, family: str, **fields: Any) -> tuple[User, Person]:
    user = User.objects.create_user(username=username, password="geheim-genug-123")
    return user, make_person(given, family, user=user, **fields)


@pytest.fixture
def cast(small_city, personas, settings) -> Cast:
    """Carla runs the network, Dieter holds a seat (personas); Gerda and Hans hold seats
    too, Clara has no e-mail (she gets a letter), Olaf works with Gerda at the Diakonie.
    All of it is in the directory before the cycle starts: nothing of it is typed again."""
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600  # the clock travels for months
    network = small_city.network
    start = date(2014, 1, 1)
    dieter = Person.objects.get(user=personas.member)
    Person.objects.filter(pk=dieter.pk).update(email="dieter@example.org")
    diakonie = make_organisation("Diakonie Südstadt")
    gerda_user, gerda = _member("gerda", "Gerda", "Grün", email="gerda@example.org")
    hans_user, hans = _member("hans", "Hans", "Hof", email="hans@example.org")
    clara = make_person(
        "Clara", "Cordes", postal_address="Clara Cordes\nSallstraße 12\n30171 Hannover"
    )
    olaf = make_person("Olaf", "Ort", email="olaf@example.org")
    affiliation_add(person=gerda, organisation=diakonie, function="Leitung")
    affiliation_add(person=olaf, organisation=diakonie, function="Pflege")
    seats = {
        "dieter": Seat.objects.get(body=network, holdings__person=dieter),
        "gerda": seat_create(body=network, starts_on=start, holder=gerda, organisation=diakonie),
        "hans": seat_create(body=network, starts_on=start, holder=hans, label="Kirchengemeinde"),
        "clara": seat_create(body=network, starts_on=start, holder=clara, label="Nachbarschaft"),
    }
    return Cast(
        network=network,
        carla=_client(personas.secretary),
        dieter=_client(personas.member),
        gerda=_client(gerda_user),
        hans=_client(hans_user),
        anonymous=_client(None),
        people={
            "carla": Person.objects.get(user=personas.secretary),
            "dieter": Person.objects.get(pk=dieter.pk),
            "gerda": gerda,
            "hans": hans,
            "clara": clara,
            "olaf": olaf,
        },
        seats=seats,
    )


def run_due_jobs(day: date, hour: int = 6) -> str:
    """What cron does at `day`: the command, with the clock at that morning."""
    out = StringIO()
    with on(day, hour):
        call_command("run_due_jobs", today=day.isoformat(), stdout=out)
    return out.getvalue()


def run_twice(day: date, outbox: list) -> list:
    """Run the jobs twice that day (say, two cron runs); the second sends nothing."""
    before = len(outbox)
    run_due_jobs(day)
    sent = list(outbox[before:])
    second = run_due_jobs(day, hour=18)
    assert len(outbox) == before + len(sent), "the second run sent something again"
    lines = [line for line in second.splitlines() if line.startswith("- ")]
    assert lines and all(line.endswith(": nichts fällig.") for line in lines), second
    return sent


# --- the steps ------------------------------------------------------------------------------


def plan_meeting(client: Client, network, day: date, place: str) -> Meeting:
    url = reverse("bodies:meeting-create", args=[network.pk])
    form = form_of(client.get(url), field="day")
    response = client.post(
        url, form.data(day=day.isoformat(), start="15:00", end="17:00", location_text=place)
    )
    location = redirected(response)
    meeting = Meeting.objects.get(location_text=place, starts_at=at(day, 15))
    assert location == reverse("bodies:meeting-detail", args=[meeting.pk])
    assert list(meeting.bodies.all()) == [network]
    return meeting


def add_agenda_item(client: Client, meeting: Meeting, title: str) -> None:
    url = reverse("bodies:meeting-agenda", args=[meeting.pk])
    form = form_of(client.get(url), action=url)
    redirected(client.post(url, form.data(title=title)), to=url)


def test_a_networks_whole_cycle_through_the_pages(cast, mailoutbox):  # noqa: PLR0915
    carla, dieter, gerda, hans, anonymous = (
        cast.carla,
        cast.dieter,
        cast.gerda,
        cast.hans,
        cast.anonymous,
    )
    people, seats = cast.people, cast.seats

    # 1. Planning, seven weeks ahead: this meeting and the one after it.
    with on(date(2027, 2, 1)):
        meeting = plan_meeting(carla, cast.network, MEETING_DAY, "Stadtteilhaus Südstadt")
        following = plan_meeting(carla, cast.network, NEXT_MEETING_DAY, "Freizeitheim Döhren")
        add_agenda_item(carla, meeting, "Bericht aus dem Stadtbezirk")
        invitation_page = text_of(carla.get(reverse("cycle:meeting-invitation", args=[meeting.pk])))
        assert "03.03.2027" in invitation_page  # when the invitation goes out by itself
    meeting_url = reverse("bodies:meeting-detail", args=[meeting.pk])
    agenda_url = reverse("bodies:meeting-agenda", args=[meeting.pk])

    # 2. A week before the deadline for agenda requests the holders are reminded.
    run_due_jobs(date(2027, 2, 16))
    assert mailoutbox == []
    reminders = run_twice(date(2027, 2, 17), mailoutbox)
    assert sorted(m.to[0] for m in reminders) == [
        "dieter@example.org",
        "gerda@example.org",
        "hans@example.org",
    ]
    proposal_url = reverse("cycle:proposal-create", args=[meeting.pk])
    (gerdas_reminder,) = mails_to(reminders, "gerda@example.org")
    assert gerdas_reminder.subject.startswith("Themen bis Mi., 24.02.2027 anmelden")
    assert proposal_url in gerdas_reminder.body

    # 3. Gerda proposes an item before the deadline, from the meeting page.
    with on(date(2027, 2, 20), 10):
        assert proposal_url in text_of(gerda.get(meeting_url))
        form = form_of(gerda.get(proposal_url), field="title")
        assert form.value("body") == str(cast.network.pk)  # one body: nothing to choose
        response = gerda.post(
            proposal_url,
            form.data(title=PROPOSAL_TITLE, text="Am Stephansplatz fehlen Bänke im Schatten."),
        )
        redirected(response, to=reverse("bodies:mine"))
    proposal = AgendaProposal.objects.get(title=PROPOSAL_TITLE)
    assert proposal.proposed_by == people["gerda"]
    assert proposal.meeting == meeting

    # After the deadline nobody can propose for this meeting any more.
    with on(date(2027, 2, 25)):
        assert "Frist für Themenvorschläge" in text_of(hans.get(proposal_url))

    # 4. Carla accepts the request: it is on the agenda without her typing it.
    with on(date(2027, 2, 25), 11):
        list_url = reverse("cycle:proposal-list", args=[meeting.pk])
        decide_url = reverse("cycle:proposal-decide", args=[meeting.pk, proposal.pk])
        form = form_of(carla.get(list_url), action=decide_url)
        assert ("action", "accept") in form.buttons
        redirected(carla.post(decide_url, form.data(action="accept")), to=list_url)
        agenda = text_of(carla.get(agenda_url))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert proposal.agenda_item.title == PROPOSAL_TITLE
    assert proposal.agenda_item.text == "Am Stephansplatz fehlen Bänke im Schatten."
    assert proposal.agenda_item.position == 2
    assert PROPOSAL_TITLE in agenda
    with on(date(2027, 2, 26)):
        assert "angenommen" in text_of(gerda.get(reverse("bodies:mine")))

    # 5. The invitation goes out on the due day, not before, and only once.
    assert run_twice(date(2027, 3, 2), mailoutbox) == []
    invitations = run_twice(date(2027, 3, 3), mailoutbox)
    assert sorted(m.to[0] for m in invitations) == [
        "dieter@example.org",
        "gerda@example.org",
        "hans@example.org",
    ]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.INVITED
    reply_url = reverse("cycle:reply", args=[meeting.pk])
    uids = set()
    for message in invitations:
        assert message.subject.startswith("Einladung")
        # The agenda as planned and accepted, and where to reply.
        assert "TOP 1: Bericht aus dem Stadtbezirk" in message.body
        assert f"TOP 2: {PROPOSAL_TITLE}" in message.body
        assert reply_url in message.body
        # Requests closed on 24.02.: no deadline in the past, no link to a closed form.
        assert proposal_url not in message.body
        assert "24.02.2027" not in message.body
        assert calendar_of(message)["METHOD"] == "REQUEST"
        event = event_of(message)
        uids.add(str(event["UID"]))
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == at(MEETING_DAY, 15)
        assert event.decoded("DTEND") == at(MEETING_DAY, 17)
        assert "Stadtteilhaus Südstadt" in str(event["LOCATION"])
        assert PROPOSAL_TITLE in str(event["DESCRIPTION"])
        assert str(event["ATTENDEE"]).lower() == f"mailto:{message.to[0]}"
    assert len(uids) == 1
    # Clara has no e-mail: her invitation is a letter to print.
    letter = Dispatch.objects.get(person=people["clara"], kind=DispatchKind.INVITATION)
    assert letter.channel == DispatchChannel.LETTER
    with on(date(2027, 3, 3), 10):
        response = carla.get(reverse("cycle:meeting-letters", args=[meeting.pk]))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")

    # 6. Replies: yes, a substitute from her organisation, no; Clara phones Carla.
    with on(date(2027, 3, 5), 10):
        (dieters_invitation,) = mails_to(invitations, "dieter@example.org")
        assert reply_url in dieters_invitation.body
        form = form_of(dieter.get(reply_url), field="sitz")
        assert form.value("sitz") == str(seats["dieter"].pk)
        redirected(dieter.post(reply_url, form.data(answer="yes")))

        form = form_of(gerda.get(reply_url), field="sitz")
        olaf = people["olaf"]
        assert str(olaf.pk) in form.options["substitute"]  # offered: nobody types his name
        redirected(gerda.post(reply_url, form.data(answer="substitute", substitute=olaf.pk)))

        form = form_of(hans.get(reply_url), field="sitz")
        redirected(hans.post(reply_url, form.data(answer="no", note="Urlaub")))

        overview_url = reverse("cycle:reply-overview", args=[meeting.pk])
        on_behalf = f"{reply_url}?sitz={seats['clara'].pk}"
        assert on_behalf in text_of(carla.get(overview_url))
        form = form_of(carla.get(on_behalf), field="sitz")
        redirected(carla.post(reply_url, form.data(answer="yes")), to=overview_url)

        overview = text_of(carla.get(overview_url))
    answers = {reply.seat_id: reply for reply in Reply.objects.filter(meeting=meeting)}
    assert {seat: answers[seat.pk].answer for seat in seats.values()} == {
        seats["dieter"]: "yes",
        seats["gerda"]: "substitute",
        seats["hans"]: "no",
        seats["clara"]: "yes",
    }
    assert answers[seats["gerda"].pk].substitute == olaf
    assert answers[seats["clara"].pk].answered_by == people["carla"]
    # The secretary sees the expected attendance.
    assert '<dd class="kern-description-list-item__value" id="count-yes">2</dd>' in overview
    assert 'id="count-substitute">1</dd>' in overview
    assert 'id="count-no">1</dd>' in overview
    assert 'id="count-none">0</dd>' in overview
    assert "Erwartet werden 3 von 4 Sitzen." in overview
    assert "Olaf Ort" in overview

    # Everyone answered: three days before, nobody is reminded.
    assert run_twice(date(2027, 3, 14), mailoutbox) == []

    # 7. The attendance list to print.
    with on(date(2027, 3, 16)):
        response = carla.get(reverse("cycle:attendance-list", args=[meeting.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    # 8. After the meeting Carla ticks attendance off: the form comes pre-filled from the
    # replies, and she only adds a guest.
    attendance_url = reverse("bodies:meeting-attendance", args=[meeting.pk])
    with on(MEETING_DAY, 18):
        form = form_of(carla.get(attendance_url), field="guest_names")
        assert form.value(f"seat_{seats['dieter'].pk}") == "holder"
        assert form.value(f"seat_{seats['gerda'].pk}") == "substitute"
        assert form.value(f"seat_{seats['gerda'].pk}_person") == str(olaf.pk)
        assert form.value(f"seat_{seats['hans'].pk}") == "absent"
        assert form.value(f"seat_{seats['clara'].pk}") == "holder"
        response = carla.post(attendance_url, form.data(guest_names="Olaf"))
        # Olaf came for Gerda's seat already: he cannot be a guest as well.
        assert response.status_code == 200
        assert "schon für einen anderen Sitz" in response.content.decode()
        assert not Attendance.objects.filter(meeting=meeting).exists()
        redirected(carla.post(attendance_url, form.data()), to=meeting_url)
    came = {
        (row.person_id, row.seat_id, row.kind) for row in Attendance.objects.filter(meeting=meeting)
    }
    assert came == {
        (people["dieter"].pk, seats["dieter"].pk, AttendanceKind.HOLDER),
        (olaf.pk, seats["gerda"].pk, AttendanceKind.SUBSTITUTE),
        (people["clara"].pk, seats["clara"].pk, AttendanceKind.HOLDER),
    }

    # 9. Minutes per item and an agreement under the proposed item, in one submission.
    minutes_url = reverse("bodies:meeting-minutes", args=[meeting.pk])
    first, second = meeting.agenda_items.order_by("position")
    assert second == proposal.agenda_item
    with on(date(2027, 3, 20), 10):
        form = form_of(carla.get(minutes_url), action=minutes_url)
        assert ("add_agreement", str(second.pk)) in form.buttons
        prefix = f"v{second.pk}"
        # Who can take it on: people of the meeting, offered, not typed.
        assert str(people["dieter"].pk) in form.options[f"{prefix}-responsible_person"]
        data = form.data(
            **{
                f"minutes_{first.pk}": "Frau Schreiber berichtet aus dem Stadtbezirksrat.",
                f"minutes_{second.pk}": (
                    f"Die Diakonie regt eine {MINUTES_WORD} für neue Bänke an."
                ),
                f"result_{second.pk}": "Zwei Bänke werden beantragt.",
                "held": "on",
                f"{prefix}-text": AGREEMENT_TEXT,
                f"{prefix}-responsible_person": people["dieter"].pk,
                f"{prefix}-due_on": "2027-05-31",
                "add_agreement": second.pk,
            }
        )
        redirected(carla.post(minutes_url, data), to=minutes_url)
        page = text_of(carla.get(minutes_url))
        assert AGREEMENT_TEXT in page
        assert MINUTES_WORD in page
        circulate_url = reverse("cycle:minutes-circulate", args=[meeting.pk])
        form = form_of(carla.get(minutes_url), action=circulate_url)
        redirected(carla.post(circulate_url, form.data()), to=minutes_url)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD
    assert meeting.minutes_state == MinutesState.CIRCULATED
    assert meeting.minutes_objection_until == date(2027, 4, 3)
    agreement = Agreement.objects.get(text=AGREEMENT_TEXT)
    assert agreement.agenda_item == second
    assert agreement.responsible_person == people["dieter"]
    assert agreement.due_on == date(2027, 5, 31)
    assert agreement.body == cast.network

    # 10. The circulation goes to the members once.
    circulated = run_twice(date(2027, 3, 20), mailoutbox)
    assert sorted(m.to[0] for m in circulated) == [
        "dieter@example.org",
        "gerda@example.org",
        "hans@example.org",
    ]
    for message in circulated:
        assert message.subject.startswith("Protokoll zur Genehmigung")
        assert MINUTES_WORD in message.body

    # While circulated the minutes stay inside the network: a member reads the draft, an
    # outsider neither sees them on the public page nor finds them by search.
    search_url = reverse("bodies:search")
    with on(date(2027, 3, 25)):
        inside = text_of(dieter.get(meeting_url))
        assert MINUTES_WORD in inside
        assert "Entwurf – noch nicht genehmigt" in inside
        outside = text_of(anonymous.get(meeting_url))
        assert PROPOSAL_TITLE in outside  # the agenda is public
        assert MINUTES_WORD not in outside
        assert "Zwei Bänke werden beantragt." not in outside
        response = anonymous.get(search_url, {"q": MINUTES_WORD})
        assert response.context["total"] == 0
        assert meeting_url not in text_of(response)

    # 11. The objection period ends on 03.04.; the day after, the jobs approve the minutes.
    assert run_twice(date(2027, 4, 3), mailoutbox) == []
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CIRCULATED
    approved = run_twice(date(2027, 4, 4), mailoutbox)
    assert sorted(m.to[0] for m in approved) == [
        "dieter@example.org",
        "gerda@example.org",
        "hans@example.org",
    ]
    assert all(m.subject.startswith("Protokoll genehmigt") for m in approved)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.APPROVED
    assert meeting.minutes_approval == MinutesApproval.DEADLINE
    assert meeting.minutes_approved_on == date(2027, 4, 4)

    # Now they leave the network: on the public page and in search.
    with on(date(2027, 4, 4), 10):
        outside = text_of(anonymous.get(meeting_url))
        assert MINUTES_WORD in outside
        assert "Zwei Bänke werden beantragt." in outside
        assert "Entwurf – noch nicht genehmigt" not in outside
        response = anonymous.get(search_url, {"q": MINUTES_WORD})
        assert response.context["total"] == 1
        assert f"{meeting_url}#top-{second.position}" in text_of(response)

    # 12. The agreement comes back by itself as open point on the next meeting's agenda;
    # Dieter finds it on his own page.
    following_agenda = reverse("bodies:meeting-agenda", args=[following.pk])
    done_url = reverse("cycle:agreement-done", args=[agreement.pk])
    with on(date(2027, 4, 5), 10):
        assert AGREEMENT_TEXT in text_of(dieter.get(reverse("bodies:mine")))
        page = carla.get(following_agenda)
        points = open_points(page)
        assert "Offene Punkte (1)" in points
        assert AGREEMENT_TEXT in points
        assert "Dieter Sitz" in points
        assert "31.05.2027" in points
        form = form_of(page, action=done_url)
        assert form.value("next") == following_agenda
        response = carla.post(done_url, form.data(note="Angebote liegen vor."))
        redirected(response, to=following_agenda)
        points = open_points(carla.get(following_agenda))
        assert "Offene Punkte (0)" in points
        assert AGREEMENT_TEXT not in points
    agreement.refresh_from_db()
    assert agreement.done_on == date(2027, 4, 5)
    assert agreement.done_note == "Angebote liegen vor."

    # The next invitation carries no open point that is done.
    next_invitations = run_twice(date(2027, 6, 2), mailoutbox)
    assert len(next_invitations) == 3
    for message in next_invitations:
        assert AGREEMENT_TEXT not in message.body
        assert "Freizeitheim Döhren" in message.body

    # Over the whole cycle nobody got the same message twice.
    sent = Counter((message.to[0], message.subject) for message in mailoutbox)
    assert [key for key, count in sent.items() if count > 1] == []
    assert len(mailoutbox) == 3 * 5  # reminder, invitation, minutes, approval, next invitation


def test_a_substitute_announced_by_name_is_pre_filled_in_attendance(cast):
    paula = make_person("Paula", "Pfarr", email="paula@example.org")  # in the directory
    with on(date(2027, 2, 1)):
        meeting = plan_meeting(cast.carla, cast.network, MEETING_DAY, "Stadtteilhaus Südstadt")
    reply_url = reverse("cycle:reply", args=[meeting.pk])
    with on(date(2027, 3, 5)):
        form = form_of(cast.hans.get(reply_url), field="sitz")
        assert str(paula.pk) not in form.options["substitute"]  # not of his organisation
        data = form.data(answer="substitute", substitute_name="Paula Pfarr")
        redirected(cast.hans.post(reply_url, data))
    attendance_url = reverse("bodies:meeting-attendance", args=[meeting.pk])
    seat = cast.seats["hans"]
    with on(MEETING_DAY, 18):
        form = form_of(cast.carla.get(attendance_url), field="guest_names")
        assert form.value(f"seat_{seat.pk}") == "substitute"
        redirected(cast.carla.post(attendance_url, form.data()))
    row = Attendance.objects.get(meeting=meeting, seat=seat)
    assert (row.person, row.kind) == (paula, AttendanceKind.SUBSTITUTE)
