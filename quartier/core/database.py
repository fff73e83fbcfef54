"""Database chores shared by the bulk loaders."""

from __future__ import annotations

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> None:
    """Let PostgreSQL's planner know the tables after a bulk load. Without statistics it
    guessed a few rows where there were 150,000, and chose plans that took 0.9 s instead of
    0.1 s (autovacuum would gather them only later). SQLite plans without them."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
