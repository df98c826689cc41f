"""The SLA clock starts when the council received the contact, whichever way the request is raised.

The case from the rules check: an email received on Saturday 28 November 2026, for a service with an SLA of 10
working days, raised on Friday 4 December. Counted from the Saturday it is due Friday 11 December (Mon 30 Nov to
Fri 4 Dec, then Mon 7 to Fri 11 Dec); counted from the Friday it was raised it would be due 18 December.
"""

import datetime
import json
import re
import zoneinfo
from email.utils import format_datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import api_token_create
from servicefirst.inbound.models import InboundEmail
from servicefirst.inbound.services import mailbox_poll
from servicefirst.portal.services_requests import AboutYou, portal_request_submit
from servicefirst.servicerequests.models import ServiceRequest
from servicefirst.servicerequests.selectors import question_list
from tests.factories import make_customer
from tests.factories_complaints import make_complaint
from tests.factories_contacts import log_contact
from tests.factories_inbound import deliver, email_mailbox, email_message
from tests.factories_open311 import BIN_FORM
from tests.factories_servicerequests import MISSED_BIN_ANSWERS, MISSED_BIN_FORM, missed_bin_service

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
EMAIL_RECEIVED = datetime.datetime(2026, 11, 28, 10, 15, tzinfo=LONDON)
RAISED = datetime.datetime(2026, 12, 4, 11, 0, tzinfo=LONDON)
DUE_FROM_RECEIPT = datetime.date(2026, 12, 11)
DUE_FROM_RAISING = datetime.date(2026, 12, 18)


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service, sla_working_days=10)


@pytest.fixture
def customer(staff):
    return make_customer(staff[Role.OFFICER], first_name="Jane", last_name="Doe", email="jane.doe@example.org")


@pytest.fixture
def email_contact(staff, bins, customer):
    with time_machine.travel(EMAIL_RECEIVED + datetime.timedelta(minutes=20), tick=False):
        return log_contact(
            staff[Role.OFFICER],
            channel="email",
            customer_id=customer.pk,
            council_service_id=bins.pk,
            outcome="service_request_raised",
            started_at=EMAIL_RECEIVED,
            ended_at=EMAIL_RECEIVED,
        )


def _raise_url(bins, customer, contact=None) -> str:
    url = f"{reverse('servicerequests:raise')}?service={bins.pk}&customer={customer.pk}"
    return url + (f"&contact={contact.pk}" if contact else "")


