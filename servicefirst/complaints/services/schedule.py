"""Moving a stage's deadline: an extension (within the procedure's limit, or beyond it with the good reason
recorded), a plan agreed with the complainant (adults' social care), and a review panel's meeting and report
(children's social care stage 3), from which the panel's and the council's deadlines follow."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.complaints import deadlines
from servicefirst.complaints.models import AWAITING_COUNCIL, Complaint, ComplaintEvent, ComplaintStage
from servicefirst.complaints.selectors import deadline_rule_for
from servicefirst.complaints.services.common import (
    complaint_owes,
    current_stage_locked,
    event_add,
    locked,
    moment,
    notify,
    require_complaint,
    stage_terms,
    text_clean,
)
from servicefirst.core.versions import version_save

Kind = ComplaintEvent.Kind


def _awaiting_stage(complaint: Complaint, field: str, what: str) -> ComplaintStage:
    require_complaint(complaint, field)
    if complaint.status not in AWAITING_COUNCIL:
        raise ValidationError({field: f"Only a complaint still awaiting its response can have {what}"})
    return current_stage_locked(complaint)


def _beyond_limit_allowed(complaint: Complaint, stage: ComplaintStage) -> bool:
    """Read from the rule as it is now: it is the council's policy on what officers may do, not a date a customer
    was given, so a change applies to every open stage."""
    rule = deadline_rule_for(procedure=complaint.procedure, stage=stage.stage)
    return rule is None or rule.beyond_limit_allowed


def _extension_clean(
    complaint: Complaint, stage: ComplaintStage, extend_to: datetime.date | None, beyond_limit_reason: str
) -> tuple[str, dict]:
    """The good reason kept for an extension beyond the limit ("" within it), or the errors."""
    if stage.by_agreement:
        return "", {"extend_to": "This procedure's response date is agreed with the complainant: record the plan"}
    if stage.has_panel:
        return "", {"extend_to": "A review panel's dates follow from its meeting: record when it met instead"}
    if extend_to is None:
        return "", {"extend_to": "Enter the new date for the response"}
    if extend_to <= stage.due_on:
        return "", {"extend_to": f"The new date must be after the current deadline, {stage.due_on:%-d %B %Y}"}
    limit = deadlines.extension_limit(terms=stage_terms(stage), respond_due_on=stage.respond_due)
    if limit is None or extend_to <= limit:
        return "", {}
    within = f"The response can be extended by at most {stage.max_extension_days} working days, to {limit:%-d %B %Y}"
    if stage.acknowledged_at is None:
        within += ", or sooner counted from the acknowledgement"
    if not _beyond_limit_allowed(complaint, stage):
        return "", {"extend_to": within}
    reason, errors = text_clean(
        beyond_limit_reason,
        field="beyond_limit_reason",
        label="The good reason",
        required="Enter the good reason for going beyond the limit",
    )
    if errors:
        errors["extend_to"] = f"{within}. To go beyond it, give the good reason"
    return reason, errors


@transaction.atomic
def complaint_extend(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    extend_to: datetime.date | None,
    reason: str,
    beyond_limit_reason: str = "",
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Extends the current stage's response deadline and tells the customer why: within the procedure's limit,
    or beyond it where the rule allows and the good reason is recorded (it is reported). Asked for before the
    acknowledgement, the limit is counted from the latest day the acknowledgement may come, and the
    acknowledgement brings the date back within the limit counted from when it really came."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    stage = _awaiting_stage(complaint, "extend_to", "its response extended")
    reason, errors = text_clean(reason, field="reason", label="Reason", required="Enter the reason for the extension")
    beyond_limit_reason, error = _extension_clean(complaint, stage, extend_to, beyond_limit_reason)
    errors = error | errors
    if errors:
        raise ValidationError(errors)
    stage.extended_to = extend_to
    stage.extension_reason = reason
    stage.beyond_limit_reason = beyond_limit_reason
    told = complaint.customer_id is not None
    stage.customer_told_at = now if told else None
    stage.save(update_fields=["extended_to", "extension_reason", "beyond_limit_reason", "customer_told_at"])
    complaint.due_on = complaint_owes(complaint, stage)
    note = f"To {extend_to:%-d %B %Y}: {reason}"
    if beyond_limit_reason:
        note += f"\nBeyond the limit, for this good reason: {beyond_limit_reason}"
    event_add(complaint, actor, Kind.EXTENDED, now, note)
    if told:
        event_add(complaint, None, Kind.CUSTOMER_TOLD, now, "Sent the new date and the reason")
    version_save(record=complaint, fields=("due_on",))
    notify("complaint.extended", complaint, reason, new_due_date=f"{extend_to:%-d %B %Y}")
    return complaint


@transaction.atomic
def complaint_plan_agree(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    respond_by: datetime.date | None,
    note: str,
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Records the response date agreed with the complainant, earlier or later than the one in force, and what
    was agreed. A longer period must be agreed before the one in force runs out (the 2009 Regulations)."""
    now = moment(at)
    today = timezone.localdate(now)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    stage = _awaiting_stage(complaint, "respond_by", "a plan agreed")
    note, errors = text_clean(
        note, field="note", label="What was agreed", required="Enter what was agreed with the complainant, and how"
    )
    due = stage.due_on
    if not stage.by_agreement:
        errors["respond_by"] = "This procedure's response date is not set by agreement: extend it instead"
    elif respond_by is None:
        errors["respond_by"] = "Enter the date agreed for the response"
    elif respond_by < today:
        errors["respond_by"] = "The date agreed for the response must not be in the past"
    elif respond_by == due:
        errors["respond_by"] = f"The response is already due on {due:%-d %B %Y}"
    elif respond_by > due and today > due:
        errors["respond_by"] = (
            f"The time for the response ran out on {due:%-d %B %Y}: a longer period can only be agreed before then"
        )
    if errors:
        raise ValidationError(errors)
    stage.agreed_due, stage.agreed_at, stage.agreement_note = respond_by, now, note
    stage.save(update_fields=["agreed_due", "agreed_at", "agreement_note"])
    complaint.due_on = complaint_owes(complaint, stage)
    agreed = f"Response by {respond_by:%-d %B %Y} (was {due:%-d %B %Y}): {note}"
    event_add(complaint, actor, Kind.PLAN_AGREED, now, agreed)
    version_save(record=complaint, fields=("due_on",))
    notify("complaint.plan_agreed", complaint, note, new_due_date=f"{respond_by:%-d %B %Y}")
    return complaint


