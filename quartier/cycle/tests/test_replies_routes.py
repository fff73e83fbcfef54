"""The browser gate's objects for the replies pages open for the roles it sends there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from browser_tests.routes import Page, _registry

pytestmark = pytest.mark.django_db

NAMES = (
    "cycle:proposal-create",
    "cycle:proposal-list",
    "cycle:reply",
    "cycle:reply-overview",
    "cycle:person-search",
)


def test_every_object_offered_to_a_role_opens_for_it(client, world):
    registry = _registry()
    opened = 0
    for role, user in world.personas.all().items():
        for name in NAMES:
            spec = registry[name]
            assert isinstance(spec, Page)
            if not spec.allowed(user):
                continue
            client.force_login(user)
            for obj in spec.objects(user):
                response = client.get(reverse(name, args=[spec.arg(obj)]))
                assert response.status_code == 200, (role, name, obj)
                opened += 1
    assert opened > 0
