import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.core.events import customer_notifiable
from servicefirst.core.versions import StaleVersion
from servicefirst.servicerequests.models import ServiceRequest, ServiceRequestEvent, ServiceRequestPause
from servicefirst.servicerequests.services import (
    service_request_assign,
    service_request_bulk_assign,
    service_request_note_add,
    service_request_status_update,
)
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_servicerequests import MISSED_BIN_ANSWERS, make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db

STATUSES = ["new", "assigned", "in_progress", "awaiting_customer", "resolved", "closed", "reopened"]
# Stated here rather than read from the code, so a change to the rules has to change this test too.
ALLOWED = {
    ("new", "assigned"),
    ("new", "in_progress"),
    ("new", "awaiting_customer"),
    ("new", "resolved"),
    ("assigned", "in_progress"),
    ("assigned", "awaiting_customer"),
    ("assigned", "resolved"),
    ("in_progress", "awaiting_customer"),
    ("in_progress", "resolved"),
    ("awaiting_customer", "in_progress"),
    ("awaiting_customer", "resolved"),
    ("resolved", "closed"),
    ("resolved", "reopened"),
    ("reopened", "assigned"),
    ("reopened", "in_progress"),
    ("reopened", "awaiting_customer"),
    ("reopened", "resolved"),
}


@pytest.fixture
def waste_service(client_service):
    return CouncilServiceFactory(client_service=client_service, sla_working_days=5, name="Bulky waste collection")


@pytest.fixture
def raised(staff, waste_service):
    return make_service_request(
        actor=staff[Role.OFFICER], council_service=waste_service, customer=make_customer(staff[Role.OFFICER]).pk
    )


@pytest.fixture
def notified():
    """What the notifications app would hear, recorded by a receiver like theirs."""
    heard: list[dict] = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    customer_notifiable.connect(receiver, weak=False, dispatch_uid="test-servicerequests")
    yield heard
    customer_notifiable.disconnect(dispatch_uid="test-servicerequests")


def test_raising_gives_a_reference_queue_due_date_and_history(staff, waste_service, client_service):
    first = make_service_request(actor=staff[Role.OFFICER], council_service=waste_service)
    second = make_service_request(actor=staff[Role.OFFICER], council_service=waste_service)
    assert re.fullmatch(r"SR-\d{4}-\d{6}", first.reference)
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1
    assert first.client_service == client_service
    assert first.status == "new"
    assert first.version == 1
    event = first.events.get()
    assert (event.kind, event.by, event.new_value) == ("raised", staff[Role.OFFICER], "new")
    assert AuditEvent.objects.filter(action="created", record_label=first.reference).exists()


def test_a_service_without_an_sla_takes_no_requests(staff):
    service = CouncilServiceFactory(sla_working_days=None)
    with pytest.raises(ValidationError) as error:
        make_service_request(actor=staff[Role.OFFICER], council_service=service)
    assert "council_service" in error.value.message_dict


@pytest.mark.parametrize("role", [Role.CLIENT_SERVICE_OFFICER, Role.COUNCILLOR])
def test_only_the_front_office_raises_requests(staff, waste_service, role):
    with pytest.raises(PermissionDenied):
        make_service_request(actor=staff[role], council_service=waste_service)


def test_raising_names_every_wrong_field(staff, waste_service):
    with pytest.raises(ValidationError) as error:
        make_service_request(
            actor=staff[Role.OFFICER],
            council_service=waste_service,
            description="  ",
            channel="pigeon",
            priority=9,
            customer=999_999,
        )
    assert set(error.value.message_dict) == {"description", "channel", "priority", "customer"}
    assert not ServiceRequest.objects.exists()


def test_missed_bin_answers_are_checked_and_normalised(staff, client_service):
    service = missed_bin_service(client_service=client_service)
    service_request = make_service_request(
        actor=staff[Role.OFFICER], council_service=service, answers=MISSED_BIN_ANSWERS | {"bin_out_by_7": "Y"}
    )
    assert service_request.answers == {
        "address": {"line_1": "10 Mare Street", "line_2": "", "town": "London", "postcode": "E8 1EA"},
        "bin_type": "Recycling (blue)",
        "collection_day": "2026-11-20",
        "bin_out_by_7": "yes",
    }


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        ({}, {"answers.address", "answers.bin_type", "answers.collection_day"}),
        (MISSED_BIN_ANSWERS | {"bin_type": "Purple"}, {"answers.bin_type"}),
        (MISSED_BIN_ANSWERS | {"collection_day": "31/02/2026"}, {"answers.collection_day"}),
        (MISSED_BIN_ANSWERS | {"bin_out_by_7": "perhaps"}, {"answers.bin_out_by_7"}),
        (MISSED_BIN_ANSWERS | {"colour": "blue"}, {"answers.colour"}),
        (
            MISSED_BIN_ANSWERS | {"address": {"line_1": "1 High St", "town": "London", "postcode": "NOPE"}},
            {"answers.address.postcode"},
        ),
        (
            MISSED_BIN_ANSWERS | {"address": {"postcode": "E8 1EA"}},
            {"answers.address.line_1", "answers.address.town"},
        ),
        (MISSED_BIN_ANSWERS | {"address": "10 Mare Street"}, {"answers.address"}),
        (MISSED_BIN_ANSWERS | {"bin_type": ["Refuse (black)"]}, {"answers.bin_type"}),
    ],
)
def test_wrong_answers_are_named_by_question(staff, client_service, answers, errors):
    service = missed_bin_service(client_service=client_service)
    with pytest.raises(ValidationError) as error:
        make_service_request(actor=staff[Role.OFFICER], council_service=service, answers=answers)
    assert set(error.value.message_dict) == errors


