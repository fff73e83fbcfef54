"""Area pages (URL namespace `places`): what happens in the city, a region, a district or a
quarter. They live here because they show bodies, organisations and programmes, which sit to
the right of `places` in the import order."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from quartier.actors.models import Organisation
from quartier.actors.selectors import organisation_kind_totals
from quartier.bodies.models import Meeting
from quartier.bodies.permissions import bodies_visible_to, meetings_visible_to
from quartier.bodies.selectors import area_body_rows, meeting_rows, meeting_values
from quartier.places.models import Area
from quartier.places.selectors import area_above_and_below
from quartier.programmes.models import Programme


@require_GET
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(Area, pk=pk)
    above, children = area_above_and_below(area=area)
    crumbs: list[tuple[str, str | None]] = [(row.label, row.url) for row in above]
    crumbs.append((str(area), None))
    bodies = area_body_rows(area=area, bodies=bodies_visible_to(request.user))
    # The areas first (a few dozen), then their organisations through the based_in index.
    based_here = Organisation.objects.filter(
        based_in__in=Area.objects.filter(path__startswith=area.path).values("pk")
    )
    # The first 15 carry how many there are in all (a window count): one query, not two.
    based = list(
        based_here.order_by("sort_name")
        .annotate(_total=Window(Count("pk")))
        .values("pk", "name", "_total")[:15]
    )
    kinds = organisation_kind_totals(area=area)
    kind_labels = dict(Organisation._meta.get_field("kind").choices)
    in_area = Meeting.bodies.through.objects.filter(
        meeting_id=OuterRef("pk"), body__area__path__startswith=area.path
    )
    meetings = meeting_values(
        meetings_visible_to(request.user)
        .filter(Exists(in_area))
        .upcoming()
        .order_by("starts_at", "pk")
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
            "programmes": area_programme_rows(area=area),
            "meetings": meeting_rows(meetings[:8]),
            "crumbs": crumbs,
        },
    )


def area_programme_rows(*, area: Area) -> list[dict[str, Any]]:
    """Name and lead organisation of the programmes in `area` or an area above it."""
    in_reach = Programme.areas.through.objects.filter(area_id__in=area.ancestor_ids())
    return list(
        Programme.objects.filter(pk__in=in_reach.values("programme_id"))
        .order_by("sort_name")
        .values("name", "lead_organisation__name")
    )
