import pytest
from django.utils import timezone
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact, ReferralRule
from tests.browser.conftest import assert_accessible, tab_to
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory, make_customer
from tests.factories_contacts import log_contact, referral_reason, wrap_up_code

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
