"""Public pages of bodies and meetings: who meets where, about what, and what was decided."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Window
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from quartier.bodies import search as search_reads
from quartier.bodies.ics import meeting_calendar
from quartier.bodies.models import (
    AgendaItem,
    Body,
    BodyKind,
    Document,
    DocumentKind,
    Meeting,
)
from quartier.bodies.permissions import (
    Viewer,
    bodies_visible_to,
    body_meetings_visible_to,
    can_edit_body,
    can_edit_meeting,
    can_edit_seats,
    can_view_body,
    can_view_meeting,
    has_row_q,
    is_insider,
    is_member,
    meetings_visible_slot_q,
    meetings_visible_to,
    viewer_of,
)
from quartier.bodies.selectors import (
    MEETING_ROW_FIELDS,
    body_seat_rows,
    body_version_rows,
    calendar_choice,
    meeting_agenda,
    meeting_agenda_rows,
    meeting_attendance_rows,
    meeting_body_names,
    meeting_display_title,
    meeting_rows,
    meeting_values,
    now_slot,
    reporting_neighbour_names,
    starts_with_slot,
    structure_as_of,
    version_in_force,
)
from quartier.core.dates import today
from quartier.core.fulltext import candidates_exceed, newest_matches
from quartier.core.fulltext import indexed as fulltext_indexed
from quartier.core.http import (
    PAGE_SIZE,
    check_for,
    load_for,
    paginate,
    paginate_capped,
    paginate_counted,
)
from quartier.core.links import link
from quartier.core.reads import PreparedRead, Slot, Slots, prepared
from quartier.core.templatetags.quartier import de_date, de_datetime
from quartier.core.text import query_terms
from quartier.places.models import Area, AreaLevel
from quartier.places.selectors import area_city, area_label, districts_by_number
from quartier.topics.models import Topic


def _meeting_for_viewer(request: HttpRequest, pk: int) -> Meeting:
    return load_for(
        request,
        Meeting.objects.select_related("location").prefetch_related("bodies"),
        can_view=can_view_meeting,
        pk=pk,
    )


@prepared
def _quarter_rows(slot: Slots) -> QuerySet[Any]:
    """Every quarter by name, with its district. No slots."""
    return (
        Area.objects.quarters()
        .order_by("sort_name")
        .values("pk", "name", "parent_id", "is_model_quarter")
    )


@functools.cache
def _coming_meetings(key: tuple[str, bool, bool]) -> PreparedRead:
    """The next 8 meetings a viewer of variant `key` (Viewer) may see, as meeting_values
    rows. Slots: now, insiders and person (where the variant has them)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        return (
            Meeting.objects.filter(meetings_visible_slot_q(slot, key))
            .upcoming(now_slot(slot))
            .order_by("starts_at", "pk")
            .values(*MEETING_ROW_FIELDS)[:8]
        )

    return read


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    districts = districts_by_number()
    by_district: dict[int, list[dict[str, Any]]] = {}
    for quarter in _quarter_rows():
        by_district.setdefault(quarter["parent_id"] or 0, []).append(quarter)
    viewer = viewer_of(request.user)
    upcoming = _coming_meetings(viewer.key)(now=timezone.now(), **viewer.slots)
    return render(
        request,
        "bodies/home.html",
        {
            "city": area_city(),
            "districts": [(district, by_district.get(district.pk, [])) for district in districts],
            "meetings": meeting_rows(upcoming),
        },
    )


@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = bodies_visible_to(request.user).select_related("area")
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("art", "")
    include_dissolved = request.GET.get("aufgeloest") == "1"
    if query:
        bodies = bodies.search(query)
    if kind in BodyKind.values:
        bodies = bodies.filter(kind=kind)
    if not include_dissolved:
        bodies = bodies.active()
    page = paginate(request, bodies.order_by("sort_name", "pk"))
    return render(
        request,
        "bodies/body_list.html",
        {
            "page": page,
            "query": query,
            "kind": kind,
            "kinds": BodyKind.choices,
            "include_dissolved": include_dissolved,
            "crumbs": [("Gremien", None)],
        },
    )


