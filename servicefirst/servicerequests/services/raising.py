"""Raising a request: the checks, the reference, the due date fixed from the day of receipt, and opening one to read."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.audit.services import AuditAction, audit_record, record_open
from servicefirst.catalogue.selectors import council_service_get
from servicefirst.contacts.selectors import ContactOrigin, contact_origin
from servicefirst.core.localtime import day_received_at, day_starts_at, local_moment
from servicefirst.core.references import reference_next
from servicefirst.core.validation import RECEIVED_EARLIEST
from servicefirst.core.workingdays import working_days_add
from servicefirst.customers.selectors import customer_detail
from servicefirst.servicerequests.models import (
    REFERENCE_PREFIX,
    RequestChannel,
    RequestPriority,
    ServiceRequest,
    ServiceRequestEvent,
)
from servicefirst.servicerequests.questions import answers_clean
from servicefirst.servicerequests.selectors import (
    question_list,
    service_request_get,
    service_request_may_view,
)
from servicefirst.servicerequests.services.common import Status, Visibility, notify

_DESCRIPTION_MAX = 5000


@dataclass
class RequestData:
    """What an officer or an API client gives to raise a request. Another record is named by its id (`_id`); a
    broken rule is reported under the name of the field the person filled in (`customer`, `council_service`)."""

    council_service_id: int | None = None
    description: str = ""
    channel: str = RequestChannel.PHONE
    answers: dict[str, Any] = field(default_factory=dict)
    customer_id: int | None = None
    contact_id: int | None = None
    priority: int = RequestPriority.NORMAL
    # When the council received it, which starts the SLA clock. A moment (the API), or a day for a letter or a
    # backlog (the officers' page); raised from a contact and given neither, when the contact began.
    received_at: datetime.datetime | None = None
    received_on: datetime.date | None = None


def service_request_due_on(*, received_at: datetime.datetime, sla_working_days: int) -> datetime.date:
    return working_days_add(start=timezone.localdate(received_at), days=sla_working_days)


def _clean(data: RequestData) -> tuple[RequestData, Any, int | None]:
    """The cleaned data, the council service, and the site of the contact it was raised from."""
    errors: dict[str, str] = {}
    service = site_id = origin = None
    if data.council_service_id is None:
        errors["council_service"] = "Select the service the request is for"
    else:
        try:
            service = council_service_get(pk=data.council_service_id)
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
    if data.customer_id is not None:
        try:
            customer_detail(customer_id=data.customer_id)
        except ObjectDoesNotExist:
            errors["customer"] = "No customer has that reference"
    if data.contact_id is not None:
        try:
            origin = contact_origin(contact_id=data.contact_id)
        except ObjectDoesNotExist:
            errors["contact"] = "No contact has that number"
        else:
            site_id = origin.site_id
    _received_clean(data, origin, errors)
    if service is not None and service.is_requestable:
        try:
            data.answers = answers_clean(questions=question_list(council_service_id=service.pk), answers=data.answers)
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return data, service, site_id


def _received_clean(data: RequestData, origin: ContactOrigin | None, errors: dict[str, str]) -> None:
    """Fixes `data.received_at`, the moment the SLA counts from, or records why it cannot be."""
    field = "received_at"
    if data.received_at is not None:
        data.received_at = local_moment(data.received_at)
    elif data.received_on is not None:
        field = "received_on"
        contact_day = timezone.localdate(origin.received_at) if origin else None
        # The contact's own day keeps the contact's moment: the officer confirmed it, not retyped it.
        data.received_at = origin.received_at if data.received_on == contact_day else day_received_at(data.received_on)
    elif origin is not None:
        data.received_at = origin.received_at
    if data.received_at is None:
        return
    if data.received_at > timezone.now():
        errors[field] = "The date received must be today or in the past"
    elif data.received_at < day_starts_at(RECEIVED_EARLIEST):
        # Compared as moments first: a date in year 1 has no London day to turn it into.
        errors[field] = f"The date received must be on or after {RECEIVED_EARLIEST:%-d %B %Y}"
    elif origin is not None and timezone.localdate(data.received_at) > timezone.localdate(origin.received_at):
        errors[field] = (
            f"The date received must be on or before {timezone.localdate(origin.received_at):%-d %B %Y}, "
            "the day of the contact it is raised from"
        )


def service_request_check(*, data: RequestData) -> None:
    """Raises the ValidationError that raising would, without raising anything."""
    _clean(data)


@transaction.atomic
def service_request_raise(*, actor: AbstractBaseUser, data: RequestData, via: str = "web") -> ServiceRequest:
    """Raises a request into the council service's client service queue, with its due date fixed."""
    if not actor.can("request.raise"):
        raise PermissionDenied("request.raise")
    data, service, site_id = _clean(data)
    received_at = data.received_at or timezone.now()
    service_request = ServiceRequest.objects.create(
        reference=reference_next(prefix=REFERENCE_PREFIX, year=timezone.localtime(received_at).year),
        council_service=service,
        client_service_id=service.client_service_id,
        customer_id=data.customer_id,
        contact_id=data.contact_id,
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
        via=via,
    )
    notify("service_request.raised", service_request)
    return service_request


@transaction.atomic
def service_request_open(
    *, viewer: AbstractBaseUser, reference: str, via: str = "web", changing: bool = False
) -> ServiceRequest:
    """Fetches a request for display and writes the view to the audit log; refuses viewers without a need.
    `changing`: opened to change it, which writes its own event (`audit.services.record_open`)."""
    service_request = service_request_get(reference=reference)
    return record_open(
        viewer=viewer,
        record=service_request,
        record_type="service_request",
        record_id=service_request.pk,
        record_label=service_request.reference,
        may_view=service_request_may_view(viewer=viewer, service_request=service_request),
        via=via,
        changing=changing,
    )
