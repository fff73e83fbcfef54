"""Every named URL × every role. Fails when a URL name of ours has no rows."""

from __future__ import annotations

import importlib

import pytest
from django.db import transaction

from quartier.core.tests.matrix import LOGIN, ROLES, Case, url_names

APPS = ("core", "places", "actors", "bodies", "cycle")


class _Rollback(Exception):
    pass


def all_cases(world) -> dict[str, list[Case]]:
    cases: dict[str, list[Case]] = {}
    for app in APPS:
        module = importlib.import_module(f"quartier.{app}.tests.matrix_rows")
        for name, rows in module.cases(world).items():
            cases.setdefault(name, []).extend(rows)
    return cases


def outcome(response, expected: int | str) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and "/anmelden/" in response["Location"]
    return response.status_code == expected


@pytest.mark.django_db
def test_every_url_name_has_rows_for_every_role(world):
    cases = all_cases(world)
    assert sorted(url_names() - set(cases)) == []
    assert sorted(set(cases) - url_names()) == []
    for name, rows in cases.items():
        assert rows, name
        for case in rows:
            assert set(case.expect) == set(ROLES), name


@pytest.mark.django_db
def test_permission_matrix(client, world):
    personas = world.personas.all()
    failures = []
    for name, rows in sorted(all_cases(world).items()):
        for case in rows:
            for role in ROLES:
                client.logout()
                if role != "anonymous":
                    client.force_login(personas[role])
                headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
                try:
                    with transaction.atomic():
                        if case.method == "POST":
                            response = client.post(case.url, case.data, **headers)
                        else:
                            response = client.get(case.url, **headers)
                        raise _Rollback
                except _Rollback:
                    pass
                if not outcome(response, case.expect[role]):
                    failures.append(
                        f"{name} {case.method} {case.url} as {role}: "
                        f"expected {case.expect[role]}, got {response.status_code}"
                    )
    assert failures == []