def _put_in(service_request: ServiceRequest, status: str, officer) -> None:
    """Puts the request straight into `status`, as a request that got there would be: awaiting the customer with its
    SLA paused."""
    finished = status in ("resolved", "closed")
    paused_since = service_request.received_at if status == "awaiting_customer" else None
    ServiceRequest.objects.filter(pk=service_request.pk).update(
        status=status,
        assigned_officer=officer,
        resolved_at=service_request.received_at if finished else None,
        sla_paused_since=paused_since,
    )
    if paused_since is not None:
        ServiceRequestPause.objects.create(
            request=service_request, started_at=paused_since, due_on_before=service_request.due_on
        )


@pytest.mark.parametrize("new", STATUSES)
@pytest.mark.parametrize("old", STATUSES)
def test_status_transitions(staff, raised, old, new):
    manager = staff[Role.TEAM_MANAGER]
    _put_in(raised, old, manager)
    if (old, new) in ALLOWED:
        updated = service_request_status_update(
            actor=manager, request_id=raised.pk, status=new, version=1, note="Done as agreed"
        )
        assert updated.status == new
        assert updated.version == 2
    else:
        with pytest.raises(ValidationError) as error:
            service_request_status_update(actor=manager, request_id=raised.pk, status=new, version=1, note="x")
        assert "status" in error.value.message_dict
        assert ServiceRequest.objects.get(pk=raised.pk).status == old


@pytest.mark.parametrize("status", ["awaiting_customer", "resolved"])
def test_telling_the_customer_needs_a_note(staff, raised, status):
    with pytest.raises(ValidationError) as error:
        service_request_status_update(actor=staff[Role.TEAM_MANAGER], request_id=raised.pk, status=status)
    assert "note" in error.value.message_dict


def test_assigned_needs_an_officer(staff, raised):
    with pytest.raises(ValidationError) as error:
        service_request_status_update(actor=staff[Role.TEAM_MANAGER], request_id=raised.pk, status="assigned")
    assert error.value.message_dict["status"] == ["Assign an officer to the request first"]


def test_resolving_reopening_and_awaiting_the_customer_never_move_the_due_date(staff, raised):
    manager, due = staff[Role.TEAM_MANAGER], raised.due_on
    steps = [("awaiting_customer", "Send a photo of the item"), ("resolved", "Collected"), ("reopened", "Left a sofa")]
    for status, note in steps:
        service_request = service_request_status_update(actor=manager, request_id=raised.pk, status=status, note=note)
        assert service_request.due_on == due
        assert (service_request.resolved_at is not None) == (status == "resolved")
    history = list(raised.events.filter(kind="status").order_by("id").values_list("old_value", "new_value", "note"))
    assert history == [
        ("new", "awaiting_customer", "Send a photo of the item"),
        ("awaiting_customer", "resolved", "Collected"),
        ("resolved", "reopened", "Left a sofa"),
    ]


def test_a_change_based_on_an_old_version_is_refused(staff, raised):
    manager = staff[Role.TEAM_MANAGER]
    service_request_status_update(actor=manager, request_id=raised.pk, status="in_progress", version=1)
    with pytest.raises(StaleVersion, match="changed by someone else"):
        service_request_status_update(actor=manager, request_id=raised.pk, status="resolved", version=1, note="x")
    assert ServiceRequest.objects.get(pk=raised.pk).status == "in_progress"


def test_a_client_service_officer_works_only_their_services_requests(staff, other_client_service):
    parking = make_service_request(
        actor=staff[Role.OFFICER], council_service=CouncilServiceFactory(client_service=other_client_service)
    )
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    with pytest.raises(PermissionDenied):
        service_request_status_update(actor=officer, request_id=parking.pk, status="in_progress")
    with pytest.raises(PermissionDenied):
        service_request_assign(actor=officer, request_id=parking.pk, officer_id=officer.pk)


def test_front_office_officers_cannot_change_status(staff, raised):
    with pytest.raises(PermissionDenied):
        service_request_status_update(actor=staff[Role.OFFICER], request_id=raised.pk, status="in_progress")


def test_assigning_records_history_and_moves_a_new_request_to_assigned(staff, raised):
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    service_request = service_request_assign(
        actor=staff[Role.TEAM_MANAGER], request_id=raised.pk, officer_id=officer.pk, version=1
    )
    assert (service_request.status, service_request.assigned_officer, service_request.version) == (
        "assigned",
        officer,
        2,
    )
    kinds = set(raised.events.values_list("kind", "field", "by__username"))
    assert ("assignment", "assigned_officer", "team_manager") in kinds
    assert ("status", "status", "team_manager") in kinds


