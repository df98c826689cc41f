import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from servicefirst.accounts.api_auth import capable
from servicefirst.audit.services import records_list_audit
from servicefirst.complaints.models import Complaint, FeedbackKind, Procedure
from servicefirst.complaints.selectors import (
    complaint_caseload,
    complaint_events,
    complaint_get,
    complaint_learning_actions,
    complaint_stages,
)
from servicefirst.complaints.services import (
    ComplaintData,
    LearningActionData,
    RemedyData,
    complaint_acknowledge,
    complaint_close,
    complaint_escalate,
    complaint_extend,
    complaint_open,
    complaint_panel_record,
    complaint_plan_agree,
    complaint_record,
    complaint_respond,
)
from servicefirst.core.access import capability_require
from servicefirst.core.channels import ContactChannel
from servicefirst.core.validation import OFFSET_MAX, IsoDate, IsoDateTime

router = Router(tags=["complaints"])

_LIMIT_MAX = 200
_NOT_FOUND = "No complaint, compliment or comment has that reference; references look like CMP-2026-000123"


class StageOut(Schema):
    stage: int
    opened_at: datetime.datetime
    acknowledge_due: datetime.date | None
    respond_due: datetime.date
    extended_to: datetime.date | None
    extension_reason: str
    beyond_limit_reason: str = Field(description="The good reason an extension goes beyond the procedure's limit")
    agreed_due: datetime.date | None = Field(description="The response date agreed with the complainant")
    agreement_note: str
    panel_met_on: datetime.date | None = Field(description="A review panel stage: when the panel met")
    panel_report_due: datetime.date | None
    panel_report_on: datetime.date | None = Field(description="When the panel's report was received")
    panel_response_due: datetime.date | None = Field(description="When the council's response to the panel is due")
    response_due: datetime.date | None = Field(description="The response deadline in force")
    due_on: datetime.date = Field(description="What the stage owes next: its response, or a panel's meeting or report")
    acknowledged_at: datetime.datetime | None
    responded_at: datetime.datetime | None
    outcome: str
    responded_on_time: bool | None


class ComplaintEventOut(Schema):
    at: datetime.datetime
    by: str | None
    kind: str
    stage: int | None
    note: str


class LearningOut(Schema):
    id: int
    action: str
    owner: str
    due_on: datetime.date
    done_at: datetime.datetime | None


class ComplaintOut(Schema):
    reference: str
    kind: str
    procedure: str
    team: str | None
    customer: str | None = Field(description="The customer's reference, e.g. C-000123")
    channel: str
    received_at: datetime.datetime
    council_service_id: int | None
    client_service_id: int | None
    theme: str | None
    summary: str
    status: str
    status_label: str
    current_stage: int | None
    due_on: datetime.date | None
    overdue: bool
    outcome: str
    assigned_officer: str | None
    ombudsman: str
    ombudsman_decision: str
    version: int


class ComplaintDetailOut(ComplaintOut):
    details: str
    stages: list[StageOut]
    learning_actions: list[LearningOut]
    history: list[ComplaintEventOut]


class ListOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[ComplaintOut]


class ComplaintIn(Schema):
    kind: FeedbackKind = FeedbackKind.COMPLAINT
    procedure: Procedure = Procedure.CORPORATE
    summary: str = Field(max_length=200)
    details: str = Field("", max_length=5000)
    channel: ContactChannel = ContactChannel.PHONE
    customer: str | None = Field(None, description="The customer's reference, e.g. C-000123", max_length=20)
    contact: int | None = Field(None, description="The id of the contact it was taken on")
    council_service: int | None = Field(None, description="The council service's id, as /api/catalogue gives it")
    theme: int | None = None
    received_at: IsoDateTime | None = Field(None, description="When the council received it; now if left out")


class VersionIn(Schema):
    version: int = Field(description="The version you last read; a change based on an older one is refused (409)")


class NoteIn(VersionIn):
    note: str = Field("", max_length=5000)


class ExtendIn(VersionIn):
    extend_to: IsoDate
    reason: str = Field(max_length=5000)
    beyond_limit_reason: str = Field(
        "", max_length=5000, description="Needed only to go beyond the procedure's limit: the good reason, reported"
    )


class PlanIn(VersionIn):
    respond_by: IsoDate = Field(description="The response date agreed with the complainant")
    note: str = Field(max_length=5000, description="What was agreed, with whom and how")


