import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.servicerequests.models import ServiceRequest
from servicefirst.servicerequests.services import service_request_assign, service_request_status_update
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_contacts import log_contact
from tests.factories_servicerequests import MISSED_BIN_FORM, make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db

FRONT_OFFICE = {Role.OFFICER, Role.TEAM_MANAGER, Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}
QUEUE_WORKERS = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR, Role.CLIENT_SERVICE_OFFICER}


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def bulky(client_service):
    return CouncilServiceFactory(client_service=client_service, name="Bulky waste", sla_working_days=5)


@pytest.fixture
def customer(staff):
    return make_customer(staff[Role.OFFICER], first_name="Amara", last_name="Okafor")


@pytest.fixture
def raised(staff, bulky, customer):
    return make_service_request(actor=staff[Role.OFFICER], council_service=bulky, customer=customer.pk)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_on_each_page(role, staff, client_for, raised, bins):
    client = client_for(staff[role])
    pages = {
        reverse("servicerequests:raise"): FRONT_OFFICE,
        f"{reverse('servicerequests:raise')}?service={bins.pk}": FRONT_OFFICE,
        reverse("servicerequests:queue"): QUEUE_WORKERS,
        # The client service officer works for the request's client service.
        reverse("servicerequests:detail", args=[raised.reference]): FRONT_OFFICE | {Role.CLIENT_SERVICE_OFFICER},
    }
    for url, allowed in pages.items():
        assert client.get(url).status_code == (200 if role in allowed else 403), url


