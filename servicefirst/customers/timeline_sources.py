from collections.abc import Iterable

from servicefirst.customers.models import CustomerChange
from servicefirst.customers.timeline import TimelineEntry


def record_changes(*, customer_id: int) -> Iterable[TimelineEntry]:
    for change in CustomerChange.objects.filter(customer_id=customer_id).select_related("by"):
        yield TimelineEntry(
            at=change.at,
            kind="Customer record",
            title=change.summary,
            by=change.by.display_name,
        )