BODY_PAGE_FIELDS = (
    "name",
    "purpose",
    "kind",
    "level",
    "is_public",
    "founded_on",
    "dissolved_on",
    "area",
    "area__name",
    "area__level",
    "area__official_number",
    "area__path",
    "successor",
    "successor__name",
)


def _seat_day(body: Body) -> date:
    """The day whose seats the page shows: today, else the body's last or first day."""
    day = today()
    if body.exists_on(day):
        return day
    if body.dissolved_on and body.dissolved_on <= day:
        return body.dissolved_on - timedelta(days=1)  # its last day
    return body.founded_on or day


@prepared
def _body_for_page(slot: Slots) -> QuerySet[Body]:
    """The body with what its page shows (BODY_PAGE_FIELDS). Slot: body (id)."""
    return (
        Body.objects.filter(pk=slot.id("body"))
        .select_related("area", "successor")
        .only(*BODY_PAGE_FIELDS)
        .order_by()[:21]  # as QuerySet.get asks
    )


def _body_meetings_key(viewer: Viewer, body: Body) -> tuple[str, bool, bool]:
    """The variant of _body_meetings for `viewer` on the page of `body`, as
    body_meetings_visible_to filters: every meeting of a public body is held by a public
    body, so an anonymous visitor's filter there needs no subquery ("public body")."""
    if viewer.is_anonymous and body.is_public:
        return ("public body", False, False)
    return viewer.key


@functools.cache
def _body_meetings(key: tuple[str, bool, bool], *, coming: bool) -> PreparedRead:
    """The meetings of a body a viewer of variant `key` (_body_meetings_key) may see, as
    meeting_values rows: the next 5 (`coming`), else the 10 newest past ones, each row
    with the number of past ones (_total). Slots: body (id), now, insiders and person
    (where the variant has them)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        meetings = Meeting.objects.filter(bodies=slot.id("body"))
        if key[0] == "public body":
            meetings = meetings.filter(is_public=True)
        else:
            meetings = meetings.filter(meetings_visible_slot_q(slot, key))
        now = now_slot(slot)
        if coming:
            return (
                meetings.upcoming(now).order_by("starts_at", "pk").values(*MEETING_ROW_FIELDS)[:5]
            )
        return (
            meetings.past(now)
            .order_by("-starts_at", "pk")
            .values(*MEETING_ROW_FIELDS)
            .annotate(_total=Window(Count("pk")))[:10]
        )

    return read


def _past_meetings_page(request: HttpRequest, body: Body, viewer: Viewer, now: Any) -> Page:
    """paginate_counted of the body's past meetings, 10 a page: the first page (nearly
    every visit) through a prepared read, the others as paginate_counted reads them."""
    if request.GET.get("seite", "1") == "1":
        key = _body_meetings_key(viewer, body)
        rows = _body_meetings(key, coming=False)(body=body.pk, now=now, **viewer.slots)
        paginator: Paginator[Any] = Paginator([], 10)
        paginator.count = rows[0]["_total"] if rows else 0  # type: ignore[misc]
        page = paginator.page(1)
        page.object_list = rows
        return page
    visible = body_meetings_visible_to(request.user, body)
    return paginate_counted(
        request, meeting_values(visible.past(now).order_by("-starts_at", "pk")), per_page=10
    )


@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _body_for_page(body=pk)
    if len(found) != 1:
        raise Http404
    body = check_for(request, found[0], can_view=can_view_body)
    viewer = viewer_of(request.user)
    seat_day = _seat_day(body)
    versions = body_version_rows(body=body)
    version = version_in_force(versions, seat_day) if body.exists_on(seat_day) else None
    can_edit_its_seats = can_edit_seats(request.user, body)
    sees_names = can_edit_its_seats or is_member(request.user, body)
    now = timezone.now()
    coming = _body_meetings(_body_meetings_key(viewer, body), coming=True)
    upcoming = coming(body=body.pk, now=now, **viewer.slots)
    past = _past_meetings_page(request, body, viewer, now)
    # One query for the body names of both lists.
    rows = meeting_rows([*upcoming, *past.object_list])
    past.object_list = rows[len(upcoming) :]
    chain, children = reporting_neighbour_names(body=body, on=seat_day, viewer=viewer)
    return render(
        request,
        "bodies/body_detail.html",
        {
            "body": body,
            "version": version,
            "seat_day": seat_day,
            "seat_rows": body_seat_rows(body=body, on=seat_day, with_deputies=sees_names),
            "sees_names": sees_names,
            "chain": chain,
            "children": children,
            "upcoming": rows[: len(upcoming)],
            "past": past,
            "versions": versions,
            "predecessors": _predecessors(body=body.pk),
            "can_edit": can_edit_body(request.user, body),
            "can_edit_seats": can_edit_its_seats,
            "crumbs": [("Gremien", reverse("bodies:body-list")), (body.name, None)],
        },
    )


@prepared
def _predecessors(slot: Slots) -> QuerySet[Any]:
    """The bodies merged into the body, as rows. Slot: body (id)."""
    return (
        Body.objects.filter(successor=slot.id("body"))
        .order_by("dissolved_on", "sort_name")
        .values("pk", "name", "dissolved_on")
    )


@functools.cache
def _document_rows(*, insider: bool, released: bool) -> PreparedRead:
    """The files of a meeting by kind and title: all for insiders, else the public ones
    of public items, the minutes only once `released`. Slot: meeting (id)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        documents = Document.objects.filter(meeting_id=slot.id("meeting")).order_by("kind", "title")
        if not insider:
            documents = documents.filter(is_public=True).filter(
                Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)
            )
            # Only approved minutes leave the body, as text or as a file.
            if not released:
                documents = documents.exclude(kind=DocumentKind.MINUTES)
        return documents.values("pk", "title", "kind", "agenda_item__position")

    return read


