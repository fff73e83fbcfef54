"""My meetings: a member's seats, replies, agenda requests and agreements on one page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from quartier.actors.permissions import can_edit_consent, is_self
from quartier.actors.selectors import consent_in_force, person_of_user


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    # The meeting cycle (replies, agenda requests, agreements) lives in the cycle app, to
    # the right of bodies; this page is where a member meets all of it.
    from quartier.cycle.my_page import my_page

    person = person_of_user(request.user)
    page = my_page(person=person) if person else None
    consent = consent_in_force(person=person) if person else None
    # The page is her own: she may withdraw (is_self answers without the coordinator query
    # that can_edit_consent asks first).
    can_withdraw = bool(
        person
        and consent
        and (is_self(request.user, person) or can_edit_consent(request.user, person))
    )
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
