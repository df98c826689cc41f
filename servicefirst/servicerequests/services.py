"""Writes to service requests: raising, status changes, assignment and notes. Every rule lives here,
so the staff pages and the API cannot disagree.

Deadlines: a request is due `sla_working_days` England & Wales working days after the day it was
received (the Europe/London date). The day of receipt never counts, so a request received at 08:00
on a Monday with a one-day SLA is due on Tuesday.

The SLA clock does not stop while a request awaits the customer, and reopening keeps the original
due date: the due date is fixed when the request is raised and never moves, so the breach figures
are the honest ones the customer experienced.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.audit.services import AuditAction, audit_record, record_open
from servicefirst.catalogue.selectors import council_service_get
from servicefirst.contacts.selectors import contact_site
from servicefirst.core.events import customer_notifiable, service_request_resolution_changed
from servicefirst.core.localtime import local_moment
from servicefirst.core.references import reference_next
from servicefirst.core.versions import version_check, version_save
from servicefirst.core.workingdays import working_days_add
from servicefirst.customers.selectors import customer_detail
from servicefirst.organisation.selectors import client_service_get
from servicefirst.servicerequests.models import (
    REFERENCE_PREFIX,
    RequestChannel,
    RequestPriority,
    RequestStatus,
    ServiceRequest,
    ServiceRequestEvent,
)
from servicefirst.servicerequests.questions import answers_clean
from servicefirst.servicerequests.selectors import (
    officer_may_take,
    question_list,
    service_request_get,
    service_request_may_view,
    service_request_may_work,
)

_DESCRIPTION_MAX = 5000
_NOTE_MAX = 5000

Status = RequestStatus
Visibility = ServiceRequestEvent.Visibility

# Where a request may go next. Closed is final: a customer who comes back after closure gets a new
# request, while a resolved one that was not put right is reopened.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER, Status.RESOLVED}),
    Status.ASSIGNED: frozenset({Status.IN_PROGRESS, Status.AWAITING_CUSTOMER, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.AWAITING_CUSTOMER, Status.RESOLVED}),
    Status.AWAITING_CUSTOMER: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.CLOSED: frozenset(),
    Status.REOPENED: frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER, Status.RESOLVED}),
}

# The customer hears about these; the others are the back office's own progress.
CUSTOMER_VISIBLE_STATUSES = frozenset({Status.AWAITING_CUSTOMER, Status.RESOLVED, Status.REOPENED})

# The officer must say what is needed, what was done, or why it is reopened: the customer is told.
NOTE_REQUIRED = {
    Status.AWAITING_CUSTOMER: "Say what the customer needs to do",
    Status.RESOLVED: "Say what was done to resolve the request",
    Status.REOPENED: "Say why the request is reopened",
}


@dataclass
class RequestData:
    """What an officer or an API client gives to raise a request, with the names forms and the API use."""

    council_service: int | None = None
    description: str = ""
    channel: str = RequestChannel.PHONE
    answers: dict[str, Any] = field(default_factory=dict)
    customer: int | None = None
    contact: int | None = None
    priority: int = RequestPriority.NORMAL
    received_at: datetime.datetime | None = None


def service_request_due_on(*, received_at: datetime.datetime, sla_working_days: int) -> datetime.date:
    return working_days_add(start=timezone.localdate(received_at), days=sla_working_days)


def _personalisation(service_request: ServiceRequest, message: str) -> dict[str, str]:
    return {
        "reference": service_request.reference,
        "service": service_request.council_service.name,
        "status": service_request.get_status_display(),
        "due_date": f"{service_request.due_on:%-d %B %Y}",
        "message": message,
    }


def _notify(event: str, service_request: ServiceRequest, message: str = "") -> None:
    """Tells the listeners once the change is committed, so no customer hears of a change that rolled back."""
    if service_request.customer_id is None:
        return
    arguments = {
        "event": event,
        "customer_id": service_request.customer_id,
        "council_service_id": service_request.council_service_id,
        "reference": service_request.reference,
        "personalisation": _personalisation(service_request, message),
    }
    transaction.on_commit(lambda: customer_notifiable.send(sender=ServiceRequest, **arguments))


def _clean(data: RequestData) -> tuple[RequestData, Any, int | None]:
    """The cleaned data, the council service, and the site of the contact it was raised from."""
    errors: dict[str, str] = {}
    service = site_id = None
    if data.council_service is None:
        errors["council_service"] = "Select the service the request is for"
    else:
        try:
            service = council_service_get(pk=data.council_service)
        except ObjectDoesNotExist:
            errors["council_service"] = "Select a service from the catalogue"
        else:
            if not service.is_requestable:
                errors["council_service"] = (
                    f"{service.name} has no service level agreement, so it does not take service requests"
                )
    data.description = (data.description or "").strip()
    if not data.description:
        errors["description"] = "Describe what the customer is asking for"
    elif len(data.description) > _DESCRIPTION_MAX:
        errors["description"] = f"Description must be {_DESCRIPTION_MAX} characters or fewer"
    if data.channel not in RequestChannel.values:
        errors["channel"] = "Select how the request came in"
    if data.priority not in RequestPriority.values:
        errors["priority"] = "Select a priority from the list"
    if data.customer is not None:
        try:
            customer_detail(customer_id=data.customer)
        except ObjectDoesNotExist:
            errors["customer"] = "No customer has that reference"
    if data.contact is not None:
        try:
            site_id = contact_site(contact_id=data.contact)
        except ObjectDoesNotExist:
            errors["contact"] = "No contact has that number"
    if data.received_at is not None:
        data.received_at = local_moment(data.received_at)
        if data.received_at > timezone.now():
            errors["received_at"] = "The date received must not be in the future"
    if service is not None and service.is_requestable:
        try:
            data.answers = answers_clean(questions=question_list(council_service_id=service.pk), answers=data.answers)
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return data, service, site_id


def service_request_check(*, data: RequestData) -> None:
    """Raises the ValidationError that raising would, without raising anything."""
    _clean(data)


@transaction.atomic
def service_request_raise(*, actor: AbstractBaseUser, data: RequestData, channel: str = "web") -> ServiceRequest:
    """Raises a request into the council service's client service queue, with its due date fixed."""
    if not actor.can("request.raise"):
        raise PermissionDenied("request.raise")
    data, service, site_id = _clean(data)
    received_at = data.received_at or timezone.now()
    service_request = ServiceRequest.objects.create(
        reference=reference_next(prefix=REFERENCE_PREFIX, year=timezone.localtime(received_at).year),
        council_service=service,
        client_service_id=service.client_service_id,
        customer_id=data.customer,
        contact_id=data.contact,
        site_id=site_id,
        channel=data.channel,
        description=data.description,
        answers=data.answers,
        priority=data.priority,
        received_at=received_at,
        due_on=service_request_due_on(received_at=received_at, sla_working_days=service.sla_working_days),
        raised_by=actor,
    )
    ServiceRequestEvent.objects.create(
        request=service_request,
        by=actor,
        kind=ServiceRequestEvent.Kind.RAISED,
        field="status",
        new_value=Status.NEW,
        visibility=Visibility.PUBLIC,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record_type="service_request",
        record_id=service_request.pk,
        record_label=service_request.reference,
        channel=channel,
    )
    _notify("service_request.raised", service_request)
    return service_request


