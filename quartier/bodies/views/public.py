"""Public pages of bodies and meetings: who meets where, about what, and what was decided."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from quartier.actors.models import Organisation, Person
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
    bodies_visible_to,
    body_meetings_visible_to,
    can_edit_body,
    can_edit_meeting,
    can_edit_seats,
    can_view_body,
    can_view_meeting,
    is_insider,
    is_member,
    meetings_visible_to,
    visible_items_q,
)
from quartier.bodies.selectors import (
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
    reporting_neighbour_names,
    structure_as_of,
    version_in_force,
)
from quartier.core.dates import today
from quartier.core.fulltext import candidates_exceed, newest_with_excess
from quartier.core.http import load_for, paginate, paginate_counted
from quartier.core.links import link
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


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    districts = districts_by_number()
    quarters = (
        Area.objects.quarters()
        .order_by("sort_name")
        .values("pk", "name", "parent_id", "is_model_quarter")
    )
    by_district: dict[int, list[dict[str, Any]]] = {}
    for quarter in quarters:
        by_district.setdefault(quarter["parent_id"] or 0, []).append(quarter)
    upcoming = meeting_values(
        meetings_visible_to(request.user).upcoming().order_by("starts_at", "pk")
    )
    return render(
        request,
        "bodies/home.html",
        {
            "city": area_city(),
            "districts": [(district, by_district.get(district.pk, [])) for district in districts],
            "meetings": meeting_rows(upcoming[:8]),
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


@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = load_for(
        request,
        Body.objects.select_related("area", "successor").only(*BODY_PAGE_FIELDS),
        can_view=can_view_body,
        pk=pk,
    )
    seat_day = _seat_day(body)
    versions = body_version_rows(body=body)
    version = version_in_force(versions, seat_day) if body.exists_on(seat_day) else None
    can_edit_its_seats = can_edit_seats(request.user, body)
    sees_names = can_edit_its_seats or is_member(request.user, body)
    visible = body_meetings_visible_to(request.user, body)
    upcoming = list(meeting_values(visible.upcoming().order_by("starts_at", "pk"))[:5])
    past = paginate_counted(
        request, meeting_values(visible.past().order_by("-starts_at", "pk")), per_page=10
    )
    # One query for the body names of both lists.
    rows = meeting_rows([*upcoming, *past.object_list])
    past.object_list = rows[len(upcoming) :]
    chain, children = reporting_neighbour_names(
        body=body, on=seat_day, visible=bodies_visible_to(request.user)
    )
    predecessors = body.predecessors.order_by("dissolved_on", "sort_name").values(
        "pk", "name", "dissolved_on"
    )
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
            "predecessors": list(predecessors),
            "can_edit": can_edit_body(request.user, body),
            "can_edit_seats": can_edit_its_seats,
            "crumbs": [("Gremien", reverse("bodies:body-list")), (body.name, None)],
        },
    )


def _meeting_documents(meeting: Meeting, *, insider: bool) -> list[dict[str, Any]]:
    """The files the page lists, as plain rows with their kind's label."""
    documents = meeting.documents.order_by("kind", "title")
    if not insider:
        documents = documents.filter(is_public=True).filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)
        )
        # Only approved minutes leave the body, as text or as a file.
        if not meeting.minutes_released:
            documents = documents.exclude(kind=DocumentKind.MINUTES)
    kinds = dict(DocumentKind.choices)
    return [
        {**row, "kind_label": kinds.get(row["kind"], row["kind"])}
        for row in documents.values("pk", "title", "kind", "agenda_item__position")
    ]


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


