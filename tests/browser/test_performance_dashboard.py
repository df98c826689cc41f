"""The dashboard in a browser, as the head of customer services and as a councillor: the charts' data tables,
a definition one click away, the filters' error summary, and no serious or critical accessibility violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from servicefirst.accounts.roles import Role
from tests.browser.conftest import assert_accessible
from tests.factories import ClientServiceFactory, CouncilServiceFactory, SiteFactory, UserFactory, make_customer
from tests.factories_contacts import log_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER_NAME = ("Bartholomew", "Quartermaine")
CUSTOMER_NAME = ("Wilhelmina", "Fotheringay")


def contacts() -> None:
    """Three phone calls about missed bins and one visit about parking at Apex House, all yesterday."""
    officer = UserFactory(role=Role.OFFICER, first_name=OFFICER_NAME[0], last_name=OFFICER_NAME[1])
    customer = make_customer(actor=officer, first_name=CUSTOMER_NAME[0], last_name=CUSTOMER_NAME[1])
    bins = CouncilServiceFactory(name="Missed bins", client_service=ClientServiceFactory(name="Refuse"))
    permits = CouncilServiceFactory(name="Parking permits")
    apex = SiteFactory(name="Apex House")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for hour in (9, 10, 11):
        start = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(hour)))
        log_contact(officer, started_at=start, council_service_id=bins.pk, customer_id=customer.pk)
    start = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(14)))
    log_contact(officer, started_at=start, channel="face_to_face", site_id=apex.pk, council_service_id=permits.pk)


def test_the_head_of_service_reads_the_charts_tables_and_a_definition(page: Page, sign_in, live_server):
    contacts()
    sign_in(UserFactory(username="head", role=Role.HEAD_OF_SERVICE))
    page.goto("/staff/performance/")
    expect(page.get_by_role("heading", name="Performance dashboard")).to_be_visible()
    by_channel = page.get_by_role("table", name="Contacts by channel")
    expect(by_channel.get_by_role("row", name="Phone")).to_contain_text("3")
    expect(by_channel.get_by_role("row", name="Face to face")).to_contain_text("25.0%")
    by_site = page.get_by_role("table", name="Contacts by site")
    expect(by_site.get_by_role("row", name="Apex House")).to_contain_text("1")
    expect(page.locator("#key-figures")).to_contain_text("100.0%")
    by_time = page.get_by_role("table", name="Transaction time by channel")
    expect(by_time.get_by_role("row", name="Phone")).to_contain_text("4 min 00 s")
    expect(by_time.get_by_role("row", name="Email")).to_contain_text("No data")
    assert_accessible(page)

    page.get_by_role("link", name="Definition of first-contact resolution", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/staff/performance/definitions/#first-contact-resolution")
    expect(page.get_by_role("heading", name="First-contact resolution", exact=True)).to_be_visible()
    expect(page.get_by_text("Resolved at first contact", exact=False).first).to_be_visible()
    assert_accessible(page)

    page.goto("/staff/performance/")
    page.get_by_role("link", name="Definition of transaction time by channel").click()
    expect(page).to_have_url(f"{live_server.url}/staff/performance/definitions/#transaction-time-by-channel")
    expect(page.get_by_role("heading", name="Transaction time by channel")).to_be_visible()

    page.goto("/staff/performance/")
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("group", name="From").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("alert")).to_contain_text("From must be a real date")
    expect(page.get_by_role("group", name="From").get_by_label("Day")).to_have_value("31")
    assert_accessible(page)


def test_a_councillor_sees_the_aggregates_without_names(page: Page, sign_in, settings):
    # A handful of contacts: with small numbers suppressed (tests/test_disclosure.py) there would be nothing to read.
    settings.DISCLOSURE_THRESHOLD = 1
    contacts()
    sign_in(UserFactory(username="councillor", role=Role.COUNCILLOR))
    page.goto("/staff/performance/")
    by_service = page.get_by_role("table", name="Contacts by service (top 10)")
    expect(by_service.get_by_role("row", name="Missed bins")).to_contain_text("75.0%")
    by_hour = page.get_by_role("table", name="Contacts by hour of day")
    expect(by_hour.get_by_role("row", name="14:00 to 14:59")).to_contain_text("1")
    body = page.locator("main").inner_text()
    for name in (*OFFICER_NAME, *CUSTOMER_NAME, "CT-"):
        assert name not in body
    assert_accessible(page)