def _shown(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}"[^>]* value="([^"]*)"', page)
    return found[1] if found else None


def _date(prefix: str, day: datetime.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


@time_machine.travel(RAISED, tick=False)
def test_the_page_counts_from_the_contact_it_is_raised_from(officer_client, bins, customer, email_contact):
    url = _raise_url(bins, customer, email_contact)
    page = officer_client.get(url).content.decode()
    assert "came in on 28 November 2026" in page
    assert _shown(page, "received_on_day") == "28"
    # The officer leaves the date as shown: the contact's own moment is kept, not 9am on its day.
    response = officer_client.post(url, MISSED_BIN_FORM | _date("received_on", EMAIL_RECEIVED.date()), follow=True)
    service_request = ServiceRequest.objects.get()
    assert service_request.received_at == EMAIL_RECEIVED
    assert service_request.due_on == DUE_FROM_RECEIPT
    assert "due by 11 December 2026" in response.content.decode()


@time_machine.travel(RAISED, tick=False)
def test_the_page_counts_from_the_contact_when_the_date_is_left_blank(officer_client, bins, customer, email_contact):
    officer_client.post(_raise_url(bins, customer, email_contact), MISSED_BIN_FORM)
    assert ServiceRequest.objects.get().due_on == DUE_FROM_RECEIPT


@time_machine.travel(RAISED, tick=False)
def test_a_letter_from_a_backlog_takes_the_date_received(officer_client, bins, customer):
    officer_client.post(_raise_url(bins, customer), MISSED_BIN_FORM | _date("received_on", EMAIL_RECEIVED.date()))
    service_request = ServiceRequest.objects.get()
    assert service_request.due_on == DUE_FROM_RECEIPT
    assert service_request.received_at == datetime.datetime(2026, 11, 28, 9, 0, tzinfo=LONDON)


@time_machine.travel(RAISED, tick=False)
def test_without_a_contact_or_a_date_the_request_counts_from_now(officer_client, bins, customer):
    officer_client.post(_raise_url(bins, customer), MISSED_BIN_FORM)
    assert ServiceRequest.objects.get().due_on == DUE_FROM_RAISING


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(2026, 12, 5), "The date received must be today or in the past"),
        (datetime.date(1999, 12, 31), "The date received must be on or after 1 January 2000"),
        (datetime.date(1, 1, 1), "must include a year with 4 numbers"),
        (datetime.date(2026, 11, 30), "must be on or before 28 November 2026, the day of the contact"),
    ],
)
@time_machine.travel(RAISED, tick=False)
def test_a_date_received_that_cannot_be_is_refused_and_what_was_typed_kept(
    officer_client, bins, customer, email_contact, day, message
):
    response = officer_client.post(
        _raise_url(bins, customer, email_contact), MISSED_BIN_FORM | _date("received_on", day)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page
    assert _shown(page, "received_on_year") == str(day.year) and "Blue bin missed on Friday" in page
    assert not ServiceRequest.objects.exists()


@time_machine.travel(RAISED, tick=False)
def test_the_api_counts_from_the_contact_it_is_raised_from(api_for, bins, customer, email_contact):
    body = {
        "council_service": bins.pk,
        "description": "Blue bin missed",
        "customer": customer.reference,
        "contact": email_contact.pk,
        "answers": MISSED_BIN_ANSWERS,
    }
    response = api_for(Role.OFFICER).post("/api/requests", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == DUE_FROM_RECEIPT.isoformat()
    # An explicit time is read in London, whatever its offset, and may not be after the contact's day.
    body |= {"received_at": "2026-11-28T23:30:00-05:00"}  # 04:30 on Sunday 29 November in London
    response = api_for(Role.OFFICER).post("/api/requests", json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "received_at"


def test_an_email_polled_days_later_counts_from_when_it_arrived(officer_client, bins, customer, tmp_path, settings):
    """The mailbox is read on the Friday; the email came on the Saturday before. The officer raises the request
    from the email's contact."""
    settings.INBOUND_STORAGE_DIR = tmp_path / "private"
    box, maildir = email_mailbox(tmp_path, services=[bins])
    with time_machine.travel(RAISED, tick=False):
        message = email_message(sender="jane.doe@example.org", subject="Bin missed again")
        message.replace_header("Date", format_datetime(EMAIL_RECEIVED))
        deliver(maildir, message)
        assert mailbox_poll(mailbox_id=box.pk) == 1
        contact = InboundEmail.objects.get().contact
        assert contact.started_at == EMAIL_RECEIVED
        officer_client.post(_raise_url(bins, customer, contact), MISSED_BIN_FORM)
    assert ServiceRequest.objects.get().due_on == DUE_FROM_RECEIPT


def test_a_resident_online_on_the_saturday_counts_from_the_saturday(bins):
    with time_machine.travel(EMAIL_RECEIVED, tick=False):
        service_request = portal_request_submit(
            service=bins,
            questions=question_list(council_service_id=bins.pk),
            answers=MISSED_BIN_ANSWERS,
            about=AboutYou(first_name="Jane", last_name="Doe", email="jane.doe@example.org"),
        )
    assert service_request.due_on == DUE_FROM_RECEIPT


def test_a_partner_app_on_the_saturday_counts_from_the_saturday(staff, bins):
    key = api_token_create(user=staff[Role.OFFICER], name="fixmystreet", scopes=["open311:write"])[1]
    with time_machine.travel(EMAIL_RECEIVED, tick=False):
        response = Client().post("/open311/v2/requests.json", {"api_key": key, **BIN_FORM})
    assert response.status_code == 201, response.content
    assert ServiceRequest.objects.get().due_on == DUE_FROM_RECEIPT


def test_a_complaint_taken_on_the_emailed_contact_counts_from_the_saturday(staff, email_contact, customer):
    with time_machine.travel(RAISED, tick=False):
        complaint = make_complaint(actor=staff[Role.OFFICER], customer=customer, contact=email_contact.pk)
    assert complaint.received_at == EMAIL_RECEIVED
    # Acknowledge within 5 working days of Saturday 28 November: Mon 30 Nov to Fri 4 Dec (not 11 December).
    assert complaint.due_on == datetime.date(2026, 12, 4)
