from collections.abc import Iterable

from django.urls import reverse

from servicefirst.customers.timeline import TimelineEntry
from servicefirst.servicerequests.selectors import service_requests_for_customer


def service_requests(*, customer_id: int) -> Iterable[TimelineEntry]:
    for service_request in service_requests_for_customer(customer_id=customer_id):
        officer = service_request.assigned_officer
        yield TimelineEntry(
            at=service_request.received_at,
            kind="Service request",
            title=f"{service_request.reference} {service_request.council_service.name}",
            client_service_id=service_request.client_service_id,
            is_open=service_request.is_open,
            status=service_request.get_status_display() + (" (overdue)" if service_request.breached else ""),
            detail=service_request.description[:200],
            by=officer.display_name if officer else "",
            url=reverse("servicerequests:detail", args=[service_request.reference]),
            due=service_request.due_on,
        )
