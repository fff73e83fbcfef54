"""The minutes pages: writing with agreements, circulation, objections, approval, and what
people outside the body see before and after approval. The clock is frozen in 2027."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartier.bodies.models import MinutesApproval, MinutesState
from quartier.bodies.services import MinutesEntry, agenda_item_add, document_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.cycle.minutes import approve_due, minutes_circulate, minutes_save
from quartier.cycle.models import Agreement, MinutesObjection, MinutesVersion

pytestmark = pytest.mark.django_db

NOW = aware(2027, 3, 5, 10)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600  # the clock travels for weeks
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def meeting(world):
    meeting = make_meeting(world.city.network, when=aware(2027, 3, 3))
    agenda_item_add(meeting=meeting, title="Sitzbänke am Stephansplatz")
    agenda_item_add(meeting=meeting, title="Verschiedenes")
    return meeting


def items(meeting):
    return list(meeting.agenda_items.order_by("position"))


def minutes_url(meeting):
    return reverse("bodies:meeting-minutes", args=[meeting.pk])


def minutes_data(meeting, **extra):
    first, second = items(meeting)
    return {
        f"minutes_{first.pk}": "Die Bänke kommen im Mai.",
        f"result_{first.pk}": "Zwei Bänke werden bestellt.",
        f"minutes_{second.pk}": "",
        f"result_{second.pk}": "",
        **extra,
    }


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- writing --------------------------------------------------------------------------


def test_save_keeps_a_version(client, world, meeting):
    client.force_login(world.personas.secretary)
    response = client.post(minutes_url(meeting), minutes_data(meeting))
    assert response.status_code == 302
    version = MinutesVersion.objects.get(meeting=meeting)
    assert version.number == 1
    assert version.content[0]["minutes"] == "Die Bänke kommen im Mai."
    assert version.created_by == world.personas.secretary
    client.post(
        minutes_url(meeting),
        minutes_data(meeting, **{f"minutes_{items(meeting)[0].pk}": "Die Bänke kommen im Juni."}),
    )
    assert [v.number for v in meeting.minutes_versions.all()] == [2, 1]
    html = page(client, reverse("cycle:minutes-versions", args=[meeting.pk]))
    assert "Fassung 2" in html and "Fassung 1" in html and "Die Bänke kommen im Mai." in html


def test_several_agreements_per_item_without_leaving_the_page(client, world, meeting):
    first = items(meeting)[0]
    client.force_login(world.personas.secretary)
    data = minutes_data(
        meeting,
        add_agreement=str(first.pk),
        **{
            f"v{first.pk}-text": "Angebote für Bänke einholen",
            f"v{first.pk}-responsible_text": "Geschäftsführung",
            f"v{first.pk}-due_on": "2027-04-01",
        },
    )
    response = client.post(minutes_url(meeting), data)
    assert response["Location"] == f"{minutes_url(meeting)}#verabredungen-{first.pk}"
    first.refresh_from_db()
    assert first.minutes == "Die Bänke kommen im Mai."  # saved together
    data[f"v{first.pk}-text"] = "Standorte mit dem Seniorenbeirat abstimmen"
    data[f"v{first.pk}-responsible_person"] = str(world.personas.member.person.pk)
    data[f"v{first.pk}-responsible_text"] = ""
    data[f"v{first.pk}-due_on"] = ""
    client.post(minutes_url(meeting), data)
    agreements = list(Agreement.objects.filter(agenda_item=first).order_by("pk"))
    assert [a.text for a in agreements] == [
        "Angebote für Bänke einholen",
        "Standorte mit dem Seniorenbeirat abstimmen",
    ]
    assert agreements[0].due_on == date(2027, 4, 1)
    assert agreements[0].body == world.city.network
    assert agreements[1].responsible_person == world.personas.member.person
    assert agreements[0].created_by == world.personas.secretary
    html = page(client, minutes_url(meeting))
    assert "Angebote für Bänke einholen" in html and "Dieter Sitz" in html


def test_every_item_offers_the_same_short_lists(client, world, meeting):
    """Holders, people who came and the secretary; the seats' organisations: built once
    for all the page's agreement forms, and a choice from outside them is refused."""
    from quartier.actors.models import Organisation, Person

    first, second = items(meeting)
    dieter = Person.objects.get(family_name="Sitz")
    emil = Person.objects.get(family_name="Fach")
    council = Organisation.objects.get(name="Seniorenbeirat")
    client.force_login(world.personas.secretary)
    html = page(client, minutes_url(meeting))
    for item in (first, second):
        options = html.split(f'name="v{item.pk}-responsible_person"', 1)[1].split("</select>")[0]
        assert f'<option value="{dieter.pk}">Dieter Sitz</option>' in options
        assert ">Carla Schreiber</option>" in options and "Emil Fach" not in options
        options = html.split(f'name="v{item.pk}-responsible_organisation"', 1)[1]
        assert (
            f'<option value="{council.pk}">Seniorenbeirat</option>' in options.split("</select>")[0]
        )
    outsider = {
        f"v{first.pk}-text": "Bänke prüfen",
        f"v{first.pk}-responsible_person": str(emil.pk),
    }
    response = client.post(
        minutes_url(meeting), minutes_data(meeting, add_agreement=str(first.pk), **outsider)
    )
    assert response.status_code == 200 and not Agreement.objects.exists()
    chosen = {
        f"v{second.pk}-text": "Bänke bezahlen",
        f"v{second.pk}-responsible_organisation": str(council.pk),
    }
    client.post(minutes_url(meeting), minutes_data(meeting, add_agreement=str(second.pk), **chosen))
    agreement = Agreement.objects.get()
    assert (agreement.agenda_item, agreement.responsible_organisation) == (second, council)


