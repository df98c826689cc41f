"""The later steps of a complaint: the response with its outcome, remedies and learning, escalation to the next
stage or the Ombudsman, the Ombudsman's decision, closing and reopening."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.complaints.models import (
    AWAITING_COUNCIL,
    Complaint,
    ComplaintEvent,
    ComplaintRemedy,
    ComplaintStage,
    ComplaintStatus,
    FeedbackKind,
    LearningAction,
    Ombudsman,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    RemedyKind,
)
from servicefirst.complaints.selectors import complaint_may_view, deadline_rule_for
from servicefirst.complaints.services.common import (
    current_stage_locked,
    event_add,
    locked,
    moment,
    notify,
    require_complaint,
    stage_open,
    text_clean,
)
from servicefirst.core.versions import version_save

Kind = ComplaintEvent.Kind
_LEARNING_MAX = 300
_OWNER_MAX = 150


@dataclass
class RemedyData:
    kind: str = ""
    amount: Decimal | str | None = None
    detail: str = ""


@dataclass
class LearningActionData:
    action: str = ""
    owner: str = ""
    due_on: datetime.date | None = None


def _remedies_clean(remedies: list[RemedyData]) -> tuple[list[RemedyData], dict]:
    for remedy in remedies:
        if remedy.kind not in RemedyKind.values:
            return remedies, {"remedies": "Select each remedy from the list"}
        remedy.detail = (remedy.detail or "").strip()[:300]
        if remedy.kind == RemedyKind.FINANCIAL:
            try:
                remedy.amount = Decimal(str(remedy.amount).replace("£", "").replace(",", "").strip())
            except InvalidOperation:
                return remedies, {"remedy_amount": "Enter the financial remedy as an amount in pounds, like 50.00"}
            if not remedy.amount.is_finite() or remedy.amount <= 0 or remedy.amount >= Decimal("10000000"):
                return remedies, {"remedy_amount": "Enter the financial remedy as an amount in pounds, like 50.00"}
            remedy.amount = remedy.amount.quantize(Decimal("0.01"))
        else:
            remedy.amount = None
    return remedies, {}


def _learning_clean(actions: list[LearningActionData], today: datetime.date) -> tuple[list[LearningActionData], dict]:
    for item in actions:
        item.action, item.owner = (item.action or "").strip(), (item.owner or "").strip()
        if not item.action or len(item.action) > _LEARNING_MAX:
            return actions, {"learning_action": f"Enter what will change, in {_LEARNING_MAX} characters or fewer"}
        if not item.owner or len(item.owner) > _OWNER_MAX:
            return actions, {"learning_owner": "Enter who will make the change"}
        if item.due_on is None:
            return actions, {"learning_due_on": "Enter the date the change is due"}
        if item.due_on < today:
            return actions, {"learning_due_on": "The date the change is due must not be in the past"}
    return actions, {}


@transaction.atomic
def complaint_respond(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    outcome: str,
    response: str,
    remedies: list[RemedyData] | None = None,
    learning_actions: list[LearningActionData] | None = None,
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Answers the current stage. A response that comes before any acknowledgement acknowledges too."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    require_complaint(complaint, "outcome")
    if complaint.status not in AWAITING_COUNCIL:
        raise ValidationError({"outcome": "This stage has already been answered"})
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "Select whether the complaint is upheld, partly upheld or not upheld"
    response, error = text_clean(response, field="response", label="Response", required="Enter the response")
    errors |= error
    remedies, error = _remedies_clean(list(remedies or []))
    errors |= error
    learning, error = _learning_clean(list(learning_actions or []), timezone.localdate(now))
    errors |= error
    stage = current_stage_locked(complaint)
    if now < stage.opened_at:
        errors["at"] = "A complaint cannot be answered before it was received"
    if stage.has_panel and stage.panel_report_on is None:
        errors["outcome"] = "Record when the review panel met and its report was received: the response answers it"
    if complaint.procedure == Procedure.CORPORATE and stage.stage > 1:
        earlier = ComplaintStage.objects.filter(complaint=complaint, stage__lt=stage.stage, handled_by=actor)
        if earlier.exists():
            errors["outcome"] = "Someone who did not handle an earlier stage must answer this one"
    if errors:
        raise ValidationError(errors)
    stage.acknowledged_at = stage.acknowledged_at or now
    stage.responded_at = now
    stage.outcome = outcome
    stage.response = response
    stage.handled_by = actor
    stage.save(update_fields=["acknowledged_at", "responded_at", "outcome", "response", "handled_by"])
    ComplaintRemedy.objects.bulk_create(
        ComplaintRemedy(complaint=complaint, stage=stage.stage, kind=r.kind, amount=r.amount, detail=r.detail)
        for r in remedies
    )
    LearningAction.objects.bulk_create(
        LearningAction(complaint=complaint, action=a.action, owner=a.owner, due_on=a.due_on, created_at=now)
        for a in learning
    )
    complaint.status = ComplaintStatus.RESPONDED
    complaint.acknowledged_at = complaint.acknowledged_at or now
    complaint.responded_at = now
    complaint.outcome = outcome
    complaint.due_on = None
    complaint.assigned_officer = complaint.assigned_officer or actor
    event_add(complaint, actor, Kind.RESPONDED, now, f"{Outcome(outcome).label}. {response}")
    version_save(
        record=complaint, fields=("status", "acknowledged_at", "responded_at", "outcome", "due_on", "assigned_officer")
    )
    notify("complaint.responded", complaint, response, outcome=Outcome(outcome).label)
    return complaint


@transaction.atomic
def complaint_escalate(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    reason: str = "",
    ombudsman: str = "",
    ombudsman_reference: str = "",
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """The customer is not satisfied with the answer: opens the next stage with its deadlines, or after the
    procedure's last stage records the referral to the Ombudsman (the Housing Ombudsman for landlord matters)."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    require_complaint(complaint, "reason")
    if complaint.status not in (ComplaintStatus.RESPONDED, ComplaintStatus.CLOSED) or complaint.ombudsman:
        raise ValidationError({"reason": "Only a complaint that has been answered can be escalated"})
    reason, errors = text_clean(reason, field="reason", label="Reason")
    if errors:
        raise ValidationError(errors)
    next_stage = complaint.current_stage + 1
    rule = deadline_rule_for(procedure=complaint.procedure, stage=next_stage)
    if rule is not None:
        stage_open(complaint=complaint, stage=next_stage, rule=rule, opened_at=now)
        complaint.status = ComplaintStatus.RECEIVED
        complaint.closed_at = None
        complaint.assigned_officer = None
        event_add(complaint, actor, Kind.ESCALATED, now, reason or f"Escalated to stage {next_stage}")
        version_save(record=complaint, fields=("current_stage", "due_on", "status", "closed_at", "assigned_officer"))
        notify("complaint.escalated", complaint, reason)
        return complaint
    if ombudsman not in Ombudsman.values:
        raise ValidationError({"ombudsman": "This was the final stage: select the Ombudsman the customer went to"})
    ombudsman_reference = (ombudsman_reference or "").strip()[:40]
    complaint.ombudsman = ombudsman
    complaint.ombudsman_referred_on = timezone.localdate(now)
    complaint.ombudsman_reference = ombudsman_reference
    complaint.status = ComplaintStatus.WITH_OMBUDSMAN
    complaint.closed_at = None
    event_add(complaint, actor, Kind.OMBUDSMAN, now, f"Referred to the {Ombudsman(ombudsman).label}. {reason}".strip())
    version_save(
        record=complaint, fields=("ombudsman", "ombudsman_referred_on", "ombudsman_reference", "status", "closed_at")
    )
    return complaint


