"""Reads of bodies, seats and meetings; "as of a date" is answered here, once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from quartier.actors.models import Person
from quartier.bodies.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyVersion,
    Meeting,
    Seat,
    SeatDeputy,
    SeatHolding,
)
from quartier.bodies.models.body import BodyQuerySet
from quartier.bodies.models.meeting import MeetingQuerySet
from quartier.core.dates import today, valid_on
from quartier.places.models import Area
from quartier.topics.models import Topic


@dataclass(frozen=True)
class BodyState:
    """A body as it stood on one day: its version in force and its reporting line."""

    body: Body
    version: BodyVersion

    @property
    def name(self) -> str:
        return self.version.name

    @property
    def reports_to_id(self) -> int | None:
        return self.version.reports_to_id


def _version_in_force(on: date) -> Subquery:
    return Subquery(
        BodyVersion.objects.filter(body=OuterRef("body"), valid_from__lte=on)
        .order_by("-valid_from")
        .values("pk")[:1]
    )


def body_versions_as_of(*, on: date, bodies: BodyQuerySet | None = None) -> QuerySet[BodyVersion]:
    """The version in force on `on` of each body that existed that day."""
    existing = (bodies if bodies is not None else Body.objects.all()).active(on)
    return (
        BodyVersion.objects.filter(body__in=existing)
        .annotate(in_force=_version_in_force(on))
        .filter(pk=F("in_force"))
        .select_related("body", "body__area", "reports_to", "secretary", "secretary_organisation")
    )


def structure_as_of(*, on: date, bodies: BodyQuerySet | None = None) -> list[BodyState]:
    """Every body existing on `on` with its name and reporting line of that day."""
    states = [
        BodyState(body=version.body, version=version)
        for version in body_versions_as_of(on=on, bodies=bodies)
    ]
    return sorted(states, key=lambda state: (state.body.level, state.version.name.lower()))


def body_state_on(*, body: Body, on: date | None = None) -> BodyState | None:
    """`body` as it stood on `on`; None before it was founded or after it was dissolved."""
    day = on or today()
    if not body.exists_on(day):
        return None
    version = (
        body.versions.filter(valid_from__lte=day)
        .select_related("secretary", "secretary_organisation", "reports_to")
        .order_by("-valid_from")
        .first()
    )
    return BodyState(body=body, version=version) if version else None


def body_version_on(*, body: Body, on: date | None = None) -> BodyVersion | None:
    day = on or today()
    return body.versions.filter(valid_from__lte=day).order_by("-valid_from").first()


def reporting_lines_on(*, on: date) -> dict[int, int | None]:
    """Body id -> the id of the body it reports to on `on`, for every body existing that
    day: one light query (plain tuples), for walking chains without loading every body."""
    existing = Body.objects.active(on).values("pk")
    rows = (
        BodyVersion.objects.filter(body__in=existing)
        .annotate(in_force=_version_in_force(on))
        .filter(pk=F("in_force"))
        .order_by()  # the default order joins the bodies (a nested loop on PostgreSQL)
        .values_list("body_id", "reports_to_id")
    )
    return dict(rows)


def reporting_neighbours(*, body: Body, on: date) -> tuple[list[int], list[int]]:
    """The ids of the bodies `body` reports to (nearest first) and of those reporting to
    it, on `on`."""
    lines = reporting_lines_on(on=on)
    chain: list[int] = []
    seen = {body.pk}
    current = lines.get(body.pk)
    while current is not None and current not in seen and current in lines:
        seen.add(current)
        chain.append(current)
        current = lines.get(current)
    children = [child for child, parent in lines.items() if parent == body.pk]
    return chain, children


def reporting_chain(*, body: Body, on: date | None = None) -> list[Body]:
    """The bodies `body` reports to on `on`, nearest first (stops at a cycle)."""
    chain, _ = reporting_neighbours(body=body, on=on or today())
    by_pk = Body.objects.in_bulk(chain)
    return [by_pk[pk] for pk in chain]


def reporting_children(*, body: Body, on: date | None = None) -> list[Body]:
    """Bodies that report to `body` on `on`, by name."""
    _, children = reporting_neighbours(body=body, on=on or today())
    return list(Body.objects.filter(pk__in=children).order_by("sort_name", "pk"))


@dataclass
class BodyHistory:
    versions: list[BodyVersion]
    predecessors: list[Body]
    successor: Body | None
    dissolved_on: date | None

    @property
    def former_names(self) -> list[tuple[str, date]]:
        names: list[tuple[str, date]] = []
        for version in sorted(self.versions, key=lambda v: v.valid_from):
            if not names or names[-1][0] != version.name:
                names.append((version.name, version.valid_from))
        return names[:-1]


def body_history(*, body: Body) -> BodyHistory:
    return BodyHistory(
        versions=list(
            body.versions.select_related("reports_to", "secretary").order_by("valid_from")
        ),
        predecessors=list(body.predecessors.order_by("dissolved_on", "sort_name")),
        successor=body.successor,
        dissolved_on=body.dissolved_on,
    )


@dataclass
class SeatState:
    seat: Seat
    holder: Person | None
    deputies: list[Person] = field(default_factory=list)


def body_seats_on(*, body: Body, on: date | None = None) -> list[SeatState]:
    """The seats of `body` on `on`, each with its holder and named deputies of that day."""
    day = on or today()
    seats = (
        Seat.objects.filter(valid_on(day), body=body)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "holdings",
                queryset=SeatHolding.objects.filter(valid_on(day)).select_related("person"),
                to_attr="holdings_on_day",
            ),
            Prefetch(
                "deputies",
                queryset=SeatDeputy.objects.filter(valid_on(day)).select_related("person"),
                to_attr="deputies_on_day",
            ),
        )
        .order_by("role", "organisation__sort_name", "pk")
    )
    return [
        SeatState(
            seat=seat,
            holder=seat.holdings_on_day[0].person if seat.holdings_on_day else None,
            deputies=[deputy.person for deputy in seat.deputies_on_day],
        )
        for seat in seats
    ]


def seat_holder_on(*, seat: Seat, on: date | None = None) -> Person | None:
    holding = (
        SeatHolding.objects.filter(valid_on(on or today()), seat=seat)
        .select_related("person")
        .first()
    )
    return holding.person if holding else None


def seat_history(*, seat: Seat) -> QuerySet[SeatHolding]:
    return seat.holdings.select_related("person").order_by("starts_on")


def person_holdings(*, person: Person, on: date | None = None) -> QuerySet[SeatHolding]:
    """The seats `person` holds on `on`, with their bodies."""
    return (
        SeatHolding.objects.filter(valid_on(on or today()), person=person)
        .select_related("seat__body", "seat__organisation")
        .order_by("seat__body__sort_name")
    )


def person_body_ids(*, person: Person, on: date | None = None) -> set[int]:
    """Bodies in which `person` holds a seat or is a named deputy on `on`."""
    day = on or today()
    held = SeatHolding.objects.filter(valid_on(day), person=person).values_list(
        "seat__body_id", flat=True
    )
    deputy = SeatDeputy.objects.filter(valid_on(day), person=person).values_list(
        "seat__body_id", flat=True
    )
    return set(held) | set(deputy)


def bodies_secretary_of(*, person: Person, on: date | None = None) -> list[Body]:
    """Bodies whose secretary (Geschäftsführung) on `on` is `person`."""
    day = on or today()
    return [version.body for version in body_versions_as_of(on=day).filter(secretary=person)]


def meeting_display_title(meeting: Meeting) -> str:
    """The meeting's own title, else the names of its bodies (a joint session names all)."""
    if meeting.title:
        return meeting.title
    names = [body.name for body in meeting.bodies.all()]
    if len(names) > 1:
        return "Gemeinsame Sitzung: " + ", ".join(names)
    return names[0] if names else "Sitzung"


