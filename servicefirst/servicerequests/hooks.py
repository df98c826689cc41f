"""What service requests add to other apps' screens and to the per-customer contract (see `core.hooks`)."""

from servicefirst.contacts.followups import CONTACT_FOLLOWUPS, FollowUp
from servicefirst.contacts.selectors import ContactOutcome
from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, TileSource
from servicefirst.customers.timeline import (
    CUSTOMER_ACTIONS,
    CUSTOMER_PARTICIPANTS,
    CustomerAction,
    Participant,
    customer_rows_mover,
)
from servicefirst.servicerequests.models import ServiceRequest
from servicefirst.servicerequests.selectors import service_requests_export, service_requests_held
from servicefirst.servicerequests.tiles import open_service_requests
from servicefirst.servicerequests.timeline_sources import service_requests

hooks.register(NAVIGATION, NavigationItem("Requests", "servicerequests:queue", "clientservice.work", order=20))
hooks.register(
    CUSTOMER_ACTIONS, CustomerAction("Raise a service request", "servicerequests:raise", "request.raise", order=20)
)
hooks.register(
    CONTACT_FOLLOWUPS,
    FollowUp(ContactOutcome.SERVICE_REQUEST_RAISED, "Raise the service request", "servicerequests:raise"),
)
hooks.register(DASHBOARD_TILES, TileSource("dashboard.view", open_service_requests), order=20)
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "service-requests",
        "Service requests",
        export=service_requests_export,
        move=customer_rows_mover(ServiceRequest),
        timeline=service_requests,
        holds_work_for=service_requests_held,
    ),
)
