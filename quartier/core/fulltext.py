"""A word-prefix index over the folded `search_text` columns of the large tables.

`SearchableQuerySet.search` asks that every query stem begins a word of `search_text`.
As `LIKE '% stem%'` that scans the whole table (200,000 agenda items in a large city), so
the large tables get an index that answers the same question:

- SQLite: an FTS5 table with external content and prefix indexes, kept in step by
  triggers; a query is `"stem1"* AND "stem2"*`.
- PostgreSQL: a stored generated column `search_vector` (to_tsvector('simple',
  search_text)) with a GIN index (without fastupdate); a query is `stem1:* & stem2:*`.

Both are (re)created after every `migrate` (post_migrate), with IF NOT EXISTS, because a
later migration that rebuilds a table on SQLite drops its triggers. Stems consist of
[0-9a-z] only (core.text), so both tokenisers split `search_text` exactly at its spaces
and the index gives the same rows as the LIKE it replaces. Tables not listed here, and
SQLite builds without FTS5, keep the LIKE.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import BooleanField, Model, Q
from django.db.models.expressions import Expression

from quartier.core.reads import reshape

# PostgreSQL: the generated column (not a model field: Django never reads or writes it).
VECTOR = "search_vector"

# app_label.ModelName of the tables large enough to need the index.
INDEXED = ("bodies.AgendaItem", "bodies.Meeting", "actors.Person", "actors.Organisation")


def _indexed_tables() -> set[str]:
    from django.apps import apps

    return {apps.get_model(label)._meta.db_table for label in INDEXED}


@cache
def _has_fts5(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        return any(row[0] == "ENABLE_FTS5" for row in cursor.fetchall())


def indexed(model: type[Model], alias: str = "default") -> bool:
    """Whether this table has the word-prefix index on this database."""
    vendor = connections[alias].vendor
    if model._meta.db_table not in _indexed_tables():
        return False
    if vendor == "sqlite":
        return _has_fts5(alias)
    return vendor == "postgresql"


def match_text(terms: list[str], alias: str = "default") -> str:
    """The one parameter of an index query for rows matching every term."""
    if connections[alias].vendor == "sqlite":
        return " AND ".join(f'"{term}"*' for term in terms)
    return " & ".join(f"{term}:*" for term in terms)


def _matching_select(model: type[Model], alias: str) -> str:
    """SELECT of the ids matching the parameter (match_text)."""
    table = model._meta.db_table
    if connections[alias].vendor == "sqlite":
        return f'SELECT rowid FROM "{table}_fts" WHERE "{table}_fts" MATCH %s'
    pk = model._meta.pk.column
    return f'SELECT "{pk}" FROM "{table}" WHERE {VECTOR} @@ to_tsquery(\'simple\', %s)'


def _matching_sql(model: type[Model], terms: list[str], alias: str) -> tuple[str, str]:
    """SELECT of the ids matching every term, and its one parameter."""
    return _matching_select(model, alias), match_text(terms, alias)


# An index query's parameter: match_text's value, or a prepared read's slot (core.reads)
# filled with it at each call.
Match = str | Expression


def _param_sql(compiler: Any, param: Match) -> tuple[str, list[Any]]:
    if isinstance(param, Expression):
        return compiler.compile(param)
    return "%s", [param]


class _Sql(Expression):
    """Raw SQL in parentheses with one parameter (Match): RawSQL, whose parameter may
    also be a slot."""

    def __init__(self, sql: str, param: Match, output_field: Any) -> None:
        super().__init__(output_field=output_field)
        self.sql, self.param = sql, param

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        placeholder, params = _param_sql(compiler, self.param)
        return f"({self.sql.replace('%s', placeholder)})", params


class _VectorMatches(Expression):
    """`search_vector @@ to_tsquery(...)` on the query's own table: the same rows as
    `pk IN (SELECT pk ... WHERE search_vector @@ ...)`, without the self-join for which
    PostgreSQL read the whole table (15,000 people) and hashed it."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, expression: Match) -> None:
        super().__init__()
        self.expression = expression

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        # The table's alias in this query ("U0" when it became a subquery).
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        placeholder, params = _param_sql(compiler, self.expression)
        return f"{table}.{VECTOR} @@ to_tsquery('simple', {placeholder})", params


def prefix_filter(
    model: type[Model], terms: list[str], alias: str = "default", *, newest: int | None = None
) -> Any:
    """A condition for rows whose search_text has every term as a word prefix, or
    None when this table or database has no index (the caller then uses LIKE). With
    `newest`, only the `newest` matching rows with the highest ids are candidates: a broad
    query ("be") matches 100,000 agenda items, and listing them all costs more than any
    reader looks at (`candidates_exceed` tells whether the limit cut)."""
    if not terms or not indexed(model, alias):
        return None
    return prefix_condition(model, match_text(terms, alias), alias, newest=newest)


def prefix_condition(
    model: type[Model], match: Match, alias: str = "default", *, newest: int | None = None
) -> Any:
    """prefix_filter's condition for the parameter `match` (Match), on an indexed table."""
    sql = _matching_select(model, alias)
    if newest is None and connections[alias].vendor == "postgresql":
        return _VectorMatches(match)
    if newest is not None:
        order = "rowid" if connections[alias].vendor == "sqlite" else f'"{model._meta.pk.column}"'
        sql = f"{sql} ORDER BY {order} DESC LIMIT {int(newest)}"
    return Q(pk__in=_Sql(sql, match, BooleanField()))