def meetings_upcoming_public(*, limit: int = 10, now: datetime | None = None) -> list[Meeting]:
    """The next public meetings of public bodies, soonest first."""
    return list(
        Meeting.objects.upcoming(now)
        .public()
        .filter(bodies__is_public=True)
        .distinct()
        .select_related("location")
        .prefetch_related("bodies")
        .order_by("starts_at")[:limit]
    )


def meeting_agenda(*, meeting: Meeting, include_private: bool) -> QuerySet[AgendaItem]:
    items = meeting.agenda_items.prefetch_related("topics").order_by("position")
    return items if include_private else items.filter(is_public=True)


def meetings_of_body(
    *, body: Body, upcoming: bool, now: datetime | None = None
) -> QuerySet[Meeting]:
    moment = now or timezone.now()
    meetings = Meeting.objects.of_body(body).prefetch_related("bodies").select_related("location")
    if upcoming:
        return meetings.filter(starts_at__gte=moment).order_by("starts_at")
    return meetings.filter(starts_at__lt=moment).order_by("-starts_at")


def body_ids_by_person(*, on: date | None = None) -> dict[int, set[int]]:
    """Person id → ids of the bodies whose seats she holds on `on` (for overload analysis)."""
    result: dict[int, set[int]] = defaultdict(set)
    rows = SeatHolding.objects.filter(valid_on(on or today())).values_list(
        "person_id", "seat__body_id"
    )
    for person_id, body_id in rows:
        result[person_id].add(body_id)
    return dict(result)


