"""The vocabulary is shared by every app: only the department changes it."""

from __future__ import annotations

from typing import Any

from quartier.core.permissions import is_administrator
from quartier.topics.models import Topic


def can_edit_topic(user: Any, topic: Topic | None = None) -> bool:
    return is_administrator(user)
