"""What a penetration test sent the API, pages and Open311 to make them fail: control characters in text, numbers
beyond the database's integers, dates in year 1, bodies too large, a database gone away. Each is answered with a
4xx naming the field (or a 5xx the caller can act on) in the API's JSON shape, never an HTML 500."""

import json

import pytest
from django.db import OperationalError
from django.db.models.query import QuerySet
from django.test import Client
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint
from servicefirst.customers.models import Customer
from servicefirst.servicerequests.models import ServiceRequest
from tests.factories import make_customer
from tests.factories_servicerequests import MISSED_BIN_ANSWERS, make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db

TOO_BIG = 2**63
CONTROL = "Remove the control character (such as a NUL byte) from this text"


def send(client: Client, method: str, url: str, body=None):
    return getattr(client, method)(url, json.dumps(body) if body is not None else None, content_type="application/json")


def refused(response, status: int = 422) -> dict[str, str]:
    """The API's error shape, as field → message; the answer must be JSON whatever went wrong."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response.content
    body = response.json()
    assert body["status"] == status
    return {error["field"]: error["message"] for error in body["errors"]}


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def officer(api_for):
    return api_for(Role.OFFICER)


@pytest.mark.parametrize("text", ["a\x00b", "a\x07b", "a\x1bb", "a\x7fb", "a\x85b"])
def test_a_customer_with_a_control_character_is_refused_naming_the_field(officer, text):
    errors = refused(send(officer, "post", "/api/customers", {"first_name": text, "last_name": "x"}))
    assert errors == {"first_name": CONTROL}
    assert not Customer.objects.exists()


def test_tabs_and_new_lines_are_text(officer):
    created = send(officer, "post", "/api/customers", {"last_name": "Lee", "accessibility_notes": "a\tb\r\nc"})
    assert created.status_code == 201, created.content
    assert created.json()["accessibility_notes"] == "a\tb\r\nc"


def test_a_customer_update_with_a_control_character_is_refused(officer, staff):
    customer = make_customer(staff[Role.OFFICER])
    patched = send(
        officer,
        "patch",
        f"/api/customers/{customer.reference}",
        {"version": 1, "last_name": "x\x00", "accessibility_needs": ["\x00"]},
    )
    assert refused(patched) == {"last_name": CONTROL, "accessibility_needs.0": CONTROL}


def test_a_request_with_a_control_character_anywhere_is_refused(officer, bins):
    # A lone surrogate is no text a database can encode; JSON's \\u escapes can carry one into free-form answers.
    answers = MISSED_BIN_ANSWERS | {
        "address": MISSED_BIN_ANSWERS["address"] | {"line_1": "10\x00 Mare Street"},
        "bin_type": "\ud800",
    }
    body = {"council_service": bins.pk, "description": "Missed\x00", "answers": answers}
    assert refused(send(officer, "post", "/api/requests", body)) == {
        "description": CONTROL,
        "answers.address.line_1": CONTROL,
        "answers.bin_type": CONTROL,
    }
    assert not ServiceRequest.objects.exists()


def test_a_status_note_with_a_control_character_is_refused(api_for, bins):
    service_request = make_service_request(council_service=bins, answers=MISSED_BIN_ANSWERS)
    body = {"status": "in_progress", "version": service_request.version, "note": "On\x00it"}
    response = send(
        api_for(Role.CLIENT_SERVICE_OFFICER), "post", f"/api/requests/{service_request.reference}/status", body
    )
    assert refused(response) == {"note": CONTROL}


def test_a_complaint_with_a_control_character_is_refused(officer):
    assert refused(send(officer, "post", "/api/complaints", {"summary": "Rude\x00"})) == {"summary": CONTROL}
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/customers?q=smi%00th", "q"),
        ("/api/catalogue/services?q=bin%00", "q"),
        ("/api/catalogue/lgsl?q=bin%00", "q"),
        ("/api/requests/queue?status=%00", "status"),
        ("/api/complaints?procedure=%00", "procedure"),
    ],
)
def test_searches_with_a_control_character_are_refused(api_for, url, field):
    assert refused(api_for(Role.HEAD_OF_SERVICE).get(url)) == {field: CONTROL}


@pytest.mark.parametrize(
    "url", ["/api/customers/C-0%0000001", "/api/requests/SR-2026-%00", "/api/complaints/CMP-%00", "/api/contacts/1%00"]
)
def test_a_reference_in_the_address_with_a_control_character_is_refused(api_for, url):
    response = api_for(Role.HEAD_OF_SERVICE).get(url)
    assert response.status_code in (404, 422), response.content
    assert response.json()["status"] == response.status_code


@pytest.mark.parametrize("url", ["/api/nothing-here", "/api/customers/", "/api/%00"])
def test_an_address_under_the_api_that_names_nothing_is_a_404_in_its_shape(officer, url):
    assert list(refused(officer.get(url), 404)) == [None]


@pytest.mark.parametrize("url", ["/api/requests/queue", "/api/complaints"])
def test_an_offset_beyond_any_list_is_refused(api_for, url):
    errors = refused(api_for(Role.HEAD_OF_SERVICE).get(url, {"offset": str(TOO_BIG)}))
    assert list(errors) == ["offset"]


def test_ids_beyond_the_database_integers_are_refused_naming_the_field(officer, bins):
    body = {"council_service": TOO_BIG, "description": "Missed", "contact": -TOO_BIG - 1}
    errors = refused(send(officer, "post", "/api/requests", body))
    assert set(errors) == {"council_service", "contact"}
    assert "9223372036854775807" in errors["council_service"]
    assert list(refused(officer.get(f"/api/contacts/{TOO_BIG}"))) == ["contact_id"]
    complaint = {"summary": "Late", "council_service": TOO_BIG, "theme": TOO_BIG}
    assert set(refused(send(officer, "post", "/api/complaints", complaint))) == {"council_service", "theme"}


@pytest.mark.parametrize("received_at", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00", "9999-12-31T23:59:59-01:00"])
def test_a_request_received_at_the_ends_of_the_calendar_is_refused(officer, bins, received_at):
    body = {"council_service": bins.pk, "description": "Missed", "answers": MISSED_BIN_ANSWERS}
    assert list(refused(send(officer, "post", "/api/requests", body | {"received_at": received_at}))) == ["received_at"]


MOMENT = "Give a date and time in ISO 8601, for example 2026-11-28T09:30:00Z"


@pytest.mark.parametrize("moment", [0, 1764322200, "1764322200", 1764322200.5, "2026-11-28", "28/11/2026 09:30"])
def test_a_moment_not_written_in_iso_8601_is_refused_naming_the_field(officer, staff, bins, moment):
    # A number would otherwise be read as seconds since 1970: 0 is midnight on 1 January 1970.
    customer = make_customer(staff[Role.OFFICER])
    request = {"council_service": bins.pk, "description": "Missed", "answers": MISSED_BIN_ANSWERS}
    complaint = {"summary": "Late", "customer": customer.reference}
    contact = {"channel": "telephone", "outcome": "resolved", "ended_at": "2026-11-28T09:40:00Z"}
    for url, body, field in [
        ("/api/requests", request, "received_at"),
        ("/api/complaints", complaint, "received_at"),
        ("/api/contacts", contact, "started_at"),
    ]:
        errors = refused(send(officer, "post", url, body | {field: moment}))
        assert errors.get(field) == MOMENT, (url, errors)
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("received_at", ["0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z"])
def test_a_complaint_received_before_2000_is_refused(officer, staff, received_at):
    body = {"summary": "Late", "customer": make_customer(staff[Role.OFFICER]).reference, "received_at": received_at}
    errors = refused(send(officer, "post", "/api/complaints", body))
    assert list(errors) == ["received_at"]
    assert not Complaint.objects.exists()


def test_a_complaint_received_in_1999_is_refused_by_the_rule(officer, staff):
    customer = make_customer(staff[Role.OFFICER])
    body = {"summary": "Late", "customer": customer.reference, "received_at": "1999-12-31T12:00:00Z"}
    errors = refused(send(officer, "post", "/api/complaints", body))
    assert errors == {"received_at": "The date received must be on or after 1 January 2000"}


def test_an_oversized_body_is_a_413_in_the_api_shape(officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = send(officer, "post", "/api/customers", {"last_name": "x", "accessibility_notes": "y" * 2000})
    assert list(refused(response, 413)) == [None]
    assert not Customer.objects.exists()


def test_an_unexpected_failure_is_a_500_in_the_api_shape_without_detail(officer, monkeypatch, caplog):
    def broken(self):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(QuerySet, "count", broken)
    response = officer.get("/api/catalogue/services")
    errors = refused(response, 500)
    assert list(errors) == [None]
    assert "secret" not in response.content.decode()
    assert any(record.exc_info and "secret internals" in str(record.exc_info[1]) for record in caplog.records)


def test_a_dropped_database_connection_is_a_503_to_retry(officer, monkeypatch):
    def dropped(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(QuerySet, "count", dropped)
    response = officer.get("/api/catalogue/services")
    assert list(refused(response, 503)) == [None]
    assert int(response["Retry-After"]) > 0
    assert "server closed" not in response.content.decode()


def test_a_page_with_a_control_character_shows_the_error_summary_and_keeps_the_text(officer_client):
    typed = {"kind": "person", "first_name": "Am\x00ara", "last_name": "Okafor"}
    response = officer_client.post(reverse("customers:create"), typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "First name must not contain control characters, such as a NUL byte" in page
    assert 'href="#id_first_name"' in page
    assert 'value="Am\x00ara"' in page
    assert 'value="Okafor"' in page
    assert not Customer.objects.exists()


def test_a_resident_tracking_with_a_control_character_is_told_on_the_field(client):
    response = client.post(reverse("portal:track"), {"reference": "SR-2026-\x1b000001", "email": "a@example.com"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Reference must not contain control characters, such as a NUL byte" in page
    assert 'value="a@example.com"' in page


def test_a_resident_search_with_a_control_character_finds_nothing_and_does_not_fail(client, bins):
    response = client.get(reverse("portal:search"), {"q": "bin\x00"})
    assert response.status_code == 200
