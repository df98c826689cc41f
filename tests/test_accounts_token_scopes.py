"""API tokens do only what they were issued for and expire (issue 15): an expired or out-of-scope token is refused
on the JSON API and on Open311, whatever its user's role would allow."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from servicefirst.accounts.models import ApiToken
from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import API_AREAS
from servicefirst.accounts.services import api_token_create
from servicefirst.api import api
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


def bearer(key: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_a_token_reads_and_writes_only_the_areas_it_was_given(staff):
    customer = make_customer(staff[Role.OFFICER], first_name="Amara", last_name="Okafor")
    _, key = api_token_create(user=staff[Role.OFFICER], name="Telephony", scopes=["customers:read"])
    client = bearer(key)
    assert client.get(f"/api/customers/{customer.reference}").status_code == 200
    refused = client.post("/api/customers", json.dumps({"last_name": "X"}), content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["message"] == "This token may not do this: it needs the scope customers:write"
    assert client.get("/api/catalogue/services").status_code == 403
    _, writer = api_token_create(user=staff[Role.OFFICER], name="CRM sync", scopes=["customers:write"])
    # Writing an area includes reading it.
    assert bearer(writer).get(f"/api/customers/{customer.reference}").status_code == 200


def test_a_scope_never_adds_to_what_the_role_allows(staff):
    _, key = api_token_create(user=staff[Role.COUNCILLOR], name="Member's app", scopes=["customers:write"])
    body = json.dumps({"first_name": "A", "last_name": "B"})
    assert bearer(key).post("/api/customers", body, content_type="application/json").status_code == 403


def test_an_expired_token_is_refused_and_last_use_is_recorded(staff):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        token, key = api_token_create(user=staff[Role.OFFICER], name="Kiosk", scopes=["catalogue:read"], days=30)
    assert token.expires_at == datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 8, 59, tzinfo=datetime.UTC), tick=False):
        assert bearer(key).get("/api/catalogue/services").status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == timezone.now()
        # Cached for a minute: the expiry holds for a cached token too.
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, 1, tzinfo=datetime.UTC), tick=False):
        expired = bearer(key).get("/api/catalogue/services")
    assert expired.status_code == 401
    assert expired.json()["status"] == 401


def test_open311_needs_the_open311_scope(staff):
    _, key = api_token_create(user=staff[Role.OFFICER], name="Not for Open311", scopes=["requests:write"])
    response = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": "1"})
    assert response.status_code == 403
    assert "open311:write" in response.json()[0]["description"]


def test_a_token_needs_a_name_a_known_scope_and_a_bounded_life(staff):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=staff[Role.OFFICER], name=" ", scopes=["customers:delete"], days=400)
    assert set(error.value.message_dict) == {"name", "scopes", "days"}
    with pytest.raises(ValidationError) as error:
        api_token_create(user=staff[Role.OFFICER], name="x", scopes=[])
    assert list(error.value.message_dict) == ["scopes"]
    assert not ApiToken.objects.exists()


def test_the_command_issues_a_scoped_expiring_token(staff):
    out = io.StringIO()
    issued = datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC)
    with time_machine.travel(issued, tick=False):
        call_command(
            "create_api_token", staff[Role.OFFICER].username, "Telephony", "--scope", "contacts:write", stdout=out
        )
    token = ApiToken.objects.get()
    assert token.scopes == ["contacts:write"]
    assert token.expires_at == issued + datetime.timedelta(days=90)
    assert "Scopes: contacts:write. Expires" in out.getvalue()
    with pytest.raises(CommandError, match="No such scope"):
        call_command("create_api_token", staff[Role.OFFICER].username, "x", "--scope", "everything", stdout=out)


def test_every_area_of_the_api_has_its_scopes():
    """A new router must be given an area, or every token is refused on it (it fails closed)."""
    prefixes = {prefix.strip("/").split("/")[0] for prefix, _ in api._routers if prefix.strip("/")}
    assert prefixes <= set(API_AREAS)
