"""Files of a meeting: upload with type and size limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartier.bodies.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(meeting):
    return reverse("bodies:document-upload", args=[meeting.pk])


def test_secretary_uploads_the_invitation_for_an_item(client, world):
    client.force_login(world.personas.secretary)
    upload = SimpleUploadedFile("einladung.pdf", b"%PDF-1.4 test", "application/pdf")
    response = client.post(
        url(world.public_meeting),
        {"file": upload, "kind": "invitation", "agenda_item": world.public_item.pk},
    )
    assert response["Location"] == reverse("bodies:meeting-detail", args=[world.public_meeting.pk])
    document = Document.objects.get()
    assert (document.title, document.kind, document.agenda_item, document.is_public) == (
        "einladung",
        "invitation",
        world.public_item,
        False,
    )
    assert document.uploaded_by == world.personas.secretary
    assert document.file.read() == b"%PDF-1.4 test"


def test_wrong_type_is_refused_at_the_file(client, world):
    client.force_login(world.personas.secretary)
    upload = SimpleUploadedFile("programm.exe", b"MZ", "application/octet-stream")
    response = client.post(url(world.public_meeting), {"file": upload, "kind": "annex"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Erlaubt sind PDF, DOCX, ODT, XLSX, ODS, PNG und JPG."
    ]
    assert not Document.objects.exists()


def test_too_large_is_refused_at_the_file(client, world):
    client.force_login(world.personas.secretary)
    upload = SimpleUploadedFile("plan.pdf", b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    response = client.post(url(world.public_meeting), {"file": upload, "kind": "annex"})
    assert response.context["form"].errors["file"] == ["Die Datei ist größer als 5 MB."]
    assert not Document.objects.exists()


def test_item_of_another_meeting_is_refused(client, world):
    client.force_login(world.personas.administrator)
    upload = SimpleUploadedFile("a.pdf", b"%PDF", "application/pdf")
    other_item = world.past_meeting.agenda_items.get()
    response = client.post(
        url(world.public_meeting), {"file": upload, "kind": "annex", "agenda_item": other_item.pk}
    )
    assert "agenda_item" in response.context["form"].errors
    assert not Document.objects.exists()


def test_who_may_not(client, world):
    target = url(world.private_meeting)
    assert client.get(target)["Location"].startswith("/anmelden/")
    for role, status in {"member": 403, "contact": 404, "citizen": 404}.items():
        client.force_login(getattr(world.personas, role))
        assert client.get(target).status_code == status, role
    client.force_login(world.personas.secretary)
    assert client.put(target).status_code == 405
