"""The OpenAPI document tells every answer an operation can give, errors included, in the API's one error shape,
so a client generated from it (or a schema checker such as schemathesis) knows each status it will meet."""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import URLPattern
from ninja import NinjaAPI

ERROR_SCHEMA = "ErrorOut"
_ERROR = {
    "title": ERROR_SCHEMA,
    "type": "object",
    "properties": {
        "status": {"title": "Status", "type": "integer"},
        "errors": {
            "title": "Errors",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"title": "Field", "anyOf": [{"type": "string"}, {"type": "null"}]},
                    "message": {"title": "Message", "type": "string"},
                },
                "required": ["field", "message"],
            },
        },
    },
    "required": ["status", "errors"],
}
_WHY = {
    400: "The request body is not JSON",
    401: "No valid, unexpired API token was sent",
    403: "The token's scopes or its user's role do not allow this",
    404: "Nothing has that reference or id, or the caller may not see it",
    409: "The record changed since the version sent",
    413: "The request body is too large",
    422: "Invalid input, named by field",
    500: "Something went wrong on the council's side (logged; no detail is given)",
    503: "The database could not be reached; try again after Retry-After seconds",
}


def _body_schema(operation: dict, components: dict) -> dict:
    content = operation.get("requestBody", {}).get("content", {})
    schema = next(iter(content.values()), {}).get("schema", {})
    ref = schema.get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], schema) if ref else schema


def _errors_for(path: str, operation: dict, components: dict) -> list[int]:
    statuses = [422, 500, 503]
    if operation.get("security"):
        statuses += [401, 403]
    if "{" in path:
        statuses.append(404)
    if "requestBody" in operation:
        statuses += [400, 413]
        if "version" in _body_schema(operation, components).get("properties", {}):
            statuses.append(409)
    return sorted(statuses)


def errors_body(status: int, errors: list[dict]) -> dict:
    """The API's one error shape, as ERROR_SCHEMA documents it."""
    return {"status": status, "errors": errors}


def _not_allowed_as_json(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """django-ninja answers a method an address does not take with a bare text 405; a client reads every error
    in the one shape, so the 405 says in it which methods the address takes (and keeps the Allow header)."""

    @functools.wraps(view)
    def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith("application/json"):
            return response
        allowed = response.get("Allow", "")
        message = f"This address does not take {request.method}; it takes {allowed}"
        answer = JsonResponse(errors_body(405, [{"field": None, "message": message}]), status=405)
        answer["Allow"] = allowed
        return answer

    return answered


class CouncilAPI(NinjaAPI):
    def _get_urls(self) -> list:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _not_allowed_as_json(pattern.callback)
        return patterns

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components[ERROR_SCHEMA] = _ERROR
        error = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}}}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status in _errors_for(path, operation, components):
                    # django-ninja keys the responses an operation declares by int; JSON makes them strings.
                    if status not in responses and str(status) not in responses:
                        responses[str(status)] = {"description": _WHY[status], **error}
        return schema
