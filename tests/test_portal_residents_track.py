"""Tracking a request on the public site: only the reference plus the email or postcode given shows anything,
and every mismatch looks the same, so nobody can learn which references exist."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.servicerequests.models import RequestStatus, ServiceRequestEvent
from servicefirst.servicerequests.services import service_request_note_add, service_request_status_update
from tests.factories import UserFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_servicerequests import MISSED_BIN_ANSWERS, make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
# Each answer's Content-Security-Policy nonce is new, like its CSRF token.
NONCE = re.compile(rb'nonce="[^"]+"')


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.OFFICER)


@pytest.fixture
def service_request(officer):
    customer = make_customer(
        officer,
        email="Mary.Jones@example.com",
        address_line_1="10 Mare Street",
        town="London",
        postcode="E8 1EA",
    )
    return make_service_request(actor=officer, customer=customer.pk)


def track(client: Client, **data):
    return client.post(reverse("portal:track"), {"reference": "", "email": "", "postcode": "", **data})


def test_the_form_asks_for_the_reference_and_an_email_or_postcode():
    response = Client().get(reverse("portal:track"))
    assert response.status_code == 200
    assert b"Track a request or complaint" in response.content
    assert b'name="website"' in response.content


def test_the_right_email_in_any_case_shows_the_status_and_due_date(service_request):
    response = track(Client(), reference=service_request.reference.lower(), email="  MARY.jones@EXAMPLE.com ")
    assert response.status_code == 200
    page = response.content.decode()
    assert service_request.reference in page
    assert "New" in page
    assert "What happens next" in page
    assert service_request.due_on.strftime("%-d %B %Y") in page


@pytest.mark.parametrize("postcode", ["E8 1EA", "e81ea", " e8  1ea "])
def test_the_right_postcode_with_any_case_or_spacing_shows_the_request(service_request, postcode):
    response = track(Client(), reference=service_request.reference, postcode=postcode)
    assert service_request.reference in response.content.decode()
    assert "What happens next" in response.content.decode()


def test_the_postcode_typed_into_the_requests_address_question_also_proves_it(officer):
    customer = make_customer(officer, email="sam@example.com")
    service_request = make_service_request(
        actor=officer, customer=customer.pk, council_service=missed_bin_service(), answers=MISSED_BIN_ANSWERS
    )
    response = track(Client(), reference=service_request.reference, postcode="E81EA")
    assert "What happens next" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "someone.else@example.com"},
        {"postcode": "N1 9GU"},
    ],
)
def test_a_wrong_email_or_postcode_shows_nothing(service_request, data):
    response = track(Client(), reference=service_request.reference, **data)
    assert response.status_code == 200
    assert "What happens next" not in response.content.decode()
    assert "We could not find a request or complaint" in response.content.decode()


def test_a_request_without_a_customer_cannot_be_tracked_by_anyone(officer):
    service_request = make_service_request(actor=officer)
    response = track(Client(), reference=service_request.reference, email="")
    assert "What happens next" not in response.content.decode()
    response = track(Client(), reference=service_request.reference, postcode="E8 1EA")
    assert "What happens next" not in response.content.decode()


def _without_csrf(content: bytes) -> bytes:
    return NONCE.sub(b"", CSRF.sub(b"", content))


def test_unknown_reference_and_wrong_email_get_byte_identical_answers(service_request):
    unknown = "SR-2026-999999"
    assert len(unknown) == len(service_request.reference)
    wrong_email = track(Client(), reference=service_request.reference, email="wrong@example.com")
    no_such = track(Client(), reference=unknown, email="wrong@example.com")
    wrong_postcode = track(Client(), reference=service_request.reference, postcode="N1 9GU")
    no_such_postcode = track(Client(), reference=unknown, postcode="N1 9GU")
    assert wrong_email.status_code == no_such.status_code == 200
    # The reference typed is kept in the box (nothing typed is lost); apart from it and the CSRF token, the
    # answers are the same bytes.
    assert _without_csrf(wrong_email.content).replace(service_request.reference.encode(), b"REF") == _without_csrf(
        no_such.content
    ).replace(unknown.encode(), b"REF")
    assert _without_csrf(wrong_postcode.content).replace(service_request.reference.encode(), b"REF") == _without_csrf(
        no_such_postcode.content
    ).replace(unknown.encode(), b"REF")
    assert [t.name for t in wrong_email.templates] == [t.name for t in no_such.templates]


def test_unknown_reference_and_wrong_email_run_the_same_queries(service_request):
    # No shortcut for an unknown reference: the same lookups run, so the time taken does not tell either.
    client = Client()
    client.get(reverse("portal:track"))
    with CaptureQueriesContext(connection) as known:
        track(client, reference=service_request.reference, email="wrong@example.com")
    with CaptureQueriesContext(connection) as unknown:
        track(client, reference="SR-2026-999999", email="wrong@example.com")
    assert len(known.captured_queries) == len(unknown.captured_queries) > 0


def test_internal_notes_never_appear_but_customer_updates_do(service_request, officer):
    service_request_note_add(
        actor=officer, request_id=service_request.pk, note="Resident is rude on the phone, watch out"
    )
    service_request_note_add(
        actor=officer,
        request_id=service_request.pk,
        note="Crew will return on Friday",
        visibility=ServiceRequestEvent.Visibility.PUBLIC,
    )
    service_request_status_update(
        actor=UserFactory(role=Role.TEAM_MANAGER), request_id=service_request.pk, status=RequestStatus.IN_PROGRESS
    )
    page = track(Client(), reference=service_request.reference, email="mary.jones@example.com").content.decode()
    assert "Crew will return on Friday" in page
    assert "rude" not in page
    assert "In progress" in page
    assert "An officer is working on your request" in page


def test_seeing_a_request_is_audited(service_request):
    track(Client(), reference=service_request.reference, email="mary.jones@example.com")
    event = AuditEvent.objects.get(record_type="service_request", record_id=service_request.pk, action="viewed")
    assert event.via == "portal"


def test_a_complaint_can_be_tracked_with_its_reference_and_email(officer):
    customer = make_customer(officer, email="ola@example.com")
    complaint = make_complaint(actor=officer, customer=customer)
    page = track(Client(), reference=complaint.reference, email="ola@example.com").content.decode()
    assert complaint.reference in page
    assert "Awaiting acknowledgement" in page
    page = track(Client(), reference=complaint.reference, email="other@example.com").content.decode()
    assert "Awaiting acknowledgement" not in page


def test_a_filled_honeypot_shows_nothing_even_with_the_right_email(service_request):
    response = track(
        Client(), reference=service_request.reference, email="mary.jones@example.com", website="http://spam"
    )
    assert "What happens next" not in response.content.decode()
    assert "There is a problem with this form" in response.content.decode()


def test_missing_email_and_postcode_is_a_field_error_that_keeps_the_reference(service_request):
    response = track(Client(), reference="SR-2026-000123")
    page = response.content.decode()
    assert "Enter the email address or the postcode you gave us" in page
    assert 'value="SR-2026-000123"' in page
    assert "govuk-error-summary" in page


def test_a_sixth_wrong_try_at_one_reference_is_refused_with_429_even_with_the_right_email(service_request):
    client = Client()
    for _ in range(5):
        assert track(client, reference=service_request.reference, email="x@example.com").status_code == 200
    refused = track(client, reference=service_request.reference, email="mary.jones@example.com")
    assert refused.status_code == 429
    assert "What happens next" not in refused.content.decode()
    assert not AuditEvent.objects.filter(record_type="service_request", action="viewed").exists()


def test_the_wrong_tries_at_one_reference_are_forgotten_after_15_minutes(service_request):
    client = Client()
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC), tick=False):
        for _ in range(5):
            track(client, reference=service_request.reference, email="x@example.com")
        assert track(client, reference=service_request.reference, email="mary.jones@example.com").status_code == 429
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, 16, tzinfo=datetime.UTC), tick=False):
        assert track(client, reference=service_request.reference, email="mary.jones@example.com").status_code == 200


def test_residents_sharing_one_address_do_not_use_up_each_others_tries(service_request, officer):
    """A library's public computers: many residents, one address. Finding a request, or sending the form
    half-filled, uses up nothing; a wrong email on one reference does not hold back another."""
    library = Client()
    for _ in range(20):
        assert (
            "What happens next"
            in track(library, reference=service_request.reference, email="mary.jones@example.com").content.decode()
        )
        assert track(library, reference="").status_code == 200
    for _ in range(5):
        track(library, reference="SR-2026-999999", email="x@example.com")
    assert track(library, reference="SR-2026-999999", email="x@example.com").status_code == 429
    found = track(library, reference=service_request.reference, email="mary.jones@example.com")
    assert found.status_code == 200 and "What happens next" in found.content.decode()


def test_trying_reference_after_reference_from_one_address_is_stopped(service_request, settings):
    settings.PORTAL_TRACK_FAILURES_PER_ADDRESS = "8/h"
    client = Client()
    for number in range(8):
        assert track(client, reference=f"SR-2026-{number:06d}", email="x@example.com").status_code == 200
    assert track(client, reference=service_request.reference, email="mary.jones@example.com").status_code == 429
    # Another address is not held back.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert track(other, reference=service_request.reference, email="mary.jones@example.com").status_code == 200