def _meeting_documents(meeting: Meeting, *, insider: bool) -> list[dict[str, Any]]:
    """The files the page lists, as plain rows with their kind's label."""
    # The release matters to outsiders only: one variant for insiders.
    released = insider or bool(meeting.minutes_released)
    rows = _document_rows(insider=insider, released=released)(meeting=meeting.pk)
    kinds = dict(DocumentKind.choices)
    return [{**row, "kind_label": kinds.get(row["kind"], row["kind"])} for row in rows]


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_viewer(request, pk)
    insider = is_insider(request.user, meeting)
    # Insiders see every name: their rows need no consent.
    attendances = meeting_attendance_rows(meeting=meeting, with_consent=not insider)
    named = [row for row in attendances if insider or row.named]
    bodies = list(meeting.bodies.all())
    return render(
        request,
        "bodies/meeting_detail.html",
        {
            "meeting": meeting,
            "title": meeting_display_title(meeting),
            "bodies": bodies,
            "agenda": meeting_agenda_rows(meeting=meeting, include_private=insider),
            "named_attendance": named,
            "unnamed_attendance": len(attendances) - len(named),
            "attendance_total": len(attendances),
            "documents": _meeting_documents(meeting, insider=insider),
            "insider": insider,
            "can_edit": can_edit_meeting(request.user, meeting),
            # Only approved minutes leave the body; insiders read the draft.
            "show_minutes": insider or meeting.minutes_released,
            "crumbs": [
                ("Gremien", reverse("bodies:body-list")),
                (bodies[0].name, reverse("bodies:body-detail", args=[bodies[0].pk]))
                if bodies
                else ("", None),
                (f"Sitzung am {timezone.localtime(meeting.starts_at):%d.%m.%Y}", None),
            ],
        },
    )


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_viewer(request, pk)
    agenda = meeting_agenda(meeting=meeting, include_private=is_insider(request.user, meeting))
    body = meeting_calendar(meeting=meeting, agenda=agenda)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    name = slugify(meeting_display_title(meeting))[:60] or "sitzung"
    response["Content-Disposition"] = f'attachment; filename="{name}-{meeting.pk}.ics"'
    return response


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(Document.objects.select_related("meeting", "agenda_item"), pk=pk)
    meeting = document.meeting
    if not can_view_meeting(request.user, meeting):
        raise Http404
    if not is_insider(request.user, meeting) and not (
        document.is_public and (document.agenda_item is None or document.agenda_item.is_public)
    ):
        raise Http404
    if (
        document.kind == DocumentKind.MINUTES
        and not meeting.minutes_released
        and not is_insider(request.user, meeting)
    ):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@prepared
