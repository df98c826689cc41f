import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact, ReferralRule
from servicefirst.servicerequests.models import ServiceRequest
from tests.browser.conftest import assert_accessible, tab_to
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory, make_customer
from tests.factories_contacts import log_contact, referral_reason, wrap_up_code
from tests.factories_servicerequests import missed_bin_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_a_call_from_search_to_saved_contact_with_the_keyboard_only(page, sign_in):
    officer = UserFactory(username="aisha", first_name="Aisha", role=Role.OFFICER)
    waste = ClientServiceFactory(name="Waste and recycling", code="waste")
    CouncilServiceFactory(name="Missed bin collection", client_service=waste)
    CouncilServiceFactory(name="Parking permits")
    wrap_up_code("information-given")
    john = make_customer(
        officer, first_name="John", last_name="Smith", address_line_1="1 Mare Street", town="London", postcode="E8 1EA"
    )
    sign_in(officer)

    page.goto("/staff/contacts/log/")
    expect(page.get_by_role("heading", name="Log a contact")).to_be_visible()
    expect(page.get_by_label("Find the customer")).to_be_focused()
    page.keyboard.type("Jon Smyth")
    page.keyboard.press("Enter")
    expect(page.get_by_role("radio", name="John Smith")).to_be_visible()
    assert_accessible(page)

    tab_to(page, "id_customer_id")
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="John Smith")).to_be_checked()
    expect(page.locator("#open-items")).to_contain_text("Open items (0)")

    tab_to(page, "id_council_service_id")
    page.keyboard.type("Missed")
    expect(page.locator("#id_council_service_id")).to_have_value(str(waste.council_services.get().pk))
    page.keyboard.press("Tab")
    expect(page.get_by_label("What the customer contacted us about")).to_be_focused()
    page.keyboard.type("Bin not collected on Tuesday")
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="Resolved at first contact")).to_be_focused()
    page.keyboard.press("Space")

    tab_to(page, "id_wrap_up_code_id")
    page.keyboard.type("Information")
    tab_to(page, "Save contact")
    page.keyboard.press("Enter")

    expect(page.get_by_text("saved")).to_be_visible()
    contact = Contact.objects.get()
    assert (contact.customer, contact.officer, contact.outcome) == (john, officer, "resolved_first_contact")
    assert contact.council_service.name == "Missed bin collection"
    assert contact.reason == "Bin not collected on Tuesday"
    assert contact.wrap_up_code.code == "information-given"
    expect(page.get_by_role("link", name=f"Open contact {contact.reference}")).to_be_visible()
    assert_accessible(page)


def test_mistakes_are_shown_in_the_error_summary_without_losing_the_call(page, sign_in):
    officer = UserFactory(username="aisha", role=Role.OFFICER)
    CouncilServiceFactory(name="Missed bin collection")
    sign_in(officer)

    page.goto("/staff/contacts/log/")
    page.keyboard.type("nobody at all")
    page.keyboard.press("Enter")
    expect(page.locator("#customer-results [role=status]")).to_be_visible()
    tab_to(page, "id_customer_id")
    page.keyboard.press("Space")
    tab_to(page, "id_reason")
    page.keyboard.type("Asked about bins")
    tab_to(page, "Save contact")
    page.keyboard.press("Enter")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the service the contact was about")
    expect(summary).to_contain_text("Select the outcome of the contact")
    expect(page.get_by_label("What the customer contacted us about")).to_have_value("Asked about bins")
    expect(page.get_by_role("radio", name="Anonymous caller (no customer record)")).to_be_checked()
    assert_accessible(page)
    assert not Contact.objects.exists()


def test_the_other_contact_pages_pass_axe(page, sign_in):
    officer = UserFactory(username="aisha", role=Role.OFFICER)
    manager = UserFactory(username="tm", role=Role.TEAM_MANAGER)
    waste = ClientServiceFactory(name="Waste and recycling", code="waste")
    ReferralRule.objects.create(client_service=waste, needs_authorisation=True)
    bins = CouncilServiceFactory(name="Missed bin collection", client_service=waste)
    john = make_customer(officer, first_name="John", last_name="Smith")
    contact = log_contact(
        officer,
        customer_id=john.pk,
        council_service_id=bins.pk,
        outcome="referred",
        referral_reason_id=referral_reason().pk,
        action_what="Ring back",
        action_due_on=timezone.localdate(),
    )
    sign_in(manager)
    for url in (
        f"/staff/contacts/{contact.pk}/",
        "/staff/contacts/actions/team/?show=all",
        "/staff/contacts/referrals/",
        "/staff/contacts/referrals/authorise/",
        f"/staff/contacts/referrals/{contact.referrals.get().pk}/",
        "/staff/contacts/reports/contacts/",
        "/staff/contacts/reports/actions/",
        "/staff/contacts/reports/referrals/",
        f"/staff/customers/{john.pk}/",
    ):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)


