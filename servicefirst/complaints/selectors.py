"""Reads of complaints, compliments and comments: who may see which, caseloads, and the querysets reports use."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import BooleanField, Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from servicefirst.accounts.roles import CAPABILITIES, Role
from servicefirst.complaints.models import (
    AWAITING_COUNCIL,
    OPEN_STATUSES,
    STATUTORY_PROCEDURES,
    Complaint,
    ComplaintEvent,
    ComplaintRemedy,
    ComplaintStage,
    ComplaintsTeam,
    ComplaintTheme,
    DeadlineRule,
    FeedbackKind,
    LearningAction,
    Procedure,
)

# Statutory social care complaints hold sensitive details of care; beyond their own team only these see them.
_SEE_ALL_ROLES = frozenset({Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR})


def complaints_corporate() -> QuerySet[Complaint]:
    """Complaints under the corporate procedure. Statutory adults' and children's social care complaints follow
    their own procedures and are reported apart, so every corporate figure starts from here."""
    return Complaint.objects.filter(kind=FeedbackKind.COMPLAINT, procedure=Procedure.CORPORATE)


def complaints_statutory(*, procedure: str | None = None) -> QuerySet[Complaint]:
    complaints = Complaint.objects.filter(kind=FeedbackKind.COMPLAINT, procedure__in=STATUTORY_PROCEDURES)
    if procedure is not None:
        complaints = complaints.filter(procedure=procedure)
    return complaints


def feedback_received(*, kind: str) -> QuerySet[Complaint]:
    """Compliments or comments (or complaints of every procedure), however they came in."""
    return Complaint.objects.filter(kind=kind)


def complaint_stages_corporate() -> QuerySet[ComplaintStage]:
    """Stages of corporate complaints with their timeliness worked out in the database, for reports."""
    zone = timezone.get_current_timezone()
    return (
        ComplaintStage.objects.filter(complaint__in=complaints_corporate())
        .annotate(
            # As `ComplaintStage.response_due`: a panel's response, else the agreed plan, else the extension.
            deadline=Coalesce("panel_response_due", "agreed_due", "extended_to", "respond_due"),
            responded_on=TruncDate("responded_at", tzinfo=zone),
            acknowledged_on=TruncDate("acknowledged_at", tzinfo=zone),
            was_extended=Case(When(extended_to__isnull=False, then=Value(True)), default=Value(False)),
        )
        .annotate(
            on_time=Case(
                When(responded_at__isnull=True, then=Value(None)),
                When(responded_on__lte=F("deadline"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(null=True),
            ),
            acknowledged_in_time=Case(
                When(Q(acknowledged_at__isnull=True) | Q(acknowledge_due__isnull=True), then=Value(None)),
                When(acknowledged_on__lte=F("acknowledge_due"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(null=True),
            ),
        )
    )


def ombudsman_referrals_corporate() -> QuerySet[Complaint]:
    return complaints_corporate().exclude(ombudsman="")


def _team_ids(user: AbstractBaseUser) -> list[int]:
    return list(ComplaintsTeam.objects.filter(members=user).values_list("pk", flat=True))


def complaints_visible_to(*, viewer: AbstractBaseUser) -> QuerySet[Complaint]:
    """What a complaints handler may open: every corporate item, and statutory ones only of their own team
    (the head of service and administrators see all)."""
    if not viewer.can("complaint.handle"):
        return Complaint.objects.none()
    complaints = Complaint.objects.all()
    if viewer.role in _SEE_ALL_ROLES:
        return complaints
    return complaints.filter(Q(procedure=Procedure.CORPORATE) | Q(team_id__in=_team_ids(viewer)))


def complaint_may_view(*, viewer: AbstractBaseUser, complaint: Complaint) -> bool:
    if not viewer.can("complaint.handle"):
        return False
    if complaint.procedure == Procedure.CORPORATE or viewer.role in _SEE_ALL_ROLES:
        return True
    return complaint.team_id is not None and complaint.team_id in _team_ids(viewer)


def complaint_get(*, reference: str) -> Complaint:
    return Complaint.objects.select_related(
        "customer", "council_service", "client_service", "theme", "team", "assigned_officer", "recorded_by", "contact"
    ).get(reference=reference.strip().upper())


def complaint_stages(*, complaint: Complaint) -> list[ComplaintStage]:
    return list(complaint.stages.select_related("handled_by"))


def complaint_current_stage(*, complaint: Complaint) -> ComplaintStage | None:
    if complaint.current_stage is None:
        return None
    return complaint.stages.filter(stage=complaint.current_stage).first()


def complaint_events(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    return complaint.events.select_related("by")


def complaint_learning_actions(*, complaint: Complaint) -> QuerySet[LearningAction]:
    return complaint.learning_actions.select_related("done_by")


def complaint_caseload(
    *,
    viewer: AbstractBaseUser,
    team_id: int | None = None,
    stage: int | None = None,
    procedure: str = "",
    kind: str = "",
    overdue: bool = False,
    officer_id: int | None = None,
) -> QuerySet[Complaint]:
    """Open items the viewer may see: overdue ones first, then soonest due, then those with no deadline."""
    today = timezone.localdate()
    is_overdue = Q(status__in=AWAITING_COUNCIL, due_on__lt=today)
    complaints = (
        complaints_visible_to(viewer=viewer)
        .filter(status__in=OPEN_STATUSES)
        .select_related("customer", "team", "assigned_officer", "theme", "council_service")
        .annotate(overdue_rank=Case(When(is_overdue, then=Value(0)), default=Value(1), output_field=IntegerField()))
    )
    if team_id is not None:
        complaints = complaints.filter(team_id=team_id)
    if stage is not None:
        complaints = complaints.filter(current_stage=stage)
    if procedure:
        complaints = complaints.filter(procedure=procedure)
    if kind:
        complaints = complaints.filter(kind=kind)
    if overdue:
        complaints = complaints.filter(is_overdue)
    if officer_id is not None:
        complaints = complaints.filter(assigned_officer_id=officer_id)
    return complaints.order_by("overdue_rank", F("due_on").asc(nulls_last=True), "received_at", "id")


def complaints_for_customer(*, customer_id: int) -> QuerySet[Complaint]:
    return Complaint.objects.filter(customer_id=customer_id).select_related("council_service", "assigned_officer")


def deadline_rule_for(*, procedure: str, stage: int) -> DeadlineRule | None:
    return DeadlineRule.objects.filter(procedure=procedure, stage=stage).first()


def complaint_themes() -> QuerySet[ComplaintTheme]:
    return ComplaintTheme.objects.filter(is_active=True)


def complaints_teams() -> QuerySet[ComplaintsTeam]:
    return ComplaintsTeam.objects.all()


def complaints_team_default(*, procedure: str) -> ComplaintsTeam | None:
    return ComplaintsTeam.objects.filter(procedure=procedure, is_default=True).first()


def complaint_handlers(*, team: ComplaintsTeam | None = None) -> QuerySet:
    """Active staff who may handle complaints; for a statutory team only its members (or head/admins)."""
    officers = get_user_model().objects.filter(is_active=True, role__in=CAPABILITIES["complaint.handle"])
    if team is not None and team.procedure in STATUTORY_PROCEDURES:
        officers = officers.filter(Q(complaints_teams=team) | Q(role__in=_SEE_ALL_ROLES)).distinct()
    return officers.order_by("first_name", "last_name", "username")


def complaints_export(*, customer_id: int) -> list[dict]:
    """Each complaint, compliment or comment with its stages, remedies and history, statutory ones included: a
    subject access request covers them, for the participant contract (`complaints.hooks`)."""
    complaints = list(Complaint.objects.filter(customer_id=customer_id).order_by("received_at", "id").values())
    ids = [c["id"] for c in complaints]
    parts = {
        "stages": ComplaintStage.objects.filter(complaint_id__in=ids).order_by("stage", "id"),
        "remedies": ComplaintRemedy.objects.filter(complaint_id__in=ids).order_by("id"),
        "history": ComplaintEvent.objects.filter(complaint_id__in=ids).order_by("at", "id"),
    }
    rows = {c["id"]: c | {part: [] for part in parts} for c in complaints}
    for part, queryset in parts.items():
        for row in queryset.values():
            rows[row["complaint_id"]][part].append(row)
    return list(rows.values())
