"""Browser-gate routes of the meeting cycle (see routes.py)."""

from typing import Any


def registry(helpers: dict[str, Any]) -> dict[str, Any]:
    return {}
