"""A database restart costs no 500 (issue 15, item 4): contacts are logged through gunicorn, as in production,
while the app's database connections are killed with pg_terminate_backend, as a restart or fail-over kills them.

gunicorn's sync workers keep their connections between requests (CONN_MAX_AGE), which Django's test client and
live server do not (they share the test's connection, or open one a request), so only a real app server shows what
CONN_HEALTH_CHECKS does: a connection killed between requests is found dead and replaced before the request uses it.
A kill that lands inside a request answers 503 with Retry-After, its transaction gone with the connection; a client
that tries again loses nothing. PostgreSQL only: SQLite has no connections to kill."""

import datetime
import json
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import api_token_create
from servicefirst.contacts.models import Contact
from tests.appserver import gunicorn_serving, http_request
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills PostgreSQL connections"),
]

# Every connection to the test database but the killer's own and the test's (which reads the contacts back).
KILL = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s"
)


def _own_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def server():
    """gunicorn with two sync workers on the test database, each keeping its connection for a minute."""
    with gunicorn_serving(workers=2) as url:
        yield url


def _contact(n: int, officer: dict) -> dict:
    started = timezone.now() - datetime.timedelta(minutes=5)
    return {
        "channel": "phone",
        "started_at": started.isoformat(),
        "ended_at": (started + datetime.timedelta(seconds=60 + n)).isoformat(),
        "outcome": "resolved_first_contact",
        "reason": f"Call {n} about a missed bin",
        "council_service_id": officer["service"],
    }


@pytest.fixture
def officer():
    officer = UserFactory(role=Role.OFFICER)
    _, key = api_token_create(user=officer, name="restart test", scopes=["contacts:write"])
    browser = Client()
    browser.force_login(officer)
    return {
        "api": {"Authorization": f"Bearer {key}"},
        "service": CouncilServiceFactory(name="Missed bin collection", client_service=ClientServiceFactory()).pk,
        "web": {"Cookie": f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"},
    }


def test_connections_killed_between_requests_cost_no_error_and_no_contact(server, officer):
    answers, killed, own = [], 0, _own_pid()
    for n in range(40):
        if n % 5 == 4:
            with connection.cursor() as cursor:
                cursor.execute(KILL, [own])
                killed += cursor.fetchone()[0]
            # A staff page after the kill, as well as the API.
            status, _, _ = http_request(f"{server}/staff/", headers=officer["web"])
            assert status == 200, status
        status, _, body = http_request(f"{server}/api/contacts", json_body=_contact(n, officer), headers=officer["api"])
        answers.append((status, body if status != 201 else b""))
    # The workers kept their connections between requests (else there was nothing to kill) ...
    assert killed > 0
    # ... and every request after a kill found its connection dead and opened another, instead of failing.
    assert answers == [(201, b"")] * 40
    assert Contact.objects.count() == 40


def test_connections_killed_at_any_moment_answer_503_and_nothing_is_lost(server, officer):
    stop = threading.Event()
    kills, own = [], _own_pid()

    def killer() -> None:
        # Its own connection: Django's are per thread. Kills five times a second, landing inside requests too.
        from django.db import connections

        try:
            while not stop.is_set():
                with connections["default"].cursor() as cursor:
                    cursor.execute(KILL, [own])
                    kills.append(cursor.fetchone()[0])
                time.sleep(0.2)
        finally:
            connections["default"].close()

    thread = threading.Thread(target=killer)
    thread.start()
    acknowledged, statuses = 0, []
    try:
        for n in range(60):
            for _ in range(20):  # a client that tries again after a 503, as Retry-After invites
                body = _contact(n, officer)
                status, headers, body = http_request(f"{server}/api/contacts", json_body=body, headers=officer["api"])
                statuses.append(status)
                if status != 503:
                    break
                assert headers["Retry-After"] == "5"
                assert json.loads(body)["status"] == 503
            acknowledged += status == 201
    finally:
        stop.set()
        thread.join()
    assert sum(kills) > 0
    assert set(statuses) <= {201, 503}, statuses
    assert acknowledged == 60
    # Every contact acknowledged is saved once: a 503 saved nothing.
    assert Contact.objects.count() == acknowledged
