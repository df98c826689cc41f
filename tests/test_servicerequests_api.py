import json

import pytest
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.servicerequests.models import ServiceRequest
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_servicerequests import MISSED_BIN_ANSWERS, make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


def test_raise_read_and_resolve_a_missed_bin(api_for, staff, bins):
    customer = make_customer(staff[Role.OFFICER])
    created = post(
        api_for(Role.OFFICER),
        "/api/requests",
        {
            "council_service": bins.pk,
            "description": "Blue bin missed",
            "channel": "webchat",
            "customer": customer.reference.lower(),
            "answers": MISSED_BIN_ANSWERS,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    reference = body["reference"]
    assert (body["status"], body["customer"], body["channel"], body["version"]) == (
        "new",
        customer.reference,
        "webchat",
        1,
    )
    assert body["answers"]["address"]["postcode"] == "E8 1EA"
    assert body["history"][0]["kind"] == "raised"

    worker = api_for(Role.CLIENT_SERVICE_OFFICER)
    assert worker.get(f"/api/requests/{reference}").json()["due_on"] == body["due_on"]
    started = post(worker, f"/api/requests/{reference}/status", {"status": "in_progress", "version": 1})
    assert started.status_code == 200, started.content
    assert started.json()["version"] == 2
    stale = post(worker, f"/api/requests/{reference}/status", {"status": "resolved", "version": 1, "note": "Done"})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["errors"][0]["message"]
    resolved = post(worker, f"/api/requests/{reference}/status", {"status": "resolved", "version": 2, "note": "Done"})
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["resolved_at"] is not None


def test_wrong_answers_are_named_in_the_422(api_for, bins):
    response = post(
        api_for(Role.OFFICER),
        "/api/requests",
        {
            "council_service": bins.pk,
            "description": "",
            "answers": MISSED_BIN_ANSWERS | {"bin_type": "Purple", "address": {"line_1": "1 High St"}},
        },
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"description", "answers.bin_type", "answers.address.town", "answers.address.postcode"}
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"customer": "nobody"}, "customer"),
        ({"customer": "C-999999"}, "customer"),
        ({"council_service": 999_999}, "council_service"),
        ({"priority": 7}, "priority"),
        ({"contact": 999_999}, "contact"),
        ({"received_at": "2099-01-01T09:00:00Z"}, "received_at"),
    ],
)
def test_bad_fields_get_a_422_naming_them(api_for, client_service, body, field):
    service = CouncilServiceFactory(client_service=client_service)
    response = post(api_for(Role.OFFICER), "/api/requests", {"council_service": service.pk, "description": "x"} | body)
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}


def test_a_refused_transition_is_a_422_on_status(api_for, staff, client_service):
    service_request = make_service_request(council_service=CouncilServiceFactory(client_service=client_service))
    response = post(
        api_for(Role.TEAM_MANAGER),
        f"/api/requests/{service_request.reference}/status",
        {"status": "closed", "version": 1},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"


def test_who_may_do_what(api_for, client_service, other_client_service):
    ours = make_service_request(council_service=CouncilServiceFactory(client_service=client_service))
    theirs = make_service_request(council_service=CouncilServiceFactory(client_service=other_client_service))
    raise_body = {"council_service": ours.council_service_id, "description": "x"}
    assert post(api_for(Role.CLIENT_SERVICE_OFFICER), "/api/requests", raise_body).status_code == 403
    assert post(api_for(Role.COUNCILLOR), "/api/requests", raise_body).status_code == 403
    assert api_for(Role.COUNCILLOR).get(f"/api/requests/{ours.reference}").status_code == 403
    worker = api_for(Role.CLIENT_SERVICE_OFFICER)
    assert worker.get(f"/api/requests/{ours.reference}").status_code == 200
    # As on the web: another service's request is unknown to them.
    assert worker.get(f"/api/requests/{theirs.reference}").status_code == 404
    front_office = api_for(Role.OFFICER)
    assert front_office.get(f"/api/requests/{theirs.reference}").status_code == 200
    change = {"status": "in_progress", "version": 1}
    assert post(front_office, f"/api/requests/{ours.reference}/status", change).status_code == 403
    assert post(worker, f"/api/requests/{theirs.reference}/status", change).status_code == 404
    assert api_for(Role.OFFICER).get("/api/requests/SR-2026-999999").status_code == 404


def test_queue_lists_soonest_due_first_and_a_client_service_officer_only_their_own(
    api_for, client_service, other_client_service
):
    slow = CouncilServiceFactory(client_service=client_service, sla_working_days=20)
    fast = CouncilServiceFactory(client_service=client_service, sla_working_days=1)
    later, sooner = make_service_request(council_service=slow), make_service_request(council_service=fast)
    theirs = make_service_request(council_service=CouncilServiceFactory(client_service=other_client_service))

    worker = api_for(Role.CLIENT_SERVICE_OFFICER)
    queue = worker.get("/api/requests/queue").json()
    assert queue["count"] == 2
    assert [r["reference"] for r in queue["results"]] == [sooner.reference, later.reference]
    assert worker.get("/api/requests/queue", {"client_service": other_client_service.pk}).status_code == 403

    manager = api_for(Role.TEAM_MANAGER)
    everything = manager.get("/api/requests/queue").json()
    assert everything["count"] == 3
    paged = manager.get("/api/requests/queue", {"client_service": client_service.pk, "limit": 1, "offset": 1}).json()
    assert (paged["count"], [r["reference"] for r in paged["results"]]) == (2, [later.reference])
    parking = manager.get("/api/requests/queue", {"client_service": other_client_service.pk}).json()
    assert [r["reference"] for r in parking["results"]] == [theirs.reference]
    assert manager.get("/api/requests/queue", {"status": "resolved"}).json()["count"] == 0
    assert manager.get("/api/requests/queue", {"status": "bogus"}).status_code == 422
    assert manager.get("/api/requests/queue", {"limit": 100_000}).status_code == 422
    assert api_for(Role.OFFICER).get("/api/requests/queue").status_code == 403


def test_the_openapi_document_describes_the_requests_api():
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert {
        "/api/requests",
        "/api/requests/queue",
        "/api/requests/{reference}",
        "/api/requests/{reference}/status",
    } <= set(paths)


def test_blank_queue_filters_mean_no_filter(api_for, client_service):
    make_service_request(council_service=CouncilServiceFactory(client_service=client_service))
    response = api_for(Role.TEAM_MANAGER).get("/api/requests/queue?client_service=&status=&limit=10&offset=0")
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 1
