from django.core.files.base import ContentFile
from django.urls import reverse

from quartier.bodies.models import Document
from quartier.core.tests.matrix import INSIDERS, LOGIN, Case, everyone, expect, logged_in


def cases(world):
    network = world.city.network
    public_file = Document.objects.create(
        meeting=world.public_meeting,
        kind="invitation",
        title="Einladung",
        file=ContentFile(b"%PDF-1.4 Einladung", name="einladung.pdf"),
    )
    private_file = Document.objects.create(
        meeting=world.public_meeting,
        kind="annex",
        title="Interne Anlage",
        is_public=False,
        file=ContentFile(b"%PDF-1.4 intern", name="intern.pdf"),
    )
    hidden = world.private_meeting
    return {
        "bodies:body-list": [
            Case(reverse("bodies:body-list"), everyone()),
            Case(reverse("bodies:body-list") + "?q=netzwerk&art=network&aufgeloest=1", everyone()),
        ],
        "bodies:body-detail": [
            Case(reverse("bodies:body-detail", args=[network.pk]), everyone()),
            Case(reverse("bodies:body-detail", args=[999999]), everyone(404)),
        ],
        "bodies:meeting-detail": [
            Case(reverse("bodies:meeting-detail", args=[world.public_meeting.pk]), everyone()),
            Case(reverse("bodies:meeting-detail", args=[world.past_meeting.pk]), everyone()),
            Case(reverse("bodies:meeting-detail", args=[hidden.pk]), expect(INSIDERS)),
        ],
        "bodies:meeting-ics": [
            Case(reverse("bodies:meeting-ics", args=[world.public_meeting.pk]), everyone()),
            Case(reverse("bodies:meeting-ics", args=[hidden.pk]), expect(INSIDERS)),
            Case(reverse("bodies:meeting-ics", args=[hidden.pk]), everyone(405), method="POST"),
        ],
        "bodies:document-download": [
            Case(reverse("bodies:document-download", args=[public_file.pk]), everyone()),
            Case(reverse("bodies:document-download", args=[private_file.pk]), expect(INSIDERS)),
        ],
        "bodies:calendar": [
            Case(reverse("bodies:calendar"), everyone()),
            Case(
                reverse("bodies:calendar")
                + f"?gebiet={world.city.district.pk}&art=network&thema=1",
                everyone(),
            ),
        ],
        "bodies:structure": [
            Case(reverse("bodies:structure"), everyone()),
            Case(reverse("bodies:structure") + "?stichtag=2015-01-01", everyone()),
            Case(reverse("bodies:structure") + "?stichtag=kaputt", everyone()),
        ],
        "bodies:search": [
            Case(reverse("bodies:search"), everyone()),
            Case(reverse("bodies:search") + "?q=wohnen", everyone()),
        ],
        "bodies:mine": [
            Case(reverse("bodies:mine"), logged_in()),
            Case(reverse("bodies:mine"), {**logged_in(405), "anonymous": LOGIN}, method="POST"),
        ],
    }
