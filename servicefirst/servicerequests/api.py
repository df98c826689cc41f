import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator, Field

from servicefirst.accounts.api_auth import capable
from servicefirst.audit.services import records_list_audit
from servicefirst.core.access import capability_require
from servicefirst.core.validation import OFFSET_MAX, IsoDateTime
from servicefirst.customers.selectors import customer_reference_parse
from servicefirst.servicerequests.models import RequestChannel, RequestPriority, RequestStatus, ServiceRequest
from servicefirst.servicerequests.selectors import (
    OPEN,
    service_request_events,
    service_request_get,
    service_request_pauses,
    service_request_queue,
    service_request_queue_rows,
)
from servicefirst.servicerequests.services import (
    RequestData,
    service_request_open,
    service_request_raise,
    service_request_status_update,
)

router = Router(tags=["service requests"])

_QUEUE_LIMIT_MAX = 200

# A form that leaves the client service blank sends `client_service=`; that means every service.
BlankMeansAll = Annotated[int | None, BeforeValidator(lambda value: None if value == "" else value)]


class RequestEventOut(Schema):
    at: datetime.datetime
    by: str
    kind: str
    field: str
    old_value: str
    new_value: str
    note: str
    visibility: str


class RequestOut(Schema):
    reference: str
    council_service_id: int
    council_service: str
    client_service_id: int
    client_service: str
    customer: str | None = Field(description="The customer's reference, e.g. C-000123")
    contact_id: int | None
    channel: str
    description: str
    answers: dict[str, Any]
    status: str
    status_label: str
    priority: int
    assigned_officer: str | None
    received_at: datetime.datetime
    due_on: datetime.date = Field(description="Moved later by the working days the SLA was paused")
    breached: bool = Field(description="Past the due date; never while the SLA is paused")
    sla_paused_since: datetime.datetime | None = Field(
        description="While the request awaits the customer, when its SLA clock stopped"
    )
    paused_working_days: int = Field(description="Working days the SLA was paused, every finished pause added")
    resolved_at: datetime.datetime | None
    version: int


class PauseOut(Schema):
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    working_days: int | None = Field(description="Counted when the pause ends")
    due_on_before: datetime.date
    due_on_after: datetime.date | None


class RequestDetailOut(RequestOut):
    history: list[RequestEventOut]
    pauses: list[PauseOut] = Field(description="Each pause of the SLA awaiting the customer, oldest first")


class QueueOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[RequestOut]


class RequestIn(Schema):
    """A request for a catalogue service. `answers` answers the service's questions by key; an address
    answer is an object with line_1, line_2, town and postcode, and the property's uprn when known."""

    council_service: int = Field(description="The council service's id, as /api/catalogue gives it")
    description: str = Field(max_length=5000)
    channel: RequestChannel = RequestChannel.PHONE
    answers: dict[str, Any] = Field(default_factory=dict)
    customer: str | None = Field(None, description="The customer's reference, e.g. C-000123", max_length=20)
    contact: int | None = Field(None, description="The id of the contact it was raised from")
    priority: RequestPriority = RequestPriority.NORMAL
    received_at: IsoDateTime | None = Field(
        None, description="When the council received it; left out, when the contact it is raised from began, else now"
    )


class StatusIn(Schema):
    status: str = Field(max_length=20)
    version: int = Field(description="The version you last read; a change based on an older one is refused (409)")
    note: str = Field("", max_length=5000)


def _name(user) -> str | None:
    return user.display_name if user else None


def _out(service_request: ServiceRequest) -> dict:
    return {
        "reference": service_request.reference,
        "council_service_id": service_request.council_service_id,
        "council_service": service_request.council_service.name,
        "client_service_id": service_request.client_service_id,
        "client_service": service_request.client_service.name,
        "customer": service_request.customer.reference if service_request.customer_id else None,
        "contact_id": service_request.contact_id,
        "channel": service_request.channel,
        "description": service_request.description,
        "answers": service_request.answers,
        "status": service_request.status,
        "status_label": service_request.get_status_display(),
        "priority": service_request.priority,
        "assigned_officer": _name(service_request.assigned_officer),
        "received_at": service_request.received_at,
        "due_on": service_request.due_on,
        "breached": service_request.breached,
        "sla_paused_since": service_request.sla_paused_since,
        "paused_working_days": service_request.sla_paused_working_days,
        "resolved_at": service_request.resolved_at,
        "version": service_request.version,
    }