def test_anonymous_users_are_sent_to_sign_in(client, raised):
    for url in (
        reverse("servicerequests:raise"),
        reverse("servicerequests:queue"),
        reverse("servicerequests:detail", args=[raised.reference]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_officer_raises_a_missed_bin_from_the_customers_record(officer_client, bins, customer):
    url = f"{reverse('servicerequests:raise')}?service={bins.pk}&customer={customer.pk}"
    page = officer_client.get(url).content.decode()
    for text in ("Which bin was missed?", "Garden waste (green)", "Check the round was due", "Amara Okafor"):
        assert text in page
    response = officer_client.post(url, MISSED_BIN_FORM, follow=True)
    service_request = ServiceRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("servicerequests:detail", args=[service_request.reference])
    assert service_request.customer == customer
    assert service_request.answers["address"]["postcode"] == "E8 1EA"
    assert service_request.answers["collection_day"] == "2026-11-20"
    page = response.content.decode()
    assert f"Service request {service_request.reference} raised" in page
    assert "20 November 2026" in page
    assert "Recycling (blue)" in page


def test_wrong_answers_show_the_error_summary_and_keep_what_was_typed(officer_client, bins):
    url = f"{reverse('servicerequests:raise')}?service={bins.pk}"
    data = MISSED_BIN_FORM | {"answer_address_postcode": "NOPE 1", "answer_bin_type": ""}
    page = officer_client.post(url, data).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_answer_address_postcode"' in page
    assert "Answer the question: Which bin was missed?" in page
    assert 'value="10 Mare Street"' in page
    assert "Blue bin missed on Friday" in page
    assert not ServiceRequest.objects.exists()


def test_every_problem_is_reported_at_once(officer_client, bins):
    url = f"{reverse('servicerequests:raise')}?service={bins.pk}"
    # The page rejects the postcode's length itself; the missing answers only the service knows about.
    data = MISSED_BIN_FORM | {
        "answer_address_postcode": "NOT A POSTCODE AT ALL",
        "answer_bin_type": "",
        "description": "",
    }
    page = officer_client.post(url, data).content.decode()
    assert "Address: postcode must be 10 characters or fewer" in page
    assert "Answer the question: Which bin was missed?" in page
    assert "Describe what the customer is asking for" in page
    assert page.count("Address: postcode must be") == 2
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    "junk",
    [
        {"answer_collection_day_day": "31", "answer_collection_day_month": "2"},
        {"answer_collection_day_year": "99999999999999999999"},
        {"priority": "x"},
        {"channel": "pigeon"},
        {"description": "x" * 6000},
        {"answer_address_postcode": "NOT A POSTCODE AT ALL"},
        {"answer_bin_type": "<script>"},
    ],
)
def test_no_input_makes_the_raise_page_fail(officer_client, bins, junk):
    response = officer_client.post(f"{reverse('servicerequests:raise')}?service={bins.pk}", MISSED_BIN_FORM | junk)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_the_raise_page_first_asks_for_the_service(officer_client, bins):
    page = officer_client.get(reverse("servicerequests:raise")).content.decode()
    assert "Which service is the request for?" in page
    assert bins.name in page
    page = officer_client.get(reverse("servicerequests:raise"), {"service": "nonsense"}).content.decode()
    assert "There is a problem" in page


def test_detail_shows_answers_history_and_lets_a_worker_change_status(staff, client_for, raised):
    manager = client_for(staff[Role.TEAM_MANAGER])
    url = reverse("servicerequests:detail", args=[raised.reference])
    response = manager.post(
        url,
        {"action": "status", "status-status": "resolved", "status-note": "Collected", "status-version": "1"},
        follow=True,
    )
    page = response.content.decode()
    assert "Status changed to resolved" in page
    assert "New to Resolved" in page
    assert "Collected" in page
    assert ServiceRequest.objects.get(pk=raised.pk).status == "resolved"


def test_a_stale_status_change_keeps_the_note_and_says_why(staff, client_for, raised):
    service_request_status_update(actor=staff[Role.TEAM_MANAGER], request_id=raised.pk, status="in_progress")
    page = (
        client_for(staff[Role.CLIENT_SERVICE_OFFICER])
        .post(
            reverse("servicerequests:detail", args=[raised.reference]),
            {"action": "status", "status-status": "resolved", "status-note": "My careful note", "status-version": "1"},
        )
        .content.decode()
    )
    assert "changed by someone else" in page
    assert "My careful note" in page
    assert 'name="status-version" value="2"' in page
    assert ServiceRequest.objects.get(pk=raised.pk).status == "in_progress"


def test_a_refused_transition_shows_beside_the_status(staff, client_for, raised):
    page = (
        client_for(staff[Role.TEAM_MANAGER])
        .post(
            reverse("servicerequests:detail", args=[raised.reference]),
            {"action": "status", "status-status": "resolved", "status-note": "", "status-version": "1"},
        )
        .content.decode()
    )
    assert "There is a problem" in page
    assert "Say what was done to resolve the request" in page


def test_assigning_and_adding_notes_from_the_detail_page(staff, client_for, raised):
    manager = client_for(staff[Role.TEAM_MANAGER])
    url = reverse("servicerequests:detail", args=[raised.reference])
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    manager.post(url, {"action": "assign", "assign-assigned_officer": officer.pk, "assign-version": "1"})
    manager.post(url, {"action": "note", "note-note": "Called the customer", "note-visibility": "internal"})
    service_request = ServiceRequest.objects.get(pk=raised.pk)
    assert (service_request.assigned_officer, service_request.status) == (officer, "assigned")
    assert service_request.events.filter(kind="note", note="Called the customer").exists()


def test_front_office_officers_add_notes_but_cannot_change_status(officer_client, raised):
    url = reverse("servicerequests:detail", args=[raised.reference])
    page = officer_client.get(url).content.decode()
    assert "Change the status" not in page
    assert "Add a note" in page
    response = officer_client.post(url, {"action": "status", "status-status": "in_progress", "status-version": "1"})
    assert response.status_code == 403
    officer_client.post(url, {"action": "note", "note-note": "Customer chased", "note-visibility": "internal"})
    assert raised.events.filter(kind="note").count() == 1


def test_a_client_service_officer_sees_only_their_own_queue_and_requests(
    staff, client_for, raised, other_client_service
):
    parking = make_service_request(
        actor=staff[Role.OFFICER],
        council_service=CouncilServiceFactory(client_service=other_client_service, name="Parking permit"),
    )
    client = client_for(staff[Role.CLIENT_SERVICE_OFFICER])
    page = client.get(reverse("servicerequests:queue")).content.decode()
    assert raised.reference in page
    assert parking.reference not in page
    assert "Client service" not in page
    # Asking for another service's queue still shows only their own.
    response = client.get(reverse("servicerequests:queue"), {"client_service": other_client_service.pk})
    assert response.status_code == 200
    assert raised.reference in response.content.decode()
    assert parking.reference not in response.content.decode()
    assert client.get(reverse("servicerequests:detail", args=[parking.reference])).status_code == 404
    manager_page = client_for(staff[Role.TEAM_MANAGER]).get(reverse("servicerequests:queue")).content.decode()
    assert raised.reference in manager_page
    assert parking.reference in manager_page


def test_queue_filters_and_sorts_by_due_date(staff, client_for, bulky):
    manager = staff[Role.TEAM_MANAGER]
    slow = CouncilServiceFactory(client_service=bulky.client_service, sla_working_days=20)
    fast = CouncilServiceFactory(client_service=bulky.client_service, sla_working_days=1)
    later = make_service_request(council_service=slow)
    sooner = make_service_request(council_service=fast)
    overdue = make_service_request(council_service=fast, received_at=timezone.now() - datetime.timedelta(days=30))
    finished = make_service_request(council_service=fast)
    service_request_status_update(actor=manager, request_id=finished.pk, status="resolved", note="Done")
    client = client_for(manager)
    page = client.get(reverse("servicerequests:queue")).content.decode()
    assert page.index(overdue.reference) < page.index(sooner.reference) < page.index(later.reference)
    assert finished.reference not in page
    page = client.get(reverse("servicerequests:queue"), {"overdue": "on"}).content.decode()
    assert overdue.reference in page
    assert sooner.reference not in page
    page = client.get(reverse("servicerequests:queue"), {"status": "resolved"}).content.decode()
    assert finished.reference in page
    assert later.reference not in page
    service_request_status_update(actor=manager, request_id=later.pk, status="in_progress")
    page = client.get(reverse("servicerequests:queue"), {"status": "in_progress"}).content.decode()
    assert later.reference in page
    assert sooner.reference not in page
    page = client.get(reverse("servicerequests:queue"), {"status": "bogus"}).content.decode()
    assert "Select a status from the list" in page


def test_queue_filters_by_officer(staff, client_for, bulky):
    mine = make_service_request(council_service=bulky)
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    other = make_service_request(council_service=CouncilServiceFactory(client_service=bulky.client_service))
    client = client_for(staff[Role.TEAM_MANAGER])
    client.post(reverse("servicerequests:queue"), {"bulk-requests": [mine.pk], "bulk-officer": officer.pk})
    page = client.get(reverse("servicerequests:queue"), {"officer": officer.pk}).content.decode()
    assert mine.reference in page
    assert other.reference not in page


def test_bulk_assignment_from_the_queue(staff, client_for, bulky):
    requests = [make_service_request(council_service=bulky) for _ in range(3)]
    officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=bulky.client_service)
    client = client_for(staff[Role.CLIENT_SERVICE_OFFICER])
    response = client.post(
        f"{reverse('servicerequests:queue')}?status=open",
        {"bulk-requests": [r.pk for r in requests[:2]], "bulk-officer": officer.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{reverse('servicerequests:queue')}?status=open"
    assert "2 requests assigned to" in response.content.decode()
    assert list(ServiceRequest.objects.order_by("pk").values_list("assigned_officer", flat=True)) == [
        officer.pk,
        officer.pk,
        None,
    ]


def test_bulk_assignment_without_a_choice_says_what_is_missing(staff, client_for, bulky):
    make_service_request(council_service=bulky)
    page = client_for(staff[Role.TEAM_MANAGER]).post(reverse("servicerequests:queue"), {}).content.decode()
    assert "Select at least one request" in page
    assert "Select an officer" in page


def test_a_client_service_officer_cannot_bulk_assign_another_services_requests(staff, client_for, other_client_service):
    parking = make_service_request(council_service=CouncilServiceFactory(client_service=other_client_service))
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    response = client_for(officer).post(
        reverse("servicerequests:queue"), {"bulk-requests": [parking.pk], "bulk-officer": officer.pk}
    )
    assert response.status_code == 403
    assert ServiceRequest.objects.get(pk=parking.pk).assigned_officer is None


def test_the_queue_page_makes_the_same_number_of_queries_however_many_requests(staff, client_for, bulky):
    client = client_for(staff[Role.TEAM_MANAGER])
    make_service_request(council_service=bulky, customer=make_customer(staff[Role.OFFICER]).pk)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("servicerequests:queue")).status_code == 200
    other_services = [CouncilServiceFactory(client_service=bulky.client_service) for _ in range(3)]
    officers = [UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=bulky.client_service) for _ in range(3)]
    for index in range(12):
        service_request = make_service_request(
            council_service=other_services[index % 3],
            customer=make_customer(staff[Role.OFFICER], last_name=f"S{index}").pk,
        )
        service_request_assign(
            actor=staff[Role.TEAM_MANAGER], request_id=service_request.pk, officer_id=officers[index % 3].pk
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("servicerequests:queue")).status_code == 200
    assert len(many) == len(few)


