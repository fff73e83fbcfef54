"""The embedded database runs in WAL mode with IMMEDIATE transactions; the cache is shared."""

import sqlite3

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.backends.sqlite3.base import DatabaseWrapper


def test_default_sqlite_file_is_configured_for_wal_and_immediate_transactions():
    if settings.DATABASE_URL:
        pytest.skip("runs against PostgreSQL")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_a_file_database_with_the_default_settings_is_in_wal_mode(tmp_path, django_db_blocker):
    if settings.DATABASE_URL:
        pytest.skip("runs against PostgreSQL")
    config = {**settings.DATABASES["default"], "NAME": str(tmp_path / "probe.sqlite3")}
    wrapper = DatabaseWrapper(config, alias="probe")
    with django_db_blocker.unblock():
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
        wrapper.close()
    with sqlite3.connect(tmp_path / "probe.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.django_db
def test_cache_is_the_database_cache_and_works():
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    cache.set("quartier-probe", {"a": 1}, 30)
    assert cache.get("quartier-probe") == {"a": 1}


@pytest.mark.django_db
def test_postgresql_prepares_a_statement_run_again_on_one_connection():
    """Server-side binding with prepared statements: the fifth run of the same query on a
    connection is prepared, so PostgreSQL stops planning it on every request."""
    from django.db import connection

    from quartier.bodies.models import Body

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5
    for number in range(7):
        list(Body.objects.filter(pk=number, name__startswith="Netzwerk").values_list("pk"))
    with connection.cursor() as cursor:
        # The values are parameters of the prepared statement, not part of its text.
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "bodies_body" WHERE%LIKE%'],
        )
        assert cursor.fetchone()[0] >= 1
