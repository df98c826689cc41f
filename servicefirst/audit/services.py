from django.contrib.auth.base_user import AbstractBaseUser
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
    channel: str = "web",
    detail: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        record_label=record_label,
        channel=channel,
        detail=detail[:200],
    )
