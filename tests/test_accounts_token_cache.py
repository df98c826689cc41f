import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from servicefirst.accounts.models import ApiToken
from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import (
    api_token_cache_key,
    api_token_cache_seconds,
    api_token_create,
    api_token_revoke,
)
from tests.factories import CouncilServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(staff):
    return staff[Role.OFFICER]


@pytest.fixture
def token_and_api(officer):
    token, key = api_token_create(user=officer, name="telephony", scopes=["contacts:write", "customers:read"])
    return token, Client(headers={"Authorization": f"Bearer {key}"})


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


def log(api: Client, bins) -> int:
    started = timezone.now() - datetime.timedelta(minutes=4)
    body = {
        "channel": "phone",
        "council_service_id": bins.pk,
        "reason": "Bin not collected",
        "started_at": started.isoformat(),
        "ended_at": (started + datetime.timedelta(minutes=2)).isoformat(),
        "outcome": "resolved_first_contact",
    }
    return api.post("/api/contacts", json.dumps(body), content_type="application/json").status_code


def token_queries(api: Client, bins) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert log(api, bins) == 201
    return [q["sql"] for q in queries if ApiToken._meta.db_table in q["sql"]]


def test_a_token_is_looked_up_once_then_served_from_the_cache(token_and_api, bins):
    _, api = token_and_api
    assert token_queries(api, bins)
    assert token_queries(api, bins) == []


def test_a_revoked_token_is_refused_on_the_very_next_request(token_and_api, bins):
    token, api = token_and_api
    assert log(api, bins) == 201
    api_token_revoke(token=token)
    assert log(api, bins) == 401


def test_a_deleted_token_is_refused_on_the_very_next_request(token_and_api, bins):
    token, api = token_and_api
    assert log(api, bins) == 201
    token.delete()
    assert log(api, bins) == 401


def test_a_deactivated_officers_token_is_refused_on_the_very_next_request(token_and_api, officer, bins):
    _, api = token_and_api
    assert log(api, bins) == 201
    officer.is_active = False
    officer.save()
    assert log(api, bins) == 401


def test_a_new_role_applies_on_the_very_next_request(token_and_api, officer, bins):
    _, api = token_and_api
    assert log(api, bins) == 201
    officer.role = Role.COUNCILLOR
    officer.save()
    assert log(api, bins) == 403


def test_signing_in_keeps_the_token_cached(token_and_api, officer, bins):
    _, api = token_and_api
    assert log(api, bins) == 201
    Client().force_login(officer)  # records last_login, which a token does not depend on
    assert token_queries(api, bins) == []


def test_a_lookup_cached_before_the_revocation_committed_is_forgotten_at_commit(
    token_and_api, officer, bins, django_capture_on_commit_callbacks
):
    token, api = token_and_api
    assert log(api, bins) == 201
    with django_capture_on_commit_callbacks(execute=True):
        api_token_revoke(token=token)
        # Another process read the token just before the revocation committed, and caches what it read.
        cache.set(api_token_cache_key(token.key_hash), officer, 60)
    assert log(api, bins) == 401


def test_a_lookup_that_read_the_token_before_it_was_revoked_cannot_cache_it_again(token_and_api, officer, bins):
    token, api = token_and_api
    assert log(api, bins) == 201
    api_token_revoke(token=token)
    # A lookup caches only into an empty entry, as `cache.add` does; the revocation left the entry marked.
    assert cache.add(api_token_cache_key(token.key_hash), officer, 60) is False
    assert log(api, bins) == 401


def test_a_cache_of_one_process_keeps_tokens_only_seconds(settings, tmp_path):
    # Local memory cannot hear of a revocation made in another process: the entry's life is how late it can be.
    assert api_token_cache_seconds() <= 5
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    assert api_token_cache_seconds() == 60
