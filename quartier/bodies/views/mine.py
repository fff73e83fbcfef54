"""My meetings: a member's seats, replies, agenda requests and agreements on one page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F, FilteredRelation, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from quartier.actors.models import ConsentRecord, Person
from quartier.core.dates import today
from quartier.core.reads import Slots, prepared


def _person_and_consent(user: Any) -> tuple[Person | None, ConsentRecord | None]:
    """Her person record and the consent in force today (as person_of_user and
    consent_in_force), in one query: the person with the newest consent in force joined."""
    rows = _person_with_consent(user=user.pk, day=today())
    if not rows:
        return None, None
    person_pk, user_id, *values = rows[0]
    person = Person(pk=person_pk, user_id=user_id)
    consent = dict(zip(_CONSENT_FIELDS, values, strict=True))
    if consent["id"] is None:
        return person, None
    return person, ConsentRecord(person_id=person_pk, **consent)


@prepared
def _person_with_consent(slot: Slots) -> QuerySet[Any]:
    """Slots: user (id), day."""
    day = slot.date("day")
    in_force = Q(consents__given_on__lte=day) & (
        Q(consents__withdrawn_on__isnull=True) | Q(consents__withdrawn_on__gt=day)
    )
    return (
        Person.objects.filter(user_id=slot.id("user"))
        .annotate(consent=FilteredRelation("consents", condition=in_force))
        .order_by(F("consent__given_on").desc(nulls_last=True), "-consent__pk")
        .values_list("pk", "user_id", *(f"consent__{name}" for name in _CONSENT_FIELDS))[:1]
    )


# What the page shows of a consent.
_CONSENT_FIELDS = ("id", "given_on", "channel", *ConsentRecord.FIELDS)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    # The meeting cycle (replies, agenda requests, agreements) lives in the cycle app, to
    # the right of bodies; this page is where a member meets all of it.
    from quartier.cycle.my_page import my_page

    person, consent = _person_and_consent(request.user)
    page = my_page(person=person) if person else None
    # The page is her own (the person is read through her login), so she may withdraw:
    # can_edit_consent allows it to the person herself.
    can_withdraw = bool(person and consent)
    return render(
        request,
        "bodies/mine.html",
        {
            "person": person,
            "page": page,
            "mine_url": reverse("bodies:mine"),
            "consent": consent,
            "can_withdraw": can_withdraw,
            "crumbs": [("Mein Bereich", None)],
        },
    )
