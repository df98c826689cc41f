"""Moving a request sent to the wrong queue, and changing its priority."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.core.versions import StaleVersion
from servicefirst.servicerequests.models import ServiceRequest
from servicefirst.servicerequests.selectors import service_request_queue
from servicefirst.servicerequests.services import (
    service_request_assign,
    service_request_move,
    service_request_priority_update,
    service_request_status_update,
)
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory
from tests.factories_servicerequests import make_service_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def raised(staff, client_service):
    service = CouncilServiceFactory(client_service=client_service, sla_working_days=5, name="Bulky waste collection")
    return make_service_request(actor=staff[Role.OFFICER], council_service=service)


def _errors(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


def test_moving_puts_the_request_in_the_other_queue_with_the_reason(staff, raised, other_client_service):
    manager = staff[Role.TEAM_MANAGER]
    moved = service_request_move(
        actor=manager, request_id=raised.pk, client_service_id=other_client_service.pk, reason="Parking, not waste"
    )
    assert (moved.client_service, moved.due_on, moved.version) == (other_client_service, raised.due_on, 2)
    event = moved.events.get(kind="queue")
    assert (event.new_value, event.note, event.by) == (other_client_service.name, "Parking, not waste", manager)
    # The old queue's officer no longer sees it; the new queue's does.
    assert not service_request_queue(viewer=staff[Role.CLIENT_SERVICE_OFFICER]).filter(pk=raised.pk).exists()
    other_officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=other_client_service)
    assert service_request_queue(viewer=other_officer).filter(pk=raised.pk).exists()


def test_a_moved_request_starts_again_without_the_old_queues_officer(staff, raised, other_client_service):
    manager, officer = staff[Role.TEAM_MANAGER], staff[Role.CLIENT_SERVICE_OFFICER]
    service_request_assign(actor=manager, request_id=raised.pk, officer_id=officer.pk)
    service_request_status_update(actor=officer, request_id=raised.pk, status="in_progress")
    moved = service_request_move(
        actor=officer, request_id=raised.pk, client_service_id=other_client_service.pk, reason="Not ours"
    )
    assert (moved.status, moved.assigned_officer) == ("new", None)


def test_moving_needs_an_open_request_another_active_service_and_a_reason(staff, raised, client_service):
    manager = staff[Role.TEAM_MANAGER]
    with pytest.raises(ValidationError) as excinfo:
        service_request_move(actor=manager, request_id=raised.pk, client_service_id=client_service.pk, reason="")
    assert _errors(excinfo) == {"client_service", "reason"}
    closed = ClientServiceFactory(is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        service_request_move(actor=manager, request_id=raised.pk, client_service_id=closed.pk, reason="x")
    assert _errors(excinfo) == {"client_service"}
    service_request_status_update(actor=manager, request_id=raised.pk, status="resolved", note="Collected")
    with pytest.raises(ValidationError) as excinfo:
        service_request_move(
            actor=manager, request_id=raised.pk, client_service_id=ClientServiceFactory().pk, reason="x"
        )
    assert _errors(excinfo) == {"client_service"}
    assert ServiceRequest.objects.get(pk=raised.pk).client_service == client_service


def test_only_those_who_work_the_request_may_move_it_or_change_its_priority(staff, raised, other_client_service):
    for role in (Role.OFFICER, Role.COUNCILLOR):
        with pytest.raises(PermissionDenied):
            service_request_move(
                actor=staff[role], request_id=raised.pk, client_service_id=other_client_service.pk, reason="x"
            )
        with pytest.raises(PermissionDenied):
            service_request_priority_update(actor=staff[role], request_id=raised.pk, priority=1)


def test_priority_changes_are_recorded_and_checked(staff, raised):
    manager = staff[Role.TEAM_MANAGER]
    changed = service_request_priority_update(actor=manager, request_id=raised.pk, priority=1, version=1)
    assert changed.priority == 1
    event = changed.events.get(kind="priority")
    assert (event.old_value, event.new_value) == ("Normal", "Urgent")
    with pytest.raises(ValidationError) as excinfo:
        service_request_priority_update(actor=manager, request_id=raised.pk, priority=9)
    assert _errors(excinfo) == {"priority"}
    with pytest.raises(StaleVersion):
        service_request_priority_update(actor=manager, request_id=raised.pk, priority=2, version=1)


def test_a_team_manager_moves_a_request_on_its_page(staff, client_for, raised, other_client_service):
    url = reverse("servicerequests:detail", args=[raised.reference])
    client = client_for(staff[Role.TEAM_MANAGER])
    page = client.post(url, {"action": "move", "move-version": "1", "move-reason": ""}).content.decode()
    assert "Select the client service to move the request to" in page
    assert "Enter why the request is moving" in page
    response = client.post(
        url,
        {
            "action": "move",
            "move-version": "1",
            "move-client_service": other_client_service.pk,
            "move-reason": "Parking",
        },
        follow=True,
    )
    assert f"Moved to the {other_client_service.name} queue" in response.content.decode()
    response = client.post(url, {"action": "priority", "priority-version": "2", "priority-priority": "2"}, follow=True)
    assert "Priority changed" in response.content.decode()
    assert ServiceRequest.objects.get(pk=raised.pk).priority == 2


def test_a_stale_move_keeps_what_was_typed(staff, client_for, raised, other_client_service):
    service_request_priority_update(actor=staff[Role.TEAM_MANAGER], request_id=raised.pk, priority=1)
    page = (
        client_for(staff[Role.TEAM_MANAGER])
        .post(
            reverse("servicerequests:detail", args=[raised.reference]),
            {
                "action": "move",
                "move-version": "1",
                "move-client_service": other_client_service.pk,
                "move-reason": "Belongs to parking",
            },
        )
        .content.decode()
    )
    assert "Belongs to parking" in page
    assert ServiceRequest.objects.get(pk=raised.pk).client_service_id != other_client_service.pk
