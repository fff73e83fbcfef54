"""Who may see and change bodies, seats and meetings. Plain predicates, one per question."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value

from quartier.actors.selectors import person_of_user
from quartier.bodies.models import AgendaItem, Attendance, Body, Meeting, Seat
from quartier.bodies.selectors import bodies_secretary_of, body_version_on, person_body_ids
from quartier.core.dates import today
from quartier.core.permissions import is_administrator, is_authenticated
from quartier.core.reads import Given, Slots
from quartier.places.models import Area
from quartier.places.permissions import (
    coordinated_area_ids,
    coordinates_area,
    is_coordinator,
)


def _member_body_ids(user: Any) -> set[int]:
    cached = getattr(user, "_member_body_ids", None)
    if cached is None:
        person = person_of_user(user)
        cached = person_body_ids(person=person) if person else set()
        if is_authenticated(user):
            user._member_body_ids = cached
    return cached


def is_member(user: Any, body: Body) -> bool:
    """Holds or is named deputy of a seat of `body` today."""
    return body.pk in _member_body_ids(user)


def is_secretary(user: Any, body: Body) -> bool:
    """Runs `body` (Geschäftsführung) today. Asked several times per request (may she see
    the meeting, may she edit it): answered once per body and request."""
    person = person_of_user(user)
    if person is None:
        return False
    answers: dict[int, bool] | None = getattr(user, "_secretary_of", None)
    if answers is None:
        answers = {}
        user._secretary_of = answers
    if body.pk not in answers:
        version = body_version_on(body=body, on=today())
        answers[body.pk] = version is not None and version.secretary_id == person.pk
    return answers[body.pk]


def coordinates_body(user: Any, body: Body) -> bool:
    # Most visitors coordinate nothing: then the body's area need not be loaded.
    return bool(coordinated_area_ids(user)) and coordinates_area(user, body.area)


def can_view_body(user: Any, body: Body) -> bool:
    if body.is_public:
        return True
    return (
        is_administrator(user)
        or coordinates_body(user, body)
        or is_secretary(user, body)
        or is_member(user, body)
    )


def can_edit_body(user: Any, body: Body) -> bool:
    """Name, cadence, reporting line, secretary: the department and the area's coordinator."""
    return is_administrator(user) or coordinates_body(user, body)


def can_edit_seats(user: Any, body: Body) -> bool:
    return can_edit_body(user, body) or is_secretary(user, body)


def is_insider(user: Any, meeting: Meeting) -> bool:
    """Sees a meeting's non-public parts: the department, coordinators and secretaries of
    its bodies, their members, and whoever attended it."""
    if not is_authenticated(user):
        return False
    if is_administrator(user):
        return True
    bodies = list(meeting.bodies.all())
    if any(
        coordinates_body(user, body) or is_secretary(user, body) or is_member(user, body)
        for body in bodies
    ):
        return True
    person = person_of_user(user)
    return person is not None and Attendance.objects.filter(meeting=meeting, person=person).exists()


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    bodies = list(meeting.bodies.all())
    if meeting.is_public and any(body.is_public for body in bodies):
        return True
    return is_insider(user, meeting)


def can_edit_meeting(user: Any, meeting: Meeting) -> bool:
    """The department, the coordinator of the area, the secretary of any of its bodies."""
    if is_administrator(user):
        return True
    return any(
        coordinates_body(user, body) or is_secretary(user, body) for body in meeting.bodies.all()
    )


def can_view_agenda_item(user: Any, item: AgendaItem) -> bool:
    if not can_view_meeting(user, item.meeting):
        return False
    return item.is_public and item.meeting.is_public or is_insider(user, item.meeting)


def can_propose_item(user: Any, body: Body) -> bool:
    return is_member(user, body) or is_secretary(user, body) or can_edit_body(user, body)


