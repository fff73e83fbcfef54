"""The permission matrix: every named URL × every role, declared app by app.

Each app keeps its rows in `quartier/<app>/tests/matrix.py` as a function
`cases(world) -> dict[str, list[Case]]` (URL name → one or more requests). The runner in
test_permission_matrix.py asks every app for its rows, checks that no URL name of ours
is missing, and runs each request for each persona inside a rolled-back transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("administrator", "coordinator", "secretary", "member", "contact", "citizen", "anonymous")
LOGIN = "login"  # expected answer: a redirect to the login page


@dataclass
class Case:
    url: str
    expect: dict[str, int | str]
    method: str = "GET"
    data: dict[str, Any] = field(default_factory=dict)
    htmx: bool = False


def expect(
    ok: set[str] | tuple[str, ...], *, status: int = 200, other: int | str = 404
) -> dict[str, int | str]:
    """`ok` roles get `status`; everyone else `other` (404 hides, LOGIN asks to log in)."""
    return {role: (status if role in ok else other) for role in ROLES}


def everyone(status: int = 200) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int = 200) -> dict[str, int | str]:
    result: dict[str, int | str] = dict.fromkeys(ROLES, status)
    result["anonymous"] = LOGIN
    return result


STAFF = ("administrator", "coordinator")
INSIDERS = ("administrator", "coordinator", "secretary", "member")


def url_names(skip_namespaces: frozenset[str] = frozenset({"admin", "testing"})) -> set[str]:
    """Every named URL of ours ("namespace:name"), outside the admin and the test pages.
    The permission matrix and the browser gate both fail when one of these has no rows."""
    names: set[str] = set()

    def walk(patterns: Any, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in skip_namespaces:
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names
