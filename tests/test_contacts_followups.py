"""Moving from one piece of work to the next: the single view's buttons and a saved contact's next step."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.servicerequests.models import ServiceRequest
from tests.factories import make_customer
from tests.factories_contacts import log_contact, referral_reason
from tests.factories_servicerequests import MISSED_BIN_FORM, missed_bin_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(staff):
    return make_customer(staff[Role.OFFICER], first_name="Amara", last_name="Okafor")


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


def test_the_single_view_offers_to_log_a_contact_and_raise_a_request(officer_client, customer):
    page = officer_client.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert f'href="{reverse("contacts:log")}?customer_id={customer.pk}"' in page
    assert f'href="{reverse("servicerequests:raise")}?customer={customer.pk}"' in page


def test_a_client_service_officer_is_not_offered_front_office_work(staff, client_for, customer, bins):
    log_contact(
        staff[Role.OFFICER],
        customer_id=customer.pk,
        council_service_id=bins.pk,
        outcome="referred",
        referral_reason_id=referral_reason().pk,
    )
    response = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(reverse("customers:detail", args=[customer.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Log a contact</a>" not in page
    assert "Raise a service request" not in page


def test_logging_with_a_customer_chosen_from_the_single_view_shows_their_open_items(officer_client, customer):
    page = officer_client.get(reverse("contacts:log"), {"customer_id": customer.pk}).content.decode()
    assert "Amara Okafor" in page


def test_a_contact_that_raised_a_request_leads_to_raising_it_for_the_same_customer(
    officer_client, staff, customer, bins
):
    contact = log_contact(
        staff[Role.OFFICER], customer_id=customer.pk, council_service_id=bins.pk, outcome="service_request_raised"
    )
    page = officer_client.get(reverse("contacts:log"), {"saved": contact.pk}).content.decode()
    link = page.split('">Raise the service request</a>')[0].rsplit('href="', 1)[1].replace("&amp;", "&")
    url = urlsplit(link)
    assert url.path == reverse("servicerequests:raise")
    assert parse_qs(url.query) == {
        "contact": [str(contact.pk)],
        "customer": [str(customer.pk)],
        "service": [str(bins.pk)],
    }

    officer_client.post(link, MISSED_BIN_FORM)
    service_request = ServiceRequest.objects.get()
    assert (service_request.contact, service_request.customer) == (contact, customer)


def test_a_resolved_contact_has_no_request_to_raise(officer_client, staff, customer, bins):
    contact = log_contact(staff[Role.OFFICER], customer_id=customer.pk, council_service_id=bins.pk)
    page = officer_client.get(reverse("contacts:log"), {"saved": contact.pk}).content.decode()
    assert "Raise the service request" not in page
