"""Invitations by the notice period, updates and cancellations, parsed back as iCalendar."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.actors.tests.factories import make_person
from quartier.bodies.ics import meeting_uid
from quartier.bodies.models import Meeting, MeetingState
from quartier.bodies.services import (
    agenda_item_add,
    document_add,
    meeting_cancel,
    meeting_create,
    meeting_update,
    seat_create,
)
from quartier.bodies.tests.factories import aware
from quartier.cycle.agreements import agreement_add
from quartier.cycle.invite import (
    invitation_due_on,
    invitation_send,
    meeting_dispatch_now,
    meeting_recipients,
)
from quartier.cycle.jobs import run_due_jobs
from quartier.cycle.letters import letters_html
from quartier.cycle.models import Dispatch, DispatchChannel, DispatchKind
from quartier.cycle.tests.invite_setup import DUE, at, calendar_of, cycle, event_of, mails_to

pytestmark = pytest.mark.django_db
__all__ = ["cycle"]

EMAIL_PEOPLE = {"anna@example.org", "bernd@example.org", "dora@example.org"}


def test_due_day_is_notice_days_before_the_meeting(cycle):
    assert invitation_due_on(cycle.meeting) == DUE
    cycle.network.notice_days = 21
    cycle.network.save()
    cycle.meeting.refresh_from_db()
    # A joint session invites in time for the body with the longest notice period.
    assert invitation_due_on(Meeting.objects.get(pk=cycle.meeting.pk)) == date(2027, 2, 24)


def test_nothing_goes_out_the_day_before(cycle, mailoutbox):
    with time_machine.travel(at(DUE - timedelta(days=1), 23), tick=False):
        run_due_jobs()
    assert mailoutbox == []
    assert not Dispatch.objects.exists()
    cycle.meeting.refresh_from_db()
    assert cycle.meeting.state == MeetingState.PLANNED


def test_invitation_goes_out_on_the_due_day_one_mail_per_person(cycle, mailoutbox):
    with time_machine.travel(at(DUE, 0), tick=False):
        run_due_jobs()
    assert sorted(message.to[0] for message in mailoutbox) == sorted(EMAIL_PEOPLE)
    # Anna holds three seats in the two bodies of the joint session: one mail.
    assert len(mails_to(mailoutbox, "anna@example.org")) == 1
    cycle.meeting.refresh_from_db()
    assert cycle.meeting.state == MeetingState.INVITED
    letter = Dispatch.objects.get(channel=DispatchChannel.LETTER)
    assert letter.person == cycle.clara and letter.kind == DispatchKind.INVITATION
    assert letter.key == f"invitation:{cycle.meeting.pk}:{cycle.clara.pk}:0"
    assert "Sallstraße 12" in letter.address
    assert not Dispatch.objects.filter(person=cycle.emil).exists()
    assert Dispatch.objects.filter(sent_at__isnull=False, kind=DispatchKind.INVITATION).count() == 4


def test_the_mail_has_agenda_files_open_points_links_and_a_request(
    cycle, mailoutbox, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    earlier = meeting_create(bodies=[cycle.network], starts_at=aware(2026, 11, 4))
    item = agenda_item_add(meeting=earlier, title="Sitzbänke")
    agreement_add(
        agenda_item=item,
        text="Bänke an der Sallstraße prüfen",
        responsible_text="Tiefbau",
        due_on=date(2027, 1, 31),
    )
    document_add(
        meeting=cycle.meeting,
        kind="annex",
        title="Lageplan",
        file=SimpleUploadedFile("lageplan.pdf", b"%PDF-1.4 lageplan", "application/pdf"),
    )
    with time_machine.travel(at(DUE, 9), tick=False):
        run_due_jobs()
    (mail,) = mails_to(mailoutbox, "anna@example.org")
    assert mail.subject.startswith("Einladung: ")
    assert "Mi., 17.03.2027" in mail.subject
    assert "TOP 1: Barrierefreie Haltestellen" in mail.body
    assert "TOP 2: Personalsache" in mail.body  # members see non-public items
    assert "Bänke an der Sallstraße prüfen (Tiefbau, bis 31.01.2027)" in mail.body
    assert "Lageplan" in mail.body
    assert f"/sitzungen/{cycle.meeting.pk}/" in mail.body
    assert f"/sitzungen/{cycle.meeting.pk}/rueckmeldung/" in mail.body  # reply here
    # Agenda requests closed on 24.02.: the invitation offers no date in the past.
    assert "/thema-anmelden/" not in mail.body
    assert "24.02.2027" not in mail.body
    assert mail.reply_to == ["sabine@stadt.example"]
    assert ("lageplan.pdf", b"%PDF-1.4 lageplan", "application/pdf") in mail.attachments
    ics = [a for a in mail.attachments if a[0] == "einladung.ics"]
    assert ics and ics[0][2] == "application/ics"
    raw = mail.message().as_string()
    assert 'Content-Type: text/calendar; method="REQUEST"' in raw

    calendar = calendar_of(mail)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    event = event_of(mail)
    assert str(event["UID"]) == meeting_uid(cycle.meeting)
    assert int(event["SEQUENCE"]) == 0
    assert "DTSTAMP" in event
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["ORGANIZER"]) == "mailto:sabine@stadt.example"
    assert event["ORGANIZER"].params["CN"] == "Sabine Sekretär"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:anna@example.org"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["RSVP"] == "TRUE"
    assert "Personalsache" in str(event["DESCRIPTION"])


def test_deputy_gets_a_copy_for_information(cycle, mailoutbox):
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    (mail,) = mails_to(mailoutbox, "dora@example.org")
    assert "zur Information" in mail.body
    attendee = event_of(mail)["ATTENDEE"]
    assert attendee.params["ROLE"] == "NON-PARTICIPANT"
    assert attendee.params["RSVP"] == "FALSE"


def test_organizer_falls_back_to_the_sender_address(cycle, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Quartier Hannover <quartier@stadt.example>"
    cycle.secretary.email = ""
    cycle.secretary.save()
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    organizer = event_of(mails_to(mailoutbox, "anna@example.org")[0])["ORGANIZER"]
    assert str(organizer) == "mailto:quartier@stadt.example"
    assert organizer.params["CN"] == "Quartier Hannover"


def test_running_twice_sends_nothing_twice(cycle, mailoutbox):
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
        run_due_jobs()
    with time_machine.travel(at(DUE + timedelta(days=1)), tick=False):
        run_due_jobs()
    assert len(mailoutbox) == 3
    assert Dispatch.objects.exclude(kind=DispatchKind.AGENDA).count() == 4  # and 4 agenda notes


def test_update_keeps_uid_raises_sequence_and_goes_to_everyone_invited(cycle, mailoutbox):
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    first = {message.to[0]: event_of(message) for message in mailoutbox}
    mailoutbox.clear()
    with time_machine.travel(at(DUE + timedelta(days=2)), tick=False):
        meeting_update(
            meeting=cycle.meeting, starts_at=aware(2027, 3, 18, 10), ends_at=aware(2027, 3, 18, 12)
        )
        run_due_jobs()
        run_due_jobs()
    assert sorted(message.to[0] for message in mailoutbox) == sorted(EMAIL_PEOPLE)
    for message in mailoutbox:
        event = event_of(message)
        assert str(calendar_of(message)["METHOD"]) == "REQUEST"
        assert message.subject.startswith("Geänderte Einladung")
        assert event["UID"] == first[message.to[0]]["UID"]
        assert int(event["SEQUENCE"]) == 1
        assert event.decoded("DTSTART").hour == 10
    assert Dispatch.objects.filter(
        kind=DispatchKind.UPDATE, channel=DispatchChannel.LETTER, person=cycle.clara
    ).exists()
    # No invitation twice: the update replaces it.
    assert Dispatch.objects.filter(kind=DispatchKind.INVITATION).count() == 4


def test_change_before_the_invitation_needs_no_update(cycle, mailoutbox):
    meeting_update(meeting=cycle.meeting, location_text="Rathaus")
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    assert len(mailoutbox) == 3
    assert not Dispatch.objects.filter(kind=DispatchKind.UPDATE).exists()
    assert {int(event_of(message)["SEQUENCE"]) for message in mailoutbox} == {1}


def test_cancellation_is_a_cancel_sent_once_to_everyone_invited(cycle, mailoutbox):
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    uid = event_of(mailoutbox[0])["UID"]
    mailoutbox.clear()
    with time_machine.travel(at(DUE + timedelta(days=3)), tick=False):
        meeting_cancel(meeting=cycle.meeting, reason="Der Raum ist nicht frei.")
        run_due_jobs()
        run_due_jobs()
    assert sorted(message.to[0] for message in mailoutbox) == sorted(EMAIL_PEOPLE)
    for message in mailoutbox:
        calendar = calendar_of(message)
        event = event_of(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["UID"] == uid
        assert int(event["SEQUENCE"]) == 1
        assert "Der Raum ist nicht frei." in message.body
        assert message.subject.startswith("Abgesagt")
    assert not Dispatch.objects.filter(kind=DispatchKind.UPDATE).exists()
    assert Dispatch.objects.filter(kind=DispatchKind.CANCELLATION).count() == 4


def test_cancelled_before_the_invitation_sends_nothing(cycle, mailoutbox):
    meeting_cancel(meeting=cycle.meeting, reason="Fällt aus.")
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    assert mailoutbox == []


def test_new_seat_holder_is_invited_later(cycle, mailoutbox):
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    mailoutbox.clear()
    newcomer = make_person("Nina", "Neu", email="nina@example.org")
    seat_create(body=cycle.network, starts_on=DUE + timedelta(days=1), holder=newcomer)
    with time_machine.travel(at(DUE + timedelta(days=1)), tick=False):
        run_due_jobs()
    assert [message.to for message in mailoutbox] == [["nina@example.org"]]


def test_send_now_before_the_due_day_is_idempotent(cycle, mailoutbox):
    with time_machine.travel(at(DUE - timedelta(days=5)), tick=False):
        result = meeting_dispatch_now(meeting=cycle.meeting)
        again = meeting_dispatch_now(meeting=cycle.meeting)
    assert (result.emails, result.letters) == (3, 1)
    assert again.total == 0
    with time_machine.travel(at(DUE), tick=False):
        run_due_jobs()
    assert len(mailoutbox) == 3


def test_an_early_invitation_offers_agenda_requests_until_the_deadline(cycle, mailoutbox):
    with time_machine.travel(at(date(2027, 2, 24), 20), tick=False):  # the last day
        meeting_dispatch_now(meeting=cycle.meeting)
        letter = letters_html(meeting=cycle.meeting)
    (mail,) = mails_to(mailoutbox, "anna@example.org")
    assert f"/sitzungen/{cycle.meeting.pk}/thema-anmelden/" in mail.body
    assert "bis Mi., 24.02.2027 anmelden" in mail.body.replace("\n", " ")
    assert "Themen für die Tagesordnung können Sie bis Mi., 24.02.2027 anmelden" in letter
    with time_machine.travel(at(date(2027, 2, 25)), tick=False):
        assert "Themen für die Tagesordnung" not in letters_html(meeting=cycle.meeting)


def test_past_meetings_are_not_invited(cycle, mailoutbox):
    with time_machine.travel(at(date(2027, 3, 18)), tick=False):
        assert invitation_send(meeting=cycle.meeting, force=True).total == 0
    assert mailoutbox == []


def test_failed_mail_is_logged_and_retried(cycle, mailoutbox, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    original = EmailMultiAlternatives.send

    def broken(self, fail_silently=False):
        if self.to == ["bernd@example.org"]:
            raise OSError("Mailserver nicht erreichbar")
        return original(self, fail_silently=fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with time_machine.travel(at(DUE), tick=False):
        report = run_due_jobs()
    assert "1 fehlgeschlagen" in report.lines[0]
    failed = Dispatch.objects.get(person=cycle.bernd)
    assert failed.sent_at is None and "nicht erreichbar" in failed.error
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    with time_machine.travel(at(DUE, 9), tick=False):
        run_due_jobs()
    failed.refresh_from_db()
    assert failed.sent_at is not None and failed.error == ""
    assert len(mails_to(mailoutbox, "bernd@example.org")) == 1


def test_recipients_one_per_person_deputies_last(cycle):
    recipients = meeting_recipients(meeting=cycle.meeting, on=DUE)
    people = [recipient.person for recipient in recipients]
    assert people[-1] == cycle.dora and recipients[-1].is_deputy
    assert len(people) == len(set(people)) == 5
    anna = next(r for r in recipients if r.person == cycle.anna)
    assert len(anna.seats) == 3
