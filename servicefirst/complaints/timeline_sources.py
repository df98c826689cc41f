"""Complaints, compliments and comments on the customer's timeline.

The timeline asks its sources for a customer's entries without saying who is looking, and limits only client
service officers (by `client_service_id`). Statutory social care complaints may be seen only by their own team,
the head of service and administrators, which the timeline cannot express, so they are left off it; their team
finds them in its caseload. Corporate items carry no client service, so client service officers do not see them.
"""

from collections.abc import Iterable

from django.urls import reverse

from servicefirst.complaints.models import FeedbackKind, Procedure
from servicefirst.complaints.selectors import complaints_for_customer
from servicefirst.customers.timeline import TimelineEntry, timeline_source


@timeline_source("complaints")
def complaints(*, customer_id: int) -> Iterable[TimelineEntry]:
    for complaint in complaints_for_customer(customer_id=customer_id).filter(procedure=Procedure.CORPORATE):
        officer = complaint.assigned_officer
        is_complaint = complaint.kind == FeedbackKind.COMPLAINT
        stage = f" (stage {complaint.current_stage})" if is_complaint else ""
        yield TimelineEntry(
            at=complaint.received_at,
            kind=complaint.get_kind_display(),
            title=f"{complaint.reference} {complaint.summary}",
            client_service_id=None,
            is_open=complaint.is_open,
            status=complaint.get_status_display() + stage + (" (overdue)" if complaint.is_overdue else ""),
            detail=complaint.details[:200],
            by=(officer.get_full_name() or officer.username) if officer else "",
            url=reverse("complaints:detail", args=[complaint.reference]),
            due=complaint.due_on,
        )
