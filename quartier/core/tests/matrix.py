"""The permission matrix: every named URL × every role, declared app by app.

Each app keeps its rows in `quartier/<app>/tests/matrix.py` as a function
`cases(world) -> dict[str, list[Case]]` (URL name → one or more requests). The runner in
test_permission_matrix.py asks every app for its rows, checks that no URL name of ours
is missing, and runs each request for each persona inside a rolled-back transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
