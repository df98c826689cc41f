"""The contact pages: who may open each, and the fast logging screen."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact, ReferralRule
from servicefirst.contacts.reports import contacts_report
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_contacts import avoidable_reason, log_contact, referral_reason, wrap_up_code

pytestmark = pytest.mark.django_db

FRONT_OFFICE = {Role.OFFICER, Role.TEAM_MANAGER, Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}
AUTHORISERS = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE}
REPORT_READERS = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.COUNCILLOR, Role.ADMINISTRATOR}
CLIENT_SERVICE_WORK = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR, Role.CLIENT_SERVICE_OFFICER}

PAGES = {
    "contacts:log": (FRONT_OFFICE, None),
    "contacts:log_customers": (FRONT_OFFICE, None),
    "contacts:log_open_items": (FRONT_OFFICE, None),
    # The client service officer's service has no referral on this contact.
    "contacts:detail": (FRONT_OFFICE, "contact"),
    "contacts:my_actions": (FRONT_OFFICE | {Role.CLIENT_SERVICE_OFFICER}, None),
    "contacts:team_actions": (AUTHORISERS, None),
    "contacts:referrals": (CLIENT_SERVICE_WORK, None),
    "contacts:referrals_to_authorise": (AUTHORISERS, None),
    "contacts:referral_decide": (AUTHORISERS, "referral"),
    "contacts:contacts_report": (REPORT_READERS, None),
    "contacts:actions_report": (REPORT_READERS, None),
    "contacts:referrals_report": (REPORT_READERS, None),
}


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


@pytest.fixture
def parking(other_client_service):
    return CouncilServiceFactory(name="Parking permits", client_service=other_client_service)


@pytest.fixture
def customer(staff):
    return make_customer(
        staff[Role.OFFICER],
        first_name="John",
        last_name="Smith",
        postcode="E8 1EA",
        address_line_1="1 Mare Street",
        town="London",
    )


@pytest.fixture
def referred_contact(staff, customer, parking, other_client_service):
    ReferralRule.objects.create(client_service=other_client_service, needs_authorisation=True)
    return log_contact(
        staff[Role.OFFICER],
        customer_id=customer.pk,
        council_service_id=parking.pk,
        outcome="referred",
        referral_reason_id=referral_reason().pk,
    )


def url_for(name, arg, contact):
    if arg == "contact":
        return reverse(name, args=[contact.pk])
    if arg == "referral":
        return reverse(name, args=[contact.referrals.get().pk])
    return reverse(name)


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_sign_in(name, referred_contact):
    response = Client().get(url_for(name, PAGES[name][1], referred_contact))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", PAGES)
def test_each_role_on_each_page(name, role, staff, client_for, referred_contact):
    allowed, arg = PAGES[name]
    response = client_for(staff[role]).get(url_for(name, arg, referred_contact))
    assert response.status_code == (200 if role in allowed else 403)


def test_navigation_offers_log_a_contact_to_officers_only(staff, client_for):
    assert "Log a contact" in client_for(staff[Role.OFFICER]).get(reverse("core:home")).content.decode()
    assert "Log a contact" not in client_for(staff[Role.COUNCILLOR]).get(reverse("core:home")).content.decode()


def form_data(**fields) -> dict:
    started = timezone.localtime() - datetime.timedelta(minutes=3)
    return {
        "customer_id": "anonymous",
        "channel": "phone",
        "direction": "inbound",
        "reason": "Bin not collected",
        "outcome": "resolved_first_contact",
        "started_at": started.strftime("%d/%m/%Y %H:%M:%S"),
        "action_owner": "officer",
        **fields,
    }


def test_the_screen_opens_with_the_start_time_filled_in(officer_client):
    page = officer_client.get(reverse("contacts:log")).content.decode()
    assert f'name="started_at" value="{timezone.localtime():%d/%m/%Y}' in page
    assert "Anonymous caller" in page


def test_searching_lists_customers_to_choose(officer_client, customer):
    page = officer_client.get(reverse("contacts:log_customers"), {"q": "Jon Smyth"}).content.decode()
    assert f'value="{customer.pk}"' in page
    assert "John Smith" in page
    assert "Anonymous caller" in page


def test_searching_without_javascript_renders_the_whole_screen(officer_client, customer):
    page = officer_client.get(reverse("contacts:log"), {"q": "E8 1EA"}).content.decode()
    assert f'value="{customer.pk}"' in page


def test_choosing_a_customer_shows_their_open_items(officer_client, staff, customer, bins):
    log_contact(
        staff[Role.OFFICER],
        customer_id=customer.pk,
        council_service_id=bins.pk,
        action_what="Ring back about the bin",
        action_due_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    page = officer_client.get(reverse("contacts:log_open_items"), {"customer_id": customer.pk}).content.decode()
    assert "Ring back about the bin" in page
    assert "Open items (1)" in page


def test_an_anonymous_call_is_saved_and_the_screen_is_ready_for_the_next(officer_client, bins):
    response = officer_client.post(reverse("contacts:log"), form_data(council_service_id=bins.pk))
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert contact.customer is None
    assert contact.ended_at >= contact.started_at
    page = officer_client.get(response.url).content.decode()
    assert contact.reference in page
    assert f"Contact {contact.reference} saved" in page


def test_a_call_with_a_customer_and_everything_is_saved(officer_client, customer, bins, staff):
    officer_client.post(
        reverse("contacts:log"),
        form_data(
            customer_id=str(customer.pk),
            council_service_id=bins.pk,
            wrap_up_code_id=wrap_up_code().pk,
            is_avoidable="on",
            avoidable_reason_id=avoidable_reason().pk,
            ended_at=timezone.localtime().strftime("%d/%m/%Y %H:%M:%S"),
            action_what="Call back",
            action_due_on_day="1",
            action_due_on_month="1",
            action_due_on_year=str(timezone.localdate().year + 1),
        ),
    )
    contact = Contact.objects.get()
    assert (contact.customer, contact.officer, contact.is_avoidable) == (customer, staff[Role.OFFICER], True)
    assert contact.agreed_actions.get().what == "Call back"


def test_bad_input_shows_the_error_summary_and_keeps_what_was_typed(officer_client, customer, bins):
    response = officer_client.post(
        reverse("contacts:log"),
        form_data(
            customer_id=str(customer.pk),
            searched="Smith",
            council_service_id=bins.pk,
            reason="Bin left on the pavement",
            is_avoidable="on",
            ended_at="01/01/2000 10:00:00",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Select why the contact was avoidable" in page
    assert "The end must be the same as or after the start" in page
    assert "Bin left on the pavement" in page
    assert f'value="{customer.pk}" form="contact-log" checked' in page
    assert "John Smith" in page
    assert not Contact.objects.exists()


def test_no_customer_chosen_asks_for_one(officer_client, bins):
    response = officer_client.post(reverse("contacts:log"), form_data(customer_id="", council_service_id=bins.pk))
    assert "Select the customer, or anonymous caller" in response.content.decode()
    assert 'href="#id_customer_id"' in response.content.decode()


def test_unreadable_times_are_errors_not_crashes(officer_client, bins):
    response = officer_client.post(
        reverse("contacts:log"), form_data(council_service_id=bins.pk, started_at="yesterday")
    )
    assert response.status_code == 200
    assert "Enter the start like 23/11/2026 14:05:30" in response.content.decode()


def test_single_view_shows_contacts_and_marks_repeats(officer_client, staff, customer, bins):
    log_contact(staff[Role.OFFICER], customer_id=customer.pk, council_service_id=bins.pk)
    log_contact(staff[Role.OFFICER], customer_id=customer.pk, council_service_id=bins.pk)
    page = officer_client.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert page.count("contact about Missed bin collection") == 2
    assert page.count("Repeat contact") == 1


def test_contact_page_shows_the_repeat(officer_client, staff, customer, bins):
    first = log_contact(staff[Role.OFFICER], customer_id=customer.pk, council_service_id=bins.pk)
    second = log_contact(staff[Role.OFFICER], customer_id=customer.pk, council_service_id=bins.pk)
    page = officer_client.get(reverse("contacts:detail", args=[second.pk])).content.decode()
    assert "Repeat contact" in page
    assert first.reference in page


def test_contacts_report_counts_repeats_avoidable_and_transaction_time(staff, customer, bins, parking, client_for):
    officer = staff[Role.OFFICER]
    start = timezone.now() - datetime.timedelta(hours=2)
    log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=bins.pk,
        started_at=start,
        ended_at=start + datetime.timedelta(seconds=100),
    )
    log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=bins.pk,
        started_at=start,
        ended_at=start + datetime.timedelta(seconds=200),
        outcome="signposted",
        is_avoidable=True,
        avoidable_reason_id=avoidable_reason().pk,
    )
    log_contact(officer, council_service_id=parking.pk)
    # Two anonymous calls about bins, in neither base of the repeat share; one failed, so not resolvable either.
    log_contact(officer, council_service_id=bins.pk, started_at=start, ended_at=start)
    log_contact(officer, council_service_id=bins.pk, outcome="failed", started_at=start, ended_at=start)
    rows = {row.client_service: row for row in contacts_report()}
    waste = rows["Waste and recycling"]
    assert (waste.contacts, waste.resolved_first_contact, waste.repeats, waste.avoidable) == (4, 2, 1, 1)
    assert (waste.resolvable, waste.identified) == (3, 2)
    assert waste.average_seconds == 75
    # Repeats over the two with a known customer; resolution over the three the front office could resolve.
    assert (waste.repeat_share, waste.resolved_share, waste.average_time) == ("50%", "67%", "1:15")
    assert rows["Parking services"].contacts == 1

    page = client_for(staff[Role.COUNCILLOR]).get(reverse("contacts:contacts_report")).content.decode()
    assert "Waste and recycling" in page
    assert customer.display_name not in page
    home = client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("core:home")).content.decode()
    assert "Repeat contacts" in home
    assert "1 of 2 contacts with a known customer" in home
    # Too few for a councillor to see (docs/SECURITY.md, "Small numbers").
    home = client_for(staff[Role.COUNCILLOR]).get(reverse("core:home")).content.decode()
    assert "[c] contacts with a known customer" in home


def test_the_screen_can_open_with_a_customer_chosen(officer_client, customer):
    page = officer_client.get(reverse("contacts:log"), {"customer_id": customer.pk}).content.decode()
    assert f'value="{customer.pk}" form="contact-log" checked' in page
    assert "Open items (0)" in page


@pytest.mark.parametrize("role", list(Role))
def test_reports_are_in_the_menu_of_those_who_may_read_them(role, staff, client_for):
    page = client_for(staff[role]).get(reverse("core:home")).content.decode()
    assert (f'href="{reverse("contacts:contacts_report")}"' in page) == (role in REPORT_READERS)


def test_each_report_links_to_the_others(staff, client_for):
    page = client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("contacts:actions_report")).content.decode()
    for name in ("contacts:contacts_report", "contacts:referrals_report"):
        assert f'href="{reverse(name)}"' in page
    assert f'href="{reverse("contacts:actions_report")}" aria-current="page"' in page
