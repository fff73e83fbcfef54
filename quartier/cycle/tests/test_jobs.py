"""run_due_jobs: reminders, minutes, approvals and the weekly digest, each sent once."""

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from quartier.bodies.models import Meeting, MinutesState
from quartier.bodies.services import MinutesEntry, agenda_item_add, meeting_create
from quartier.bodies.tests.factories import aware
from quartier.cycle.agreements import agreement_add
from quartier.cycle.jobs import JOBS, job_reply_reminders, run_due_jobs
from quartier.cycle.minutes import minutes_circulate, minutes_save
from quartier.cycle.models import Dispatch, DispatchKind, MinutesVersion, ReplyAnswer
from quartier.cycle.replies import reply_set
from quartier.cycle.tests.invite_setup import DUE, at, cycle, mails_to

pytestmark = pytest.mark.django_db
__all__ = ["cycle"]

# The meeting is on Wed, 17.03.2027; agenda requests until 21 days before (24.02.2027).
DEADLINE = date(2027, 2, 24)
HOLDERS = ["anna@example.org", "bernd@example.org"]


def run(day: date, hour: int = 8):
    with time_machine.travel(at(day, hour), tick=False):
        return run_due_jobs()


def kinds(outbox) -> list[str]:
    return [message.subject.split(":")[0] for message in outbox]


def test_one_summary_line_per_job_in_german(cycle):
    report = run(date(2027, 1, 5))
    assert len(report.lines) == len(JOBS)
    assert report.lines[0] == "Einladungen: nichts fällig."
    assert report.today == date(2027, 1, 5)


def test_proposal_reminder_a_week_before_the_deadline_to_holders_once(cycle, mailoutbox):
    run(DEADLINE - timedelta(days=8))
    assert mailoutbox == []
    report = run(DEADLINE - timedelta(days=7))
    run(DEADLINE - timedelta(days=7), hour=20)
    run(DEADLINE - timedelta(days=3))
    assert sorted(message.to[0] for message in mailoutbox) == HOLDERS  # not the deputy
    (mail,) = mails_to(mailoutbox, "anna@example.org")
    assert mail.subject.startswith("Themen bis Mi., 24.02.2027 anmelden")
    assert f"/sitzungen/{cycle.meeting.pk}/" in mail.body
    assert "Erinnerung Themen anmelden: 2 E-Mails (1 Sitzung)." in report.lines


def test_no_proposal_reminder_after_the_deadline(cycle, mailoutbox):
    run(DEADLINE + timedelta(days=1))
    assert not Dispatch.objects.filter(kind=DispatchKind.PROPOSAL_REMINDER).exists()


def test_reply_reminder_three_days_before_to_holders_without_reply(cycle, mailoutbox):
    run(DUE)  # the invitations
    reply_set(meeting=cycle.meeting, seat=cycle.seats["bernd"], answer=ReplyAnswer.YES)
    # Anna answered for one of her three seats only: she is reminded.
    reply_set(meeting=cycle.meeting, seat=cycle.seats["anna1"], answer=ReplyAnswer.YES)
    mailoutbox.clear()
    run(date(2027, 3, 13))
    assert not [m for m in mailoutbox if m.subject.startswith("Erinnerung")]
    run(date(2027, 3, 14))
    run(date(2027, 3, 15))
    reminders = [m for m in mailoutbox if m.subject.startswith("Erinnerung")]
    assert [m.to for m in reminders] == [["anna@example.org"]]
    assert "noch keine Rückmeldung" in reminders[0].body


def test_no_reply_reminder_on_the_day_of_a_late_invitation(cycle, mailoutbox):
    # The meeting was planned late: invitation and reminder would fall on one day.
    run(date(2027, 3, 14))
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Einladung"] * 3
    run(date(2027, 3, 15))
    assert len([m for m in mailoutbox if m.subject.startswith("Erinnerung")]) == 2


def test_no_reply_reminder_for_a_meeting_not_invited(cycle, mailoutbox):
    # Still planned three days before (never invited): nobody is asked for a reply.
    assert Meeting.objects.get(pk=cycle.meeting.pk).state == "planned"
    assert job_reply_reminders(date(2027, 3, 14)) == "Erinnerung Rückmeldung: nichts fällig."