def _area_rows(slot: Slots) -> QuerySet[Any]:
    """(pk, level, number, name) of every area below the city. No slots."""
    return (
        Area.objects.exclude(level="city")
        .order_by("level", "sort_name")
        .values_list("pk", "level", "official_number", "name")
    )


def _area_options() -> list[tuple[int, str]]:
    """Every area below the city as "Stadtbezirk: 3 Mitte", for the filter's select."""
    levels = dict(AreaLevel.choices)
    return [
        (pk, f"{levels.get(level, level)}: {area_label(level=level, number=number, name=name)}")
        for pk, level, number, name in _area_rows()
    ]


@prepared
def _topic_options(slot: Slots) -> QuerySet[Any]:
    """(pk, name) of the active topics by name. No slots."""
    return Topic.objects.active().order_by("sort_name").values_list("pk", "name")


def _calendar_choice(
    slot: Slots, key: tuple[str, bool, bool], *, area: bool, kind: bool, topic: bool, per_row: bool
) -> QuerySet[Meeting]:
    """calendar_choice of the meetings a viewer of variant `key` (Viewer) may see, with
    the filters asked for; `per_row` checks each upcoming meeting with scalar subqueries
    (has_row_q). Slots: now, path (of the area), kind, topic (id), insiders and person."""
    meetings = Meeting.objects.filter(meetings_visible_slot_q(slot, key, per_row=per_row))
    meetings = meetings.upcoming(now_slot(slot))
    held_by = Meeting.bodies.through.objects.filter(meeting_id=OuterRef("pk"))
    if area:
        in_area = held_by.filter(starts_with_slot("body__area__path", "path"))
        meetings = meetings.filter(has_row_q(in_area, per_row=per_row))
    if kind:
        of_kind = held_by.filter(body__kind=Slot("kind", CharField()))
        meetings = meetings.filter(has_row_q(of_kind, per_row=per_row))
    if topic:
        on_agenda = AgendaItem.topics.through.objects.filter(
            agendaitem__meeting_id=OuterRef("pk"), topic=slot.id("topic")
        )
        meetings = meetings.filter(has_row_q(on_agenda, per_row=per_row))
    return meetings.order_by("starts_at", "pk")


