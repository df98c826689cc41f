"""/api/complaints: recording, the caseload, reading and changes, with the same rules and field errors as the pages."""

import json

import pytest
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint, Procedure
from tests.factories import make_customer
from tests.factories_complaints import make_complaint

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def fields(response) -> set:
    return {error["field"] for error in response.json()["errors"]}


def test_record_read_acknowledge_and_respond(api_for, staff):
    customer = make_customer(staff[Role.OFFICER])
    created = post(
        api_for(Role.OFFICER),
        "/api/complaints",
        {"summary": "Rude at the desk", "channel": "face_to_face", "customer": customer.reference.lower()},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    reference = body["reference"]
    assert reference.startswith("CMP-")
    assert (body["status"], body["customer"], body["current_stage"], body["procedure"]) == (
        "received",
        customer.reference,
        1,
        "corporate",
    )
    assert body["stages"][0]["acknowledge_due"] == body["due_on"]

    handler = api_for(Role.COMPLAINTS_OFFICER)
    assert handler.get(f"/api/complaints/{reference}").json()["version"] == 1
    acknowledged = post(handler, f"/api/complaints/{reference}/acknowledge", {"version": 1})
    assert acknowledged.status_code == 200 and acknowledged.json()["status"] == "investigating"
    stale = post(handler, f"/api/complaints/{reference}/acknowledge", {"version": 1})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["errors"][0]["message"]
    no_outcome = post(handler, f"/api/complaints/{reference}/respond", {"version": 2, "outcome": "", "response": "x"})
    assert no_outcome.status_code == 422 and fields(no_outcome) == {"outcome"}
    responded = post(
        handler,
        f"/api/complaints/{reference}/respond",
        {
            "version": 2,
            "outcome": "upheld",
            "response": "Sorry",
            "remedies": [{"kind": "apology"}],
            "learning_actions": [
                {"action": "Customer care refresher", "owner": "Desk manager", "due_on": "2099-01-01"}
            ],
        },
    )
    assert responded.status_code == 200, responded.content
    assert (responded.json()["status"], responded.json()["outcome"]) == ("responded", "upheld")
    assert responded.json()["learning_actions"][0]["owner"] == "Desk manager"


def test_field_errors_are_4xx_json(api_for, staff):
    client = api_for(Role.OFFICER)
    no_customer = post(client, "/api/complaints", {"summary": "No one to answer"})
    assert no_customer.status_code == 422 and fields(no_customer) == {"customer"}
    bad_reference = post(client, "/api/complaints", {"summary": "x", "customer": "12"})
    assert bad_reference.status_code == 422 and fields(bad_reference) == {"customer"}
    bad_kind = post(client, "/api/complaints", {"summary": "x", "kind": "moan"})
    assert bad_kind.status_code == 422 and fields(bad_kind) == {"kind"}
    too_long = post(client, "/api/complaints", {"summary": "x" * 201, "kind": "comment"})
    assert too_long.status_code == 422 and fields(too_long) == {"summary"}
    assert not Complaint.objects.exists()
    handler = api_for(Role.COMPLAINTS_OFFICER)
    assert handler.get("/api/complaints", {"procedure": "secret"}).status_code == 422


def test_who_may_use_it(api_for, staff):
    complaint = make_complaint()
    assert post(api_for(Role.COUNCILLOR), "/api/complaints", {"summary": "x", "kind": "comment"}).status_code == 403
    assert api_for(Role.OFFICER).get("/api/complaints").status_code == 403
    assert api_for(Role.OFFICER).get(f"/api/complaints/{complaint.reference}").status_code == 403
    assert Client().get("/api/complaints").status_code == 401
    assert api_for(Role.COMPLAINTS_OFFICER).get("/api/complaints/CMP-2026-999999").status_code == 404


def test_statutory_complaints_are_unknown_outside_their_team(api_for, staff):
    corporate = make_complaint()
    adults = make_complaint(procedure=Procedure.ADULTS)
    handler = api_for(Role.COMPLAINTS_OFFICER)
    assert handler.get(f"/api/complaints/{adults.reference}").status_code == 404
    listed = handler.get("/api/complaints").json()
    assert [row["reference"] for row in listed["results"]] == [corporate.reference]
    head = api_for(Role.HEAD_OF_SERVICE)
    assert head.get(f"/api/complaints/{adults.reference}").status_code == 200
    assert head.get("/api/complaints", {"procedure": "adults_statutory"}).json()["count"] == 1