def candidates_exceed(
    model: type[Model], terms: list[str], limit: int, alias: str = "default"
) -> bool:
    """Whether more than `limit` rows match (counting stops at limit + 1)."""
    if not terms or not indexed(model, alias):
        return False
    sql, expression = _matching_sql(model, terms, alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT {int(limit) + 1}) AS hits", [expression])
        return cursor.fetchone()[0] > limit


def newest_matches(
    model: type[Model], terms: list[str], limit: int, alias: str = "default"
) -> list[int] | None:
    """The ids of the newest `limit` + 1 rows matching every term (one more than asked
    tells whether the limit cut), in one query; None when this table or database has no
    index (the caller then uses LIKE). Fetched once, the ids serve the count, the page and
    "more than" alike, instead of running the index query for each."""
    if not terms or not indexed(model, alias):
        return None
    sql, expression = _matching_sql(model, terms, alias)
    order = "rowid" if connections[alias].vendor == "sqlite" else f'"{model._meta.pk.column}"'
    with connections[alias].cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY {order} DESC LIMIT {int(limit) + 1}", [expression])
        return [row[0] for row in cursor.fetchall()]


def newest_with_excess(
    model: type[Model], terms: list[str], limit: int, alias: str = "default"
) -> tuple[Q, Expression] | None:
    """newest_matches for one query instead of two: a condition for the `limit` newest
    matching rows, and a boolean expression "more than `limit` rows match" to annotate
    on the same query (an uncorrelated subquery: the database answers it once). None
    where the table or database has no index. With no row found the annotation says
    nothing: then ask candidates_exceed."""
    if not terms or not indexed(model, alias):
        return None
    match = match_text(terms, alias)
    return prefix_condition(model, match, alias, newest=limit), excess(model, match, limit, alias)


def excess(model: type[Model], match: Match, limit: int, alias: str = "default") -> Expression:
    """The boolean "more than `limit` rows match `match`" (see newest_with_excess)."""
    sql = _matching_select(model, alias)
    return _Sql(
        f"(SELECT COUNT(*) FROM ({sql} LIMIT {int(limit) + 1}) AS hits) > {int(limit)}",
        match,
        BooleanField(),
    )


class _Among(Expression):
    """The primary key is one of some ids, passed as one parameter (see among)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, ids: list[int] | Expression) -> None:
        super().__init__()
        self.column, self.ids = column, ids

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        ids = self.ids
        if isinstance(ids, Expression):
            _placeholder, (ids,) = compiler.compile(ids)
        if connection.vendor == "postgresql":
            return f"{self.column} = ANY(%s)", [reshape(ids, list)]
        json_list = reshape(ids, lambda value: json.dumps(list(value)))
        return f"{self.column} IN (SELECT value FROM json_each(%s))", [json_list]


def among(model: type[Model], ids: list[int] | Expression) -> Expression:
    """A condition "the primary key is one of `ids`" (a list, or a slot filled with one),
    passed as one parameter: an IN list of 1,000 parameters costs Django and PostgreSQL
    milliseconds to build and parse, and `IN (SELECT unnest(...))` made PostgreSQL hash
    the whole table instead of looking the ids up."""
    return _Among(f'"{model._meta.db_table}"."{model._meta.pk.column}"', ids)


def _sqlite_statements(table: str, pk: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5(search_text, '
        f"content='{table}', content_rowid='{pk}', prefix='1 2 3')",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_insert" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"(rowid, search_text) VALUES (new."{pk}", new.search_text); END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_delete" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, search_text) '
        f"VALUES ('delete', old.\"{pk}\", old.search_text); END",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_update" AFTER UPDATE OF search_text ON "{table}" '
        f'BEGIN INSERT INTO "{fts}"("{fts}", rowid, search_text) '
        f"VALUES ('delete', old.\"{pk}\", old.search_text); "
        f'INSERT INTO "{fts}"(rowid, search_text) VALUES (new."{pk}", new.search_text); END',
    ]


def _sqlite_triggers(cursor: Any, table: str) -> set[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
    )
    return {row[0] for row in cursor.fetchall()}


def ensure_indexes(alias: str = "default") -> None:
    """Create what is missing; rebuild an FTS5 table whose triggers were missing."""
    from django.apps import apps

    connection = connections[alias]
    for label in INDEXED:
        model = apps.get_model(label)
        table, pk = model._meta.db_table, model._meta.pk.column
        if table not in connection.introspection.table_names():
            continue
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                if not _has_fts5(alias):
                    return
                complete = len(_sqlite_triggers(cursor, table)) >= 3
                for statement in _sqlite_statements(table, pk):
                    cursor.execute(statement)
                if not complete:
                    cursor.execute(f'INSERT INTO "{table}_fts"("{table}_fts") VALUES (\'rebuild\')')
            elif connection.vendor == "postgresql":
                # A stored column: computing to_tsvector for every row checked took
                # 130 ms for 5,000 rows; reading it takes a few.
                cursor.execute(
                    f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS {VECTOR} tsvector '
                    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "
                    "coalesce(search_text, ''))) STORED"
                )
                # Without fastupdate: rows loaded after the index was made (a new city)
                # otherwise wait in the pending list, which every search reads through
                # in full until a VACUUM (20,000 meetings: 10 ms instead of 0.3 ms).
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{table}_{VECTOR}" ON "{table}" '
                    f"USING GIN ({VECTOR}) WITH (fastupdate = off)"
                )
                cursor.execute(f'ALTER INDEX "{table}_{VECTOR}" SET (fastupdate = off)')


def on_post_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if sender.label == "core":  # once per migrate run: core's signal is sent last-but-some
        ensure_indexes(using)