def _area_options() -> list[tuple[int, str]]:
    """Every area below the city as "Stadtbezirk: 3 Mitte", for the filter's select."""
    levels = dict(AreaLevel.choices)
    rows = (
        Area.objects.exclude(level="city")
        .order_by("level", "sort_name")
        .values_list("pk", "level", "official_number", "name")
    )
    return [
        (pk, f"{levels.get(level, level)}: {area_label(level=level, number=number, name=name)}")
        for pk, level, number, name in rows
    ]


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    area = _pick(Area, request.GET.get("gebiet"))
    topic = _pick(Topic, request.GET.get("thema"))
    kind = request.GET.get("art", "")
    meetings = calendar_choice(
        meetings=meetings_visible_to(request.user),
        area=area,
        kind=kind if kind in BodyKind.values else "",
        topic=topic,
    )
    page = paginate(request, meeting_values(meetings))
    page.object_list = meeting_rows(page.object_list)
    return render(
        request,
        "bodies/calendar.html",
        {
            "page": page,
            "areas": _area_options(),
            "area": area,
            "topics": Topic.objects.active().order_by("sort_name").values_list("pk", "name"),
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


MORE = "_more"  # on the rows of a large table's group: more candidates than were looked at


def _newest_candidates(rows: QuerySet[Any], query: str) -> tuple[QuerySet[Any], tuple[str, ...]]:
    """`rows` narrowed to the newest SEARCH_CANDIDATES index hits, and the fields to read
    with them: (MORE,) when each row carries whether there were more (one query instead of
    fetching the candidates' ids first), () where the table has no index."""
    found = newest_with_excess(rows.model, query_terms(query), SEARCH_CANDIDATES, rows.db)
    if found is None:
        return rows.search(query), ()
    condition, excess = found
    return rows.filter(condition).annotate(**{MORE: excess}), (MORE,)


def _candidates_cut(model: Any, query: str, first: list[dict[str, Any]]) -> bool:
    """Whether the candidate limit cut off older hits: the rows say so; without rows, ask."""
    if first:
        return bool(first[0][MORE])
    return candidates_exceed(model, query_terms(query), SEARCH_CANDIDATES)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    groups = []
    terms = query_terms(query)
    too_short = bool(terms) and all(len(term) < SEARCH_MIN_LETTERS for term in terms)
    if terms and not too_short:
        # Only a few hundred candidates of the index are checked: one by one (`few`).
        visible_meetings = meetings_visible_to(request.user, few=True)
        # Plain rows of the few columns each group shows (values()): cheaper than models.
        bodies = (
            bodies_visible_to(request.user)
            .search(query)
            .order_by("sort_name", "pk")
            .values("pk", "name")
        )
        organisations = (
            Organisation.objects.search(query).order_by("sort_name", "pk").values("pk", "name")
        )
        people = (
            Person.objects.publishing("name")
            .search(query)
            .order_by("sort_name", "pk")
            .values("pk", "title", "given_name", "family_name")
        )
        # The large tables: only the newest candidates are looked at.
        meetings, more_meetings = _newest_candidates(visible_meetings, query)
        meetings = meetings.order_by("-starts_at").values("pk", "starts_at", *more_meetings)
        # Items keep the ids fetched first: given as a list, PostgreSQL walks the newest
        # items backwards and stops at the cap; given as a subquery, it joins all 1,000.
        found_items, more_items = AgendaItem.objects.search_newest(query, SEARCH_CANDIDATES)
        items = (
            found_items.filter(Exists(visible_meetings.filter(pk=OuterRef("meeting_id"))))
            .filter(visible_items_q(request.user, few=True))
            .order_by("-pk")
            .values("pk", "position", "title", "meeting_id", "meeting__starts_at")
        )
        found = [
            ("gremien", "Gremien", bodies, _body_hits),
            ("organisationen", "Organisationen", organisations, _organisation_hits),
            ("personen", "Personen", people, _person_hits),
            ("sitzungen", "Sitzungen", meetings, _meeting_hits),
            ("punkte", "Tagesordnungspunkte und Protokolle", items, _item_hits),
        ]
        for key, label, rows, hits in found:
            param = f"seite_{key}"
            # One query per group: the first cap + 1 rows give the count, whether the cap
            # cut, and every page (instead of a count and a page query each).
            first = list(rows[: SEARCH_CAP + 1])
            cut = (
                _candidates_cut(Meeting, query, first)
                if key == "sitzungen" and more_meetings
                else key == "punkte" and more_items
            )
            page = paginate(request, first, 10, param, cap=SEARCH_CAP, more=cut)
            if key == "punkte" and not page.paginator.capped:
                # Newest meeting first; with more hits than the cap, sorting them all by
                # date would cost more than the page is worth: then newest entries first.
                first.sort(key=lambda row: row["position"])
                first.sort(key=lambda row: row["meeting__starts_at"], reverse=True)
                page = page.paginator.get_page(request.GET.get(param))
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
