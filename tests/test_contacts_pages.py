"""The contact pages: who may open each, and the fast logging screen."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact, ReferralRule
from servicefirst.contacts.reports import contacts_report
from servicefirst.servicerequests.models import QuestionKind, ServiceRequest
from servicefirst.servicerequests.questions import answers_clean
from servicefirst.servicerequests.selectors import question_list
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_contacts import avoidable_reason, log_contact, referral_reason, wrap_up_code
from tests.factories_servicerequests import (
    MISSED_BIN_FORM,
    QuestionFactory,
    QuestionSetFactory,
    missed_bin_service,
)

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
            action_agreed="on",
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


def conditional(page: str, controlled_by: str) -> str:
    """The conditional reveal a radio or checkbox controls, from its opening tag to the next reveal or the button."""
    start = page.index(f'id="conditional-{controlled_by}"')
    opening = page.rindex("<div", 0, start)
    ends = [i for i in (page.find("__conditional", start), page.find("Save contact", start)) if i != -1]
    return page[opening : min(ends)]


def test_what_only_some_contacts_need_is_hidden_until_asked_for(officer_client):
    page = officer_client.get(reverse("contacts:log")).content.decode()
    referral = conditional(page, "id_outcome_2")
    assert "govuk-radios__conditional--hidden" in referral
    assert 'name="referral_reason_id"' in referral and 'name="referral_detail"' in referral
    avoidable = conditional(page, "id_is_avoidable")
    assert "govuk-checkboxes__conditional--hidden" in avoidable and 'name="avoidable_reason_id"' in avoidable
    action = conditional(page, "id_action_agreed")
    assert "govuk-checkboxes__conditional--hidden" in action
    assert all(f'name="{name}"' in action for name in ("action_what", "action_owner", "action_due_on_day"))
    times = page[page.index('<details class="govuk-details"') :]
    assert '<details class="govuk-details">' in page and 'name="started_at"' in times


def test_an_answer_that_needs_more_shows_it_again_with_its_errors(officer_client, bins):
    page = officer_client.post(
        reverse("contacts:log"),
        form_data(council_service_id=bins.pk, outcome="referred", is_avoidable="on", started_at="yesterday"),
    ).content.decode()
    assert "govuk-radios__conditional--hidden" not in conditional(page, "id_outcome_2")
    assert "Select why the contact is referred to the client service" in conditional(page, "id_outcome_2")
    assert "govuk-checkboxes__conditional--hidden" not in conditional(page, "id_is_avoidable")
    assert "Select why the contact was avoidable" in conditional(page, "id_is_avoidable")
    # The times hold an error, so they are open to correct.
    assert '<details class="govuk-details" open>' in page


def test_an_action_typed_without_its_box_ticked_is_kept_and_asked_about(officer_client, bins):
    page = officer_client.post(
        reverse("contacts:log"), form_data(council_service_id=bins.pk, action_what="Ring back on Monday")
    ).content.decode()
    assert "Tick that an action was agreed with the customer, or clear what was agreed" in page
    assert 'href="#id_action_agreed"' in page
    assert "Ring back on Monday" in page
    assert not Contact.objects.exists()


def test_ticking_that_an_action_was_agreed_asks_what(officer_client, bins):
    page = officer_client.post(
        reverse("contacts:log"), form_data(council_service_id=bins.pk, action_agreed="on")
    ).content.decode()
    assert "Enter what was agreed with the customer" in page
    assert not Contact.objects.exists()


# Raising the request a contact led to: the service's questions, starting at the customer's address.

UPRN = "100023336956"


@pytest.fixture
def missed_bin(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def resident(staff):
    return make_customer(
        staff[Role.OFFICER],
        first_name="Amara",
        last_name="Okafor",
        address_line_1="14 Mare Street",
        address_line_2="Flat 2",
        town="London",
        postcode="E8 1EA",
        uprn=UPRN,
    )


def request_link(officer_client, contact) -> str:
    """The saved-contact banner's link to raise the request, as the officer follows it."""
    page = officer_client.get(reverse("contacts:log"), {"saved": contact.pk}).content.decode()
    start = page.index(f'href="{reverse("servicerequests:raise")}?') + len('href="')
    return page[start : page.index('"', start)].replace("&amp;", "&")


def raised_from(staff, missed_bin, customer) -> object:
    return log_contact(
        staff[Role.OFFICER],
        customer_id=customer.pk if customer else None,
        council_service_id=missed_bin.pk,
        outcome="service_request_raised",
    )


def answered(form, **changes) -> dict:
    """The raise form as posted: what the page showed in each address part, the other answers typed."""
    shown = {
        f"answer_address_{part}": form[f"answer_address_{part}"].value() or ""
        for part in ("line_1", "line_2", "town", "postcode")
    }
    typed = {k: v for k, v in MISSED_BIN_FORM.items() if not k.startswith("answer_address_")}
    return shown | typed | changes


