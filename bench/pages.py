"""Which object every page type is opened for, chosen by one rule in any city.

The query-budget test and the benchmark open the same pages on the demo city and on a
generated one; "comparable" means the same kind of object, picked by the same rule (the
district network with the most seats, the held meeting with the longest agenda, ...), so
that lists are never empty and a difference in query counts means a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from string import ascii_lowercase
from typing import Any
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

ANONYMOUS = "anonymous"
ADMINISTRATOR = "administrator"
MEMBER = "member"

PAGE = "page"
ANALYSIS = "analysis"
EXPORT = "export"

BENCH_ADMIN = "bench-admin"
BENCH_MEMBER = "bench-mitglied"


@dataclass(frozen=True)
class Instances:
    body: Any  # Body: the district network with the most seats today
    meeting: Any  # Meeting: the public held meeting with the longest agenda and attendance
    district: Any  # Area: the body's district
    organisation: Any  # Organisation holding the most seats today
    person: Any  # Person publishing her name, holding the most seats today; the member
    upcoming: Any  # Meeting: the person's next meeting (of a body she holds a seat in)
    search: str  # a two-letter query with hits in every group of the search page
    discussed_title: str  # the meeting's first item title naming a subject ("discussed in")
    as_of: date  # a past day for the structure page: the day of the chosen meeting


@dataclass(frozen=True)
class PageSpec:
    key: str
    kind: str  # PAGE, ANALYSIS or EXPORT: which target applies
    role: str  # ANONYMOUS, ADMINISTRATOR or MEMBER
    url: str


def _current_seats(day: date) -> Any:
    from quartier.bodies.models import Seat
    from quartier.core.dates import valid_on

    return Seat.objects.filter(valid_on(day))


# Two-letter word beginnings, frequent in German names and titles; the search page asks
# for at least two letters.
SEARCH_PREFIXES = ("be", "st", "an", "ge", "ha", "se", "ma", "wo", "ba", "ki", "sc", "al")


def _search_letter() -> str:
    """The first two-letter beginning that finds something in each of the search page's
    five groups (a broad query: it finds thousands of agenda items in a large city)."""
    from quartier.actors.models import Organisation, Person
    from quartier.bodies.models import AgendaItem
    from quartier.bodies.permissions import (
        bodies_visible_to,
        meetings_visible_to,
        visible_items_q,
    )

    anonymous = AnonymousUser()
    meetings = meetings_visible_to(anonymous)
    pairs = [a + b for a in ascii_lowercase for b in ascii_lowercase]
    for letter in [*SEARCH_PREFIXES, *pairs]:
        groups = [
            bodies_visible_to(anonymous).search(letter),
            Organisation.objects.search(letter),
            Person.objects.publishing("name").search(letter),
            meetings.search(letter),
            AgendaItem.objects.search(letter)
            .filter(meeting__in=meetings)
            .filter(visible_items_q(anonymous)),
        ]
        if all(group.exists() for group in groups):
            return letter
    raise LookupError("no two-letter search finds something in every group")


def instances() -> Instances:
    """The objects every page type is opened for; raises LookupError when one is missing."""
    from quartier.actors.models import Organisation, Person
    from quartier.bodies.models import (
        Body,
        BodyKind,
        BodyLevel,
        Meeting,
        MeetingState,
        SeatHolding,
    )
    from quartier.bodies.permissions import meetings_visible_to
    from quartier.core.dates import today, valid_on

    day = today()
    seats = _current_seats(day)
    body = (
        Body.objects.filter(
            kind=BodyKind.NETWORK,
            level=BodyLevel.DISTRICT,
            is_public=True,
            dissolved_on__isnull=True,
        )
        .annotate(current_seats=Count("seats", filter=Q(seats__in=seats), distinct=True))
        .select_related("area")
        .order_by("-current_seats", "pk")
        .first()
    )
    if body is None:
        raise LookupError("no public district network")
    # Held within the last 300 days: the meeting cycle's rows (replies, dispatches, minutes
    # versions) exist for the last 13 months in both cities.
    recent = timezone.now() - timedelta(days=300)
    held = meetings_visible_to(AnonymousUser()).filter(
        state=MeetingState.HELD, starts_at__gte=recent
    )
    meeting = (
        Meeting.objects.filter(pk__in=held.values("pk"))
        .annotate(
            items=Count("agenda_items", distinct=True),
            present=Count("attendances", distinct=True),
        )
        .filter(items__gt=0, present__gt=0)
        .order_by("-items", "-present", "pk")
        .first()
    )
    if meeting is None:
        raise LookupError("no public held meeting with agenda and attendance")
    by_seats = (
        seats.exclude(organisation=None)
        .values("organisation")
        .annotate(total=Count("pk"))
        .order_by("-total", "organisation")
        .first()
    )
    if by_seats is None:
        raise LookupError("no organisation holds a seat")
    organisation = Organisation.objects.get(pk=by_seats["organisation"])
    person = _person_with_most_seats(Person.objects.publishing("name"), day)
    if person is None:
        raise LookupError("no consenting person holds a seat")
    her_bodies = SeatHolding.objects.filter(valid_on(day), person=person).values("seat__body")
    upcoming = (
        Meeting.objects.upcoming().filter(bodies__in=her_bodies).order_by("starts_at", "pk").first()
    )
    if upcoming is None:
        raise LookupError("the chosen person has no coming meeting")
    return Instances(
        body=body,
        meeting=meeting,
        district=body.area,
        organisation=organisation,
        person=person,
        upcoming=upcoming,
        search=_search_letter(),
        discussed_title=quote(_subject_title(meeting)),
        as_of=timezone.localtime(meeting.starts_at).date(),
    )


def _subject_title(meeting: Any) -> str:
    """The first agenda title with words that name a subject (not "Begrüßung" or
    "Verschiedenes"): what "already discussed in" is asked for when an item is added."""
    from quartier.cycle.discussed import subject_terms

    titles = meeting.agenda_items.order_by("position").values_list("title", flat=True)
    for title in titles:
        if subject_terms(title):
            return str(title)
    raise LookupError("the chosen meeting has no agenda item naming a subject")


def _person_with_most_seats(people: Any, day: date) -> Any:
    from quartier.bodies.models import SeatHolding
    from quartier.core.dates import valid_on

    holdings = SeatHolding.objects.filter(valid_on(day), person__in=people.values("pk"))
    top = holdings.values("person").annotate(total=Count("pk")).order_by("-total", "person").first()
    if top is None:
        return None
    return people.model.objects.get(pk=top["person"])


def bench_users(found: Instances) -> dict[str, Any]:
    """The logins the pages are opened as: an administrator, and as the member whose "my
    page" is measured the chosen person (a consenting seat holder in any city). Existing
    accounts are used when the city has them; bench-only ones (without a usable password)
    are created when it has none, as in a generated city."""
    from quartier.core.models import User

    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if admin is None:
        admin = User.objects.create_user(BENCH_ADMIN, is_superuser=True, is_staff=True)
        admin.set_unusable_password()
        admin.save()
    member = found.person.user
    if member is None:
        member = User.objects.create_user(BENCH_MEMBER)
        member.set_unusable_password()
        member.save()
        found.person.user = member
        found.person.save(update_fields=["user"])
    return {ANONYMOUS: None, ADMINISTRATOR: admin, MEMBER: member}


def page_specs(found: Instances, *, analyses: bool = True) -> list[PageSpec]:
    """Every page type with its URL; `analyses` adds the analysis and export pages that
    the query-budget test leaves to the benchmark."""
    body, meeting, upcoming = found.body.pk, found.meeting.pk, found.upcoming.pk
    specs = [
        PageSpec("home", PAGE, ANONYMOUS, reverse("home")),
        PageSpec("body-list", PAGE, ANONYMOUS, reverse("bodies:body-list")),
        PageSpec("body-detail", PAGE, ANONYMOUS, reverse("bodies:body-detail", args=[body])),
        PageSpec(
            "meeting-detail", PAGE, ANONYMOUS, reverse("bodies:meeting-detail", args=[meeting])
        ),
        PageSpec("calendar", PAGE, ANONYMOUS, reverse("bodies:calendar")),
        PageSpec("structure", ANALYSIS, ANONYMOUS, reverse("bodies:structure")),
        PageSpec("search", PAGE, ANONYMOUS, f"{reverse('bodies:search')}?q={found.search}"),
        PageSpec(
            "area-detail",
            PAGE,
            ANONYMOUS,
            reverse("places:area-detail", args=[found.district.pk]),
        ),
        PageSpec("organisation-list", PAGE, ANONYMOUS, reverse("actors:organisation-list")),
        PageSpec(
            "organisation-detail",
            PAGE,
            ANONYMOUS,
            reverse("actors:organisation-detail", args=[found.organisation.pk]),
        ),
        PageSpec(
            "person-detail",
            PAGE,
            ANONYMOUS,
            reverse("actors:person-detail", args=[found.person.pk]),
        ),
        PageSpec("mine", PAGE, MEMBER, reverse("bodies:mine")),
        PageSpec("body-edit", PAGE, ADMINISTRATOR, reverse("bodies:body-edit", args=[body])),
        PageSpec(
            "meeting-agenda",
            PAGE,
            ADMINISTRATOR,
            reverse("bodies:meeting-agenda", args=[meeting]),
        ),
        PageSpec(
            "meeting-attendance",
            PAGE,
            ADMINISTRATOR,
            reverse("bodies:meeting-attendance", args=[meeting]),
        ),
        PageSpec(
            "meeting-minutes",
            PAGE,
            ADMINISTRATOR,
            reverse("bodies:meeting-minutes", args=[meeting]),
        ),
        # The meeting cycle.
        PageSpec(
            "meeting-invitation",
            PAGE,
            ADMINISTRATOR,
            reverse("cycle:meeting-invitation", args=[upcoming]),
        ),
        PageSpec(
            "proposal-create", PAGE, MEMBER, reverse("cycle:proposal-create", args=[upcoming])
        ),
        PageSpec(
            "proposal-list", PAGE, ADMINISTRATOR, reverse("cycle:proposal-list", args=[upcoming])
        ),
        PageSpec("reply", PAGE, MEMBER, reverse("cycle:reply", args=[upcoming])),
        PageSpec(
            "reply-overview", PAGE, ADMINISTRATOR, reverse("cycle:reply-overview", args=[upcoming])
        ),
        PageSpec(
            "person-search",
            PAGE,
            ADMINISTRATOR,
            f"{reverse('cycle:person-search', args=[meeting])}?q={found.search}",
        ),
        PageSpec(
            "minutes-review", PAGE, ADMINISTRATOR, reverse("cycle:minutes-review", args=[meeting])
        ),
        PageSpec(
            "minutes-versions",
            PAGE,
            ADMINISTRATOR,
            reverse("cycle:minutes-versions", args=[meeting]),
        ),
        PageSpec(
            "body-agreements", PAGE, ADMINISTRATOR, reverse("cycle:body-agreements", args=[body])
        ),
        PageSpec(
            "discussed",
            PAGE,
            ADMINISTRATOR,
            f"{reverse('cycle:discussed', args=[upcoming])}?title={found.discussed_title}",
        ),
    ]
    if analyses:
        specs += [
            PageSpec(
                "structure-as-of",
                ANALYSIS,
                ANONYMOUS,
                f"{reverse('bodies:structure')}?stichtag={found.as_of.isoformat()}",
            ),
            PageSpec(
                "meeting-ics", EXPORT, ANONYMOUS, reverse("bodies:meeting-ics", args=[meeting])
            ),
            PageSpec(
                "attendance-list",
                EXPORT,
                ADMINISTRATOR,
                reverse("cycle:attendance-list", args=[upcoming]),
            ),
            PageSpec(
                "meeting-letters",
                EXPORT,
                ADMINISTRATOR,
                reverse("cycle:meeting-letters", args=[upcoming]),
            ),
        ]
    return specs


def clients(users: dict[str, Any]) -> dict[str, Any]:
    """One test client per role, logged in without a password."""
    from django.test import Client

    result = {}
    for role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        result[role] = client
    return result
