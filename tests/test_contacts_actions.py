"""Actions agreed with customers: who sees them, completing them, and the report of promises kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import AgreedAction
from servicefirst.contacts.reports import actions_report
from servicefirst.contacts.services import agreed_action_complete
from servicefirst.customers.timeline import timeline_entries
from tests.factories import ClientServiceFactory, CouncilServiceFactory, DirectorateFactory, UserFactory, make_customer
from tests.factories_contacts import log_contact

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer(staff):
    return staff[Role.OFFICER]


@pytest.fixture
def customer(officer):
    return make_customer(officer, first_name="Amara", last_name="Okafor")


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


def agree(officer, customer, service, *, what="Call back", due_in_days=2, owner="officer", days_ago=0):
    started = timezone.now() - days_ago * DAY - datetime.timedelta(minutes=10)
    contact = log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=service.pk,
        started_at=started,
        action_what=what,
        action_owner=owner,
        action_due_on=timezone.localdate(started) + datetime.timedelta(days=due_in_days),
    )
    return contact.agreed_actions.get()


def test_my_actions_lists_my_open_actions_and_marks_overdue_ones(officer, customer, bins, client_for):
    agree(officer, customer, bins, what="Ring back about the crew", days_ago=5, due_in_days=1)
    agree(officer, customer, bins, what="Post the leaflet", due_in_days=3)
    agree(UserFactory(role=Role.OFFICER), customer, bins, what="Someone else's promise")
    page = client_for(officer).get(reverse("contacts:my_actions")).content.decode()
    assert "Ring back about the crew" in page
    assert "Post the leaflet" in page
    assert "Someone else&#x27;s promise" not in page
    assert page.count(">Overdue<") == 1


def test_client_service_officer_sees_their_services_actions(officer, customer, bins, staff, client_for):
    agree(officer, customer, bins, what="Send a crew back", owner="client_service")
    agree(officer, customer, bins, what="Officer rings back")
    page = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(reverse("contacts:my_actions")).content.decode()
    assert "Send a crew back" in page
    assert "Officer rings back" not in page


def test_team_list_shows_everyones_overdue_actions(officer, customer, bins, staff, client_for):
    agree(officer, customer, bins, what="Late promise", days_ago=5, due_in_days=1)
    agree(UserFactory(role=Role.OFFICER), customer, bins, what="Another late one", days_ago=3, due_in_days=0)
    agree(officer, customer, bins, what="Not due yet", due_in_days=3)
    manager = client_for(staff[Role.TEAM_MANAGER])
    page = manager.get(reverse("contacts:team_actions")).content.decode()
    assert "Late promise" in page and "Another late one" in page
    assert "Not due yet" not in page
    assert "Not due yet" in manager.get(reverse("contacts:team_actions"), {"show": "all"}).content.decode()


def test_completing_records_who_and_when(officer, customer, bins, client_for):
    action = agree(officer, customer, bins)
    response = client_for(officer).post(reverse("contacts:action_complete", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_by == officer
    assert action.completed_at is not None
    assert "Call back" not in client_for(officer).get(reverse("contacts:my_actions")).content.decode()


def test_completing_twice_keeps_the_first_completion(officer, customer, bins, staff):
    action = agree(officer, customer, bins)
    first = agreed_action_complete(user=officer, action_id=action.pk).completed_at
    agreed_action_complete(user=staff[Role.TEAM_MANAGER], action_id=action.pk)
    action.refresh_from_db()
    assert (action.completed_at, action.completed_by) == (first, officer)


def test_client_service_officer_completes_only_their_services_actions(officer, customer, bins, staff):
    ours = agree(officer, customer, bins, owner="client_service")
    officer_owned = agree(officer, customer, bins)
    cso = staff[Role.CLIENT_SERVICE_OFFICER]
    assert agreed_action_complete(user=cso, action_id=ours.pk).completed_by == cso
    with pytest.raises(PermissionDenied):
        agreed_action_complete(user=cso, action_id=officer_owned.pk)
    parking_officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER)
    other = agree(officer, customer, bins, owner="client_service")
    with pytest.raises(PermissionDenied):
        agreed_action_complete(user=parking_officer, action_id=other.pk)


def test_councillor_cannot_complete_an_action(officer, customer, bins, staff, client_for):
    action = agree(officer, customer, bins)
    response = client_for(staff[Role.COUNCILLOR]).post(reverse("contacts:action_complete", args=[action.pk]))
    assert response.status_code == 403
    assert AgreedAction.objects.get().completed_at is None


def test_actions_are_open_items_on_the_customers_timeline_until_completed(officer, customer, bins):
    action = agree(officer, customer, bins, what="Ring back", days_ago=4, due_in_days=1)
    [entry] = [e for e in timeline_entries(customer_id=customer.pk) if e.kind == "Agreed action"]
    assert entry.is_open
    assert entry.status == "Overdue"
    assert entry.due == action.due_on
    agreed_action_complete(user=officer, action_id=action.pk)
    [entry] = [e for e in timeline_entries(customer_id=customer.pk) if e.kind == "Agreed action"]
    assert not entry.is_open
    assert entry.status == "Completed"


def test_report_counts_promises_kept_late_and_overdue_by_service_and_directorate(officer, customer, bins, staff):
    on_time = agree(officer, customer, bins, due_in_days=3)
    agreed_action_complete(user=officer, action_id=on_time.pk)
    late = agree(officer, customer, bins, days_ago=6, due_in_days=1)
    agreed_action_complete(user=officer, action_id=late.pk)
    agree(officer, customer, bins, days_ago=6, due_in_days=2)
    agree(officer, customer, bins, due_in_days=5)
    agree(officer, customer, bins, due_in_days=5, owner="client_service")
    housing = ClientServiceFactory(
        name="Housing repairs", directorate=DirectorateFactory(name="Housing", code="housing")
    )
    agree(officer, customer, CouncilServiceFactory(client_service=housing), days_ago=3, due_in_days=1)

    report = actions_report()
    figures = {row.client_service: row.figures for group in report.directorates for row in group.services}
    waste = figures["Waste and recycling"]
    assert (waste.agreed, waste.completed_on_time, waste.completed_late, waste.overdue, waste.open_not_due) == (
        5,
        1,
        1,
        1,
        2,
    )
    assert figures["Housing repairs"].overdue == 1
    housing_group = next(g for g in report.directorates if g.directorate == "Housing")
    assert housing_group.total.agreed == 1
    assert report.total.agreed == 6
    assert report.total.carried_out == 2


def test_report_period_counts_only_actions_agreed_in_it(officer, customer, bins):
    agree(officer, customer, bins, days_ago=20)
    agree(officer, customer, bins)
    report = actions_report(agreed_from=timezone.localdate() - 5 * DAY)
    assert report.total.agreed == 1


def test_report_page_shows_figures_but_no_personal_data(officer, customer, bins, staff, client_for):
    agree(officer, customer, bins, what="Ring Ms Okafor back", days_ago=6, due_in_days=1)
    page = client_for(staff[Role.COUNCILLOR]).get(reverse("contacts:actions_report")).content.decode()
    assert "Waste and recycling" in page
    assert "Okafor" not in page


def test_report_period_the_wrong_way_round_is_an_error(staff, client_for):
    page = (
        client_for(staff[Role.HEAD_OF_SERVICE])
        .get(
            reverse("contacts:actions_report"),
            {
                "date_from_day": "10",
                "date_from_month": "1",
                "date_from_year": "2027",
                "date_to_day": "1",
                "date_to_month": "1",
                "date_to_year": "2027",
            },
        )
        .content.decode()
    )
    assert "The end of the period must be the same as or after the start" in page