def visible_body_ids_q(user: Any) -> Q:
    """A filter on Body for what `user` may see: public bodies, plus her own internal ones."""
    viewer = viewer_of(user)
    return visible_bodies_slot_q(Given(viewer.slots), viewer.key)


def bodies_visible_to(user: Any) -> QuerySet[Body]:
    return Body.objects.filter(visible_body_ids_q(user))


def _held_by(bodies: Q, meeting: str = "pk", *, per_row: bool = False) -> Q:
    """Whether the meeting (`meeting`: the outer column) is held by one of `bodies`: a
    correlated EXISTS, so that lists ordered by date stop after a page of rows. With
    `per_row`, see _per_row."""
    links = Meeting.bodies.through.objects.filter(bodies, meeting_id=OuterRef(meeting))
    return _per_row(links) if per_row else Q(Exists(links))


def _per_row(rows: QuerySet[Any]) -> Q:
    """Whether `rows` (correlated to the outer row) has one, as a scalar subquery. For a
    short list of candidates: PostgreSQL may turn an EXISTS inside an OR into a hash of
    the whole table (all 21,000 meeting–body links) before looking at 200 meetings; a
    scalar subquery it can only run for each candidate."""
    return Q(Subquery(rows.annotate(found=Value(True)).values("found")[:1]))


def has_row_q(rows: QuerySet[Any], *, per_row: bool = False) -> Q:
    """Whether `rows` (correlated to the outer row) has one: a correlated EXISTS, or with
    `per_row` a scalar subquery (see _per_row)."""
    return _per_row(rows) if per_row else Q(Exists(rows))


def meetings_visible_q(user: Any, *, per_row: bool = False) -> Q:
    """A filter on Meeting: public meetings of public bodies, every meeting of a body she is
    inside of, and those she attended (everything for an administrator). Subqueries, not
    joins: no duplicates, no DISTINCT. `per_row` for a few candidates (see _per_row)."""
    viewer = viewer_of(user)
    return meetings_visible_slot_q(Given(viewer.slots), viewer.key, per_row=per_row)