def test_only_officers_of_the_requests_service_can_take_it(staff, raised, other_client_service):
    parking_officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=other_client_service)
    councillor = staff[Role.COUNCILLOR]
    for officer in (parking_officer, councillor):
        with pytest.raises(ValidationError) as error:
            service_request_assign(actor=staff[Role.TEAM_MANAGER], request_id=raised.pk, officer_id=officer.pk)
        assert "assigned_officer" in error.value.message_dict


def test_bulk_assignment_assigns_all(staff, waste_service):
    requests = [make_service_request(actor=staff[Role.OFFICER], council_service=waste_service) for _ in range(3)]
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    service_request_bulk_assign(
        actor=staff[Role.CLIENT_SERVICE_OFFICER], request_ids=[r.pk for r in requests], officer_id=officer.pk
    )
    assert set(ServiceRequest.objects.values_list("assigned_officer", "status")) == {(officer.pk, "assigned")}
    assert ServiceRequestEvent.objects.filter(kind="assignment").count() == 3


def test_bulk_assignment_is_all_or_nothing(staff, waste_service, other_client_service):
    ours = make_service_request(actor=staff[Role.OFFICER], council_service=waste_service)
    theirs = make_service_request(
        actor=staff[Role.OFFICER], council_service=CouncilServiceFactory(client_service=other_client_service)
    )
    officer = staff[Role.CLIENT_SERVICE_OFFICER]
    with pytest.raises(PermissionDenied):
        service_request_bulk_assign(actor=officer, request_ids=[ours.pk, theirs.pk], officer_id=officer.pk)
    finished = make_service_request(actor=staff[Role.OFFICER], council_service=waste_service)
    _put_in(finished, "closed", None)
    with pytest.raises(ValidationError) as error:
        service_request_bulk_assign(actor=officer, request_ids=[ours.pk, finished.pk], officer_id=officer.pk)
    assert finished.reference in error.value.message_dict["requests"][0]
    assert not ServiceRequest.objects.filter(assigned_officer__isnull=False).exists()


def test_notes_internal_and_public(staff, raised):
    officer = staff[Role.OFFICER]
    service_request_note_add(actor=officer, request_id=raised.pk, note="Customer rang to chase")
    service_request_note_add(actor=officer, request_id=raised.pk, note="Crew booked for Tuesday", visibility="public")
    notes = list(raised.events.filter(kind="note").order_by("id").values_list("note", "visibility"))
    assert notes == [("Customer rang to chase", "internal"), ("Crew booked for Tuesday", "public")]
    assert raised.events.filter(kind="note").count() == 2
    assert ServiceRequest.objects.get(pk=raised.pk).version == 1
    with pytest.raises(ValidationError):
        service_request_note_add(actor=officer, request_id=raised.pk, note="  ")
    with pytest.raises(PermissionDenied):
        service_request_note_add(actor=staff[Role.COUNCILLOR], request_id=raised.pk, note="Hello")


def test_the_customer_is_notified_after_commit_of_what_they_see(
    staff, waste_service, notified, django_capture_on_commit_callbacks
):
    customer = make_customer(staff[Role.OFFICER])
    manager = staff[Role.TEAM_MANAGER]
    with django_capture_on_commit_callbacks(execute=True):
        service_request = make_service_request(
            actor=staff[Role.OFFICER], council_service=waste_service, customer=customer.pk
        )
    with django_capture_on_commit_callbacks(execute=True):
        service_request_status_update(actor=manager, request_id=service_request.pk, status="in_progress")
        service_request_note_add(actor=manager, request_id=service_request.pk, note="Internal only")
    with django_capture_on_commit_callbacks(execute=True):
        service_request_note_add(
            actor=manager, request_id=service_request.pk, note="Crew on Tuesday", visibility="public"
        )
        service_request_status_update(
            actor=manager, request_id=service_request.pk, status="resolved", note="Collected on Tuesday"
        )
    assert [n["event"] for n in notified] == [
        "service_request.raised",
        "service_request.updated",
        "service_request.resolved",
    ]
    assert {n["customer_id"] for n in notified} == {customer.pk}
    assert {n["council_service_id"] for n in notified} == {waste_service.pk}
    assert {n["reference"] for n in notified} == {service_request.reference}
    resolved = notified[-1]["personalisation"]
    assert resolved["message"] == "Collected on Tuesday"
    assert resolved["status"] == "Resolved"
    assert resolved["service"] == "Bulky waste collection"


def test_nothing_is_sent_for_a_change_that_rolled_back_or_an_anonymous_request(
    staff, waste_service, notified, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        make_service_request(
            actor=staff[Role.OFFICER], council_service=waste_service, customer=make_customer(staff[Role.OFFICER]).pk
        )
        raise RuntimeError("rolled back")
    with django_capture_on_commit_callbacks(execute=True):
        make_service_request(actor=staff[Role.OFFICER], council_service=waste_service)
    assert notified == []
