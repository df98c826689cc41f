"""Recording a complaint, compliment or comment, and the first steps of its stage: acknowledging and assigning."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.audit.services import AuditAction, audit_record, record_open
from servicefirst.catalogue.selectors import council_service_get
from servicefirst.complaints import deadlines
from servicefirst.complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintStage,
    ComplaintStatus,
    ComplaintsTeam,
    ComplaintTheme,
    FeedbackKind,
    Procedure,
)
from servicefirst.complaints.selectors import (
    complaint_get,
    complaint_may_view,
    complaints_team_default,
    deadline_rule_for,
)
from servicefirst.complaints.services.common import (
    current_stage_locked,
    event_add,
    locked,
    moment,
    notify,
    require_complaint,
    stage_open,
    stage_terms,
    text_clean,
)
from servicefirst.contacts.selectors import contact_origin
from servicefirst.core.channels import ContactChannel
from servicefirst.core.localtime import day_starts_at
from servicefirst.core.references import reference_next
from servicefirst.core.validation import RECEIVED_EARLIEST
from servicefirst.core.versions import version_save
from servicefirst.customers.selectors import customer_detail
from servicefirst.organisation.selectors import client_service_get

SUMMARY_MAX = 200
TEXT_MAX = 5000
_PREFIX = {FeedbackKind.COMPLAINT: "CMP", FeedbackKind.COMPLIMENT: "CPL", FeedbackKind.COMMENT: "CMT"}
Kind = ComplaintEvent.Kind


@dataclass
class ComplaintData:
    """What an officer or an API client gives to record feedback. Another record is named by its id (`_id`); a
    broken rule is reported under the name of the field the person filled in (`customer`, `council_service`)."""

    kind: str = FeedbackKind.COMPLAINT
    procedure: str = Procedure.CORPORATE
    summary: str = ""
    details: str = ""
    channel: str = ContactChannel.PHONE
    customer_id: int | None = None
    contact_id: int | None = None
    council_service_id: int | None = None
    client_service_id: int | None = None
    theme_id: int | None = None
    team_id: int | None = None
    received_at: datetime.datetime | None = None


def _clean(data: ComplaintData, now: datetime.datetime) -> tuple[ComplaintData, dict]:
    errors: dict[str, str] = {}
    related: dict = {}
    if data.kind not in FeedbackKind.values:
        errors["kind"] = "Select whether this is a complaint, a compliment or a comment"
    if data.procedure not in Procedure.values:
        errors["procedure"] = "Select the procedure"
    data.summary, error = text_clean(
        data.summary, field="summary", label="Summary", required="Enter a summary", limit=SUMMARY_MAX
    )
    errors |= error
    data.details, error = text_clean(data.details, field="details", label="Details")
    errors |= error
    if data.channel not in ContactChannel.values:
        errors["channel"] = "Select how it came in"
    if data.customer_id is None:
        if data.kind == FeedbackKind.COMPLAINT:
            errors["customer"] = "A complaint needs the customer who made it, so the council can answer"
    else:
        try:
            related["customer"] = customer_detail(customer_id=data.customer_id)
        except ObjectDoesNotExist:
            errors["customer"] = "No customer has that reference"
    origin = None
    if data.contact_id is not None:
        try:
            origin = contact_origin(contact_id=data.contact_id)
        except ObjectDoesNotExist:
            errors["contact"] = "No contact has that number"
    if data.council_service_id is not None:
        try:
            related["council_service"] = council_service_get(pk=data.council_service_id)
        except ObjectDoesNotExist:
            errors["council_service"] = "Select a service from the catalogue"
    if data.client_service_id is not None:
        try:
            client_service_get(pk=data.client_service_id)
        except ObjectDoesNotExist:
            errors["client_service"] = "Select a client service from the list"
    elif "council_service" in related:
        data.client_service_id = related["council_service"].client_service_id
    if data.theme_id is not None and not ComplaintTheme.objects.filter(pk=data.theme_id, is_active=True).exists():
        errors["theme"] = "Select a theme from the list"
    if data.team_id is not None:
        team = ComplaintsTeam.objects.filter(pk=data.team_id).first()
        if team is None:
            errors["team"] = "Select a team from the list"
        elif team.procedure != data.procedure:
            errors["team"] = f"{team.name} does not handle this procedure's complaints"
    elif data.procedure in Procedure.values:
        team = complaints_team_default(procedure=data.procedure)
        data.team_id = team.pk if team else None
    # As a service request's SLA: the deadlines run from when the council received it (the contact it was
    # taken on, an email read days later included), not from when an officer recorded it.
    received_at = moment(data.received_at) if data.received_at else (origin.received_at if origin else now)
    if received_at > timezone.now():
        errors["received_at"] = "The date received must not be in the future"
    elif received_at < day_starts_at(RECEIVED_EARLIEST):
        # Compared as moments: a moment in year 1 has no London day, and the reference's year is its London year.
        errors["received_at"] = f"The date received must be on or after {RECEIVED_EARLIEST:%-d %B %Y}"
    data.received_at = received_at
    if data.kind == FeedbackKind.COMPLAINT and data.procedure in Procedure.values:
        related["rule"] = deadline_rule_for(procedure=data.procedure, stage=1)
        if related["rule"] is None:
            errors["procedure"] = "This procedure has no stage 1 deadline rule; ask an administrator to add one"
    if errors:
        raise ValidationError(errors)
    return data, related


def complaint_check(*, data: ComplaintData) -> None:
    """Raises the ValidationError that recording would, without recording anything."""
    _clean(data, timezone.now())


@transaction.atomic
def complaint_record(
    *, actor: AbstractBaseUser, data: ComplaintData, via: str = "web", at: datetime.datetime | None = None
) -> Complaint:
    """Records a complaint (opening stage 1 with its deadlines, routed to its procedure's team), a compliment
    or a comment."""
    if not actor.can("complaint.record"):
        raise PermissionDenied("complaint.record")
    now = moment(at)
    data, related = _clean(data, now)
    is_complaint = data.kind == FeedbackKind.COMPLAINT
    complaint = Complaint(
        reference=reference_next(prefix=_PREFIX[data.kind], year=timezone.localtime(data.received_at).year),
        kind=data.kind,
        procedure=data.procedure,
        team_id=data.team_id,
        customer_id=data.customer_id,
        contact_id=data.contact_id,
        channel=data.channel,
        received_at=data.received_at,
        council_service_id=data.council_service_id,
        client_service_id=data.client_service_id,
        theme_id=data.theme_id,
        summary=data.summary,
        details=data.details,
        recorded_by=actor,
    )
    if is_complaint:
        complaint.current_stage = 1
        complaint.due_on = None
    complaint.save()
    if is_complaint:
        stage_open(complaint=complaint, stage=1, rule=related["rule"], opened_at=data.received_at)
        complaint.save(update_fields=["due_on", "current_stage"])
    event_add(complaint, actor, Kind.RECORDED, now)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record_type="complaint",
        record_id=complaint.pk,
        record_label=complaint.reference,
        via=via,
    )
    return complaint


@transaction.atomic
def complaint_open(*, viewer: AbstractBaseUser, reference: str, via: str = "web", changing: bool = False) -> Complaint:
    """Fetches a complaint for display, refusing viewers outside its team, and audits a view of personal data.
    `changing`: opened to change it, which writes its own event (`audit.services.record_open`)."""
    complaint = complaint_get(reference=reference)
    return record_open(
        viewer=viewer,
        record=complaint,
        record_type="complaint",
        record_id=complaint.pk,
        record_label=complaint.reference,
        may_view=complaint_may_view(viewer=viewer, complaint=complaint),
        refusal="complaint.handle",
        via=via,
        changing=changing,
        names_nobody=complaint.customer_id is None,
    )


@transaction.atomic
def complaint_acknowledge(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    version: int | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Complaint:
    """Acknowledges the current stage. Where the response runs from the acknowledgement its deadline is fixed now."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    require_complaint(complaint, "status")
    if complaint.status != ComplaintStatus.RECEIVED:
        raise ValidationError({"status": "Only a complaint awaiting acknowledgement can be acknowledged"})
    note, errors = text_clean(note, field="note", label="Note")
    if errors:
        raise ValidationError(errors)
    stage = current_stage_locked(complaint)
    if now < stage.opened_at:
        raise ValidationError({"at": "A complaint cannot be acknowledged before it was received"})
    stage.acknowledged_at = now
    settled = ""
    if stage.from_acknowledgement:
        # The response, and the limit of any extension asked for before now, count from this acknowledgement.
        terms = stage_terms(stage)
        stage.respond_due = deadlines.respond_due(
            terms=terms, opened_on=timezone.localdate(stage.opened_at), acknowledged_on=timezone.localdate(now)
        )
        extended_to = deadlines.extension_settle(
            terms=terms,
            respond_due_on=stage.respond_due,
            extended_to=stage.extended_to,
            beyond_limit=bool(stage.beyond_limit_reason),
        )
        settled = _extension_settled_note(stage, extended_to)
        stage.extended_to = extended_to
        stage.beyond_limit_reason = stage.beyond_limit_reason if extended_to else ""
    stage.handled_by = stage.handled_by or complaint.assigned_officer
    stage.save(update_fields=["acknowledged_at", "respond_due", "extended_to", "beyond_limit_reason", "handled_by"])
    complaint.status = ComplaintStatus.INVESTIGATING
    complaint.acknowledged_at = now
    complaint.due_on = stage.due_on
    event_add(complaint, actor, Kind.ACKNOWLEDGED, now, note)
    if settled:
        event_add(complaint, None, Kind.EXTENDED, now, settled)
    version_save(record=complaint, fields=("status", "acknowledged_at", "due_on"))
    notify("complaint.acknowledged", complaint, note)
    return complaint


def _extension_settled_note(stage: ComplaintStage, extended_to: datetime.date | None) -> str:
    """What the history says when the acknowledgement moved an extension asked for before it."""
    if stage.extended_to is None or extended_to == stage.extended_to:
        return ""
    if extended_to is None:
        return (
            f"The extension to {stage.extended_to:%-d %B %Y} is no longer needed: counted from the "
            f"acknowledgement the response is due {stage.respond_due:%-d %B %Y}"
        )
    return (
        f"The extension to {stage.extended_to:%-d %B %Y} is brought back to {extended_to:%-d %B %Y}: at most "
        f"{stage.max_extension_days} working days after the response deadline counted from the acknowledgement"
    )


@transaction.atomic
def complaint_assign(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    officer_id: int | None,
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Gives an open complaint to a handler who may see it. Under the Complaint Handling Code stage 2 is handled
    by someone other than the stage 1 handler."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    if not complaint.is_open:
        raise ValidationError({"assigned_officer": "Only an open item can be assigned; reopen it first"})
    officer = get_user_model().objects.filter(pk=officer_id, is_active=True).first() if officer_id else None
    if officer is None:
        raise ValidationError({"assigned_officer": "Select an officer"})
    if not complaint_may_view(viewer=officer, complaint=complaint):
        raise ValidationError({"assigned_officer": "Select an officer who handles this team's complaints"})
    if complaint.current_stage and complaint.current_stage > 1:
        earlier = ComplaintStage.objects.filter(complaint=complaint, stage__lt=complaint.current_stage)
        if earlier.filter(handled_by=officer).exists():
            raise ValidationError(
                {"assigned_officer": "Select someone who did not handle an earlier stage of this complaint"}
            )
    if officer.pk == complaint.assigned_officer_id:
        return complaint
    complaint.assigned_officer = officer
    if complaint.current_stage:
        ComplaintStage.objects.filter(complaint=complaint, stage=complaint.current_stage).update(handled_by=officer)
    event_add(complaint, actor, Kind.ASSIGNED, now, officer.display_name)
    version_save(record=complaint, fields=("assigned_officer",))
    return complaint
