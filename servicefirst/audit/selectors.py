from django.db.models import QuerySet

from servicefirst.audit.models import AuditEvent


def audit_events(*, record_label: str = "", username: str = "", action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor")
    if record_label:
        events = events.filter(record_label__iexact=record_label.strip())
    if username:
        events = events.filter(actor__username__iexact=username.strip())
    if action:
        events = events.filter(action=action)
    return events