def bodies_in_area(*, area: Area, bodies: BodyQuerySet, on: date | None = None) -> list[BodyState]:
    """Bodies of `area` and the areas below it as they stand on `on`, with reporting lines."""
    return structure_as_of(on=on or today(), bodies=bodies.filter(area__path__startswith=area.path))


def meetings_for_listing(meetings: MeetingQuerySet) -> QuerySet[Meeting]:
    """What a list of meetings shows, fetched in a fixed number of queries."""
    return meetings.select_related("location").prefetch_related(
        Prefetch("bodies", queryset=Body.objects.order_by("sort_name"))
    )


def meetings_upcoming(
    *, meetings: MeetingQuerySet, now: datetime | None = None
) -> QuerySet[Meeting]:
    return meetings_for_listing(meetings.upcoming(now)).order_by("starts_at", "pk")


def calendar_meetings(
    *,
    meetings: MeetingQuerySet,
    area: Area | None = None,
    kind: str = "",
    topic: Topic | None = None,
    now: datetime | None = None,
) -> QuerySet[Meeting]:
    """Upcoming meetings, narrowed by the area of a body, its kind, or an agenda topic.
    Correlated EXISTS instead of joins: no duplicates, and the date index drives the scan
    (an `IN` over all matching ids made PostgreSQL walk 19,000 past meetings)."""
    result = meetings.upcoming(now)
    held_by = Meeting.bodies.through.objects.filter(meeting_id=OuterRef("pk"))
    if area is not None:
        result = result.filter(Exists(held_by.filter(body__area__path__startswith=area.path)))
    if kind:
        result = result.filter(Exists(held_by.filter(body__kind=kind)))
    if topic is not None:
        on_agenda = AgendaItem.topics.through.objects.filter(
            agendaitem__meeting_id=OuterRef("pk"), topic=topic
        )
        result = result.filter(Exists(on_agenda))
    return meetings_for_listing(result).order_by("starts_at", "pk")


def meeting_attendance(*, meeting: Meeting) -> QuerySet[Attendance]:
    return (
        meeting.attendances.select_related("seat__organisation", "person")
        .prefetch_related(Prefetch("person__consents", to_attr="_consents_cache"))
        .order_by("person__sort_name")
    )