@transaction.atomic
def service_request_open(*, viewer: AbstractBaseUser, reference: str, channel: str = "web") -> ServiceRequest:
    """Fetches a request for display and writes the view to the audit log; refuses viewers without a need."""
    service_request = service_request_get(reference=reference)
    return record_open(
        viewer=viewer,
        record=service_request,
        record_type="service_request",
        record_id=service_request.pk,
        record_label=service_request.reference,
        may_view=service_request_may_view(viewer=viewer, service_request=service_request),
        channel=channel,
    )


def _locked(*, actor: AbstractBaseUser, request_id: int, version: int | None) -> ServiceRequest:
    """The request, locked against other writers until the transaction ends, and checked to be the
    version the actor saw."""
    service_request = (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("council_service", "assigned_officer")
        .get(pk=request_id)
    )
    if not service_request_may_work(viewer=actor, service_request=service_request):
        raise PermissionDenied("clientservice.work")
    version_check(record=service_request, version=version)
    return service_request


def _status_change(
    *, actor: AbstractBaseUser, service_request: ServiceRequest, status: str, note: str
) -> ServiceRequestEvent:
    old = service_request.status
    service_request.status = status
    if status == Status.RESOLVED:
        service_request.resolved_at = timezone.now()
    elif status == Status.REOPENED:
        service_request.resolved_at = None
    return ServiceRequestEvent.objects.create(
        request=service_request,
        by=actor,
        kind=ServiceRequestEvent.Kind.STATUS,
        field="status",
        old_value=old,
        new_value=status,
        note=note,
        visibility=Visibility.PUBLIC if status in CUSTOMER_VISIBLE_STATUSES else Visibility.INTERNAL,
    )