def _panel_clean(
    stage: ComplaintStage, met_on: datetime.date | None, report_on: datetime.date | None, today: datetime.date
) -> dict:
    errors: dict[str, str] = {}
    if not stage.has_panel:
        return {"met_on": "This stage has no review panel"}
    if met_on is None:
        errors["met_on"] = "Enter the date the panel met"
    elif met_on > today:
        errors["met_on"] = "The date the panel met must not be in the future"
    elif met_on < timezone.localdate(stage.opened_at):
        errors["met_on"] = "The panel cannot have met before the review was asked for"
    if report_on is not None and report_on > today:
        errors["report_on"] = "The date the report was received must not be in the future"
    elif report_on is not None and met_on is not None and report_on < met_on:
        errors["report_on"] = "The report cannot have been received before the panel met"
    return errors


@transaction.atomic
def complaint_panel_record(
    *,
    actor: AbstractBaseUser,
    complaint_id: int,
    met_on: datetime.date | None,
    report_on: datetime.date | None = None,
    version: int | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Records when the review panel met and, once it has, when its report was received: the report is then due
    a number of working days after the meeting, and the council's response after the report (5 and 15 under the
    2006 Regulations, as the stage's rule says). Given again, a corrected date moves what follows from it."""
    now = moment(at)
    complaint = locked(actor=actor, complaint_id=complaint_id, version=version)
    stage = _awaiting_stage(complaint, "met_on", "its review panel recorded")
    errors = _panel_clean(stage, met_on, report_on, timezone.localdate(now))
    if errors:
        raise ValidationError(errors)
    stage.panel_met_on, stage.panel_report_on = met_on, report_on
    stage.panel_report_due, stage.panel_response_due = deadlines.panel_dates(
        report_days=stage.panel_report_days, response_days=stage.panel_response_days, met_on=met_on, report_on=report_on
    )
    stage.save(update_fields=["panel_met_on", "panel_report_on", "panel_report_due", "panel_response_due"])
    complaint.due_on = complaint_owes(complaint, stage)
    note = f"Met on {met_on:%-d %B %Y}; report due by {stage.panel_report_due:%-d %B %Y}"
    if report_on:
        note = f"Met on {met_on:%-d %B %Y}; report received {report_on:%-d %B %Y}; the council's response is due by "
        note += f"{stage.panel_response_due:%-d %B %Y}"
    event_add(complaint, actor, Kind.PANEL, now, note)
    version_save(record=complaint, fields=("due_on",))
    return complaint