class PanelIn(VersionIn):
    met_on: IsoDate = Field(description="When the review panel met")
    report_on: IsoDate | None = Field(None, description="When the panel's report was received, once it is")


class RemedyIn(Schema):
    kind: str = Field(max_length=20)
    amount: Decimal | None = None
    detail: str = Field("", max_length=300)


class LearningIn(Schema):
    action: str = Field(max_length=300)
    owner: str = Field(max_length=150)
    due_on: IsoDate


class RespondIn(VersionIn):
    outcome: str = Field(max_length=20)
    response: str = Field(max_length=5000)
    remedies: list[RemedyIn] = Field(default_factory=list)
    learning_actions: list[LearningIn] = Field(default_factory=list)


class EscalateIn(VersionIn):
    reason: str = Field("", max_length=5000)
    ombudsman: str = Field("", max_length=10, description="After the final stage: lgsco or housing")
    ombudsman_reference: str = Field("", max_length=40)


def _name(user) -> str | None:
    return user.display_name if user else None


def _out(complaint: Complaint) -> dict:
    return {
        "reference": complaint.reference,
        "kind": complaint.kind,
        "procedure": complaint.procedure,
        "team": complaint.team.name if complaint.team_id else None,
        "customer": complaint.customer.reference if complaint.customer_id else None,
        "channel": complaint.channel,
        "received_at": complaint.received_at,
        "council_service_id": complaint.council_service_id,
        "client_service_id": complaint.client_service_id,
        "theme": complaint.theme.code if complaint.theme_id else None,
        "summary": complaint.summary,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "current_stage": complaint.current_stage,
        "due_on": complaint.due_on,
        "overdue": complaint.is_overdue,
        "outcome": complaint.outcome,
        "assigned_officer": _name(complaint.assigned_officer),
        "ombudsman": complaint.ombudsman,
        "ombudsman_decision": complaint.ombudsman_decision,
        "version": complaint.version,
    }


def _detail(reference: str) -> dict:
    complaint = complaint_get(reference=reference)
    stages = [
        StageOut(
            **{name: getattr(stage, name) for name in StageOut.model_fields},
        )
        for stage in complaint_stages(complaint=complaint)
    ]
    learning = [
        LearningOut(id=a.pk, action=a.action, owner=a.owner, due_on=a.due_on, done_at=a.done_at)
        for a in complaint_learning_actions(complaint=complaint)
    ]
    history = [
        ComplaintEventOut(at=e.at, by=_name(e.by), kind=e.kind, stage=e.stage, note=e.note)
        for e in complaint_events(complaint=complaint)
    ]
    return _out(complaint) | {
        "details": complaint.details,
        "stages": stages,
        "learning_actions": learning,
        "history": history,
    }


def _customer_pk(reference: str | None) -> int | None:
    if reference is None:
        return None
    reference = reference.strip().upper()
    if not reference.startswith("C-") or not reference[2:].isdigit() or len(reference) > 14:
        raise ValidationError({"customer": "Customer references look like C-000123"})
    return int(reference[2:])


def _open(request: HttpRequest, reference: str) -> Complaint:
    capability_require(user=request.user, capability="complaint.handle")
    try:
        # Opened for a change (every other method), the change writes its own event, not a view as well.
        return complaint_open(viewer=request.user, reference=reference, via="api", changing=request.method != "GET")
    except (Complaint.DoesNotExist, PermissionDenied):
        # A statutory complaint outside the caller's team is as unknown to them as one that does not exist.
        raise HttpError(404, _NOT_FOUND) from None


def _changed(reference: str, change) -> dict:
    change()
    return _detail(reference)


@router.post(
    "",
    response={201: ComplaintDetailOut},
    summary="Record a complaint, compliment or comment",
    auth=capable("complaint.record"),
)
def record(request: HttpRequest, payload: ComplaintIn):
    data = ComplaintData(
        kind=payload.kind,
        procedure=payload.procedure,
        summary=payload.summary,
        details=payload.details,
        channel=payload.channel,
        customer_id=_customer_pk(payload.customer),
        contact_id=payload.contact,
        council_service_id=payload.council_service,
        theme_id=payload.theme,
        received_at=payload.received_at,
    )
    complaint = complaint_record(actor=request.user, data=data, via="api")
    return Status(201, _detail(complaint.reference))


