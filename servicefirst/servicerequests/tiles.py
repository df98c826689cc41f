from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.core.registry import Tile
from servicefirst.servicerequests.selectors import service_request_open_counts


def open_service_requests(user: AbstractBaseUser) -> Tile:
    """Counts only, so councillors see it too; a client service officer sees their own service's."""
    own_service = user.client_service_id if user.role == Role.CLIENT_SERVICE_OFFICER else None
    counts = service_request_open_counts(client_service_id=own_service)
    return Tile(
        title="Open service requests",
        value=f"{counts.open:,}",
        detail=f"{counts.overdue:,} overdue, {counts.paused:,} paused awaiting the customer",
        url=reverse("servicerequests:queue") if user.can("clientservice.work") else None,
    )