@pytest.fixture
def held(cycle):
    """A meeting held on 03.02.2027 with minutes written."""
    meeting = meeting_create(bodies=[cycle.network], starts_at=aware(2027, 2, 3), state="held")
    item = agenda_item_add(meeting=meeting, title="Haltestelle Sallstraße")
    with time_machine.travel(at(date(2027, 2, 5)), tick=False):
        minutes_save(
            meeting=meeting,
            entries=[MinutesEntry(item=item, minutes="Die Üstra prüft.", result="Bericht im Mai.")],
        )
    return meeting


def test_circulated_minutes_go_to_members_once_per_version(cycle, held, mailoutbox):
    with time_machine.travel(at(date(2027, 2, 8)), tick=False):
        minutes_circulate(meeting=held)
    run(date(2027, 2, 8), hour=9)
    run(date(2027, 2, 8), hour=10)
    minutes = [m for m in mailoutbox if m.subject.startswith("Protokoll zur Genehmigung")]
    # Members of the network only (Anna's seat in Nord does not count twice), deputies too.
    assert sorted(m.to[0] for m in minutes) == sorted(HOLDERS + ["dora@example.org"])
    assert "Die Üstra prüft." in minutes[0].body and "Ergebnis: Bericht im Mai." in minutes[0].body
    number = MinutesVersion.objects.filter(meeting=held).order_by("-number").first().number
    assert (
        Dispatch.objects.get(kind=DispatchKind.MINUTES, person=cycle.anna).key
        == f"minutes:{held.pk}:{cycle.anna.pk}:{number}"
    )
    # A new version (a correction) goes out again, once.
    MinutesVersion.objects.create(
        meeting=held,
        number=number + 1,
        state="circulated",
        content=[
            {
                "position": 1,
                "title": "Haltestelle Sallstraße",
                "minutes": "Korrigiert.",
                "result": "",
            }
        ],
    )
    run(date(2027, 2, 10))
    run(date(2027, 2, 10), hour=12)
    again = [m for m in mailoutbox if m.subject.startswith("Protokoll zur Genehmigung")]
    assert len(again) == 6 and "Korrigiert." in again[-1].body


def test_minutes_approved_after_the_objection_period_note_once(cycle, held, mailoutbox):
    with time_machine.travel(at(date(2027, 2, 8)), tick=False):
        minutes_circulate(meeting=held)
    held.refresh_from_db()
    last_day = held.minutes_objection_until
    mailoutbox.clear()
    run(last_day)
    assert not [m for m in mailoutbox if m.subject.startswith("Protokoll genehmigt")]
    report = run(last_day + timedelta(days=1))
    run(last_day + timedelta(days=1), hour=12)
    run(last_day + timedelta(days=2))
    held.refresh_from_db()
    assert held.minutes_state == MinutesState.APPROVED
    approved = [m for m in mailoutbox if m.subject.startswith("Protokoll genehmigt")]
    assert sorted(m.to[0] for m in approved) == sorted(HOLDERS + ["dora@example.org"])
    assert any(line.startswith("Protokolle genehmigt: 3 E-Mails") for line in report.lines)


def test_overdue_agreements_weekly_to_the_secretary(cycle, held, mailoutbox):
    item = held.agenda_items.get()
    agreement_add(
        agenda_item=item,
        text="Haltestelle prüfen",
        responsible_text="Üstra",
        due_on=date(2027, 3, 1),
    )
    agreement_add(
        agenda_item=item, text="Später", responsible_text="Tiefbau", due_on=date(2027, 9, 1)
    )
    run(date(2027, 3, 1))
    assert not mails_to(mailoutbox, "sabine@stadt.example")
    run(date(2027, 3, 2))  # Tuesday of ISO week 9
    run(date(2027, 3, 7))  # Sunday, same week
    digests = mails_to(mailoutbox, "sabine@stadt.example")
    assert len(digests) == 1
    assert "Haltestelle prüfen" in digests[0].body and "Später" not in digests[0].body
    assert Dispatch.objects.get(kind=DispatchKind.AGREEMENTS_OVERDUE).key == (
        f"agreements_overdue:{cycle.network.pk}:2027-W09"
    )
    run(date(2027, 3, 8))  # next week
    assert len(mails_to(mailoutbox, "sabine@stadt.example")) == 2