@router.get("", response=ListOut, summary="List open complaints, compliments and comments")
def caseload(
    request: HttpRequest,
    team: int | None = None,
    procedure: str = "",
    stage: int | None = Query(None, ge=1, le=9),
    kind: str = "",
    overdue: bool = False,
    limit: int = Query(50, ge=1, le=_LIMIT_MAX),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
):
    """Open items the caller may see, overdue first then soonest due; statutory ones only for their team."""
    capability_require(user=request.user, capability="complaint.handle")
    if procedure and procedure not in Procedure.values:
        raise ValidationError({"procedure": f"Procedure must be one of {', '.join(Procedure.values)}"})
    if kind and kind not in FeedbackKind.values:
        raise ValidationError({"kind": f"Kind must be one of {', '.join(FeedbackKind.values)}"})
    complaints = complaint_caseload(
        viewer=request.user, team_id=team, procedure=procedure, stage=stage, kind=kind, overdue=overdue
    )
    shown = list(complaints[offset : offset + limit])
    records_list_audit(viewer=request.user, record_type="complaint", ids=[c.pk for c in shown], via="api")
    return {"count": complaints.count(), "limit": limit, "offset": offset, "results": [_out(c) for c in shown]}


@router.get("/{reference}", response=ComplaintDetailOut, summary="Read a complaint, compliment or comment")
def read(request: HttpRequest, reference: str):
    return _detail(_open(request, reference).reference)


@router.post(
    "/{reference}/acknowledge",
    response=ComplaintDetailOut,
    summary="Acknowledge the current stage",
    auth=capable("complaint.handle"),
)
def acknowledge(request: HttpRequest, reference: str, payload: NoteIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_acknowledge(
            actor=request.user, complaint_id=complaint.pk, version=payload.version, note=payload.note
        ),
    )


@router.post(
    "/{reference}/extend",
    response=ComplaintDetailOut,
    summary="Extend the current stage's response",
    auth=capable("complaint.handle"),
)
def extend(request: HttpRequest, reference: str, payload: ExtendIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_extend(
            actor=request.user,
            complaint_id=complaint.pk,
            version=payload.version,
            extend_to=payload.extend_to,
            reason=payload.reason,
            beyond_limit_reason=payload.beyond_limit_reason,
        ),
    )


@router.post(
    "/{reference}/plan",
    response=ComplaintDetailOut,
    summary="Record the response date agreed with the complainant",
    auth=capable("complaint.handle"),
)
def plan(request: HttpRequest, reference: str, payload: PlanIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_plan_agree(
            actor=request.user,
            complaint_id=complaint.pk,
            version=payload.version,
            respond_by=payload.respond_by,
            note=payload.note,
        ),
    )


@router.post(
    "/{reference}/panel",
    response=ComplaintDetailOut,
    summary="Record the review panel's meeting and report",
    auth=capable("complaint.handle"),
)
def panel(request: HttpRequest, reference: str, payload: PanelIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_panel_record(
            actor=request.user,
            complaint_id=complaint.pk,
            version=payload.version,
            met_on=payload.met_on,
            report_on=payload.report_on,
        ),
    )


@router.post(
    "/{reference}/respond",
    response=ComplaintDetailOut,
    summary="Respond to the current stage",
    auth=capable("complaint.handle"),
)
def respond(request: HttpRequest, reference: str, payload: RespondIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_respond(
            actor=request.user,
            complaint_id=complaint.pk,
            version=payload.version,
            outcome=payload.outcome,
            response=payload.response,
            remedies=[RemedyData(**r.dict()) for r in payload.remedies],
            learning_actions=[LearningActionData(**a.dict()) for a in payload.learning_actions],
        ),
    )


@router.post(
    "/{reference}/escalate",
    response=ComplaintDetailOut,
    summary="Escalate to the next stage or Ombudsman",
    auth=capable("complaint.handle"),
)
def escalate(request: HttpRequest, reference: str, payload: EscalateIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_escalate(actor=request.user, complaint_id=complaint.pk, **payload.dict()),
    )


@router.post("/{reference}/close", response=ComplaintDetailOut, summary="Close", auth=capable("complaint.handle"))
def close(request: HttpRequest, reference: str, payload: NoteIn):
    complaint = _open(request, reference)
    return _changed(
        complaint.reference,
        lambda: complaint_close(
            actor=request.user, complaint_id=complaint.pk, version=payload.version, note=payload.note
        ),
    )
