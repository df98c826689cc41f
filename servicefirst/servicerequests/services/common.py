"""What every write to a request shares: the statuses' rules, locking with the version check, history and
telling the customer."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from servicefirst.core.events import customer_notifiable, service_request_resolution_changed
from servicefirst.core.versions import version_check
from servicefirst.core.workingdays import working_days_add, working_days_between
from servicefirst.servicerequests.models import (
    RequestStatus,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestPause,
)
from servicefirst.servicerequests.selectors import (
    service_request_may_work,
)

NOTE_MAX = 5000


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


def _personalisation(service_request: ServiceRequest, message: str) -> dict[str, str]:
    return {
        "reference": service_request.reference,
        "service": service_request.council_service.name,
        "status": service_request.get_status_display(),
        "due_date": f"{service_request.due_on:%-d %B %Y}",
        "message": message,
    }


def notify(event: str, service_request: ServiceRequest, message: str = "") -> None:
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


def locked(*, actor: AbstractBaseUser, request_id: int, version: int | None) -> ServiceRequest:
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


# What a status change may alter on the request, for the callers' `version_save`.
STATUS_FIELDS = ("status", "resolved_at", "due_on", "sla_paused_since", "sla_paused_working_days")


def _sla_pause(service_request: ServiceRequest, now: datetime.datetime) -> None:
    ServiceRequestPause.objects.create(request=service_request, started_at=now, due_on_before=service_request.due_on)
    service_request.sla_paused_since = now


def _sla_resume(service_request: ServiceRequest, now: datetime.datetime) -> None:
    """Ends the open pause and moves the due date later by the working days it lasted (London dates). The caller
    holds the request's row lock, so no other writer can end the same pause."""
    pause = ServiceRequestPause.objects.get(request=service_request, ended_at__isnull=True)
    pause.ended_at = now
    pause.working_days = working_days_between(start=timezone.localdate(pause.started_at), end=timezone.localdate(now))
    pause.due_on_after = working_days_add(start=service_request.due_on, days=pause.working_days)
    pause.save(update_fields=["ended_at", "working_days", "due_on_after"])
    service_request.due_on = pause.due_on_after
    service_request.sla_paused_working_days += pause.working_days
    service_request.sla_paused_since = None


def status_change(
    *, actor: AbstractBaseUser, service_request: ServiceRequest, status: str, note: str
) -> ServiceRequestEvent:
    """Changes the status in memory and writes its history; the caller saves `STATUS_FIELDS`. Awaiting the customer
    pauses the SLA clock and leaving it starts the clock again."""
    old = service_request.status
    now = timezone.now()
    if old != Status.AWAITING_CUSTOMER and status == Status.AWAITING_CUSTOMER:
        _sla_pause(service_request, now)
    elif old == Status.AWAITING_CUSTOMER and status != Status.AWAITING_CUSTOMER:
        _sla_resume(service_request, now)
    service_request.status = status
    if status == Status.RESOLVED:
        service_request.resolved_at = now
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


def resolution_announce(service_request: ServiceRequest, was_resolved_at: datetime.datetime | None) -> None:
    if was_resolved_at == service_request.resolved_at:
        return
    for resolved_at, change in ((was_resolved_at, -1), (service_request.resolved_at, 1)):
        if resolved_at is not None:
            service_request_resolution_changed.send(
                sender=ServiceRequest, service_request=service_request, resolved_at=resolved_at, change=change
            )
