"""Who works a request: assigning an officer, moving it to another client service, and assigning many at once."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction

from servicefirst.core.versions import version_save
from servicefirst.organisation.selectors import client_service_get
from servicefirst.servicerequests.models import (
    ServiceRequest,
    ServiceRequestEvent,
)
from servicefirst.servicerequests.selectors import (
    officer_may_take,
    service_request_may_work,
)
from servicefirst.servicerequests.services.common import NOTE_MAX, STATUS_FIELDS, Status, locked, status_change


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
        status_change(actor=actor, service_request=service_request, status=Status.ASSIGNED, note="")
        fields += STATUS_FIELDS
    version_save(record=service_request, fields=fields)


@transaction.atomic
def service_request_assign(
    *, actor: AbstractBaseUser, request_id: int, officer_id: int | None, version: int | None = None
) -> ServiceRequest:
    """Gives a request to an officer; a new or reopened request becomes assigned."""
    service_request = locked(actor=actor, request_id=request_id, version=version)
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
    service_request = locked(actor=actor, request_id=request_id, version=version)
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
    elif len(reason) > NOTE_MAX:
        errors["reason"] = f"Reason must be {NOTE_MAX} characters or fewer"
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
        status_change(actor=actor, service_request=service_request, status=Status.NEW, note="")
    version_save(record=service_request, fields=("client_service", "assigned_officer", *STATUS_FIELDS))
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
