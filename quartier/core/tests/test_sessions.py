"""Sessions and the logged-in user, read through prepared reads, behave as Django's own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.core.models import User
from quartier.core.sessions import Backend

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-Passwort-42"


def _logged_in(client: Client) -> bool:
    response = client.get(reverse("bodies:mine"))
    return response.status_code == 200


@pytest.fixture
def user() -> User:
    return User.objects.create_user("erika", password=PASSWORD)


def test_login_through_the_form_holds_across_requests(user: User) -> None:
    client = Client()
    assert not _logged_in(client)
    response = client.post(reverse("core:login"), {"username": "erika", "password": PASSWORD})
    assert response.status_code == 302
    assert _logged_in(client)
    assert _logged_in(client)


def test_a_wrong_password_logs_nobody_in(user: User) -> None:
    client = Client()
    client.post(reverse("core:login"), {"username": "erika", "password": "falsch"})
    assert not _logged_in(client)


def test_an_expired_session_is_not_read(user: User) -> None:
    client = Client()
    client.force_login(user)
    assert _logged_in(client)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not _logged_in(client)


def test_an_unknown_session_key_is_anonymous(user: User) -> None:
    client = Client()
    client.force_login(user)
    Session.objects.all().delete()
    assert not _logged_in(client)


def test_a_deactivated_or_deleted_user_is_logged_out(user: User) -> None:
    client = Client()
    client.force_login(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not _logged_in(client)
    assert Backend().get_user(user.pk) is None
    assert Backend().get_user("keine Zahl") is None
    User.objects.filter(pk=user.pk).update(is_active=True)
    assert Backend().get_user(str(user.pk)) == user
    user.delete()
    assert Backend().get_user(user.pk) is None


def test_a_password_change_ends_other_sessions(user: User) -> None:
    client = Client()
    client.force_login(user)
    user.set_password("ein-anderes-Passwort-43")
    user.save()
    assert not _logged_in(client)


def test_session_and_user_cost_one_query_each(user: User) -> None:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert _logged_in(client)
    first, second = (query["sql"] for query in captured.captured_queries[:2])
    assert 'FROM "django_session"' in first
    assert 'FROM "core_user"' in second
