"""Complaints, compliments and comments on the customer's timeline.

Statutory social-care complaints may be seen only by their own team, the head of service and administrators, so
their entries carry `visible_to`, which the single view asks with the viewer. Corporate items carry no client
service, so client service officers do not see them.
"""

from collections.abc import Iterable

from django.urls import reverse

from servicefirst.complaints.models import Complaint, FeedbackKind, Procedure
from servicefirst.complaints.selectors import complaint_may_view, complaints_for_customer
from servicefirst.customers.timeline import TimelineEntry


def complaints(*, customer_id: int) -> Iterable[TimelineEntry]:
    for complaint in complaints_for_customer(customer_id=customer_id):
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
            by=officer.display_name if officer else "",
            url=reverse("complaints:detail", args=[complaint.reference]),
            due=complaint.due_on,
            visible_to=None if complaint.procedure == Procedure.CORPORATE else _team_only(complaint),
        )


def _team_only(complaint: Complaint):
    return lambda viewer: complaint_may_view(viewer=viewer, complaint=complaint)