def test_a_missed_bin_for_a_known_customer_starts_at_their_address(officer_client, staff, missed_bin, resident):
    url = request_link(officer_client, raised_from(staff, missed_bin, resident))
    form = officer_client.get(url).context["form"]
    shown = {part: form[f"answer_address_{part}"].value() for part in ("line_1", "line_2", "town", "postcode")}
    assert shown == {"line_1": "14 Mare Street", "line_2": "Flat 2", "town": "London", "postcode": "E8 1EA"}
    assert "Filled in from the customer's record" in form["answer_address_line_1"].help_text

    page = officer_client.post(url, answered(form), follow=True).content.decode()
    assert f"14 Mare Street, Flat 2, London, E8 1EA (UPRN {UPRN})" in page
    assert ServiceRequest.objects.get().answers["address"] == {
        "line_1": "14 Mare Street",
        "line_2": "Flat 2",
        "town": "London",
        "postcode": "E8 1EA",
        "uprn": UPRN,
    }


def test_the_officer_can_change_the_address_and_it_loses_the_uprn(officer_client, staff, missed_bin, resident):
    url = request_link(officer_client, raised_from(staff, missed_bin, resident))
    form = officer_client.get(url).context["form"]
    officer_client.post(url, answered(form, answer_address_line_1="Outside 20 Mare Street", answer_address_line_2=""))
    assert ServiceRequest.objects.get().answers["address"] == {
        "line_1": "Outside 20 Mare Street",
        "line_2": "",
        "town": "London",
        "postcode": "E8 1EA",
    }


def test_the_address_typed_again_in_other_case_is_still_theirs(officer_client, staff, missed_bin, resident):
    url = request_link(officer_client, raised_from(staff, missed_bin, resident))
    form = officer_client.get(url).context["form"]
    officer_client.post(url, answered(form, answer_address_postcode="e81ea", answer_address_line_1="14 MARE STREET"))
    assert ServiceRequest.objects.get().answers["address"]["uprn"] == UPRN


def test_a_uprn_is_a_number_of_up_to_twelve_digits(missed_bin):
    questions = question_list(council_service_id=missed_bin.pk)
    address = {"line_1": "14 Mare Street", "town": "London", "postcode": "E8 1EA"}
    with pytest.raises(ValidationError) as refused:
        answers_clean(questions=questions, answers={"address": address | {"uprn": "1000233369561"}})
    assert "answers.address.uprn" in refused.value.message_dict
    answers = {"address": address | {"uprn": UPRN}, "bin_type": "Food waste", "collection_day": "2026-11-20"}
    assert answers_clean(questions=questions, answers=answers)["address"]["uprn"] == UPRN


def test_an_anonymous_contact_has_no_address_filled_in(officer_client, staff, missed_bin):
    url = request_link(officer_client, raised_from(staff, missed_bin, None))
    assert "customer=" not in url
    response = officer_client.get(url)
    form = response.context["form"]
    assert all(not form[f"answer_address_{p}"].value() for p in ("line_1", "line_2", "town", "postcode"))
    assert "Filled in from the customer's record" not in response.content.decode()


def test_a_typed_address_is_kept_when_another_answer_is_wrong(officer_client, staff, missed_bin, resident):
    url = request_link(officer_client, raised_from(staff, missed_bin, resident))
    form = officer_client.get(url).context["form"]
    page = officer_client.post(
        url, answered(form, answer_address_line_1="Outside 20 Mare Street", answer_bin_type="")
    ).content.decode()
    assert "Answer the question: Which bin was missed?" in page
    assert 'value="Outside 20 Mare Street"' in page
    assert not ServiceRequest.objects.exists()


def test_only_the_chosen_services_questions_are_shown(
    officer_client, staff, missed_bin, resident, other_client_service
):
    parking = CouncilServiceFactory(name="Parking suspension", client_service=other_client_service)
    QuestionFactory(
        question_set=QuestionSetFactory(council_service=parking), key="vehicle", label="Vehicle registration"
    )
    choosing = officer_client.get(reverse("servicerequests:raise"), {"customer": resident.pk}).content.decode()
    assert 'name="answer_' not in choosing
    page = officer_client.get(request_link(officer_client, raised_from(staff, missed_bin, resident))).content.decode()
    assert "Which bin was missed?" in page
    assert "Vehicle registration" not in page and "answer_vehicle" not in page


def test_an_address_question_asked_twice_starts_at_the_address_both_times(
    officer_client, staff, resident, client_service
):
    service = missed_bin_service(client_service=client_service)
    QuestionFactory(
        question_set=service.question_set,
        order=5,
        key="where_left",
        label="Where was it left?",
        kind=QuestionKind.ADDRESS,
        required=False,
    )
    form = officer_client.get(request_link(officer_client, raised_from(staff, service, resident))).context["form"]
    assert form["answer_where_left_line_1"].value() == "14 Mare Street"
