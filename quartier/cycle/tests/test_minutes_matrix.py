"""The minutes part's rows of the permission matrix, run on their own (the full matrix in
core runs them too; this keeps the part's answer quick and independent of the others)."""

import pytest
from django.db import transaction

from quartier.core.tests.matrix import ROLES
from quartier.core.tests.test_permission_matrix import _Rollback, outcome
from quartier.cycle.tests import matrix_rows_minutes


@pytest.mark.django_db
def test_minutes_rows(client, world):
    personas = world.personas.all()
    failures = []
    for name, rows in sorted(matrix_rows_minutes.cases(world).items()):
        for case in rows:
            assert set(case.expect) == set(ROLES), name
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