def test_incomplete_agreement_saves_nothing(client, world, meeting):
    first = items(meeting)[0]
    client.force_login(world.personas.secretary)
    response = client.post(
        minutes_url(meeting),
        minutes_data(meeting, **{f"v{first.pk}-text": "Jemand kümmert sich"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "wer die Verabredung übernimmt" in html
    assert "Es wurde noch nichts gespeichert" in html
    first.refresh_from_db()
    assert first.minutes == ""
    assert not Agreement.objects.exists()
    assert not MinutesVersion.objects.exists()


def test_filled_in_agreement_is_kept_on_plain_save(client, world, meeting):
    second = items(meeting)[1]
    client.force_login(world.personas.secretary)
    client.post(
        minutes_url(meeting),
        minutes_data(
            meeting,
            **{f"v{second.pk}-text": "Termin finden", f"v{second.pk}-responsible_text": "GF"},
        ),
    )
    assert Agreement.objects.get().agenda_item == second


def test_delete_an_agreement_before_approval(client, world, meeting):
    first = items(meeting)[0]
    agreement = Agreement.objects.create(
        agenda_item=first, body=world.city.network, text="Irrtum", responsible_text="GF"
    )
    client.force_login(world.personas.secretary)
    response = client.post(
        minutes_url(meeting), minutes_data(meeting, delete_agreement=str(agreement.pk))
    )
    assert response.status_code == 302
    assert not Agreement.objects.exists()


# --- circulation, objections, approval ------------------------------------------------


def test_circulate_from_the_page(client, world, meeting):
    client.force_login(world.personas.secretary)
    url = reverse("cycle:minutes-circulate", args=[meeting.pk])
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.DRAFT  # nothing written yet
    html = page(client, minutes_url(meeting))
    assert "Das Protokoll ist noch leer" in html
    client.post(minutes_url(meeting), minutes_data(meeting))
    response = client.post(url)
    assert response["Location"] == minutes_url(meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CIRCULATED
    assert meeting.minutes_circulated_at == NOW
    assert meeting.minutes_objection_until == date(2027, 3, 19)
    html = page(client, minutes_url(meeting))
    assert "Einwände sind bis Fr., 19.03.2027 möglich" in html


def test_member_reads_the_draft_and_objects_until_the_deadline(client, world, meeting, frozen):
    minutes_save(
        meeting=meeting, entries=[MinutesEntry(item=items(meeting)[0], minutes="Die Bänke kommen.")]
    )
    minutes_circulate(meeting=meeting)
    client.force_login(world.personas.member)
    url = reverse("cycle:minutes-review", args=[meeting.pk])
    html = page(client, url)
    assert "Die Bänke kommen." in html and "Entwurf – noch nicht genehmigt" in html
    assert "Einwand absenden" in html
    first = items(meeting)[0]
    frozen.move_to(aware(2027, 3, 19, 23))
    response = client.post(url, {"agenda_item": first.pk, "text": "Es waren drei Bänke."})
    assert response.status_code == 302
    objection = MinutesObjection.objects.get()
    assert objection.person == world.personas.member.person
    assert objection.agenda_item == first
    frozen.move_to(aware(2027, 3, 20, 8))
    response = client.post(url, {"text": "Noch etwas."})
    assert response.status_code == 200
    assert "solange das Protokoll zur Genehmigung ausliegt" in response.content.decode()
    assert MinutesObjection.objects.count() == 1
    # The secretary sees the objection and settles it.
    client.force_login(world.personas.secretary)
    html = page(client, minutes_url(meeting))
    assert "Es waren drei Bänke." in html and "Offene Einwände (1)" in html
    client.post(
        reverse("cycle:objection-resolve", args=[objection.pk]), {"resolution": "Korrigiert."}
    )
    objection.refresh_from_db()
    assert objection.resolution == "Korrigiert." and objection.resolved_at is not None


def test_secretary_may_not_object(client, world, meeting):
    minutes_save(
        meeting=meeting, entries=[MinutesEntry(item=items(meeting)[0], minutes="Die Bänke kommen.")]
    )
    minutes_circulate(meeting=meeting)
    client.force_login(world.personas.secretary)
    url = reverse("cycle:minutes-review", args=[meeting.pk])
    assert "Einwand absenden" not in page(client, url)
    assert client.post(url, {"text": "x"}).status_code == 403


def test_refer_and_approve_in_the_next_meeting(client, world, meeting, frozen):
    minutes_save(
        meeting=meeting, entries=[MinutesEntry(item=items(meeting)[0], minutes="Die Bänke kommen.")]
    )
    minutes_circulate(meeting=meeting)
    nxt = make_meeting(world.city.network, when=aware(2027, 4, 7))
    agenda_item_add(meeting=nxt, title="Begrüßung")
    client.force_login(world.personas.secretary)
    client.post(reverse("cycle:minutes-refer", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.minutes_approved_in == nxt
    agenda = page(client, reverse("bodies:meeting-agenda", args=[nxt.pk]))
    assert "Genehmigung des Protokolls vom 03.03.2027" in agenda
    assert "Protokolle zur Genehmigung" in agenda
    # Too early: the next meeting has not taken place.
    client.post(reverse("cycle:minutes-approve", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.CIRCULATED
    frozen.move_to(aware(2027, 4, 7, 17))
    client.force_login(world.personas.secretary)
    html = page(client, minutes_url(nxt))
    assert "In dieser Sitzung zu genehmigen" in html
    client.post(reverse("cycle:minutes-approve", args=[meeting.pk]), {"next": minutes_url(nxt)})
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.APPROVED
    assert meeting.minutes_approval == MinutesApproval.NEXT_MEETING
    assert meeting.minutes_approved_on == date(2027, 4, 7)


def test_approved_minutes_are_read_only(client, world, meeting):
    minutes_save(
        meeting=meeting, entries=[MinutesEntry(item=items(meeting)[0], minutes="Die Bänke kommen.")]
    )
    minutes_circulate(meeting=meeting)
    approve_due(today=date(2027, 3, 20))
    client.force_login(world.personas.secretary)
    html = page(client, minutes_url(meeting))
    assert "kann nicht mehr geändert werden" in html
    assert "Protokoll speichern" not in html
    response = client.post(minutes_url(meeting), minutes_data(meeting))
    assert response.status_code == 200
    assert "Das Protokoll ist genehmigt und kann nicht mehr geändert werden" in (
        response.content.decode()
    )
    assert items(meeting)[0].minutes == "Die Bänke kommen."


# --- only approved minutes leave the body ---------------------------------------------


def test_minutes_invisible_beyond_the_body_until_approved(client, world, meeting):
    first = items(meeting)[0]
    minutes_save(
        meeting=meeting,
        entries=[
            MinutesEntry(item=first, minutes="Die Bänke kommen.", result="Bestellt beim Bauhof.")
        ],
    )
    detail = reverse("bodies:meeting-detail", args=[meeting.pk])
    search = reverse("bodies:search") + "?q=Bauhof"
    outside = page(client, detail)
    assert "Sitzbänke am Stephansplatz" in outside
    assert "Die Bänke kommen." not in outside and "Bestellt beim Bauhof." not in outside
    assert "Bestellt beim Bauhof" not in page(client, search)
    assert "Sitzbänke am Stephansplatz" not in page(client, search)
    client.force_login(world.personas.citizen)
    assert "Die Bänke kommen." not in page(client, detail)
    client.force_login(world.personas.member)
    inside = page(client, detail)
    assert "Die Bänke kommen." in inside and "Entwurf – noch nicht genehmigt" in inside
    minutes_circulate(meeting=meeting)
    client.logout()
    assert "Die Bänke kommen." not in page(client, detail)
    approve_due(today=date(2027, 3, 20))
    released = page(client, detail)
    assert "Die Bänke kommen." in released and "Bestellt beim Bauhof." in released
    assert "Entwurf – noch nicht genehmigt" not in released
    assert "Sitzbänke am Stephansplatz" in page(client, search)


def test_minutes_file_hidden_until_approved(client, world, meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = document_add(
        meeting=meeting,
        kind="minutes",
        title="Protokoll als PDF",
        file=SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 test", "application/pdf"),
    )
    detail = reverse("bodies:meeting-detail", args=[meeting.pk])
    download = reverse("bodies:document-download", args=[document.pk])
    assert "Protokoll als PDF" not in page(client, detail)
    assert client.get(download).status_code == 404
    client.force_login(world.personas.member)
    assert "Protokoll als PDF" in page(client, detail)
    assert client.get(download).status_code == 200
    meeting.minutes_state = MinutesState.APPROVED
    meeting.save()
    client.logout()
    assert "Protokoll als PDF" in page(client, detail)
    assert client.get(download).status_code == 200


def test_meeting_page_panel_for_insiders_only(client, world, meeting):
    minutes_save(
        meeting=meeting, entries=[MinutesEntry(item=items(meeting)[0], minutes="Die Bänke kommen.")]
    )
    minutes_circulate(meeting=meeting)
    detail = reverse("bodies:meeting-detail", args=[meeting.pk])
    assert "Protokollentwurf lesen" not in page(client, detail)
    client.force_login(world.personas.member)
    html = page(client, detail)
    assert "Protokollentwurf lesen und Einwand erheben" in html
    assert "Einwände sind bis Fr., 19.03.2027 möglich" in html
