"""Two officers at once, on real connections in threads: no update is lost and no reference is shared."""

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.core.versions import StaleVersion
from servicefirst.servicerequests.models import ServiceRequest
from servicefirst.servicerequests.services import (
    service_request_assign,
    service_request_status_update,
)
from tests.concurrency import run_at_once
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory
from tests.factories_servicerequests import make_service_request


@pytest.mark.django_db(transaction=True)
def test_two_officers_changing_the_same_request_at_once_lose_no_update():
    client_service = ClientServiceFactory()
    first = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=client_service)
    second = UserFactory(role=Role.TEAM_MANAGER)
    service_request = make_service_request(council_service=CouncilServiceFactory(client_service=client_service))

    def start_work():
        service_request_status_update(actor=first, request_id=service_request.pk, status="in_progress", version=1)
        return "saved"

    def resolve():
        service_request_status_update(
            actor=second, request_id=service_request.pk, status="resolved", version=1, note="Done"
        )
        return "saved"

    assert sorted(run_at_once(start_work, resolve, expected=StaleVersion)) == ["saved", "stale"]
    service_request = ServiceRequest.objects.get(pk=service_request.pk)
    assert service_request.version == 2
    assert service_request.status in ("in_progress", "resolved")
    # The winner's change is the only one, and the history says so.
    assert list(service_request.events.filter(kind="status").values_list("new_value", flat=True)) == [
        service_request.status
    ]


@pytest.mark.django_db(transaction=True)
def test_an_assignment_and_a_status_change_at_once_both_land_when_each_reads_the_latest():
    client_service = ClientServiceFactory()
    officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=client_service)
    manager = UserFactory(role=Role.TEAM_MANAGER)
    service_request = make_service_request(council_service=CouncilServiceFactory(client_service=client_service))

    # Without a version each change is applied to the row as it is once locked, so neither is lost.
    def assign():
        service_request_assign(actor=manager, request_id=service_request.pk, officer_id=officer.pk)
        return "assigned"

    def start_work():
        service_request_status_update(actor=officer, request_id=service_request.pk, status="in_progress")
        return "started"

    assert sorted(run_at_once(assign, start_work, expected=StaleVersion)) == ["assigned", "started"]
    service_request = ServiceRequest.objects.get(pk=service_request.pk)
    assert service_request.assigned_officer == officer
    assert service_request.status == "in_progress"
    assert service_request.version == 3


@pytest.mark.django_db(transaction=True)
def test_requests_raised_at_once_get_different_consecutive_references():
    service = CouncilServiceFactory()
    officers = [UserFactory(role=Role.OFFICER) for _ in range(6)]

    def raise_one(officer):
        return lambda: make_service_request(actor=officer, council_service=service).reference

    references = run_at_once(*(raise_one(officer) for officer in officers), expected=StaleVersion)
    assert len(set(references)) == 6
    numbers = sorted(int(reference[-6:]) for reference in references)
    assert numbers == list(range(1, 7))
    assert {reference[:8] for reference in references} == {references[0][:8]}