def test_the_customers_single_view_shows_their_requests(staff, client_for, raised, customer, other_client_service):
    page = client_for(staff[Role.OFFICER]).get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert raised.reference in page
    assert reverse("servicerequests:detail", args=[raised.reference]) in page
    # The request belongs to their service, so the client service officer may open this customer.
    assert (
        client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(reverse("customers:detail", args=[customer.pk])).status_code
        == 200
    )


def test_navigation_and_dashboard_tile(staff, client_for, raised):
    make_service_request(
        council_service=raised.council_service, received_at=timezone.now() - datetime.timedelta(days=60)
    )
    manager_home = client_for(staff[Role.TEAM_MANAGER]).get(reverse("core:home")).content.decode()
    assert "Open service requests" in manager_home
    assert "1 overdue" in manager_home
    assert reverse("servicerequests:queue") in manager_home
    councillor_home = client_for(staff[Role.COUNCILLOR]).get(reverse("core:home")).content.decode()
    assert "Open service requests" in councillor_home
    assert reverse("servicerequests:queue") not in councillor_home
    assert raised.reference not in councillor_home
    officer_home = client_for(staff[Role.OFFICER]).get(reverse("core:home")).content.decode()
    assert reverse("servicerequests:queue") not in officer_home


def test_administrators_manage_question_sets_in_the_admin(staff, client_for, bins):
    admin = client_for(staff[Role.ADMINISTRATOR])
    page = admin.get(reverse("admin:servicerequests_questionset_change", args=[bins.question_set.pk]))
    assert page.status_code == 200
    assert "Which bin was missed?" in page.content.decode()
    manager = client_for(staff[Role.TEAM_MANAGER])
    assert manager.get(reverse("admin:servicerequests_questionset_changelist")).status_code == 302


