import datetime
import os

import pytest
from django.core.cache import cache
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import ALL_SCOPES
from servicefirst.accounts.services import api_token_create
from servicefirst.audit.services import audit_events_prune
from tests.factories import ClientServiceFactory, UserFactory
from tests.factories_audit import world_make
from tests.signing_in import staff_client

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests sign in hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test's database starts afresh, and ids are reused; a list cached by an earlier test would lie.
    cache.clear()


@pytest.fixture(autouse=True)
def audit_emptied_before_flush(request):
    """A transactional test ends with a flush (DELETE on SQLite, TRUNCATE on PostgreSQL) that the audit table's
    append-only triggers refuse while it holds rows. The retention path, the one deletion they allow, empties it
    first, with a cut-off after every row. This fixture is set up after the database fixture (autouse, or asked
    for below), so it is torn down before the flush."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or bool(marker and marker.kwargs.get("transaction"))
    if transactional:
        request.getfixturevalue("transactional_db")
    yield
    if transactional:
        audit_events_prune(before=datetime.datetime.max.replace(tzinfo=datetime.UTC))


@pytest.fixture
def client_service(db):
    return ClientServiceFactory(name="Waste and recycling", code="waste")


@pytest.fixture
def other_client_service(db):
    return ClientServiceFactory(name="Parking services", code="parking")


@pytest.fixture
def staff(db, client_service):
    """One signed-in-able user per role; the client service officer works for `client_service`."""
    return {
        role: UserFactory(
            username=role.value,
            role=role,
            client_service=client_service if role == Role.CLIENT_SERVICE_OFFICER else None,
        )
        for role in Role
    }


@pytest.fixture
def client_for():
    """A client signed in as the user, past the second factor when their role needs one (tests/signing_in.py)."""
    return staff_client


@pytest.fixture
def officer_client(staff, client_for):
    return client_for(staff[Role.OFFICER])


@pytest.fixture
def api_for(staff):
    """An API client holding a token of the given role's user."""

    def make(role: Role) -> Client:
        _, key = api_token_create(user=staff[role], name="test", scopes=ALL_SCOPES)
        return Client(headers={"Authorization": f"Bearer {key}"})

    return make


@pytest.fixture
def audit_world(staff, client_service, other_client_service, tmp_path, settings, django_capture_on_commit_callbacks):
    """One of every record the audited reads show (tests/factories_audit.py), for the audit tests."""
    return world_make(
        staff=staff,
        client_service=client_service,
        other_client_service=other_client_service,
        tmp_path=tmp_path,
        settings=settings,
        capture_on_commit=django_capture_on_commit_callbacks,
    )