def test_the_page_shows_only_what_the_chosen_answers_need(page, sign_in):
    officer = UserFactory(username="aisha", role=Role.OFFICER)
    CouncilServiceFactory(name="Missed bin collection")
    referral_reason()
    sign_in(officer)

    page.goto("/staff/contacts/log/")
    for hidden in ("id_referral_reason_id", "id_avoidable_reason_id", "id_action_what", "id_started_at"):
        expect(page.locator(f"#{hidden}")).to_be_hidden()
    tab_to(page, "id_outcome_0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Referred to a client service")).to_be_checked()
    expect(page.get_by_label("Referral reason")).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Referral reason")).to_be_hidden()
    tab_to(page, "id_action_agreed")
    page.keyboard.press("Space")
    expect(page.get_by_label("What was agreed")).to_be_visible()
    assert_accessible(page)


def test_officer_raises_a_missed_bin_at_the_customers_address_with_the_keyboard_only(page, sign_in):
    officer = UserFactory(username="aisha", role=Role.OFFICER)
    bins = missed_bin_service()
    john = make_customer(
        officer,
        first_name="John",
        last_name="Smith",
        address_line_1="1 Mare Street",
        town="London",
        postcode="E8 1EA",
        uprn="100023336956",
    )
    sign_in(officer)

    page.goto(f"/staff/contacts/log/?customer_id={john.pk}")
    tab_to(page, "id_council_service_id")
    page.keyboard.type("Missed")
    expect(page.locator("#id_council_service_id")).to_have_value(str(bins.pk))
    page.keyboard.press("Tab")
    page.keyboard.type("Black bin not collected")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Service request raised")).to_be_checked()
    expect(page.get_by_text("with John Smith's address filled in")).to_be_visible()
    tab_to(page, "Save contact")
    page.keyboard.press("Enter")

    expect(page.get_by_text("saved")).to_be_visible()
    tab_to(page, "Raise the service request")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Raise a request: Missed bin collection")).to_be_visible()
    expect(page.get_by_label("Address: line 1")).to_have_value("1 Mare Street")
    expect(page.get_by_label("Address: postcode")).to_have_value("E8 1EA")
    assert_accessible(page)
    tab_to(page, "id_answer_bin_type_0")
    page.keyboard.press("Space")
    tab_to(page, "id_answer_collection_day_0")
    collection_day = timezone.localdate()
    page.keyboard.type(str(collection_day.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(collection_day.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(collection_day.year))
    tab_to(page, "id_description")
    page.keyboard.type("Black bin missed")
    tab_to(page, "Raise request")
    page.keyboard.press("Enter")

    expect(page.get_by_text("raised: due by")).to_be_visible()
    service_request = ServiceRequest.objects.get()
    assert service_request.contact == Contact.objects.get()
    assert service_request.answers["address"] == {
        "line_1": "1 Mare Street",
        "line_2": "",
        "town": "London",
        "postcode": "E8 1EA",
        "uprn": "100023336956",
    }


def test_choosing_the_service_brings_its_questions_in_with_the_address_filled_in(page, sign_in):
    officer = UserFactory(username="aisha", role=Role.OFFICER)
    missed_bin_service()
    john = make_customer(
        officer, first_name="John", last_name="Smith", address_line_1="1 Mare Street", town="London", postcode="E8 1EA"
    )
    sign_in(officer)

    page.goto(f"/staff/requests/new/?customer={john.pk}")
    expect(page.get_by_label("Address: line 1")).to_have_count(0)
    tab_to(page, "id_service")
    page.keyboard.type("Missed")
    tab_to(page, "Continue")
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name="Raise a request: Missed bin collection")
    expect(heading).to_be_focused()
    expect(page).to_have_url(re.compile(r"service=\d+"))
    expect(page.get_by_label("Address: line 1")).to_have_value("1 Mare Street")
    assert_accessible(page)
