import pytest
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.customers.models import Customer
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, UserFactory, make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_searches_creates_a_customer_and_opens_the_single_view(page):
    officer = UserFactory(username="aisha", first_name="Aisha", role=Role.OFFICER)
    make_customer(
        officer, first_name="John", last_name="Smith", address_line_1="1 Mare Street", town="London", postcode="E8 1EA"
    )

    page.goto("/staff/customers/")
    expect(page.get_by_role("heading", name="Sign in to Service First")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Username").fill("aisha")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Find a customer")).to_be_visible()
    page.get_by_label("Search for a customer").fill("Jon Smyth")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="John Smith")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a new customer").click()
    expect(page.get_by_role("heading", name="Add a new customer")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Amara")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Address line 1").fill("10 Mare Street")
    page.get_by_label("Town or city").fill("London")
    page.get_by_label("Postcode").fill("E8")
    page.get_by_label("Mobile phone").fill("07911 123456")
    page.get_by_label("Needs a call back").check()
    page.get_by_role("button", name="Save customer").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a real postcode, like E8 1EA")
    expect(page.get_by_label("First name")).to_have_value("Amara")
    expect(page.get_by_label("Needs a call back")).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link", name="Enter a real postcode, like E8 1EA").click()
    expect(page.get_by_label("Postcode")).to_be_focused()
    page.get_by_label("Postcode").fill("e8 1ea")
    page.get_by_role("button", name="Save customer").click()

    customer = Customer.objects.get(last_name="Okafor")
    expect(page.get_by_role("heading", name="Amara Okafor")).to_be_visible()
    expect(page.get_by_text(customer.reference).first).to_be_visible()
    expect(page.get_by_text("E8 1EA")).to_be_visible()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    assert_accessible(page)


def test_officer_adding_someone_already_on_record_is_shown_the_match_first(page):
    officer = UserFactory(username="aisha", first_name="Aisha", role=Role.OFFICER)
    john = make_customer(
        officer, first_name="John", last_name="Smith", address_line_1="1 Mare Street", town="London", postcode="E8 1EA"
    )
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("aisha")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/staff/customers/new/")
    page.get_by_label("First name").fill("Jon")
    page.get_by_label("Last name").fill("Smyth")
    page.get_by_label("Address line 1").fill("1 Mare Street")
    page.get_by_label("Town or city").fill("London")
    page.get_by_label("Postcode").fill("e81ea")
    page.get_by_role("button", name="Save customer").click()

    expect(page.get_by_role("region", name="Check this is a new customer")).to_be_visible()
    expect(page.get_by_label("Last name")).to_have_value("Smyth")
    assert_accessible(page)
    page.get_by_role("link", name="John Smith").click()
    expect(page.get_by_role("heading", name="John Smith")).to_be_visible()
    assert Customer.objects.get() == john
