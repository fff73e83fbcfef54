"""Who is who, in plain predicates. The apps' own permissions build on these."""

from __future__ import annotations

from typing import Any


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user: Any) -> bool:
    """The department: everything, everywhere."""
    return is_authenticated(user) and bool(user.is_superuser)
