"""My meetings: a member's seats, replies, agenda requests and agreements on one page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quartier.actors.permissions import can_edit_consent
from quartier.actors.selectors import consent_in_force, person_of_user
from quartier.bodies.models import Meeting
from quartier.bodies.selectors import bodies_secretary_of, person_body_ids, person_holdings
from quartier.core.dates import today


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    # The meeting cycle (replies, agenda requests, agreements) lives in the cycle app, to
    # the right of bodies; this page is where a member meets all of it.
    from quartier.cycle.replies import my_cycle

    person = person_of_user(request.user)
    holdings = list(person_holdings(person=person)) if person else []
    member_ids = (
        {holding.seat.body_id for holding in holdings} | person_body_ids(person=person)
        if person
        else set()
    )
    secretary_of = bodies_secretary_of(person=person) if person else []
    body_ids = member_ids | {body.pk for body in secretary_of}
    cycle = (
        my_cycle(
            person=person,
            holdings=holdings,
            member_body_ids=member_ids,
            secretary_body_ids={body.pk for body in secretary_of},
        )
        if person
        else None
    )
    consent = consent_in_force(person=person) if person else None
    counts = (
        Meeting.objects.filter(bodies__in=body_ids, starts_at__year=today().year).aggregate(
            total=Count("pk", distinct=True)
        )
        if body_ids
        else {"total": 0}
    )
    return render(
        request,
        "bodies/mine.html",
        {
            "person": person,
            "holdings": holdings,
            "secretary_of": secretary_of,
            "cycle": cycle,
            "meetings_this_year": counts["total"],
            "consent": consent,
            "can_withdraw": bool(person and consent and can_edit_consent(request.user, person)),
            "crumbs": [("Mein Bereich", None)],
        },
    )
