"""A request's progress: status changes with the note the customer is told, priority, and notes."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from servicefirst.core.versions import version_save
from servicefirst.servicerequests.models import (
    RequestPriority,
    ServiceRequest,
    ServiceRequestEvent,
)
from servicefirst.servicerequests.selectors import (
    service_request_may_view,
)
from servicefirst.servicerequests.services.common import (
    ALLOWED_TRANSITIONS,
    NOTE_MAX,
    NOTE_REQUIRED,
    STATUS_FIELDS,
    Status,
    Visibility,
    locked,
    notify,
    resolution_announce,
    status_change,
)


@transaction.atomic
def service_request_status_update(
    *, actor: AbstractBaseUser, request_id: int, status: str, version: int | None = None, note: str = ""
) -> ServiceRequest:
    """Moves a request along its allowed path. With `version`, refuses the change if someone else
    changed the request first, so two officers working it at once cannot overwrite each other."""
    service_request = locked(actor=actor, request_id=request_id, version=version)
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
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Note must be {NOTE_MAX} characters or fewer"})
    was_resolved_at = service_request.resolved_at
    event = status_change(actor=actor, service_request=service_request, status=status, note=note)
    version_save(record=service_request, fields=STATUS_FIELDS)
    resolution_announce(service_request, was_resolved_at)
    if status == Status.RESOLVED:
        notify("service_request.resolved", service_request, note)
    elif event.visibility == Visibility.PUBLIC:
        notify("service_request.updated", service_request, note)
    return service_request


@transaction.atomic
def service_request_priority_update(
    *, actor: AbstractBaseUser, request_id: int, priority: int | None, version: int | None = None
) -> ServiceRequest:
    """Changes how urgent the request is; the queue sorts by due date, then priority."""
    service_request = locked(actor=actor, request_id=request_id, version=version)
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
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Note must be {NOTE_MAX} characters or fewer"})
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Select who sees the note"})
    event = ServiceRequestEvent.objects.create(
        request=service_request, by=actor, kind=ServiceRequestEvent.Kind.NOTE, note=note, visibility=visibility
    )
    if visibility == Visibility.PUBLIC:
        notify("service_request.updated", service_request, note)
    return event
