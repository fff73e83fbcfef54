"""Area pages (URL namespace `places`): what happens in the city, a region, a district or a
quarter. They live here because they show bodies, organisations and programmes, which sit to
the right of `places` in the import order."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from quartier.actors.models import Organisation
from quartier.bodies.models import Meeting
from quartier.bodies.permissions import bodies_visible_to, meetings_visible_to
from quartier.bodies.selectors import area_body_rows, meeting_rows, meeting_values
from quartier.places.models import Area
from quartier.places.selectors import area_ancestors, area_children
from quartier.programmes.models import Programme


@require_GET
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent"), pk=pk)
    ancestors = area_ancestors(area=area)
    crumbs: list[tuple[str, str | None]] = [
        (str(a), reverse("places:area-detail", args=[a.pk])) for a in ancestors
    ]
    crumbs.append((str(area), None))
    bodies = area_body_rows(area=area, bodies=bodies_visible_to(request.user))
    organisations = Organisation.objects.working_in(area)
    based_here = Organisation.objects.filter(based_in__path__startswith=area.path)
    kinds = list(
        organisations.order_by()
        .values("kind")
        .annotate(total=Count("pk", distinct=True))
        .order_by("-total", "kind")
    )
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
            "children": list(area_children(area=area)),
            "bodies": bodies,
            "names": {body["pk"] for body in bodies},
            # Every organisation has one kind: the kinds' totals add up to all of them.
            "organisation_total": sum(kind["total"] for kind in kinds),
            "based_total": based_here.count(),
            "organisation_kinds": [
                (kind_labels.get(k["kind"], k["kind"]), k["total"]) for k in kinds
            ],
            "organisations": list(based_here.order_by("sort_name").values("pk", "name")[:15]),
            "programmes": list(
                Programme.objects.filter(areas__in=Area.objects.containing(area))
                .select_related("lead_organisation")
                .distinct()
                .order_by("sort_name")
            ),
            "meetings": meeting_rows(meetings[:8]),
            "crumbs": crumbs,
        },
    )
