import datetime
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from servicefirst.audit import append_only
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
    query: str = "",
    shown: int | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        record_label=record_label[:100],
        via=via,
        detail=detail[:200],
        query=query[:200],
        shown=shown,
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
    changing: bool = False,
    names_nobody: bool = False,
) -> Record:
    """Hands over a record holding personal data for display: refuses a viewer without a need (PermissionDenied
    naming `refusal`), else writes the view to the audit log first, so no read of personal data goes unrecorded.

    `changing`: the record is opened to change it (a form posted from its page, an API PATCH). The change writes
    its own event and the page it was made from was audited when it was shown, so no view is written: otherwise
    one visit that acts on a record reads as the viewed-viewed-updated-viewed of the same second (issue 22).

    `names_nobody`: an anonymous record (a contact or complaint with no customer), so reading it is no read of
    personal data and writes no view; a viewer without a need is still refused."""
    if not may_view:
        raise PermissionDenied(refusal)
    if changing or names_nobody:
        return record
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


def _ids_text(ids: list[object]) -> str:
    return f",{','.join(str(i) for i in ids)}," if ids else ""


@transaction.atomic
def records_list_audit(
    *,
    viewer: AbstractBaseUser,
    record_type: str,
    ids: Iterable[object],
    query: str = "",
    searched: bool = False,
    via: str = "web",
    detail: str = "",
) -> AuditEvent | None:
    """One event for a page of a list (LISTED) or the answer to a search (SEARCHED, with what was asked): how
    many records were shown and which, by id. One insert however many rows, so a list costs what a view does.
    An empty list showed no one and is not recorded; a search is, found or not, since what was asked for (a
    name, an address) is itself about a person."""
    shown = list(dict.fromkeys(ids))
    if not shown and not searched:
        return None
    return AuditEvent.objects.create(
        actor=viewer,
        action=AuditAction.SEARCHED if searched else AuditAction.LISTED,
        record_type=record_type,
        record_id="",
        via=via,
        detail=detail[:200],
        query=query[:200],
        shown=len(shown),
        record_ids=_ids_text(shown),
    )


@transaction.atomic
def audit_events_prune(*, before: datetime.datetime, dry_run: bool = False) -> int:
    """Deletes the audit events older than `before`, the only deletion the database's triggers allow: the cut-off
    is marked for this transaction alone and cleared before it commits. Returns how many went (or would go)."""
    events = AuditEvent.objects.filter(at__lt=before)
    if dry_run:
        return events.count()
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, %s, true)", [append_only.RETENTION_SETTING, before.isoformat()])
        else:
            cursor.execute(
                "INSERT INTO audit_retention_cutoff (id, cutoff) VALUES (1, %s)",
                [connection.ops.adapt_datetimefield_value(before)],
            )
        deleted, _ = events.delete()
        # Cleared at once, not left to the commit: called inside a longer transaction, nothing else may delete.
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, '', true)", [append_only.RETENTION_SETTING])
        else:
            cursor.execute("DELETE FROM audit_retention_cutoff")
    return deleted
