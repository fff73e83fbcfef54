"""Reads of bodies, seats and meetings; "as of a date" is answered here, once."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import (
    CharField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.actors.models import ConsentRecord, Person, full_name
from quartier.bodies.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyKind,
    BodyVersion,
    Meeting,
    MeetingState,
    Seat,
    SeatDeputy,
    SeatHolding,
    SeatRole,
)
from quartier.bodies.models.body import BodyQuerySet
from quartier.bodies.models.meeting import MeetingQuerySet, meeting_place
from quartier.core.dates import today, valid_on
from quartier.core.links import link
from quartier.core.reads import PreparedRead, Slot, Slots, prepared, reshape
from quartier.core.templatetags.quartier import de_datetime
from quartier.places.models import Area, location_address, location_name
from quartier.topics.models import Topic

if TYPE_CHECKING:
    from quartier.bodies.permissions import Viewer


class _StartsWithSlot(StartsWith):
    """`column LIKE 'prefix%'` with the prefix from a slot: the SQL of `__startswith` with
    a plain value (one parameter, which the path indexes serve). A Slot on the right of
    `__startswith` would build the pattern in SQL instead (`LIKE REPLACE(...) || '%'`)."""

    def get_rhs_op(self, connection: Any, rhs: str) -> str:
        return str(connection.operators[self.lookup_name] % rhs)

    def process_rhs(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.rhs)
        prep = connection.ops.prep_for_like_query
        return sql, [reshape(params[0], lambda value: f"{prep(value)}%")]


def now_slot(slot: Slots) -> Any:
    """The slot "now" (a datetime), typed for MeetingQuerySet.upcoming and past."""
    return slot.datetime("now")


def starts_with_slot(column: str, name: str) -> Q:
    """A filter "`column` starts with the text of slot `name`", as `column__startswith`
    with a plain value would say it; for area paths ("within this area")."""
    return Q(_StartsWithSlot(F(column), Slot(name, CharField())))


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
    return _walk_lines(reporting_lines_on(on=on), body.pk)


def _walk_lines(lines: Mapping[int, int | None], start: int) -> tuple[list[int], list[int]]:
    """Up the reporting lines from `start` (nearest first, stopping at a cycle or a body
    without a line), and the bodies reporting to `start`."""
    chain: list[int] = []
    seen = {start}
    current = lines.get(start)
    while current is not None and current not in seen and current in lines:
        seen.add(current)
        chain.append(current)
        current = lines.get(current)
    children = [child for child, parent in lines.items() if parent == start]
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


@functools.cache
def _area_version_rows(key: tuple[str, bool, bool]) -> PreparedRead:
    """Rows of area_body_rows for a viewer of variant `key` (permissions.Viewer). Slots:
    path (of the area), day, insiders (ids, where the variant has them)."""
    from quartier.bodies.permissions import visible_bodies_slot_q

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        day: Any = slot.date("day")  # a slot where a date belongs
        existing = (
            Body.objects.filter(visible_bodies_slot_q(slot, key))
            .filter(starts_with_slot("area__path", "path"))
            .active(day)
        )
        return (
            BodyVersion.objects.filter(body__in=existing.values("pk"))
            .annotate(in_force=_version_in_force(day))
            .filter(pk=F("in_force"))
            .order_by("body__sort_name", "-valid_from")  # as structure_as_of reads them
            .values(
                "body_id",
                "name",
                "cadence_per_year",
                "reports_to_id",
                "reports_to__name",
                "body__kind",
                "body__level",
            )
        )

    return read


def area_body_rows(*, area: Area, viewer: Viewer, on: date | None = None) -> list[dict[str, Any]]:
    """bodies_in_area among those `viewer` may see, as plain rows (pk, name, kind,
    cadence_per_year, reports_to_id, reports_to_name): the version in force on `on` of
    each body of `area` and below, by level and name, in one light query."""
    read = _area_version_rows(viewer.key)
    rows = read(path=area.path, day=on or today(), **viewer.slots)
    rows.sort(key=lambda row: (row["body__level"], row["name"].lower()))
    kinds = dict(BodyKind.choices)
    return [
        {
            "pk": row["body_id"],
            "name": row["name"],
            "kind": str(kinds.get(row["body__kind"], row["body__kind"])),
            "cadence_per_year": row["cadence_per_year"],
            "reports_to_id": row["reports_to_id"],
            "reports_to_name": row["reports_to__name"],
        }
        for row in rows
    ]


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
    """Upcoming meetings, narrowed by the area of a body, its kind, or an agenda topic."""
    chosen = calendar_choice(meetings=meetings, area=area, kind=kind, topic=topic, now=now)
    return meetings_for_listing(chosen)


def calendar_choice(
    *,
    meetings: MeetingQuerySet,
    area: Area | None = None,
    kind: str = "",
    topic: Topic | None = None,
    now: datetime | None = None,
) -> MeetingQuerySet:
    """calendar_meetings without what lists show: for meeting_values.
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
    return result.order_by("starts_at", "pk")


