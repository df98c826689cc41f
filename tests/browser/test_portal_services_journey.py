"""Issue 7's first acceptance line: a resident reports a missed bin on the portal without signing in, a client
service officer for waste finds it in their queue, and Open311 reads the same request back. axe-core checks every
public page on the way; one full submission runs with JavaScript switched off."""

import pytest
import requests
from playwright.sync_api import Page, expect

from servicefirst.accounts.roles import Role
from servicefirst.servicerequests.models import ServiceRequest
from tests.browser.conftest import assert_accessible
from tests.factories import CouncilServiceFactory, LgslServiceFactory
from tests.factories_catalogue import demo_catalogue_load
from tests.factories_servicerequests import missed_bin_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bins(client_service):
    CouncilServiceFactory(lgsl=LgslServiceFactory(code=57, name="Council tax bills"), name="Council tax bills")
    return missed_bin_service(client_service=client_service)


def _report_missed_bin(page: Page, *, check=assert_accessible) -> str:
    page.goto("/")
    check(page)
    page.get_by_label("Search for a service").fill("bins")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Find a service")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Missed bin collection").click()
    expect(page.get_by_text("within 2 working days")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_role("heading", name="Address")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Answer the question: Address")
    expect(page.locator(".govuk-error-summary a")).to_have_attribute("href", "#id_answer_address_line_1")
    check(page)
    page.get_by_label("Address: line 1").fill("10 Mare Street")
    page.get_by_label("Address: town or city").fill("London")
    page.get_by_label("Address: postcode").fill("e8 1ea")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Which bin was missed?")).to_be_visible()
    check(page)
    page.get_by_label("Recycling (blue)").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="When should it have been collected?")).to_be_visible()
    check(page)
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Was the bin out by 7am?")).to_be_visible()
    check(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Your details")).to_be_visible()
    check(page)
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Doe")
    page.get_by_label("Email address").fill("jane@example.com")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check your answers before sending your request")).to_be_visible()
    expect(page.locator(".govuk-summary-list").first).to_contain_text("10 Mare Street, London, E8 1EA")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Recycling (blue)")
    check(page)
    page.get_by_role("link", name="Change which bin was missed?").click()
    expect(page.get_by_label("Recycling (blue)")).to_be_checked()
    page.get_by_label("Food waste").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Food waste")
    page.get_by_role("button", name="Accept and send").click()

    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Request sent")
    check(page)
    return page.get_by_test_id("reference").inner_text().strip()


def test_resident_reports_a_missed_bin_the_officer_finds_it_and_open311_reads_it(
    page, sign_in, live_server, bins, staff
):
    reference = _report_missed_bin(page)
    service_request = ServiceRequest.objects.get(reference=reference)
    assert service_request.answers["bin_type"] == "Food waste"
    assert service_request.client_service == bins.client_service

    sign_in(staff[Role.CLIENT_SERVICE_OFFICER])
    page.goto("/staff/requests/queue/")
    expect(page.get_by_role("link", name=reference)).to_be_visible()

    response = requests.get(f"{live_server.url}/open311/v2/requests/{reference}.json", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body[0]["service_request_id"] == reference
    assert body[0]["service_code"] == "524"


def test_a_to_z_is_accessible(page, bins):
    page.goto("/services/a-z/")
    expect(page.get_by_role("link", name="Missed bin collection")).to_be_visible()
    assert_accessible(page, target_size=True)


def test_the_whole_form_works_without_javascript(browser, live_server, bins):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        # axe-core needs JavaScript; the accessible run is the test above.
        reference = _report_missed_bin(page, check=lambda page: None)
    finally:
        context.close()
    assert ServiceRequest.objects.filter(reference=reference).exists()


@pytest.mark.parametrize(
    ("query", "meant", "wrong"),
    [
        ("blue badge", "Blue Badge", {"Register a birth", "Parking fines"}),
        ("parking permit", "Parking permits", {"Register a birth", "Report fly-tipping"}),
        ("missed bin", "Report a missed bin", {"Register a birth", "Report a dirty street"}),
        ("rats", "Pest control", {"Register a birth", "Business rates"}),
    ],
)
def test_a_resident_finds_the_service_meant_first(page, query, meant, wrong):
    demo_catalogue_load()
    page.goto("/")
    page.get_by_label("Search for a service").fill(query)
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("results").get_by_role("link")
    expect(results.first).to_have_text(meant)
    first_three = set(results.all_inner_texts()[:3])
    assert not wrong & first_three, first_three


def test_the_demo_a_to_z_has_targets_big_enough_to_tap(page):
    demo_catalogue_load()
    page.goto("/services/a-z/")
    expect(page.get_by_role("link", name="Blue Badge")).to_be_visible()
    assert_accessible(page, target_size=True)
