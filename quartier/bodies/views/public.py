"""Public pages of bodies and meetings: who meets where, about what, and what was decided."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from quartier.actors.models import Organisation, Person
from quartier.actors.selectors import (
    consent_in_force,
    people_for_display,
    person_public,
)
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
    body_history,
    body_seats_on,
    body_state_on,
    calendar_meetings,
    meeting_agenda,
    meeting_attendance,
    meeting_display_title,
    meetings_for_listing,
    meetings_upcoming,
    reporting_neighbours,
    structure_as_of,
)
from quartier.core.dates import today
from quartier.core.fulltext import candidates_exceed
from quartier.core.http import load_for, paginate
from quartier.core.text import query_terms
from quartier.places.models import Area
from quartier.places.selectors import area_city, districts_by_number
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
    quarters = Area.objects.quarters().select_related("parent").order_by("sort_name")
    by_district: dict[int, list[Area]] = {}
    for quarter in quarters:
        by_district.setdefault(quarter.parent_id or 0, []).append(quarter)
    return render(
        request,
        "bodies/home.html",
        {
            "city": area_city(),
            "districts": [(district, by_district.get(district.pk, [])) for district in districts],
            "meetings": list(meetings_upcoming(meetings=meetings_visible_to(request.user))[:8]),
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


@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = load_for(
        request,
        Body.objects.select_related("area", "successor"),
        can_view=can_view_body,
        pk=pk,
    )
    day = today()
    if body.exists_on(day):
        seat_day = day
    elif body.dissolved_on and body.dissolved_on <= day:
        seat_day = body.dissolved_on - timedelta(days=1)  # its last day
    else:
        seat_day = body.founded_on or day
    state = body_state_on(body=body, on=seat_day)
    seats = body_seats_on(body=body, on=seat_day)
    sees_names = can_edit_seats(request.user, body) or is_member(request.user, body)
    secretary_id = state.version.secretary_id if state else None
    shown = [s.holder.pk for s in seats if s.holder] + ([secretary_id] if secretary_id else [])
    # Holders and the secretary in one query, with what person_public needs.
    holders = people_for_display(Person.objects.filter(pk__in=shown))
    public_by_pk = {person.pk: person_public(person=person) for person in holders}
    seat_rows = [
        {
            "seat": seat_state.seat,
            "holder": seat_state.holder,
            "public": public_by_pk.get(seat_state.holder.pk) if seat_state.holder else None,
            "deputies": seat_state.deputies,
        }
        for seat_state in seats
    ]
    visible = meetings_visible_to(request.user).filter(bodies=body)
    upcoming = list(meetings_upcoming(meetings=visible)[:5])
    past = paginate(
        request,
        meetings_for_listing(visible.past()).order_by("-starts_at", "pk"),
        per_page=10,
    )
    secretary = state.version.secretary if state else None
    secretary_public = public_by_pk.get(secretary.pk) if secretary else None
    chain_ids, child_ids = reporting_neighbours(body=body, on=seat_day)
    neighbours = {
        b.pk: b for b in bodies_visible_to(request.user).filter(pk__in=[*chain_ids, *child_ids])
    }
    children = sorted(
        (neighbours[pk] for pk in child_ids if pk in neighbours), key=lambda b: b.sort_name
    )
    return render(
        request,
        "bodies/body_detail.html",
        {
            "body": body,
            "state": state,
            "seat_day": seat_day,
            "seat_rows": seat_rows,
            "sees_names": sees_names,
            "secretary": secretary,
            "secretary_public": secretary_public,
            "chain": [neighbours[pk] for pk in chain_ids if pk in neighbours],
            "children": children,
            "upcoming": upcoming,
            "past": past,
            "history": body_history(body=body),
            "can_edit": can_edit_body(request.user, body),
            "can_edit_seats": can_edit_seats(request.user, body),
            "crumbs": [("Gremien", reverse("bodies:body-list")), (body.name, None)],
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_viewer(request, pk)
    insider = is_insider(request.user, meeting)
    agenda = list(meeting_agenda(meeting=meeting, include_private=insider))
    attendances = list(meeting_attendance(meeting=meeting))
    named = []
    unnamed = 0
    for attendance in attendances:
        consent = consent_in_force(person=attendance.person)
        if insider or (consent is not None and consent.allows("name")):
            named.append(attendance)
        else:
            unnamed += 1
    documents = meeting.documents.select_related("agenda_item").order_by("kind", "title")
    if not insider:
        documents = documents.filter(is_public=True).filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)
        )
        # Only approved minutes leave the body, as text or as a file.
        if not meeting.minutes_released:
            documents = documents.exclude(kind=DocumentKind.MINUTES)
    bodies = list(meeting.bodies.all())
    return render(
        request,
        "bodies/meeting_detail.html",
        {
            "meeting": meeting,
            "title": meeting_display_title(meeting),
            "bodies": bodies,
            "agenda": agenda,
            "named_attendance": named,
            "unnamed_attendance": unnamed,
            "attendance_total": len(attendances),
            "documents": list(documents),
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


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    areas = Area.objects.exclude(level="city").order_by("level", "sort_name")
    area = _pick(Area, request.GET.get("gebiet"))
    topic = _pick(Topic, request.GET.get("thema"))
    kind = request.GET.get("art", "")
    meetings = calendar_meetings(
        meetings=meetings_visible_to(request.user),
        area=area,
        kind=kind if kind in BodyKind.values else "",
        topic=topic,
    )
    return render(
        request,
        "bodies/calendar.html",
        {
            "page": paginate(request, meetings),
            "areas": areas,
            "area": area,
            "topics": Topic.objects.active().order_by("sort_name"),
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


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    groups = []
    terms = query_terms(query)
    too_short = bool(terms) and all(len(term) < SEARCH_MIN_LETTERS for term in terms)
    if terms and not too_short:
        visible_meetings = meetings_visible_to(request.user)
        bodies = bodies_visible_to(request.user).search(query).order_by("sort_name", "pk")
        organisations = Organisation.objects.search(query).order_by("sort_name", "pk")
        people = Person.objects.publishing("name").search(query).order_by("sort_name", "pk")
        meetings = meetings_for_listing(
            visible_meetings.search(query, newest=SEARCH_CANDIDATES)
        ).order_by("-starts_at")
        items = (
            AgendaItem.objects.search(query, newest=SEARCH_CANDIDATES)
            .filter(Exists(visible_meetings.filter(pk=OuterRef("meeting_id"))))
            .filter(visible_items_q(request.user))
            .select_related("meeting")
            .order_by("-pk")
        )
        more = {
            "sitzungen": candidates_exceed(Meeting, terms, SEARCH_CANDIDATES),
            "punkte": candidates_exceed(AgendaItem, terms, SEARCH_CANDIDATES),
        }
        found = [
            ("gremien", "Gremien", bodies),
            ("organisationen", "Organisationen", organisations),
            ("personen", "Personen", people),
            ("sitzungen", "Sitzungen", meetings),
            ("punkte", "Tagesordnungspunkte und Protokolle", items),
        ]
        for key, label, rows in found:
            param = f"seite_{key}"
            page = paginate(request, rows, 10, param, cap=SEARCH_CAP, more=more.get(key, False))
            if key == "punkte":
                # Newest meeting first; with more hits than the cap, sorting them all by
                # date would cost more than the page is worth: then newest entries first.
                order = ["-pk"] if page.paginator.capped else ["-meeting__starts_at", "position"]
                page.paginator.object_list = rows.order_by(*order)
                page = page.paginator.get_page(request.GET.get(param))
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
