"""Pieces every complaint write shares: locking with the version check (`core.versions`), deadlines of a new
stage, history and telling the customer. Only the modules of this package use them."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.complaints import deadlines
from servicefirst.complaints.models import Complaint, ComplaintEvent, ComplaintStage, ComplaintStatus, FeedbackKind
from servicefirst.complaints.selectors import complaint_may_view
from servicefirst.core.events import customer_notifiable
from servicefirst.core.localtime import local_moment
from servicefirst.core.versions import version_check

TEXT_MAX = 5000


def moment(at: datetime.datetime | None) -> datetime.datetime:
    if at is None:
        return timezone.now()
    return local_moment(at)


def text_clean(value: str, *, field: str, label: str, required: str = "", limit: int = TEXT_MAX) -> tuple[str, dict]:
    value = (value or "").strip()
    if required and not value:
        return value, {field: required}
    if len(value) > limit:
        return value, {field: f"{label} must be {limit} characters or fewer"}
    return value, {}


def stage_terms(source) -> deadlines.StageTerms:
    return deadlines.StageTerms(
        acknowledge_days=getattr(source, "acknowledge_days", None),
        respond_days=source.respond_days,
        respond_unit=source.respond_unit,
        from_acknowledgement=source.from_acknowledgement,
        max_extension_days=source.max_extension_days,
    )


def stage_open(*, complaint: Complaint, stage: int, rule, opened_at: datetime.datetime) -> ComplaintStage:
    terms = stage_terms(rule)
    opened_on = timezone.localdate(opened_at)
    stage_row = ComplaintStage.objects.create(
        complaint=complaint,
        stage=stage,
        opened_at=opened_at,
        acknowledge_due=deadlines.acknowledge_due(terms=terms, opened_on=opened_on),
        respond_due=deadlines.respond_due(terms=terms, opened_on=opened_on),
        respond_days=rule.respond_days,
        respond_unit=rule.respond_unit,
        from_acknowledgement=rule.from_acknowledgement,
        max_extension_days=rule.max_extension_days,
        by_agreement=rule.by_agreement,
        panel_report_days=rule.panel_report_days,
        panel_response_days=rule.panel_response_days,
    )
    complaint.current_stage = stage
    complaint.due_on = stage_row.acknowledge_due or stage_row.respond_due
    return stage_row


def complaint_owes(complaint: Complaint, stage: ComplaintStage) -> datetime.date:
    """The complaint's `due_on`: the acknowledgement's deadline while one is awaited, else what the stage owes next
    (its response, or a review panel's meeting or report)."""
    if complaint.status == ComplaintStatus.RECEIVED and stage.acknowledge_due is not None:
        return stage.acknowledge_due
    return stage.due_on


def event_add(complaint: Complaint, actor, kind: str, at: datetime.datetime, note: str = "") -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint, by=actor, kind=kind, stage=complaint.current_stage, note=note, at=at
    )


def notify(event: str, complaint: Complaint, message: str = "", **values: str) -> None:
    """Tells the listeners once the change is committed, so no customer hears of a change that rolled back."""
    if complaint.customer_id is None:
        return
    personalisation = {
        "reference": complaint.reference,
        "summary": complaint.summary,
        "stage": str(complaint.current_stage or ""),
        "due_date": f"{complaint.due_on:%-d %B %Y}" if complaint.due_on else "",
        "message": message,
        **values,
    }
    arguments = {
        "event": event,
        "customer_id": complaint.customer_id,
        "council_service_id": complaint.council_service_id,
        "reference": complaint.reference,
        "personalisation": personalisation,
    }
    transaction.on_commit(lambda: customer_notifiable.send(sender=Complaint, **arguments))


def locked(*, actor: AbstractBaseUser, complaint_id: int, version: int | None) -> Complaint:
    """The complaint, locked against other writers until the transaction ends, and checked to be the version the
    actor saw. Shared with the lifecycle services."""
    complaint = Complaint.objects.select_for_update(of=("self",)).select_related("team").get(pk=complaint_id)
    if not complaint_may_view(viewer=actor, complaint=complaint):
        raise PermissionDenied("complaint.handle")
    version_check(record=complaint, version=version)
    return complaint


def current_stage_locked(complaint: Complaint) -> ComplaintStage:
    return ComplaintStage.objects.select_for_update().get(complaint=complaint, stage=complaint.current_stage)


def require_complaint(complaint: Complaint, field: str) -> None:
    if complaint.kind != FeedbackKind.COMPLAINT:
        raise ValidationError({field: f"A {complaint.get_kind_display().lower()} has no stages or deadlines"})
