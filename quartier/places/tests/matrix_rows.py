from django.urls import reverse

from quartier.core.tests.matrix import Case, everyone


def cases(world):
    return {
        "places:area-detail": [
            Case(reverse("places:area-detail", args=[world.city.quarter.pk]), everyone()),
            Case(reverse("places:area-detail", args=[world.city.city.pk]), everyone()),
            Case(reverse("places:area-detail", args=[999999]), everyone(404)),
            Case(
                reverse("places:area-detail", args=[world.city.quarter.pk]),
                everyone(405),
                method="POST",
            ),
        ],
    }
