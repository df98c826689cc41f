"""A resident makes a complaint, tracks a request and leaves a compliment without JavaScript; every public page on
the way, error states included, is checked with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint, FeedbackKind
from servicefirst.servicerequests.models import ServiceRequestEvent
from servicefirst.servicerequests.services import service_request_note_add
from tests.browser.conftest import assert_accessible
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_complaints import complaint_defaults_load
from tests.factories_servicerequests import make_service_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_a_complaint(page: Page) -> None:
    page.goto("/complaint/")
    expect(page.get_by_role("heading", name="Which service is your complaint about?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Which service is it about?").select_option(label="Missed bin collection")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="What happened?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("In one sentence, what is it about?").fill("Bin missed three weeks running")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("In one sentence, what is it about?")).to_have_value("Bin missed three weeks running")
    assert_accessible(page)
    page.get_by_label("What happened?").fill("Nobody emptied the recycling on 2, 9 and 16 November.")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Your details")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Mary")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Mary")
    assert_accessible(page)
    page.get_by_label("Last name").fill("Jones")
    page.get_by_label("Email address").fill("mary@example.com")
    page.get_by_label("Postcode").fill("e8 1ea")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check your answers before sending your complaint")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send complaint").click()
    expect(page.get_by_role("heading", name="Complaint received")).to_be_visible()
    assert_accessible(page)


def test_a_resident_makes_a_complaint_and_then_tracks_it(page: Page):
    complaint_defaults_load()
    CouncilServiceFactory(name="Missed bin collection")
    make_a_complaint(page)
    complaint = Complaint.objects.get()
    assert complaint.kind == FeedbackKind.COMPLAINT
    expect(page.get_by_text(complaint.reference)).to_be_visible()

    page.get_by_role("link", name="track your complaint").click()
    page.get_by_label("Reference").fill(complaint.reference)
    page.get_by_label("Email address").fill("mary@example.com")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Awaiting acknowledgement")).to_be_visible()
    assert_accessible(page)


def test_a_resident_tracks_a_request_and_sees_only_customer_updates(page: Page):
    officer = UserFactory(role=Role.OFFICER)
    customer = make_customer(
        officer, email="sam@example.com", address_line_1="2 Mare St", town="London", postcode="E8 1EA"
    )
    service_request = make_service_request(actor=officer, customer=customer.pk)
    service_request_note_add(actor=officer, request_id=service_request.pk, note="Internal: check the round sheet")
    service_request_note_add(
        actor=officer,
        request_id=service_request.pk,
        note="The crew will come back tomorrow",
        visibility=ServiceRequestEvent.Visibility.PUBLIC,
    )

    page.goto("/track/")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reference").fill(service_request.reference)
    page.get_by_label("Email address").fill("wrong@example.com")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("We could not find a request or complaint")).to_be_visible()
    expect(page.get_by_label("Reference")).to_have_value(service_request.reference)
    assert_accessible(page)

    page.get_by_label("Email address").fill("")
    page.get_by_label("Or postcode").fill("e81ea")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    expect(page.get_by_text("The crew will come back tomorrow")).to_be_visible()
    expect(page.get_by_text("Internal: check the round sheet")).to_have_count(0)
    assert_accessible(page)


def test_a_compliment_and_a_sign_in_request_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/compliment/")
        assert_accessible_without_js(page)
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="What do you want to tell us?")).to_be_visible()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_text("There is a problem")).to_be_visible()
        assert_accessible_without_js(page)
        page.get_by_label("In one sentence, what is it about?").fill("The library staff were wonderful")
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="Your details")).to_be_visible()
        assert_accessible_without_js(page)
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_text("Not given: we will not be able to reply")).to_be_visible()
        assert_accessible_without_js(page)
        page.get_by_role("button", name="Send compliment").click()
        expect(page.get_by_role("heading", name="Compliment sent")).to_be_visible()
        assert_accessible_without_js(page)
        compliment = Complaint.objects.get()
        assert compliment.kind == FeedbackKind.COMPLIMENT and compliment.customer is None

        page.goto("/account/sign-in/")
        assert_accessible_without_js(page)
        page.get_by_label("Email address").fill("nobody@example.com")
        page.get_by_role("button", name="Send me a link").click()
        expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
        assert_accessible_without_js(page)
    finally:
        context.close()


def assert_accessible_without_js(page: Page) -> None:
    """axe-core needs script; a page with JavaScript off is checked by loading the same HTML in a page that runs it."""
    html = page.content()
    checker = page.context.browser.new_context(base_url=page.url)
    try:
        other = checker.new_page()
        other.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
        other.goto(page.url)
        assert_accessible(other)
    finally:
        checker.close()
