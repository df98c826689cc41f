"""The residents' portal: finding a service, its page, and requesting it one question a page."""

import pytest
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.models import FrontOfficeStatus
from servicefirst.contacts.models import Contact
from servicefirst.customers.models import Customer
from servicefirst.notifications.models import Message
from servicefirst.portal.selectors_services import service_search
from servicefirst.servicerequests.models import RequestChannel, ServiceRequest
from servicefirst.servicerequests.selectors import service_request_queue
from tests.factories import CouncilServiceFactory, LgslServiceFactory, SiteFactory, make_customer
from tests.factories_catalogue import demo_catalogue_load
from tests.factories_servicerequests import missed_bin_service

pytestmark = pytest.mark.django_db

BASE = "/services/524/request"
ADDRESS = {
    "answer_address_line_1": "10 Mare Street",
    "answer_address_line_2": "",
    "answer_address_town": "London",
    "answer_address_postcode": "e8 1ea",
}
ABOUT = {"first_name": "Jane", "last_name": "Doe", "email": "Jane@Example.com", "phone": "", "postcode": ""}


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def catalogue(bins, other_client_service):
    # The words residents use are data on each service, as the council keeps them in the admin.
    bins.keywords = "bins,rubbish,missed bin"
    bins.save()
    fly = CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=587, name="Fly-tipping"), name="Fly-tipping", keywords="dumped rubbish"
    )
    pcn = CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=471, name="Parking fines"),
        name="Parking fines",
        client_service=other_client_service,
        keywords="pcn,penalty charge notice,parking ticket",
    )
    CouncilServiceFactory(lgsl=LgslServiceFactory(code=57, name="Council tax bills"), name="Council tax bills")
    return {"bins": bins, "fly": fly, "pcn": pcn}


def _fill(client: Client, *, about=ABOUT) -> None:
    client.get(f"{BASE}/")
    assert client.post(f"{BASE}/question/address/", ADDRESS).status_code == 302
    assert client.post(f"{BASE}/question/bin_type/", {"answer_bin_type": "Recycling (blue)"}).status_code == 302
    day = {"answer_collection_day_day": "20", "answer_collection_day_month": "11", "answer_collection_day_year": "2026"}
    assert client.post(f"{BASE}/question/collection_day/", day).status_code == 302
    assert client.post(f"{BASE}/question/bin_out_by_7/", {"answer_bin_out_by_7": "yes"}).status_code == 302
    assert client.post(f"{BASE}/about-you/", about).status_code == 302


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bins", "bins"),
        ("missed bni", "bins"),
        ("flytipping", "fly"),
        ("fly tipping", "fly"),
        ("rubish", "bins"),
        ("parking ticket", "pcn"),
    ],
)
def test_synonyms_and_typos_find_the_service(catalogue, query, expected):
    names = [hit.service.name for hit in service_search(query=query)]
    assert names, query
    assert catalogue[expected].name in names[:2]
    assert "Council tax bills" not in names


# What a resident types, the service they mean, and services that would be wrong among the first three.
RANKED = [
    ("blue badge", "Blue Badge", {"Register a birth", "Parking fines"}),
    ("parking permit", "Parking permits", {"Register a birth", "Report fly-tipping", "Report dog fouling"}),
    ("missed bin", "Report a missed bin", {"Register a birth", "Report a dirty street", "Report fly-tipping"}),
    ("rats", "Pest control", {"Register a birth", "Business rates"}),
    ("homeless", "Homelessness: get help", {"Register a birth"}),
    ("housing repairs", "Council housing repairs", {"Register a birth"}),
    ("bulky waste", "Book a bulky waste collection", {"Register a birth"}),
    ("council tax", "Council tax bills", {"Parking fines", "Register a birth"}),
    ("mice", "Pest control", {"Register a birth"}),
]


@pytest.mark.parametrize(("query", "meant", "wrong"), RANKED)
def test_the_demo_catalogue_puts_the_service_meant_first(query, meant, wrong):
    demo_catalogue_load()
    names = [hit.service.resident_name for hit in service_search(query=query)]
    assert names[0] == meant, names
    assert not wrong & set(names[:3]), names


def test_a_service_found_by_every_word_ranks_above_one_found_by_one(catalogue):
    permits = CouncilServiceFactory(lgsl=LgslServiceFactory(code=474, name="Parking permits"), name="Parking permits")
    names = [hit.service.name for hit in service_search(query="parking permit")]
    assert names[:2] == [permits.name, catalogue["pcn"].name]


def test_search_page_lists_matches_and_a_to_z_groups_by_letter(catalogue, client):
    page = client.get("/services/", {"q": "bins"}).content.decode()
    assert "Missed bin collection" in page and "Council tax bills" not in page
    a_to_z = client.get("/services/a-z/").content.decode()
    assert 'id="letter-F"' in a_to_z and "Fly-tipping" in a_to_z and 'id="letter-M"' in a_to_z


