"""Organisations and people × every role: public pages within consent, editing for staff."""

from __future__ import annotations

import atexit

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from quartier.actors.tests.factories import make_organisation, make_person
from quartier.core.dates import today
from quartier.core.tests.matrix import LOGIN, STAFF, Case, everyone, expect

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def signed_in(ok: set[str] | tuple[str, ...], *, status: int = 200, other: int = 403) -> dict:
    """Like `expect`, but the anonymous visitor is asked to log in first."""
    return {**expect(ok, status=status, other=other), "anonymous": LOGIN}


def _photo_name() -> str:
    name = default_storage.save("people/matrix-probe.png", ContentFile(PNG))
    atexit.register(default_storage.delete, name)
    return name


def cases(world):
    personas = world.personas
    organisation = world.organisation
    consenting = world.consenting
    hidden = world.hidden_person
    own = personas.member.person  # Dieter, a member without consent: only he and staff see him
    SELF = (*STAFF, "member")
    elsewhere = make_organisation(
        "Nachbarschaftsladen Nord",
        kind="neighbourhood_initiative",
        based_in=world.city.other_district,
    )
    photo = _photo_name()
    pictured = make_person("Paula", "Bild", consent=("name", "photo"), photo=photo)
    pictured_hidden = make_person("Paul", "Unsichtbar", photo=photo)

    def url(name: str, *args) -> str:
        return reverse(f"actors:{name}", args=args)

    new_organisation = {
        "name": "Neuer Träger",
        "kind": "other",
        "based_in": world.city.quarter.pk,
    }
    new_person = {"given_name": "Neue", "family_name": "Person"}
    consent = {"allow": ["name", "email"], "channel": "paper", "given_on": today().isoformat()}
    return {
        "actors:organisation-list": [
            Case(url("organisation-list"), everyone()),
            Case(url("organisation-list") + "?art=outpatient_care&suche=diakonie", everyone()),
            Case(url("organisation-list"), everyone(405), method="POST"),
        ],
        "actors:organisation-detail": [
            Case(url("organisation-detail", organisation.pk), everyone()),
            Case(url("organisation-detail", 999999), everyone(404)),
        ],
        "actors:organisation-create": [
            Case(url("organisation-create"), signed_in(STAFF)),
            Case(
                url("organisation-create"),
                signed_in(STAFF, status=302),
                method="POST",
                data=new_organisation,
            ),
        ],
        "actors:organisation-edit": [
            Case(url("organisation-edit", organisation.pk), signed_in(STAFF)),
            Case(url("organisation-edit", elsewhere.pk), signed_in({"administrator"})),
            Case(
                url("organisation-edit", organisation.pk),
                signed_in(STAFF, status=302),
                method="POST",
                data={**new_organisation, "name": "Diakoniestation Südstadt e. V."},
            ),
        ],
        "actors:person-create": [
            Case(url("person-create"), signed_in(STAFF)),
            Case(
                url("person-create"), signed_in(STAFF, status=302), method="POST", data=new_person
            ),
        ],
        "actors:person-detail": [
            Case(url("person-detail", consenting.pk), everyone()),
            Case(url("person-detail", hidden.pk), expect(STAFF)),
            Case(url("person-detail", own.pk), expect(SELF)),
        ],
        "actors:person-photo": [
            Case(url("person-photo", pictured.pk), everyone()),
            Case(url("person-photo", pictured_hidden.pk), expect(STAFF)),
            Case(url("person-photo", consenting.pk), everyone(404)),
        ],
        "actors:person-edit": [
            Case(url("person-edit", consenting.pk), signed_in(STAFF)),
            Case(url("person-edit", hidden.pk), signed_in(STAFF, other=404)),
            Case(url("person-edit", own.pk), signed_in(SELF, other=404)),
            Case(
                url("person-edit", consenting.pk),
                signed_in(STAFF, status=302),
                method="POST",
                data={"given_name": "Petra", "family_name": "Öffentlich"},
            ),
            Case(
                url("person-edit", own.pk),
                signed_in(SELF, status=302, other=404),
                method="POST",
                data={"given_name": "Dieter", "family_name": "Sitz", "phone": "0511 77"},
            ),
        ],
        "actors:consent-give": [
            Case(url("consent-give", consenting.pk), signed_in(STAFF)),
            Case(url("consent-give", hidden.pk), signed_in(STAFF, other=404)),
            Case(
                url("consent-give", hidden.pk),
                signed_in(STAFF, status=302, other=404),
                method="POST",
                data=consent,
            ),
            Case(
                url("consent-give", own.pk),
                signed_in(SELF, status=302, other=404),
                method="POST",
                data={**consent, "channel": "online"},
            ),
        ],
        "actors:consent-withdraw": [
            Case(url("consent-withdraw", consenting.pk), everyone(405)),
            Case(
                url("consent-withdraw", consenting.pk),
                signed_in(STAFF, status=302),
                method="POST",
            ),
            Case(
                url("consent-withdraw", own.pk),
                signed_in(SELF, status=302, other=404),
                method="POST",
            ),
        ],
    }
