"""Middleware of the whole site: the Permissions-Policy header, and a 503 instead of a 500 when the database
drops out from under a request."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Long enough for a restarted database server or a failed-over connection to be back.
RETRY_AFTER_SECONDS = 5


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": []}` as `camera=()`; an allow-list such as `["self"]` as `camera=(self)`."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY on every response (Django has no setting for this header)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class DatabaseUnavailableMiddleware:
    """A page whose database connection was cut while it ran (a restart, a fail-over) answers 503 with
    Retry-After: nothing was saved (the transaction died with the connection) and trying again will work once the
    database is back. A connection cut between requests never gets this far: CONN_HEALTH_CHECKS replaces it. The
    API answers the same in its own JSON shape (servicefirst/api.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unavailable(exception):
            return None
        return database_unavailable_response(request, exception)


def database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """The 503 page, for a view (above) or for middleware that reached the database first (the session, the second
    factor), which Django hands to handler500 instead."""
    logger.warning("%s %s found the database unavailable: %s", request.method, request.path, exception)
    # Rendered without the request: its context processors would ask the database about the user again.
    page = render_to_string("core/503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
