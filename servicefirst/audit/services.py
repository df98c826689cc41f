from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from servicefirst.audit.models import AuditEvent

# Other apps name the action through here, never through the audit models.
AuditAction = AuditEvent.Action


@transaction.atomic
def audit_record(
    *,
    actor: AbstractBaseUser,
    action: str,
    record_type: str,
    record_id: object,
    record_label: str = "",
    via: str = "web",
    detail: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        record_label=record_label,
        via=via,
        detail=detail[:200],
    )


@transaction.atomic
def record_open[Record](
    *,
    viewer: AbstractBaseUser,
    record: Record,
    record_type: str,
    record_id: object,
    record_label: str,
    may_view: bool = True,
    refusal: str = "customer.view",
    via: str = "web",
    detail: str = "",
) -> Record:
    """Hands over a record holding personal data for display: refuses a viewer without a need (PermissionDenied
    naming `refusal`), else writes the view to the audit log first, so no read of personal data goes unrecorded."""
    if not may_view:
        raise PermissionDenied(refusal)
    audit_record(
        actor=viewer,
        action=AuditAction.VIEWED,
        record_type=record_type,
        record_id=record_id,
        record_label=record_label,
        via=via,
        detail=detail,
    )
    return record
