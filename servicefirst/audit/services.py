from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from servicefirst.audit.models import AuditEvent


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