# Lean reads for the public pages: plain rows (values()) and labels built once in Python,
# because model instances, prefetches and per-row template work cost more than the SQL.


@dataclass(frozen=True)
class MeetingRow:
    """One meeting as a list shows it (bodies/parts/meeting_list.html)."""

    pk: int
    url: str
    when: str  # "Mi., 25.11.2026, 14:00 Uhr"
    cancelled: bool
    heading: str  # its title, else the names of its bodies
    place: str


# What Meeting.place needs of a meeting read as a row.
MEETING_PLACE_FIELDS = (
    "location_text",
    "location__name",
    "location__room",
    "location__street_address",
    "location__postal_code",
    "location__locality",
)
MEETING_ROW_FIELDS = ("pk", "title", "starts_at", "state", "location_id", *MEETING_PLACE_FIELDS)


def _meeting_place(row: dict[str, Any]) -> str:
    """Meeting.place from a values() row."""
    if row["location_id"] is None:
        return row["location_text"]
    return meeting_place(
        location_name(row["location__name"], row["location__room"]),
        location_address(
            row["location__street_address"],
            row["location__postal_code"],
            row["location__locality"],
        ),
        row["location_text"],
    )


@prepared
def _body_names_of(slot: Slots) -> QuerySet[Any]:
    """(meeting id, body name) by body sort name. Slot: meetings (ids)."""
    return (
        Meeting.bodies.through.objects.filter(meeting_id__in=slot.ids("meetings"))
        .order_by("body__sort_name")
        .values_list("meeting_id", "body__name")
    )


def meeting_body_names(meeting_ids: list[int]) -> dict[int, list[str]]:
    """Meeting id -> the names of its bodies in name order (one query; none for no ids)."""
    names: dict[int, list[str]] = defaultdict(list)
    if meeting_ids:
        for meeting_id, name in _body_names_of(meetings=list(dict.fromkeys(meeting_ids))):
            names[meeting_id].append(name)
    return names


def meeting_values(meetings: QuerySet[Meeting]) -> QuerySet[Any]:
    """The columns meeting_rows needs, as plain rows."""
    return meetings.values(*MEETING_ROW_FIELDS)


