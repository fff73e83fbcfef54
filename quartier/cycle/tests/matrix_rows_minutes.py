"""Matrix rows of the minutes cycle: circulation, objections, approval, versions,
agreements and "already discussed in …".

Runners (department, coordinator, secretary) run the minutes and follow the agreements;
members read the draft and object; outsiders who see the public network get 403 for
editing pages and 404 for the draft and the agreements; anonymous visitors log in first.
"""

from datetime import date

from django.urls import reverse

from quartier.bodies.models import Meeting, MinutesState
from quartier.bodies.services import agenda_item_add
from quartier.bodies.tests.factories import aware, make_meeting
from quartier.bodies.tests.matrix_rows_edit import INSIDERS, RUNNERS, allowed
from quartier.core.tests.matrix import LOGIN, ROLES, Case
from quartier.cycle.agreements import agreement_add
from quartier.cycle.models import MinutesObjection


def insiders_only(ok: tuple[str, ...], status: int = 200) -> dict[str, int | str]:
    """`ok` get `status`; other insiders 403; outsiders 404 (no hint); anonymous login."""
    result: dict[str, int | str] = {}
    for role in ROLES:
        if role == "anonymous":
            result[role] = LOGIN
        elif role in ok:
            result[role] = status
        elif role in INSIDERS:
            result[role] = 403
        else:
            result[role] = 404
    return result


def cases(world):
    network = world.city.network
    # A meeting of its own whose minutes are out for approval, so that no other part's
    # rows see a changed world.past_meeting.
    meeting = make_meeting(network, when=aware(2020, 2, 2))
    item = agenda_item_add(meeting=meeting, title="Sitzbänke")
    item.minutes = "Die Bänke kommen."
    item.save()
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_state=MinutesState.CIRCULATED, minutes_objection_until=date(2099, 1, 1)
    )
    agreement = agreement_add(agenda_item=item, text="Angebot einholen", responsible_text="GF")
    objection = MinutesObjection.objects.create(
        meeting=meeting, person=world.consenting, text="Das stimmt so nicht."
    )
    past, public, private = world.past_meeting, world.public_meeting, world.private_meeting

    def url(name, obj):
        return reverse(f"cycle:{name}", args=[obj.pk])

    return {
        "cycle:minutes-circulate": [
            Case(url("minutes-circulate", past), allowed(RUNNERS, 302), method="POST"),
            Case(
                url("minutes-circulate", private),
                allowed(RUNNERS, 302, seen_by=INSIDERS),
                method="POST",
            ),
        ],
        "cycle:minutes-refer": [
            Case(url("minutes-refer", meeting), allowed(RUNNERS, 302), method="POST"),
        ],
        "cycle:minutes-approve": [
            Case(url("minutes-approve", meeting), allowed(RUNNERS, 302), method="POST"),
        ],
        "cycle:minutes-review": [
            Case(url("minutes-review", meeting), insiders_only(INSIDERS)),
            Case(url("minutes-review", private), insiders_only(INSIDERS)),
            Case(
                url("minutes-review", meeting),
                insiders_only(("member",), 302),
                method="POST",
                data={"text": "TOP 1 ist falsch wiedergegeben."},
            ),
        ],
        "cycle:minutes-versions": [
            Case(url("minutes-versions", meeting), allowed(RUNNERS)),
            Case(url("minutes-versions", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
        "cycle:objection-resolve": [
            Case(
                url("objection-resolve", objection),
                insiders_only(RUNNERS, 302),
                method="POST",
                data={"resolution": "Entwurf geändert."},
            ),
        ],
        "cycle:agreement-done": [
            Case(
                url("agreement-done", agreement),
                insiders_only(RUNNERS, 302),
                method="POST",
                data={"note": "Angebot liegt vor."},
            ),
        ],
        "cycle:agreement-reopen": [
            Case(url("agreement-reopen", agreement), insiders_only(RUNNERS, 302), method="POST"),
        ],
        "cycle:body-agreements": [
            Case(url("body-agreements", network), allowed(RUNNERS)),
            Case(
                url("body-agreements", network) + "?state=ueberfaellig&q=Angebot",
                allowed(RUNNERS),
            ),
            Case(url("body-agreements", world.city.other_network), allowed(("administrator",))),
        ],
        "cycle:discussed": [
            Case(url("discussed", public) + "?title=Wohnen", allowed(RUNNERS)),
            Case(url("discussed", public) + "?title=Wohnen", allowed(RUNNERS), htmx=True),
            Case(url("discussed", private), allowed(RUNNERS, seen_by=INSIDERS)),
        ],
    }