@transaction.atomic
def complaint_ombudsman_decision(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    decision: str,
    decided_on: datetime.date | None,
    note: str = "",
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Records the Ombudsman's decision and closes the complaint."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    errors: dict[str, str] = {}
    if complaint.status != ComplaintStatus.WITH_OMBUDSMAN:
        errors["decision"] = "Only a complaint with the Ombudsman can have the Ombudsman's decision"
    elif decision not in OmbudsmanDecision.values:
        errors["decision"] = "Select the Ombudsman's decision"
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    elif complaint.ombudsman_referred_on and decided_on < complaint.ombudsman_referred_on:
        errors["decided_on"] = "The decision cannot come before the referral"
    elif decided_on > timezone.localdate(now):
        errors["decided_on"] = "The date of the decision must not be in the future"
    note, error = text_clean(note, field="note", label="Note")
    errors |= error
    if errors:
        raise ValidationError(errors)
    complaint.ombudsman_decision = decision
    complaint.ombudsman_decided_on = decided_on
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_at = now
    event_add(complaint, actor, Kind.OMBUDSMAN, now, f"{OmbudsmanDecision(decision).label}. {note}".strip())
    version_save(record=complaint, fields=("ombudsman_decision", "ombudsman_decided_on", "status", "closed_at"))
    return complaint


@transaction.atomic
def complaint_close(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    note: str = "",
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Closes an answered complaint, or a compliment or comment once passed on. A complaint closed before it was
    answered (withdrawn, or not a complaint after all) needs the reason."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    if complaint.status in (ComplaintStatus.CLOSED, ComplaintStatus.WITH_OMBUDSMAN):
        raise ValidationError({"note": "This item is not open, so it cannot be closed"})
    unanswered = complaint.kind == FeedbackKind.COMPLAINT and complaint.status in AWAITING_COUNCIL
    note, errors = text_clean(
        note, field="note", label="Note", required="Enter why it is closed before a response" if unanswered else ""
    )
    if errors:
        raise ValidationError(errors)
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_at = now
    complaint.due_on = None
    event_add(complaint, actor, Kind.CLOSED, now, note)
    version_save(record=complaint, fields=("status", "closed_at", "due_on"))
    return complaint


@transaction.atomic
def complaint_reopen(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    reason: str,
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Reopens an item closed by mistake, at the point it had reached; the stage's deadlines stand."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    if complaint.status != ComplaintStatus.CLOSED:
        raise ValidationError({"reason": "Only a closed item can be reopened"})
    if complaint.ombudsman:
        raise ValidationError({"reason": "The Ombudsman has decided this complaint; record anything new as a new one"})
    reason, errors = text_clean(reason, field="reason", label="Reason", required="Enter why it is reopened")
    if errors:
        raise ValidationError(errors)
    status = ComplaintStatus.RECEIVED
    if complaint.current_stage is not None:
        stage = current_stage_locked(complaint)
        if stage.responded_at is not None:
            status = ComplaintStatus.RESPONDED
        elif stage.acknowledged_at is not None:
            status = ComplaintStatus.INVESTIGATING
            complaint.due_on = stage.due_on
        else:
            complaint.due_on = stage.acknowledge_due or stage.due_on
    complaint.status = status
    complaint.closed_at = None
    event_add(complaint, actor, Kind.REOPENED, now, reason)
    version_save(record=complaint, fields=("status", "closed_at", "due_on"))
    return complaint


@transaction.atomic
def learning_action_complete(
    *, actor: AbstractBaseUser, action_id: int, at: datetime.datetime | None = None
) -> LearningAction:
    """Marks a learning action done. It adds to the history only, so it leaves the complaint's version alone."""
    now = moment(at)
    action = LearningAction.objects.select_for_update().select_related("complaint").get(pk=action_id)
    if not complaint_may_view(viewer=actor, complaint=action.complaint):
        raise PermissionDenied("complaint.handle")
    if action.done_at is not None:
        raise ValidationError({"action": "This learning action is already done"})
    action.done_at = now
    action.done_by = actor
    action.save(update_fields=["done_at", "done_by"])
    event_add(action.complaint, actor, Kind.LEARNING, now, f"Done: {action.action}")
    return action
