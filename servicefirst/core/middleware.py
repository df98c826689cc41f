"""Middleware of the whole site: the Permissions-Policy header, the site's own 404 page with DEBUG on, and a 503
instead of a 500 when the database drops out from under a request."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_resolver

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


class NotFoundPageMiddleware:
    """With DEBUG on (the demo's setting) Django answers a 404 with its technical page, which lists every URL
    pattern of the site to whoever asks. This answers with the site's own page (`handler404`) instead, as Django
    does with DEBUG off: for an address that names no page (no URL matched) and for a page that raised Http404.
    A 404 a view returned itself, such as the API's JSON, is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return self._page(request, Http404(request.path))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return self._page(request, exception)
        return None

    @staticmethod
    def _page(request: HttpRequest, exception: Http404) -> HttpResponse:
        resolver = get_resolver(getattr(request, "urlconf", None))
        return resolver.resolve_error_handler(404)(request, exception)


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
