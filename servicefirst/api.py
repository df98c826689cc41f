"""The JSON API: one NinjaAPI that each app adds its router to."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.views import openapi_json

from servicefirst.accounts.api_auth import TokenAuth
from servicefirst.core.versions import StaleVersion


def _docs_for_staff(view):
    """django-ninja passes both the OpenAPI document and the Swagger UI page through this: the document stays
    public for partners' developers; the page, where staff paste their tokens, needs a staff sign-in."""
    if getattr(view, "func", None) is openapi_json:
        return view
    return login_required(view)


api = NinjaAPI(
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


def _errors(status: int, errors: list[dict]) -> dict:
    return {"status": status, "errors": errors}


@api.exception_handler(NinjaValidationError)
def on_invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        errors.append({"field": ".".join(location) or None, "message": error.get("msg", "Invalid value")})
    return api.create_response(request, _errors(422, errors), status=422)


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
    return api.create_response(request, _errors(422, errors), status=422)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, _errors(403, [{"field": None, "message": "Your role does not allow this."}]), status=403
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        _errors(401, [{"field": None, "message": "Send a valid API token as 'Authorization: Bearer <token>'."}]),
        status=401,
    )


@api.exception_handler(StaleVersion)
def on_stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    message = f"{exc}; it is now at version {exc.version}. Fetch it again, check the change still applies, and resend."
    return api.create_response(request, _errors(409, [{"field": "version", "message": message}]), status=409)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, _errors(exc.status_code, [{"field": None, "message": str(exc)}]), status=exc.status_code
    )


api.add_router("/customers", "servicefirst.customers.api.router")
api.add_router("/catalogue", "servicefirst.catalogue.api.router")
api.add_router("/contacts", "servicefirst.contacts.api.router")
api.add_router("/requests", "servicefirst.servicerequests.api.router")
api.add_router("/complaints", "servicefirst.complaints.api.router")
api.add_router("/satisfaction", "servicefirst.satisfaction.api.router")