def _resolution_announce(service_request: ServiceRequest, was_resolved_at: datetime.datetime | None) -> None:
    if was_resolved_at == service_request.resolved_at:
        return
    for resolved_at, change in ((was_resolved_at, -1), (service_request.resolved_at, 1)):
        if resolved_at is not None:
            service_request_resolution_changed.send(
                sender=ServiceRequest, service_request=service_request, resolved_at=resolved_at, change=change
            )


@transaction.atomic
def service_request_status_update(
    *, actor: AbstractBaseUser, request_id: int, status: str, version: int | None = None, note: str = ""
) -> ServiceRequest:
    """Moves a request along its allowed path. With `version`, refuses the change if someone else
    changed the request first, so two officers working it at once cannot overwrite each other."""
    service_request = _locked(actor=actor, request_id=request_id, version=version)
    note = (note or "").strip()
    current = Status(service_request.status)
    if status not in Status.values:
        raise ValidationError({"status": "Select a status from the list"})
    if status not in ALLOWED_TRANSITIONS[current]:
        raise ValidationError(
            {"status": f"A request that is {current.label.lower()} cannot be made {Status(status).label.lower()}"}
        )
    if status == Status.ASSIGNED and service_request.assigned_officer_id is None:
        raise ValidationError({"status": "Assign an officer to the request first"})
    if status in NOTE_REQUIRED and not note:
        raise ValidationError({"note": NOTE_REQUIRED[status]})
    if len(note) > _NOTE_MAX:
        raise ValidationError({"note": f"Note must be {_NOTE_MAX} characters or fewer"})
    was_resolved_at = service_request.resolved_at
    event = _status_change(actor=actor, service_request=service_request, status=status, note=note)
    version_save(record=service_request, fields=("status", "resolved_at"))
    _resolution_announce(service_request, was_resolved_at)
    if status == Status.RESOLVED:
        _notify("service_request.resolved", service_request, note)
    elif event.visibility == Visibility.PUBLIC:
        _notify("service_request.updated", service_request, note)
    return service_request


def _officer(*, officer_id: int | None, client_service_ids: set[int], field_name: str) -> AbstractBaseUser:
    if officer_id is None:
        raise ValidationError({field_name: "Select an officer"})
    officer = get_user_model().objects.filter(pk=officer_id).first()
    if officer is None or not all(officer_may_take(officer=officer, client_service_id=i) for i in client_service_ids):
        raise ValidationError({field_name: "Select an officer who works this client service's queue"})
    return officer


def _assign(*, actor: AbstractBaseUser, service_request: ServiceRequest, officer: AbstractBaseUser) -> None:
    previous = service_request.assigned_officer
    service_request.assigned_officer = officer
    ServiceRequestEvent.objects.create(
        request=service_request,
        by=actor,
        kind=ServiceRequestEvent.Kind.ASSIGNMENT,
        field="assigned_officer",
        old_value=previous.display_name if previous else "",
        new_value=officer.display_name,
    )
    fields = ["assigned_officer"]
    if service_request.status in (Status.NEW, Status.REOPENED):
        _status_change(actor=actor, service_request=service_request, status=Status.ASSIGNED, note="")
        fields += ["status", "resolved_at"]
    version_save(record=service_request, fields=fields)


@transaction.atomic
def service_request_assign(
    *, actor: AbstractBaseUser, request_id: int, officer_id: int | None, version: int | None = None
) -> ServiceRequest:
    """Gives a request to an officer; a new or reopened request becomes assigned."""
    service_request = _locked(actor=actor, request_id=request_id, version=version)
    if not service_request.is_open:
        raise ValidationError({"assigned_officer": "Only an open request can be assigned; reopen it first"})
    officer = _officer(
        officer_id=officer_id, client_service_ids={service_request.client_service_id}, field_name="assigned_officer"
    )
    if officer.pk != service_request.assigned_officer_id:
        _assign(actor=actor, service_request=service_request, officer=officer)
    return service_request


# A request moved to another queue is started again there: its officer belonged to the old queue.
_RESTARTED_ON_MOVE = frozenset({Status.ASSIGNED, Status.IN_PROGRESS})


