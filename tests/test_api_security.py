"""The API's security review points (issue 15): the role is checked before the body is read, an update must name
the version it was based on, the OpenAPI document names each schema once, what a caller may not see is unknown to
them on the API as on the web, and Swagger UI is the project's own copy, for signed-in staff."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from servicefirst.accounts.roles import Role
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_servicerequests import make_service_request

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, url: str, body: dict):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/customers"),
        ("post", "/api/contacts"),
        ("post", "/api/requests"),
        ("post", "/api/complaints"),
        ("post", "/api/satisfaction/responses"),
    ],
)
def test_a_role_that_may_not_act_is_refused_before_its_body_is_read(api_for, staff, method, url):
    # A body missing every required field: a councillor learns only that they may not, not what it needs.
    refused = send(api_for(Role.COUNCILLOR), method, url, {"unexpected": "\u0000"})
    assert refused.status_code == 403, refused.content
    assert refused.json() == {"status": 403, "errors": [{"field": None, "message": "Your role does not allow this."}]}


def test_a_role_that_may_not_work_a_request_is_refused_before_its_body_is_read(api_for, staff, client_service):
    service_request = make_service_request(council_service=CouncilServiceFactory(client_service=client_service))
    refused = send(api_for(Role.COUNCILLOR), "post", f"/api/requests/{service_request.reference}/status", {})
    assert refused.status_code == 403


def test_an_update_must_name_the_version_it_was_based_on(api_for, staff):
    customer = make_customer(staff[Role.OFFICER], first_name="Amara", last_name="Okafor")
    url = f"/api/customers/{customer.reference}"
    missing = send(api_for(Role.OFFICER), "patch", url, {"first_name": "Amy"})
    assert missing.status_code == 422
    assert [error["field"] for error in missing.json()["errors"]] == ["version"]
    # Two clients read version 1 and both send a change: the first lands, the second is refused, nothing is lost.
    first = send(api_for(Role.OFFICER), "patch", url, {"version": 1, "first_name": "Amy"})
    second = send(api_for(Role.TEAM_MANAGER), "patch", url, {"version": 1, "last_name": "Okafor-Smith"})
    assert (first.status_code, second.status_code) == (200, 409)
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name) == ("Amy", "Okafor")


def test_each_schema_in_the_openapi_document_has_its_own_name():
    schemas = Client().get("/api/openapi.json").json()["components"]["schemas"]
    history = {
        name: schemas[name]["properties"]["history"]["items"]["$ref"]
        for name in ("RequestDetailOut", "ComplaintDetailOut")
    }
    assert history == {
        "RequestDetailOut": "#/components/schemas/RequestEventOut",
        "ComplaintDetailOut": "#/components/schemas/ComplaintEventOut",
    }
    assert "stage" in schemas["ComplaintEventOut"]["properties"]
    assert "stage" not in schemas["RequestEventOut"]["properties"]


def test_another_services_request_is_unknown_on_the_api_as_on_the_web(
    api_for, client_for, staff, client_service, other_client_service
):
    theirs = make_service_request(council_service=CouncilServiceFactory(client_service=other_client_service))
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    assert officer.client_service_id == client_service.pk
    web = client_for(officer).get(reverse("servicerequests:detail", args=[theirs.reference]))
    api = api_for(Role.CLIENT_SERVICE_OFFICER).get(f"/api/requests/{theirs.reference}")
    change = {"status": "in_progress", "version": 1}
    changed = send(api_for(Role.CLIENT_SERVICE_OFFICER), "post", f"/api/requests/{theirs.reference}/status", change)
    assert (web.status_code, api.status_code, changed.status_code) == (404, 404, 404)


def test_swagger_ui_is_the_projects_own_copy_for_signed_in_staff(client, client_for, staff):
    anonymous = client.get("/api/docs")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    page = client_for(staff[Role.OFFICER]).get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    # The document itself stays public for partners' developers.
    assert client.get("/api/openapi.json").status_code == 200


def _operations_by_path() -> dict[str, set[str]]:
    document = Client().get("/api/openapi.json").json()
    return {path: {method.upper() for method in ops} for path, ops in document["paths"].items()}


def test_a_method_an_address_does_not_take_is_answered_405_in_the_error_shape(api_for):
    client = api_for(Role.HEAD_OF_SERVICE)
    checked = 0
    for path, methods in _operations_by_path().items():
        # Any id or reference will do: the method is refused before the path's values are read.
        url = path.replace("{", "").replace("}", "")
        for method in {"GET", "POST", "PATCH", "PUT", "DELETE"} - methods:
            response = client.generic(method, url)
            assert response.status_code == 405, (method, url, response.content)
            assert response.json()["status"] == 405, (method, url)
            assert set(response["Allow"].split(", ")) == methods, (method, url)
            checked += 1
    assert checked > 40


def test_the_openapi_document_is_read_only():
    refused = Client().put("/api/openapi.json")
    assert refused.status_code == 405
    assert refused.json()["errors"][0]["message"] == "This address does not take PUT; it takes GET, HEAD"