@functools.cache
def _calendar_meetings(
    key: tuple[str, bool, bool], *, area: bool, kind: bool, topic: bool, count: bool
) -> PreparedRead:
    """The calendar's first page as meeting_values rows, or (`count`) the meetings to
    count, checked one by one: the upcoming ones are about 1,000, and for an EXISTS
    PostgreSQL hashed all 21,000 meeting–body links first. Slots: see _calendar_choice."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        chosen = _calendar_choice(slot, key, area=area, kind=kind, topic=topic, per_row=count)
        if count:
            return chosen.order_by()
        return chosen.values(*MEETING_ROW_FIELDS)[:PAGE_SIZE]

    return read


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    area = _pick(Area, request.GET.get("gebiet"))
    topic = _pick(Topic, request.GET.get("thema"))
    kind = request.GET.get("art", "")
    kind = kind if kind in BodyKind.values else ""
    viewer = viewer_of(request.user)
    chosen = {"area": area is not None, "kind": bool(kind), "topic": topic is not None}
    values = {"now": timezone.now(), "kind": kind, **viewer.slots}
    if area is not None:
        values["path"] = area.path
    if topic is not None:
        values["topic"] = topic.pk
    total = _calendar_meetings(viewer.key, count=True, **chosen).count(**values)
    if request.GET.get("seite", "1") == "1":
        # The first page (nearly every visit) through a prepared read.
        paginator: Paginator[Any] = Paginator([], PAGE_SIZE)
        paginator.count = total  # type: ignore[misc]
        page = paginator.page(1)
        if total:
            page.object_list = _calendar_meetings(viewer.key, count=False, **chosen)(**values)
    else:
        meetings = calendar_choice(
            meetings=meetings_visible_to(request.user),
            area=area,
            kind=kind,
            topic=topic,
            now=values["now"],
        )
        page = paginate(request, meeting_values(meetings), count=total)
    page.object_list = meeting_rows(page.object_list)
    return render(
        request,
        "bodies/calendar.html",
        {
            "page": page,
            "areas": _area_options(),
            "area": area,
            "topics": _topic_options(),
            "topic": topic,
            "kinds": BodyKind.choices,
            "kind": kind,
            "crumbs": [("Termine", None)],
        },
    )


def _pick(model, value: str | None):  # noqa: ANN001, ANN202 - tiny lookup helper
    if not value or not value.isdigit():
        return None
    return model.objects.filter(pk=int(value)).first()


@require_GET
def structure(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("stichtag", "")
    error = ""
    try:
        day = date.fromisoformat(raw) if raw else today()
    except ValueError:
        day = today()
        error = "Bitte geben Sie das Datum als TT.MM.JJJJ oder im Datumsfeld an."
    visible = bodies_visible_to(request.user)
    states = structure_as_of(on=day, bodies=visible)
    by_parent: dict[int | None, list] = {}
    ids = {state.body.pk for state in states}
    for state in states:
        parent = state.version.reports_to_id if state.version.reports_to_id in ids else None
        by_parent.setdefault(parent, []).append(state)

    def tree(parent: int | None, depth: int = 0) -> list[dict]:
        if depth > 20:
            return []
        return [
            {"state": state, "children": tree(state.body.pk, depth + 1)}
            for state in sorted(by_parent.get(parent, []), key=lambda s: s.name.lower())
        ]

    return render(
        request,
        "bodies/structure.html",
        {
            "day": day,
            "error": error,
            "states": states,
            "tree": tree(None),
            "crumbs": [("Struktur", None)],
        },
    )


SEARCH_CAP = 200  # hits counted and paged per group; beyond it: "more than 200"
SEARCH_CANDIDATES = 1000  # newest index hits of the large tables that are looked at
SEARCH_MIN_LETTERS = 2


@dataclass(frozen=True)
class SearchHit:
    """One line of a search group: a link and, for meetings and items, a note beside it."""

    url: str
    label: str
    note: str = ""


def _body_hits(rows: Iterable[dict[str, Any]]) -> list[SearchHit]:
    return [SearchHit(link("bodies:body-detail", row["pk"]), row["name"]) for row in rows]


def _organisation_hits(rows: Iterable[dict[str, Any]]) -> list[SearchHit]:
    return [SearchHit(link("actors:organisation-detail", row["pk"]), row["name"]) for row in rows]


def _person_hits(rows: Iterable[dict[str, Any]]) -> list[SearchHit]:
    return [
        SearchHit(
            link("actors:person-detail", row["pk"]),
            " ".join(
                part for part in [row["title"], row["given_name"], row["family_name"]] if part
            ),
        )
        for row in rows
    ]


def _meeting_hits(rows: Iterable[dict[str, Any]]) -> list[SearchHit]:
    """The date, and the names of all its bodies (a joint meeting names each)."""
    rows = list(rows)
    names = meeting_body_names([row["pk"] for row in rows])
    return [
        SearchHit(
            link("bodies:meeting-detail", row["pk"]),
            de_datetime(row["starts_at"]),
            ", ".join(names[row["pk"]]),
        )
        for row in rows
    ]


def _item_hits(rows: Iterable[dict[str, Any]]) -> list[SearchHit]:
    return [
        SearchHit(
            f"{link('bodies:meeting-detail', row['meeting_id'])}#top-{row['position']}",
            f"TOP {row['position']}: {row['title']}",
            de_date(row["meeting__starts_at"]),
        )
        for row in rows
    ]


# Each group: its key (also its page parameter's), heading, hit builder and page order.
_SEARCH_GROUPS = (
    (search_reads.BODIES, "Gremien", _body_hits, search_reads.BY_NAME),
    (search_reads.ORGANISATIONS, "Organisationen", _organisation_hits, search_reads.BY_NAME),
    (search_reads.PEOPLE, "Personen", _person_hits, search_reads.BY_NAME),
    (search_reads.MEETINGS, "Sitzungen", _meeting_hits, search_reads.BY_START),
    (
        search_reads.ITEMS,
        "Tagesordnungspunkte und Protokolle",
        _item_hits,
        search_reads.BY_DATE,
    ),
)


def _candidates_cut(model: Any, query: str, first: list[dict[str, Any]]) -> bool:
    """Whether the candidate limit cut off older hits: the rows say so; without rows, ask."""
    if first:
        return bool(first[0][search_reads.MORE])
    return candidates_exceed(model, query_terms(query), SEARCH_CANDIDATES)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    groups = []
    terms = query_terms(query)
    too_short = bool(terms) and all(len(term) < SEARCH_MIN_LETTERS for term in terms)
    if terms and not too_short:
        viewer = viewer_of(request.user)
        # The large tables: only the newest candidates are looked at. Items keep the ids
        # fetched first (see search._newest_items).
        item_ids = newest_matches(AgendaItem, terms, SEARCH_CANDIDATES)
        more_items = item_ids is not None and len(item_ids) > SEARCH_CANDIDATES
        values = search_reads.search_values(
            terms,
            viewer.slots,
            item_ids=None if item_ids is None else item_ids[:SEARCH_CANDIDATES],
        )
        for key, label, hits, order in _SEARCH_GROUPS:
            param = f"seite_{key}"
            read = search_reads.group_read(
                key, viewer.key, len(terms), SEARCH_CANDIDATES, SEARCH_CAP + 1
            )
            # One query per group: the database counts the first cap + 1 rows and
            # returns only the page shown.
            page = paginate_capped(
                request,
                read.compiled(**values),
                10,
                param,
                cap=SEARCH_CAP,
                order=order,
                # With more hits than the cap, sorting them all by date would cost more
                # than the page is worth: then newest entries first.
                order_when_capped=("-pk",) if key == search_reads.ITEMS else (),
            )
            if key == search_reads.MEETINGS and fulltext_indexed(Meeting):
                page.paginator.more = _candidates_cut(Meeting, query, page.object_list)
            elif key == search_reads.ITEMS:
                page.paginator.more = more_items
            page.object_list = hits(page.object_list) if page.object_list else []
            groups.append((key, label, page, param))
    return render(
        request,
        "bodies/search.html",
        {
            "query": query,
            "too_short": too_short,
            "groups": groups,
            "capped": any(group[2].paginator.capped for group in groups),
            "cap": SEARCH_CAP,
            "total": sum(group[2].paginator.count for group in groups),
            "crumbs": [("Suche", None)],
        },
    )
