from django.urls import reverse

from quartier.core.tests.matrix import LOGIN, ROLES, Case, everyone


def cases(world):
    logged_in_redirect = dict.fromkeys(ROLES, 302)
    return {
        "home": [Case(reverse("home"), everyone())],
        "core:login": [
            Case(reverse("core:login"), {**logged_in_redirect, "anonymous": 200}),
            Case(
                reverse("core:login"),
                {**logged_in_redirect, "anonymous": 200},
                method="POST",
                data={"username": "niemand", "password": "falsch"},
            ),
        ],
        "core:logout": [
            Case(reverse("core:logout"), everyone(302), method="POST"),
            Case(reverse("core:logout"), everyone(405)),
        ],
    }


__all__ = ["cases", "LOGIN"]