@transaction.atomic
def service_request_move(
    *, actor: AbstractBaseUser, request_id: int, client_service_id: int | None, reason: str, version: int | None = None
) -> ServiceRequest:
    """Moves an open request to another client service's queue, with the reason, when it was sent to the
    wrong one. The due date stands: the customer was promised it when the request was raised."""
    service_request = _locked(actor=actor, request_id=request_id, version=version)
    reason = (reason or "").strip()
    errors = {}
    if not service_request.is_open:
        errors["client_service"] = "Only an open request can be moved; reopen it first"
    target = None
    if client_service_id is None:
        errors["client_service"] = "Select the client service to move the request to"
    else:
        try:
            target = client_service_get(pk=client_service_id)
        except ObjectDoesNotExist:
            errors["client_service"] = "Select a client service from the list"
    if target is not None and target.pk == service_request.client_service_id:
        errors["client_service"] = "The request is already in that queue"
    if not reason:
        errors["reason"] = "Enter why the request is moving"
    elif len(reason) > _NOTE_MAX:
        errors["reason"] = f"Reason must be {_NOTE_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors)
    ServiceRequestEvent.objects.create(
        request=service_request,
        by=actor,
        kind=ServiceRequestEvent.Kind.QUEUE,
        field="client_service",
        old_value=service_request.client_service.name[:200],
        new_value=target.name[:200],
        note=reason,
    )
    service_request.client_service = target
    service_request.assigned_officer = None
    if service_request.status in _RESTARTED_ON_MOVE:
        _status_change(actor=actor, service_request=service_request, status=Status.NEW, note="")
    version_save(record=service_request, fields=("client_service", "assigned_officer", "status", "resolved_at"))
    return service_request


@transaction.atomic
def service_request_priority_update(
    *, actor: AbstractBaseUser, request_id: int, priority: int | None, version: int | None = None
) -> ServiceRequest:
    """Changes how urgent the request is; the queue sorts by due date, then priority."""
    service_request = _locked(actor=actor, request_id=request_id, version=version)
    if priority not in RequestPriority.values:
        raise ValidationError({"priority": "Select a priority from the list"})
    if priority != service_request.priority:
        ServiceRequestEvent.objects.create(
            request=service_request,
            by=actor,
            kind=ServiceRequestEvent.Kind.PRIORITY,
            field="priority",
            old_value=RequestPriority(service_request.priority).label,
            new_value=RequestPriority(priority).label,
        )
        service_request.priority = priority
        version_save(record=service_request, fields=("priority",))
    return service_request


@transaction.atomic
def service_request_bulk_assign(
    *, actor: AbstractBaseUser, request_ids: list[int], officer_id: int | None
) -> list[ServiceRequest]:
    """Assigns several requests to one officer, all or none: a request the actor may not work,
    or one already finished, refuses the whole batch so nothing is half done."""
    if not actor.can("clientservice.work"):
        raise PermissionDenied("clientservice.work")
    if not request_ids:
        raise ValidationError({"requests": "Select at least one request"})
    # Locking in one order means two managers assigning overlapping batches wait rather than deadlock.
    requests = list(
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("assigned_officer")
        .filter(pk__in=set(request_ids))
        .order_by("pk")
    )
    if len(requests) != len(set(request_ids)):
        raise ValidationError({"requests": "Some of the selected requests no longer exist"})
    for service_request in requests:
        if not service_request_may_work(viewer=actor, service_request=service_request):
            raise PermissionDenied("clientservice.work")
    finished = [r.reference for r in requests if not r.is_open]
    if finished:
        raise ValidationError({"requests": f"Only open requests can be assigned: {', '.join(finished)}"})
    officer = _officer(
        officer_id=officer_id, client_service_ids={r.client_service_id for r in requests}, field_name="officer"
    )
    for service_request in requests:
        if officer.pk != service_request.assigned_officer_id:
            _assign(actor=actor, service_request=service_request, officer=officer)
    return requests


@transaction.atomic
def service_request_note_add(
    *, actor: AbstractBaseUser, request_id: int, note: str, visibility: str = Visibility.INTERNAL
) -> ServiceRequestEvent:
    """Adds an internal note, or an update the customer sees and is sent. Notes only add to the
    history, so they leave the version alone and never make another officer's change stale."""
    service_request = ServiceRequest.objects.select_related("council_service").get(pk=request_id)
    if not service_request_may_view(viewer=actor, service_request=service_request):
        raise PermissionDenied("customer.view")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Enter the note"})
    if len(note) > _NOTE_MAX:
        raise ValidationError({"note": f"Note must be {_NOTE_MAX} characters or fewer"})
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Select who sees the note"})
    event = ServiceRequestEvent.objects.create(
        request=service_request, by=actor, kind=ServiceRequestEvent.Kind.NOTE, note=note, visibility=visibility
    )
    if visibility == Visibility.PUBLIC:
        _notify("service_request.updated", service_request, note)
    return event