def test_the_whole_run_twice_sends_nothing_twice(cycle, held, mailoutbox):
    with time_machine.travel(at(date(2027, 2, 8)), tick=False):
        minutes_circulate(meeting=held)
    agreement_add(
        agenda_item=held.agenda_items.get(),
        text="Bänke",
        responsible_text="Tiefbau",
        due_on=date(2027, 2, 20),
    )
    for day in (DEADLINE - timedelta(days=7), DUE, date(2027, 3, 14)):
        run(day)
        count, dispatches = len(mailoutbox), Dispatch.objects.count()
        second = run(day, hour=20)
        assert len(mailoutbox) == count and Dispatch.objects.count() == dispatches
        assert all("nichts fällig" in line for line in second.lines), second.lines


def test_command_prints_a_summary_and_takes_a_day(cycle, mailoutbox):
    out = StringIO()
    call_command("run_due_jobs", "--today", "2027-03-03", stdout=out)
    text = out.getvalue()
    assert text.startswith("Fällige Aufgaben für den 03.03.2027:")
    assert "- Einladungen: 3 E-Mails, 1 Brief zum Drucken (1 Sitzung)." in text
    assert len(mailoutbox) == 3
    with pytest.raises(CommandError, match="kein Datum"):
        call_command("run_due_jobs", "--today", "3.3.2027", stdout=StringIO())


def test_a_broken_job_does_not_stop_the_others(cycle, mailoutbox, monkeypatch):
    from quartier.cycle import jobs

    def broken(today):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr(jobs, "JOBS", [("Absagen", broken), *jobs.JOBS[:1]])
    out = StringIO()
    with pytest.raises(CommandError, match="fehlgeschlagen"):
        call_command("run_due_jobs", "--today", "2027-03-03", stdout=out)
    assert "- Absagen: Fehler – Datenbank weg" in out.getvalue()
    assert "- Einladungen: 3 E-Mails, 1 Brief zum Drucken (1 Sitzung)." in out.getvalue()
    assert len(mailoutbox) == 3


def test_a_mail_that_cannot_be_built_is_logged_and_retried(cycle, mailoutbox, monkeypatch):
    from quartier.cycle import invite

    original = invite.meeting_mail

    def broken(**kwargs):
        raise ValueError("Vorlage kaputt")

    monkeypatch.setattr(invite, "meeting_mail", broken)
    run(DUE)
    assert mailoutbox == []
    assert Dispatch.objects.filter(error="Vorlage kaputt").count() == 3
    monkeypatch.setattr(invite, "meeting_mail", original)
    run(DUE, hour=9)
    assert len(mailoutbox) == 3
    assert not Dispatch.objects.exclude(error="").exists()


# --- the agenda changes after the invitation -----------------------------------------


def test_an_agenda_changed_after_the_invitation_goes_out_once(cycle, mailoutbox):
    run(DUE)
    invited = len(mailoutbox)
    assert invited
    run(DUE + timedelta(days=1))
    assert len(mailoutbox) == invited  # nothing changed, nothing sent
    agenda_item_add(meeting=cycle.meeting, title="Neue Bänke am Stadtteilhaus")
    report = run(DUE + timedelta(days=2))
    run(DUE + timedelta(days=2), hour=20)
    changed = [m for m in mailoutbox[invited:] if m.subject.startswith("Geänderte Tagesordnung")]
    assert len(changed) == len(mailoutbox) - invited
    assert {m.to[0] for m in changed} == {m.to[0] for m in mailoutbox[:invited]}
    assert "Neue Bänke am Stadtteilhaus" in changed[0].body
    assert any(line.startswith("Geänderte Tagesordnung: ") for line in report.lines)


def test_an_update_carries_the_new_agenda_and_no_second_mail_follows(cycle, mailoutbox):
    from quartier.bodies.services import meeting_update

    run(DUE)
    invited = len(mailoutbox)
    agenda_item_add(meeting=cycle.meeting, title="Neue Bänke am Stadtteilhaus")
    meeting_update(meeting=cycle.meeting, location_text="Rathaus, Saal 2")
    run(DUE + timedelta(days=1))
    subjects = [m.subject for m in mailoutbox[invited:]]
    assert subjects and all(s.startswith("Geänderte Einladung") for s in subjects)


def test_invitations_from_before_agenda_tracking_are_the_baseline(cycle, mailoutbox):
    run(DUE)
    Dispatch.objects.filter(kind=DispatchKind.AGENDA).delete()  # as for older invitations
    invited = len(mailoutbox)
    run(DUE + timedelta(days=1))
    assert len(mailoutbox) == invited
    assert Dispatch.objects.filter(kind=DispatchKind.AGENDA).exists()
