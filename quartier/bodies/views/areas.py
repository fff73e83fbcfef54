"""Area pages (URL namespace `places`): what happens in the city, a region, a district or a
quarter. They live here because they show bodies, organisations and programmes, which sit to
the right of `places` in the import order."""

from __future__ import annotations

import functools
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quartier.actors.models import Organisation
from quartier.actors.selectors import organisation_kind_totals
from quartier.bodies.models import Meeting
from quartier.bodies.permissions import meetings_visible_slot_q, viewer_of
from quartier.bodies.selectors import (
    MEETING_ROW_FIELDS,
    area_body_rows,
    meeting_rows,
    now_slot,
    starts_with_slot,
)
from quartier.core.reads import PreparedRead, Slots, prepared
from quartier.places.models import Area
from quartier.places.selectors import area_above_and_below
from quartier.programmes.models import Programme


@prepared
def _area(slot: Slots) -> QuerySet[Area]:
    """The area. Slot: area (id)."""
    return Area.objects.filter(pk=slot.id("area")).order_by()[:21]  # as QuerySet.get asks


@prepared
def _organisations_based_in(slot: Slots) -> QuerySet[Any]:
    """The first 15 organisations based in the area or below, by name, each carrying how
    many there are in all: one query, not two. Slot: path (of the area)."""
    # The areas first (a few dozen), then their organisations through the based_in index.
    areas = Area.objects.filter(starts_with_slot("path", "path")).values("pk")
    based = Organisation.objects.filter(based_in__in=areas)
    # The total as a subquery run once, not a window count: with a window over all rows,
    # PostgreSQL still walked the name index through all 3,000 organisations, planning as
    # if the LIMIT stopped it early (6 ms; now 2 ms).
    total = based.order_by().values(_one=Value(1)).annotate(n=Count("*")).values("n")
    return (
        based.order_by("sort_name")
        .annotate(_total=Coalesce(Subquery(total), 0))
        .values("pk", "name", "_total")[:15]
    )


@functools.cache
def _coming_meetings_in_area(key: tuple[str, bool, bool]) -> PreparedRead:
    """The next 8 meetings of bodies of the area or below that a viewer of variant `key`
    (permissions.Viewer) may see, as meeting_values rows. Slots: path (of the area), now,
    insiders and person (where the variant has them)."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        in_area = Meeting.bodies.through.objects.filter(
            starts_with_slot("body__area__path", "path"), meeting_id=OuterRef("pk")
        )
        return (
            Meeting.objects.filter(meetings_visible_slot_q(slot, key))
            .filter(Exists(in_area))
            .upcoming(now_slot(slot))
            .order_by("starts_at", "pk")
            .values(*MEETING_ROW_FIELDS)[:8]
        )

    return read


@require_GET
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _area(area=pk)
    if len(found) != 1:
        raise Http404
    area = found[0]
    viewer = viewer_of(request.user)
    above, children = area_above_and_below(area=area)
    crumbs: list[tuple[str, str | None]] = [(row.label, row.url) for row in above]
    crumbs.append((str(area), None))
    bodies = area_body_rows(area=area, viewer=viewer)
    based = _organisations_based_in(path=area.path)
    kinds = organisation_kind_totals(area=area)
    kind_labels = dict(Organisation._meta.get_field("kind").choices)
    meetings = _coming_meetings_in_area(viewer.key)(
        path=area.path, now=timezone.now(), **viewer.slots
    )
    return render(
        request,
        "places/area_detail.html",
        {
            "area": area,
            "children": children,
            "bodies": bodies,
            "names": {body["pk"] for body in bodies},
            # Every organisation has one kind: the kinds' totals add up to all of them.
            "organisation_total": sum(total for _kind, total in kinds),
            "based_total": based[0]["_total"] if based else 0,
            "organisation_kinds": [(kind_labels.get(kind, kind), total) for kind, total in kinds],
            "organisations": based,
            "programmes": _programme_rows(areas=area.ancestor_ids()),
            "meetings": meeting_rows(meetings),
            "crumbs": crumbs,
        },
    )


def area_programme_rows(*, area: Area) -> list[dict[str, Any]]:
    """Name and lead organisation of the programmes in `area` or an area above it."""
    return _programme_rows(areas=area.ancestor_ids())


@prepared
def _programme_rows(slot: Slots) -> QuerySet[Any]:
    """Rows of area_programme_rows. Slot: areas (ids: the area and those above it)."""
    in_reach = Programme.areas.through.objects.filter(area_id__in=slot.ids("areas"))
    return (
        Programme.objects.filter(pk__in=in_reach.values("programme_id"))
        .order_by("sort_name")
        .values("name", "lead_organisation__name")
    )
