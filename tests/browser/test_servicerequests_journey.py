"""Raising, working and assigning requests in a real browser, with axe-core checking every page."""

import pytest
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.servicerequests.models import ServiceRequest
from tests.browser.conftest import assert_accessible
from tests.factories import ClientServiceFactory, UserFactory, make_customer
from tests.factories_servicerequests import missed_bin_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_raise_a_missed_bin_then_work_it_from_the_queue(page, sign_in):
    waste = ClientServiceFactory(name="Waste and recycling", code="waste")
    service = missed_bin_service(client_service=waste)
    officer = UserFactory(username="aisha", role=Role.OFFICER)
    waste_officer = UserFactory(
        username="wasteofficer",
        first_name="Wes",
        last_name="Tate",
        role=Role.CLIENT_SERVICE_OFFICER,
        client_service=waste,
    )
    customer = make_customer(officer, first_name="Amara", last_name="Okafor")

    sign_in(officer)
    page.goto(f"/staff/requests/new/?service={service.pk}&customer={customer.pk}")
    expect(page.get_by_role("heading", name="Raise a request: Missed bin collection")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Address: line 1").fill("10 Mare Street")
    page.get_by_label("Address: town or city").fill("London")
    page.get_by_label("Address: postcode").fill("E8")
    page.get_by_label("Recycling (blue)").check()
    page.get_by_role("button", name="Raise request").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Address: postcode").fill("E8 1EA")
    collection = page.get_by_role("group", name="When should it have been")
    collection.get_by_label("Day").fill("20")
    collection.get_by_label("Month").fill("11")
    collection.get_by_label("Year").fill("2026")
    page.get_by_label("What does the customer need?").fill("Blue bin missed on Friday")
    page.get_by_role("button", name="Raise request").click()
    service_request = ServiceRequest.objects.get()
    expect(page.get_by_text(f"Service request {service_request.reference} raised")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(waste_officer)
    page.goto("/staff/requests/queue/")
    expect(page.get_by_role("link", name=service_request.reference)).to_be_visible()
    assert_accessible(page)
    page.get_by_label(f"Select {service_request.reference}").check()
    page.get_by_label("Assign the selected requests to").select_option(label="Wes Tate")
    page.get_by_role("button", name="Assign selected requests").click()
    expect(page.get_by_text("1 request assigned to Wes Tate")).to_be_visible()

    page.get_by_role("link", name=service_request.reference).click()
    assert_accessible(page)
    page.get_by_label("New status").select_option(label="Resolved")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Note (optional)").first.fill("Collected on Saturday")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Status changed to resolved", exact=True)).to_be_visible()
    assert ServiceRequest.objects.get().status == "resolved"
