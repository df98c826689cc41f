import json

import pytest
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import ALL_SCOPES
from servicefirst.accounts.services import api_token_create, api_token_revoke
from servicefirst.audit.models import AuditEvent
from servicefirst.customers.models import Customer
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_openapi_document_is_published():
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/api/customers" in response.json()["paths"]


def test_requests_without_a_valid_token_get_401(staff):
    assert Client().get("/api/customers", {"q": "smith"}).status_code == 401
    bad = Client(headers={"Authorization": "Bearer nope"}).get("/api/customers", {"q": "smith"})
    assert bad.status_code == 401
    assert bad.json()["errors"][0]["message"].startswith("Send a valid API token")


def test_a_revoked_token_stops_working(staff):
    token, key = api_token_create(user=staff[Role.OFFICER], name="test", scopes=ALL_SCOPES)
    api_token_revoke(token=token)
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/customers?q=x").status_code == 401


def test_create_read_update_and_search(api_for):
    api = api_for(Role.OFFICER)
    created = post(
        api,
        "/api/customers",
        {
            "first_name": "Grace",
            "last_name": "Adeyemi",
            "postcode": "n1 1aa",
            "address_line_1": "1 Upper St",
            "town": "London",
            "mobile_phone": "07911 123456",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["address"]["postcode"], body["mobile_phone"]) == ("N1 1AA", "+447911123456")
    reference = body["reference"]

    read = api.get(f"/api/customers/{reference}")
    assert read.json()["name"] == "Grace Adeyemi"
    assert AuditEvent.objects.filter(action="viewed", record_label=reference, via="api").exists()

    patched = api.patch(
        f"/api/customers/{reference}",
        json.dumps({"email": "GRACE@example.com", "version": 1}),
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert (
        patched.json()["email"],
        patched.json()["version"],
        patched.json()["town"] if "town" in patched.json() else patched.json()["address"]["town"],
    ) == ("grace@example.com", 2, "London")

    found = api.get("/api/customers", {"q": "Grays Adeyemi"}).json()
    assert [c["reference"] for c in found["results"]] == [reference]


def test_stale_version_is_a_409(api_for, staff):
    customer = make_customer(staff[Role.OFFICER])
    api = api_for(Role.OFFICER)
    api.patch(
        f"/api/customers/{customer.reference}",
        json.dumps({"first_name": "A", "version": 1}),
        content_type="application/json",
    )
    stale = api.patch(
        f"/api/customers/{customer.reference}",
        json.dumps({"first_name": "B", "version": 1}),
        content_type="application/json",
    )
    assert stale.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"last_name": "Lee", "postcode": "nonsense"}, "postcode"),
        ({"last_name": "Lee", "mobile_phone": "123"}, "mobile_phone"),
        ({"first_name": "Only"}, "last_name"),
        ({"last_name": "Lee", "date_of_birth": "31-02-2000"}, "date_of_birth"),
        ({"last_name": "Lee", "kind": "robot"}, "kind"),
        ({"last_name": "x" * 101}, "last_name"),
        ({"last_name": "Lee", "accessibility_needs": "bsl"}, "accessibility_needs"),
        ({"last_name": "Lee", "contact_consent": "perhaps"}, "contact_consent"),
    ],
)
def test_invalid_input_answers_422_naming_the_field(api_for, body, field):
    response = post(api_for(Role.OFFICER), "/api/customers", body)
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Customer.objects.exists()


@pytest.mark.parametrize("raw", ["not json", "[]", "null", '{"last_name": 5}'])
def test_malformed_bodies_are_4xx_not_500(api_for, raw):
    response = api_for(Role.OFFICER).post("/api/customers", raw, content_type="application/json")
    assert 400 <= response.status_code < 500


def test_unknown_reference_is_404(api_for):
    api = api_for(Role.OFFICER)
    assert api.get("/api/customers/C-999999").status_code == 404
    assert api.get("/api/customers/banana").status_code == 404


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLIENT_SERVICE_OFFICER])
def test_roles_without_access_to_personal_data_get_403(api_for, staff, role):
    customer = make_customer(staff[Role.OFFICER])
    api = api_for(role)
    assert api.get("/api/customers", {"q": "smith"}).status_code == 403
    assert api.get(f"/api/customers/{customer.reference}").status_code == 403
    assert post(api, "/api/customers", {"last_name": "Lee"}).status_code == 403