def meetings_visible_to(user: Any, *, few: bool = False) -> QuerySet[Meeting]:
    """Public meetings of public bodies, and every meeting of a body she is inside of.
    `few`: the caller narrows them to a few candidates (search), checked one by one."""
    if is_administrator(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(meetings_visible_q(user, per_row=few))


def body_meetings_visible_to(user: Any, body: Body) -> QuerySet[Meeting]:
    """The meetings of `body` that `user` may see: meetings_visible_to(user) of that body.
    Every meeting of a public body is held by a public body, so an anonymous visitor's
    filter needs no subquery there."""
    meetings = Meeting.objects.filter(bodies=body)
    if is_administrator(user):
        return meetings
    if body.is_public and not is_authenticated(user):
        return meetings.filter(is_public=True)
    return meetings.filter(meetings_visible_q(user))


# The variants of a viewer that prepared reads keep apart (Viewer.key).
ADMINISTRATOR, ANONYMOUS, SIGNED_IN = "administrator", "anonymous", "signed-in"


@dataclass(frozen=True)
class Viewer:
    """What the visibility filters of a prepared read need of a user: `key` picks the
    read's fixed variant (administrator; anonymous; signed in, with or without insider
    bodies and a person record), `slots` fills it: "insiders" (body ids), "person" (id)."""

    key: tuple[str, bool, bool]
    slots: dict[str, Any]

    @property
    def is_administrator(self) -> bool:
        return self.key[0] == ADMINISTRATOR

    @property
    def is_anonymous(self) -> bool:
        return self.key[0] == ANONYMOUS


def viewer_of(user: Any) -> Viewer:
    """The Viewer of `user`, as meetings_visible_q and visible_body_ids_q read her."""
    if is_administrator(user):
        return Viewer((ADMINISTRATOR, False, False), {})
    if not is_authenticated(user):
        return Viewer((ANONYMOUS, False, False), {})
    insiders = insider_body_ids(user)
    person = person_of_user(user)
    slots: dict[str, Any] = {}
    if insiders:
        slots["insiders"] = sorted(insiders)
    if person is not None:
        slots["person"] = person.pk
    return Viewer((SIGNED_IN, bool(insiders), person is not None), slots)


def meetings_visible_slot_q(
    slot: Slots, key: tuple[str, bool, bool], *, per_row: bool = False
) -> Q:
    """meetings_visible_q for a prepared read of viewer variant `key` (see Viewer); with
    `Given` slots, meetings_visible_q itself. Slots: insiders (ids), person (id)."""
    kind, has_insiders, has_person = key
    if kind == ADMINISTRATOR:
        return Q()
    condition = Q(is_public=True) & _held_by(Q(body__is_public=True), per_row=per_row)
    if has_insiders:
        condition |= _held_by(Q(body_id__in=slot.ids("insiders")), per_row=per_row)
    if has_person:
        attended = Attendance.objects.filter(person=slot.id("person"), meeting_id=OuterRef("pk"))
        condition |= _per_row(attended) if per_row else Q(Exists(attended))
    return condition


def visible_bodies_slot_q(slot: Slots, key: tuple[str, bool, bool]) -> Q:
    """visible_body_ids_q for a prepared read of viewer variant `key`; with `Given` slots,
    visible_body_ids_q itself. Slot: insiders."""
    kind, has_insiders, _person = key
    if kind == ADMINISTRATOR:
        return Q()
    if kind == ANONYMOUS or not has_insiders:
        return Q(is_public=True)
    return Q(is_public=True) | Q(pk__in=slot.ids("insiders"))


def visible_items_slot_q(slot: Slots, key: tuple[str, bool, bool], *, few: bool = False) -> Q:
    """visible_items_q for a prepared read of viewer variant `key`; with `Given` slots,
    visible_items_q itself. Slot: insiders."""
    kind, has_insiders, _person = key
    if kind == ADMINISTRATOR:
        return Q()
    condition = Q(is_public=True, meeting__is_public=True)
    if has_insiders:
        condition |= _held_by(Q(body_id__in=slot.ids("insiders")), "meeting_id", per_row=few)
    return condition


def visible_items_q(user: Any, *, few: bool = False) -> Q:
    """A filter on AgendaItem: public items of public meetings, all items of her bodies.
    `few`: for a few candidates (see _per_row)."""
    viewer = viewer_of(user)
    return visible_items_slot_q(Given(viewer.slots), viewer.key, few=few)


def insider_body_ids(user: Any) -> set[int]:
    """Bodies whose non-public meetings `user` sees: member, secretary, coordinator."""
    cached = getattr(user, "_insider_body_ids", None)
    if cached is not None:
        return cached
    ids = set(_member_body_ids(user))
    person = person_of_user(user)
    if person is not None:
        ids |= {body.pk for body in bodies_secretary_of(person=person)}
    areas = coordinated_area_ids(user)
    if areas:
        condition = Q()
        for path in Area.objects.filter(pk__in=areas).values_list("path", flat=True):
            condition |= Q(area__path__startswith=path)
        ids |= set(Body.objects.filter(condition).values_list("pk", flat=True))
    user._insider_body_ids = ids
    return ids


def can_create_body(user: Any) -> bool:
    """The department anywhere, a coordinator within her areas."""
    return is_administrator(user) or is_coordinator(user)


def can_plan_meeting(user: Any, body: Body) -> bool:
    """Who may call a new meeting of `body`: the same people who run its seats."""
    return can_edit_seats(user, body)


def can_view_seat(user: Any, seat: Seat) -> bool:
    return can_view_body(user, seat.body)


def can_edit_seat(user: Any, seat: Seat) -> bool:
    return can_edit_seats(user, seat.body)


def can_edit_agenda_item(user: Any, item: AgendaItem) -> bool:
    return can_edit_meeting(user, item.meeting)