def test_services_outside_the_front_office_are_listed_but_not_requested_online(catalogue, client):
    CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=279, name="Disabled people - parking permits"),
        name="Blue Badge",
        status=FrontOfficeStatus.PLANNED,
        transfer_wave=1,
        transfer_priority="high",
        sla_working_days=20,
    )
    assert "Blue Badge" in client.get("/services/a-z/").content.decode()
    page = client.get("/services/279/").content.decode()
    assert "Blue Badge" in page and "Start now" not in page
    assert client.get("/services/279/request/").status_code == 404


def test_a_search_too_long_is_refused_with_the_text_kept(catalogue, client):
    typed = "missed bin " * 300
    response = client.get("/services/", {"q": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Search terms must be 200 characters or fewer" in page
    assert typed.strip() in page and "<title>Error:" in page


def test_no_results_offers_the_a_to_z_and_the_phone_number(catalogue, client):
    page = client.get("/services/", {"q": "zzzz"}).content.decode()
    assert "There are no matching results" in page
    assert "/services/a-z/" in page and 'href="tel:+442079460000"' in page and "020 7946 0000" in page


def test_service_page_shows_the_residents_wording_and_phone_numbers_as_written(client):
    demo_catalogue_load()
    page = client.get("/services/524/").content.decode()
    assert "Report a missed bin" in page and "missed bin collection" in page
    assert "from all residential premises" not in page
    assert 'href="tel:+442079460202"' in page and "020 7946 0202" in page
    assert ">+442079460202<" not in page


def test_a_to_z_lists_blue_badge_homelessness_and_housing_repairs(client):
    demo_catalogue_load()
    page = client.get("/services/a-z/").content.decode()
    for name in ("Blue Badge", "Homelessness: get help", "Council housing repairs"):
        assert name in page


def test_service_page_shows_the_sla_and_never_the_officer_notes(bins, client):
    bins.officer_notes = "INTERNAL: rounds change on bank holidays"
    bins.officer_script = "SCRIPT: check the calendar"
    bins.save()
    page = client.get("/services/524/").content.decode()
    assert "within 2 working days" in page
    assert f"{BASE}/" in page
    assert "INTERNAL" not in page and "SCRIPT" not in page


def test_service_without_sla_has_no_start_button(client):
    CouncilServiceFactory(lgsl=LgslServiceFactory(code=57, name="Council tax bills"), sla_working_days=None)
    page = client.get("/services/57/").content.decode()
    assert "Start now" not in page
    assert client.get("/services/57/request/").status_code == 404


def test_home_links_to_search_a_to_z_and_the_residents_pages(bins, client):
    page = client.get("/").content.decode()
    for link in ("/services/a-z/", "/track/", "/complaint/", "/compliment/", "/feedback/", "/services/524/"):
        assert link in page
    assert "If you cannot use this site" in page


def test_one_question_per_page_errors_keep_values(bins, client):
    response = client.get(f"{BASE}/")
    assert response["Location"] == f"{BASE}/question/address/"
    page = client.get(f"{BASE}/question/address/").content.decode()
    assert "answer_bin_type" not in page and "answer_address_line_1" in page
    wrong = dict(ADDRESS, answer_address_postcode="not a postcode")
    response = client.post(f"{BASE}/question/address/", wrong)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "not a postcode" in page and "10 Mare Street" in page
    response = client.post(f"{BASE}/question/bin_type/", {})
    assert "Answer the question: Which bin was missed?" in response.content.decode()


def test_back_and_change_keep_answers_and_check_answers_shows_them(bins, client):
    _fill(client)
    assert 'value="10 Mare Street"' in client.get(f"{BASE}/question/address/").content.decode()
    check = client.get(f"{BASE}/check-answers/").content.decode()
    for text in ("10 Mare Street, London, E8 1EA", "Recycling (blue)", "20 November 2026", "jane@example.com"):
        assert text in check
    assert f"{BASE}/question/bin_type/?change=1" in check
    response = client.post(f"{BASE}/question/bin_type/?change=1", {"answer_bin_type": "Food waste"})
    assert response["Location"] == f"{BASE}/check-answers/"
    check = client.get(f"{BASE}/check-answers/").content.decode()
    assert "Food waste" in check and "10 Mare Street" in check


def test_check_answers_sends_back_to_a_missing_answer(bins, client):
    client.get(f"{BASE}/")
    assert client.get(f"{BASE}/check-answers/")["Location"] == f"{BASE}/question/address/"


def test_submit_raises_an_ordinary_request_in_the_client_service_queue(bins, client, staff):
    _fill(client)
    response = client.post(f"{BASE}/check-answers/", {"website": ""})
    assert response["Location"] == f"{BASE}/confirmation/"
    request = ServiceRequest.objects.get()
    assert request.channel == RequestChannel.WEB_FORM
    assert request.answers["bin_type"] == "Recycling (blue)"
    assert request.answers["address"]["postcode"] == "E8 1EA"
    assert request.customer.email_addresses.get().email == "jane@example.com"
    assert request.customer.addresses.get().postcode == "E8 1EA"
    assert request.raised_by.username == "portal" and not request.raised_by.has_usable_password()
    queue = service_request_queue(viewer=staff[Role.CLIENT_SERVICE_OFFICER])
    assert request in queue
    done = client.get(f"{BASE}/confirmation/").content.decode()
    assert request.reference in done and "govuk-panel--confirmation" in done
    assert client.get(f"{BASE}/check-answers/")["Location"] == f"{BASE}/question/address/"


def test_an_email_matching_one_customer_with_the_same_postcode_is_matched(bins, client):
    known = make_customer(email="jane@example.com", address_line_1="1 High St", town="London", postcode="E8 1EA")
    _fill(client, about=dict(ABOUT, postcode="E8 1EA"))
    client.post(f"{BASE}/check-answers/", {"website": ""})
    assert ServiceRequest.objects.get().customer_id == known.pk


def test_a_different_postcode_makes_a_new_customer(bins, client):
    known = make_customer(email="jane@example.com", address_line_1="1 High St", town="London", postcode="N1 1AA")
    _fill(client, about=dict(ABOUT, postcode="E8 1EA"))
    client.post(f"{BASE}/check-answers/", {"website": ""})
    assert ServiceRequest.objects.get().customer_id != known.pk
    assert Customer.objects.count() == 2


def test_honeypot_filled_raises_nothing(bins, client):
    _fill(client)
    response = client.post(f"{BASE}/check-answers/", {"website": "http://spam.example"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_rate_limit_answers_429_and_raises_nothing(bins, client):
    _fill(client)
    for _ in range(10):
        client.post(f"{BASE}/check-answers/", {"website": "robot"})
    response = client.post(f"{BASE}/check-answers/", {"website": ""})
    assert response.status_code == 429
    assert not ServiceRequest.objects.exists()


def test_assisted_digital_logs_the_contact_with_the_flag(bins, staff, client_for):
    officer = client_for(staff[Role.OFFICER])
    customer = make_customer(email="jane@example.com")
    assert officer.get(f"/services/assisted/?customer={customer.pk}")["Location"] == "/"
    _fill(officer)
    page = officer.get(f"{BASE}/check-answers/").content.decode()
    assert "assisted digital" in page
    site = SiteFactory()
    response = officer.post(f"{BASE}/check-answers/", {"channel": "face_to_face"})
    assert "Select the site where the resident is" in response.content.decode()
    officer.post(f"{BASE}/check-answers/", {"channel": "face_to_face", "site": site.pk})
    request = ServiceRequest.objects.get()
    contact = Contact.objects.get()
    assert contact.assisted_digital and contact.channel == "face_to_face" and contact.site_id == site.pk
    assert contact.outcome == "service_request_raised" and contact.customer_id == customer.pk
    assert request.contact_id == contact.pk and request.customer_id == customer.pk
    assert request.raised_by == staff[Role.OFFICER] and request.channel == "face_to_face"


def test_assisted_by_query_for_an_officer_on_the_phone(bins, staff, client_for):
    officer = client_for(staff[Role.OFFICER])
    officer.get(f"{BASE}/?assisted=1")
    _fill(officer)
    officer.post(f"{BASE}/check-answers/", {"channel": "phone"})
    contact = Contact.objects.get()
    assert contact.assisted_digital and contact.channel == "phone"
    assert ServiceRequest.objects.get().contact_id == contact.pk


def test_anonymous_cannot_use_assisted_to_log_contacts(bins, client):
    assert client.get("/services/assisted/")["Location"].startswith("/staff/")
    client.get(f"{BASE}/?assisted=1")
    _fill(client)
    assert "assisted digital" not in client.get(f"{BASE}/check-answers/").content.decode()
    client.post(f"{BASE}/check-answers/", {"channel": "phone", "website": ""})
    assert not Contact.objects.exists()
    assert ServiceRequest.objects.get().channel == RequestChannel.WEB_FORM


def test_client_service_officer_may_not_start_assisted_digital(bins, staff, client_for):
    assert client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get("/services/assisted/").status_code == 403


def test_the_acknowledgement_goes_to_the_resident_through_notifications(
    bins, client, django_capture_on_commit_callbacks
):
    _fill(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/check-answers/", {"website": ""})
    request = ServiceRequest.objects.get()
    message = Message.objects.get(event="service_request.raised")
    assert message.customer_id == request.customer_id
    assert message.recipient == "jane@example.com" and message.reference == request.reference


def test_the_single_view_offers_officers_the_online_form(bins, staff, client_for):
    customer = make_customer(email="jane@example.com")
    page = client_for(staff[Role.OFFICER]).get(f"/staff/customers/{customer.pk}/").content.decode()
    assert "Fill an online form with the resident" in page
    assert f"/services/assisted/?customer={customer.pk}" in page