def _detail(service_request: ServiceRequest) -> dict:
    events = [
        RequestEventOut(
            at=event.at,
            by=_name(event.by),
            kind=event.kind,
            field=event.field,
            old_value=event.old_value,
            new_value=event.new_value,
            note=event.note,
            visibility=event.visibility,
        )
        for event in service_request_events(service_request=service_request)
    ]
    pauses = [
        PauseOut(
            started_at=pause.started_at,
            ended_at=pause.ended_at,
            working_days=pause.working_days,
            due_on_before=pause.due_on_before,
            due_on_after=pause.due_on_after,
        )
        for pause in service_request_pauses(service_request=service_request)
    ]
    return _out(service_request) | {"history": events, "pauses": pauses}


def _customer_pk(reference: str | None) -> int | None:
    if reference is None:
        return None
    if (number := customer_reference_parse(text=reference)) is None:
        raise ValidationError({"customer": "Customer references look like C-000123"})
    return number


def _open(request: HttpRequest, reference: str, *, changing: bool = False) -> ServiceRequest:
    capability_require(user=request.user, capability="customer.view")
    try:
        return service_request_open(viewer=request.user, reference=reference, via="api", changing=changing)
    except (ServiceRequest.DoesNotExist, PermissionDenied):
        # As on the web: another service's request is as unknown to a client service officer as a missing one.
        raise HttpError(404, "No service request has that reference; references look like SR-2026-000123") from None


@router.post("", response={201: RequestDetailOut}, summary="Raise a service request", auth=capable("request.raise"))
def raise_request(request: HttpRequest, payload: RequestIn):
    data = RequestData(
        council_service_id=payload.council_service,
        description=payload.description,
        channel=payload.channel,
        answers=payload.answers,
        customer_id=_customer_pk(payload.customer),
        contact_id=payload.contact,
        priority=payload.priority,
        received_at=payload.received_at,
    )
    service_request = service_request_raise(actor=request.user, data=data, via="api")
    return Status(201, _detail(service_request_get(reference=service_request.reference)))


@router.get("/queue", response=QueueOut, summary="List a queue")
def queue(
    request: HttpRequest,
    client_service: BlankMeansAll = None,
    status: str = OPEN,
    limit: int = Query(50, ge=1, le=_QUEUE_LIMIT_MAX),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
):
    """Open requests soonest due first (or one `status`; `status=` for any). A client service officer
    sees only their own service's queue and is refused another's."""
    capability_require(user=request.user, capability="clientservice.work")
    if status not in (OPEN, "", *RequestStatus.values):
        raise ValidationError({"status": f"Status must be open, blank or one of {', '.join(RequestStatus.values)}"})
    requests = service_request_queue(viewer=request.user, client_service_id=client_service, status=status)
    ids = list(requests.values_list("pk", flat=True)[offset : offset + limit])
    records_list_audit(viewer=request.user, record_type="service_request", ids=ids, via="api")
    return {
        "count": requests.count(),
        "limit": limit,
        "offset": offset,
        "results": [_out(r) for r in service_request_queue_rows(requests=requests, ids=ids)],
    }


@router.get("/{reference}", response=RequestDetailOut, summary="Read a service request")
def read(request: HttpRequest, reference: str):
    return _detail(_open(request, reference))


@router.post(
    "/{reference}/status",
    response=RequestDetailOut,
    summary="Change a request's status",
    auth=capable("clientservice.work"),
)
def status_update(request: HttpRequest, reference: str, payload: StatusIn):
    service_request = _open(request, reference, changing=True)
    service_request_status_update(
        actor=request.user,
        request_id=service_request.pk,
        status=payload.status,
        version=payload.version,
        note=payload.note,
    )
    return _detail(service_request_get(reference=reference))
