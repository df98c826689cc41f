import datetime

from django.db.models import Q, QuerySet

from servicefirst.audit.models import AuditEvent
from servicefirst.core.localtime import day_starts_at
from servicefirst.core.references import record_number_parse

# The one reference whose number is the record's id; other references (SR-, CMP-) are found by their label.
_CUSTOMER_PREFIX = "C"


def _record_condition(record: str, record_type: str) -> Q:
    """A record by id, or by a reference: the events about it, and the lists and searches that showed it."""
    number = int(record) if record.isdigit() else None
    if number is None and record_type in ("", "customer"):
        number = record_number_parse(text=record, prefix=_CUSTOMER_PREFIX)
        record_type = "customer" if number is not None else record_type
    if number is None:
        return Q(record_label__iexact=record)
    condition = Q(record_id=str(number)) | Q(record_ids__contains=f",{number},")
    return condition & Q(record_type=record_type) if record_type else condition


def audit_events(
    *,
    username: str = "",
    record_type: str = "",
    record: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events newest first, filtered; dates are whole London days, `date_to` included."""
    events = AuditEvent.objects.select_related("actor")
    if username:
        events = events.filter(actor__username__iexact=username)
    if record_type:
        events = events.filter(record_type=record_type)
    if record:
        events = events.filter(_record_condition(record, record_type))
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(at__gte=day_starts_at(date_from))
    if date_to:
        events = events.filter(at__lt=day_starts_at(date_to + datetime.timedelta(days=1)))
    return events