def meeting_rows(rows: Iterable[dict[str, Any]]) -> list[MeetingRow]:
    """Rows of meeting_values as lists show them; the body names of untitled meetings
    (in name order, like meetings_for_listing) come in one query."""
    rows = list(rows)
    names = meeting_body_names([row["pk"] for row in rows if not row["title"]])
    return [
        MeetingRow(
            pk=row["pk"],
            url=link("bodies:meeting-detail", row["pk"]),
            when=de_datetime(row["starts_at"]),
            cancelled=row["state"] == MeetingState.CANCELLED,
            heading=row["title"] or " und ".join(names[row["pk"]]),
            place=_meeting_place(row),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class VersionRow:
    """One version of a body as its page shows it (state and history)."""

    valid_from: date
    name: str
    cadence_per_year: int | None
    usual_duration_minutes: int | None
    note: str
    reports_to_name: str | None
    secretary_id: int | None
    secretary_name: str  # the full name: shown to insiders, or when her consent allows
    secretary_named: bool  # her consent in force on the day asked publishes her name
    secretary_organisation_name: str | None


def _publishes_name(person: str, on: date) -> Subquery:
    """Whether the consent in force on `on` (the newest, as consent_in_force picks it) of
    the person in column `person` publishes her name: True, False, or None without one."""
    return Subquery(
        ConsentRecord.objects.filter(ConsentRecord.in_force_q(on), person=OuterRef(person))
        .order_by("-given_on", "-pk")
        .values("name")[:1]
    )


@prepared
def _version_rows(slot: Slots) -> QuerySet[Any]:
    """Rows of body_version_rows. Slots: body (id), day (of the consent)."""
    day: Any = slot.date("day")  # a slot where a date belongs
    return (
        BodyVersion.objects.filter(body_id=slot.id("body"))
        .order_by("valid_from", "pk")
        .annotate(secretary_named=_publishes_name("secretary_id", day))
        .values(
            "valid_from",
            "name",
            "cadence_per_year",
            "usual_duration_minutes",
            "note",
            "reports_to__name",
            "secretary_id",
            "secretary__title",
            "secretary__given_name",
            "secretary__family_name",
            "secretary_named",
            "secretary_organisation__name",
        )
    )


def body_version_rows(*, body: Body) -> list[VersionRow]:
    """Every version of `body`, oldest first, with what its page shows, in one query."""
    # Consent as of today, as person_public reads it: the page publishes now.
    rows = _version_rows(body=body.pk, day=today())
    return [
        VersionRow(
            valid_from=row["valid_from"],
            name=row["name"],
            cadence_per_year=row["cadence_per_year"],
            usual_duration_minutes=row["usual_duration_minutes"],
            note=row["note"],
            reports_to_name=row["reports_to__name"],
            secretary_id=row["secretary_id"],
            secretary_name=full_name(
                row["secretary__title"], row["secretary__given_name"], row["secretary__family_name"]
            ),
            secretary_named=bool(row["secretary_named"]),
            secretary_organisation_name=row["secretary_organisation__name"],
        )
        for row in rows
    ]


def version_in_force(versions: list[VersionRow], on: date) -> VersionRow | None:
    """The version (of body_version_rows, oldest first) in force on `on`."""
    current = None
    for version in versions:
        if version.valid_from <= on:
            current = version
    return current


@dataclass(frozen=True)
class SeatRow:
    """One seat of a body on a day, as its page shows it."""

    pk: int
    role: str  # the role's label
    label: str
    organisation_id: int | None
    organisation_name: str | None
    holder_id: int | None
    holder_name: str  # the full name: for insiders, or when `holder_named`
    holder_named: bool  # her consent in force that day publishes her name
    deputies: list[str]  # full names of the named deputies; only read for insiders

    def __str__(self) -> str:
        """Like Seat.__str__."""
        return f"{self.label or self.organisation_name or _('Sitz')} ({self.role})"


@prepared
def _seat_rows(slot: Slots) -> QuerySet[Any]:
    """Rows of body_seat_rows, one per seat and holding of the day, the newest holding
    first. Slots: body (id), day, consent_day."""
    day: Any = slot.date("day")  # slots where dates belong
    consent_day: Any = slot.date("consent_day")
    holding = FilteredRelation(
        "holdings", condition=valid_on(day, "holdings__starts_on", "holdings__ends_on")
    )
    return (
        Seat.objects.filter(valid_on(day), body_id=slot.id("body"))
        .annotate(holding=holding)
        .annotate(named=_publishes_name("holding__person_id", consent_day))
        # The newest holding first, as body_seats_on's prefetch orders them.
        .order_by("role", "organisation__sort_name", "pk", "-holding__starts_on")
        .values_list(
            "pk",
            "role",
            "label",
            "organisation_id",
            "organisation__name",
            "holding__person_id",
            "holding__person__title",
            "holding__person__given_name",
            "holding__person__family_name",
            "named",
        )
    )


@prepared
def _deputy_rows(slot: Slots) -> QuerySet[Any]:
    """(seat id, title, given name, family name) of the named deputies of the seats on
    the day, by rank. Slots: seats (ids), day."""
    day: Any = slot.date("day")  # a slot where a date belongs
    return (
        SeatDeputy.objects.filter(valid_on(day), seat_id__in=slot.ids("seats"))
        .order_by("rank", "pk")
        .values_list("seat_id", "person__title", "person__given_name", "person__family_name")
    )


def body_seat_rows(*, body: Body, on: date, with_deputies: bool) -> list[SeatRow]:
    """The seats of `body` on `on` with holder and (`with_deputies`) named deputies, like
    body_seats_on, in one light query (two with deputies)."""
    roles = dict(SeatRole.choices)
    rows: dict[int, SeatRow] = {}
    # Consent as of today, as person_public reads it: the page publishes now.
    seats = _seat_rows(body=body.pk, day=on, consent_day=today())
    for pk, role, label, organisation_id, organisation_name, holder_id, *name, named in seats:
        if pk in rows:
            continue  # an older holding overlapping the newest
        rows[pk] = SeatRow(
            pk=pk,
            role=str(roles.get(role, role)),
            label=label,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            holder_id=holder_id,
            holder_name=full_name(*name) if holder_id is not None else "",
            holder_named=bool(named),
            deputies=[],
        )
    if with_deputies and rows:
        for seat_id, *name in _deputy_rows(seats=list(rows), day=on):
            if rows[seat_id].holder_id is not None:
                rows[seat_id].deputies.append(full_name(*name))
    return list(rows.values())


@prepared
def _lines_begun_by(slot: Slots) -> QuerySet[Any]:
    """(body id, reports-to id) of every version begun by the day, oldest first per body:
    the last one per body is in force. Slot: day."""
    return (
        BodyVersion.objects.filter(valid_from__lte=slot.date("day"))
        .order_by("body_id", "valid_from")
        .values_list("body_id", "reports_to_id")
    )


@functools.cache
def _neighbour_rows(key: tuple[str, bool, bool]) -> PreparedRead:
    """(pk, name, shown) of the bodies existing on the day among the ids, by name; shown:
    whether a viewer of variant `key` (permissions.Viewer) may see it. Slots: day, ids,
    insiders (ids, where the variant has them)."""
    from quartier.bodies.permissions import visible_bodies_slot_q

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        visible = Body.objects.filter(visible_bodies_slot_q(slot, key))
        day: Any = slot.date("day")  # a slot where a date belongs
        return (
            Body.objects.active(day)
            .filter(pk__in=slot.ids("ids"))
            .annotate(shown=Exists(visible.filter(pk=OuterRef("pk"))))
            .order_by("sort_name", "pk")
            .values_list("pk", "name", "shown")
        )

    return read


def reporting_neighbour_names(
    *, body: Body, on: date, viewer: Viewer
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(pk, name) of the bodies `body` reports to on `on` (nearest first) and of those
    reporting to it (by name), among those `viewer` may see; the same bodies as
    reporting_neighbours, in two light queries: the lines as plain pairs, then the few
    neighbours."""
    upward, downward = _walk_lines(dict(_lines_begun_by(day=on)), body.pk)
    # Only bodies existing on `on` have a line then (reporting_lines_on): the chain stops
    # at the first that doesn't.
    ids = list(dict.fromkeys([body.pk, *upward, *downward]))  # a cycle names one twice
    rows = _neighbour_rows(viewer.key)(day=on, ids=ids, **viewer.slots)
    neighbours = {pk: (name, shown) for pk, name, shown in rows}
    chain: list[tuple[int, str]] = []
    for pk in upward if body.pk in neighbours else []:
        if pk not in neighbours:
            break
        name, shown = neighbours[pk]
        if shown:
            chain.append((pk, name))
    children = [(pk, name) for pk, (name, shown) in neighbours.items() if pk in downward and shown]
    return chain, children


@functools.cache
def _agenda_rows(include_private: bool) -> PreparedRead:
    """Rows of meeting_agenda_rows, one per item and topic. Slot: meeting (id)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        items = AgendaItem.objects.filter(meeting_id=slot.id("meeting"))
        if not include_private:
            items = items.filter(is_public=True)
        return items.order_by("position", "topics__sort_name").values(
            "pk", "position", "title", "text", "is_public", "minutes", "result", "topics__name"
        )

    return read


def meeting_agenda_rows(*, meeting: Meeting, include_private: bool) -> list[dict[str, Any]]:
    """The items of meeting_agenda as plain rows, each with `topic_names` (by name), in one
    query: one row per item and topic, joined here instead of a prefetch."""
    rows: dict[int, dict[str, Any]] = {}
    for row in _agenda_rows(include_private)(meeting=meeting.pk):
        topic = row.pop("topics__name")
        item = rows.setdefault(row["pk"], {**row, "topic_names": []})
        if topic is not None:
            item["topic_names"].append(topic)
    return list(rows.values())


@dataclass(frozen=True)
class AttendanceRow:
    """One attendance as the meeting page lists it."""

    name: str
    organisation_name: str | None  # the seat's organisation
    kind: str
    named: bool  # her consent in force today publishes her name


@functools.cache
def _attendance_rows(with_consent: bool) -> PreparedRead:
    """Rows of meeting_attendance_rows. Slots: meeting (id), day (of the consent, only
    `with_consent`)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        attendances = Attendance.objects.filter(meeting_id=slot.id("meeting")).order_by(
            "person__sort_name"
        )
        if with_consent:
            day: Any = slot.date("day")  # a slot where a date belongs
            attendances = attendances.annotate(named=_publishes_name("person_id", day))
        fields = ["person__title", "person__given_name", "person__family_name"]
        fields += ["seat__organisation__name", "kind", *(["named"] if with_consent else [])]
        return attendances.values(*fields)

    return read


def meeting_attendance_rows(*, meeting: Meeting, with_consent: bool) -> list[AttendanceRow]:
    """The attendances of `meeting` by name, as light rows in one query; `with_consent`
    reads whether each person's consent in force today (as consent_in_force picks it)
    publishes her name."""
    return [
        AttendanceRow(
            name=full_name(
                row["person__title"], row["person__given_name"], row["person__family_name"]
            ),
            organisation_name=row["seat__organisation__name"],
            kind=row["kind"],
            named=bool(row.get("named")),
        )
        for row in _attendance_rows(with_consent)(meeting=meeting.pk, day=today())
    ]
