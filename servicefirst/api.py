"""The JSON API: one NinjaAPI that each app adds its router to. Every answer, errors included, is JSON in one
shape: `{"status": N, "errors": [{"field": ..., "message": ...}]}` for an error."""

import datetime
import logging
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.views import openapi_json
from pydantic import BaseModel

from servicefirst.accounts.api_auth import TokenAuth
from servicefirst.api_schema import CouncilAPI, errors_body
from servicefirst.core.validation import date_bounds_check, number_bounds_check, text_control_characters_refuse
from servicefirst.core.versions import StaleVersion

logger = logging.getLogger(__name__)

# How long a client should wait before retrying when the database could not be reached: long enough for a
# restarted server or a failed-over connection to be back.
_RETRY_AFTER_SECONDS = 5
_NOT_FOUND = "There is nothing at this address; /api/docs lists what the API offers"


def _docs_for_staff(view):
    """django-ninja passes both the OpenAPI document and the Swagger UI page through this: the document stays
    public for partners' developers; the page, where staff paste their tokens, needs a staff sign-in."""
    if getattr(view, "func", None) is openapi_json:
        return require_safe(view)
    return login_required(view)


api = CouncilAPI(
    title="Service First API",
    version="1.0.0",
    description="Customers and the service catalogue of the council's front office. Authenticate with "
    "`Authorization: Bearer <token>`; tokens are issued with `manage.py create_api_token`.",
    auth=TokenAuth(),
    urls_namespace="api",
    # The page where staff paste their tokens: the project's own pinned copy of Swagger UI ("ninja" in
    # INSTALLED_APPS serves it from static files, never a CDN), for signed-in staff only, or none at all.
    docs_url="/docs" if settings.API_DOCS_ENABLED else None,
    docs_decorator=_docs_for_staff,
)


def _field(prefix: str, name: object) -> str:
    return f"{prefix}.{name}" if prefix else str(name)


def _input_refusals(value: Any, field: str) -> Iterator[tuple[str, str]]:
    """(field, message) for each value the database could not hold or the council should not store: text with a
    control character, an integer beyond 64 bits, a date outside the years any record holds. Walks schemas, lists
    and free-form objects (a request's answers), naming the field as the request does."""
    check: Callable[[Any], Any] | None = None
    if isinstance(value, str):
        check = text_control_characters_refuse
    elif isinstance(value, int) and not isinstance(value, bool):
        check = number_bounds_check
    elif isinstance(value, datetime.date):
        check = date_bounds_check
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _input_refusals(getattr(value, name), _field(field, info.alias or name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _input_refusals(key, field)
            yield from _input_refusals(item, _field(field, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _input_refusals(item, _field(field, index))
    if check is not None:
        try:
            check(value)
        except ValidationError as error:
            yield field, error.messages[0]


def _parameter_names(values: dict[str, Any]) -> set[str]:
    names = set()
    for name, value in values.items():
        if isinstance(value, BaseModel):
            names |= {info.alias or field for field, info in type(value).model_fields.items()}
        else:
            names.add(name)
    return names


def inputs_check(view: Callable) -> Callable:
    """Run on every operation once its inputs are parsed (body, query and path alike), before the view: the one
    place the API turns such values away, so no endpoint or schema field has to remember to."""

    @wraps(view)
    def checked(request: HttpRequest, *args, **values) -> Any:
        refusals: dict[str, list[str]] = {}
        # A misspelt filter must not be ignored, answering with everything as if it were not there.
        for name in sorted(set(request.GET) - _parameter_names(values)):
            refusals[name] = ["This operation has no such parameter; the API's documentation lists those it takes"]
        for name, value in values.items():
            # A body schema's fields are named in the request at the top level, not under the view's argument.
            for field, message in _input_refusals(value, "" if isinstance(value, BaseModel) else name):
                refusals.setdefault(field or name, []).append(message)
        if refusals:
            raise ValidationError(refusals)
        return view(request, *args, **values)

    return checked


api.add_decorator(inputs_check, mode="operation")


@api.exception_handler(NinjaValidationError)
def on_invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        errors.append({"field": ".".join(location) or None, "message": error.get("msg", "Invalid value")})
    return api.create_response(request, errors_body(422, errors), status=422)


@api.exception_handler(ValidationError)
def on_rule_broken(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": None if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return api.create_response(request, errors_body(422, errors), status=422)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, errors_body(403, [{"field": None, "message": "Your role does not allow this."}]), status=403
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        errors_body(401, [{"field": None, "message": "Send a valid API token as 'Authorization: Bearer <token>'."}]),
        status=401,
    )


@api.exception_handler(StaleVersion)
def on_stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    message = f"{exc}; it is now at version {exc.version}. Fetch it again, check the change still applies, and resend."
    return api.create_response(request, errors_body(409, [{"field": "version", "message": message}]), status=409)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, errors_body(exc.status_code, [{"field": None, "message": str(exc)}]), status=exc.status_code
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, errors_body(404, [{"field": None, "message": _NOT_FOUND}]), status=404)


def path_unknown(request: HttpRequest, path: str) -> HttpResponse:
    """An address under /api/ that names no endpoint: a 404 in the API's shape, not the staff site's page."""
    return JsonResponse(errors_body(404, [{"field": None, "message": _NOT_FOUND}]), status=404)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    message = "The request body is too large; send less in one request"
    return api.create_response(request, errors_body(413, [{"field": None, "message": message}]), status=413)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A dropped or restarted database connection: the client may try again once it is back.
    logger.warning("API request %s %s found the database unavailable: %s", request.method, request.path, exc)
    message = f"The service could not reach its database. Try again in {_RETRY_AFTER_SECONDS} seconds"
    response = api.create_response(request, errors_body(503, [{"field": None, "message": message}]), status=503)
    response["Retry-After"] = str(_RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Logged with the traceback for the council's support team; the caller learns nothing of the inside.
    logger.error("API request %s %s failed", request.method, request.path, exc_info=exc)
    message = "Something went wrong on our side. Try again later, or tell the council if it keeps happening"
    return api.create_response(request, errors_body(500, [{"field": None, "message": message}]), status=500)


api.add_router("/customers", "servicefirst.customers.api.router")
api.add_router("/catalogue", "servicefirst.catalogue.api.router")
api.add_router("/contacts", "servicefirst.contacts.api.router")
api.add_router("/requests", "servicefirst.servicerequests.api.router")
api.add_router("/complaints", "servicefirst.complaints.api.router")
api.add_router("/satisfaction", "servicefirst.satisfaction.api.router")
