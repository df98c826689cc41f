import pytest
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory
from tests.factories_complaints import complaint_defaults_load
from tests.factories_complaints_reports import complaints_two_years

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_of_service_reads_the_reports_and_the_printable_annual_report(page, sign_in, settings):
    # A handful of complaints: percentages on bases from 1 up (tests/test_complaints_comparisons.py has the base).
    settings.CHANGE_PERCENT_MIN_BASE = 1
    complaint_defaults_load()
    complaints_two_years()
    sign_in(UserFactory(username="head", role=Role.HEAD_OF_SERVICE))

    page.goto("/staff/complaints/reports/")
    expect(page.get_by_role("heading", name="Complaints reports")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Reporting year").fill("2025")
    page.get_by_role("button", name="Show period").click()
    expect(page.get_by_role("heading", name="2025/26 (1 April 2025 to 31 March 2026)")).to_be_visible()
    by_service = page.get_by_role("table", name="Complaints by council service")
    expect(by_service.get_by_role("row", name="Refuse collection")).to_contain_text("+100.0%")
    assert_accessible(page)

    page.get_by_label("Reporting year").fill("20x5")
    page.get_by_role("button", name="Show period").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the year as 4 digits")
    assert_accessible(page)

    page.goto("/staff/complaints/reports/annual/?basis=financial&year=2025")
    expect(page.get_by_role("heading", name="Annual report of complaint handling, 2025/26")).to_be_visible()
    expect(page.get_by_text("reported separately")).to_be_visible()
    assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Staff menu")).to_be_hidden()
    expect(page.get_by_role("button", name="Show period")).to_be_hidden()
    expect(page.get_by_role("table", name="Timeliness by stage")).to_be_visible()