def test_administrators_add_a_question_set_with_its_questions(staff, client_for, bulky):
    admin = client_for(staff[Role.ADMINISTRATOR])
    form = {
        "council_service": bulky.pk,
        "guidance": "Up to three items",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-order": "1",
        "questions-0-key": "items",
        "questions-0-label": "What items?",
        "questions-0-kind": "textarea",
        "questions-0-required": "on",
        "questions-1-order": "2",
        "questions-1-key": "where",
        "questions-1-label": "Where will they be left?",
        "questions-1-kind": "choice",
        "questions-1-choices": "",
    }
    response = admin.post(reverse("admin:servicerequests_questionset_add"), form)
    assert response.status_code == 200
    assert "A choice question needs at least one option" in response.content.decode()
    form["questions-1-choices"] = "Front garden\nKerbside"
    response = admin.post(reverse("admin:servicerequests_questionset_add"), form)
    assert response.status_code == 302
    labels = [q.label for q in bulky.question_set.questions.all()]
    assert labels == ["What items?", "Where will they be left?"]
    page = client_for(staff[Role.OFFICER]).get(f"{reverse('servicerequests:raise')}?service={bulky.pk}")
    assert "Kerbside" in page.content.decode()


def test_a_request_raised_from_a_contact_remembers_it(officer_client, staff, bulky):
    contact = log_contact(staff[Role.OFFICER], council_service_id=bulky.pk)
    url = f"{reverse('servicerequests:raise')}?service={bulky.pk}&contact={contact.pk}"
    officer_client.post(url, {"description": "Sofa and fridge", "channel": "phone", "priority": "3"})
    assert ServiceRequest.objects.get().contact_id == contact.pk


def test_an_unknown_reference_is_not_found(officer_client):
    assert officer_client.get(reverse("servicerequests:detail", args=["SR-2026-999999"])).status_code == 404
