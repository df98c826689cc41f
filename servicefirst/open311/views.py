"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2). Plain views rather than the JSON API: the
spec wants .json and .xml, form-encoded posts and its own error list. Reading is public and shows no personal
data; raising a request needs an API key whose user may raise requests. The views are exempt from CSRF
because no browser session authenticates them: a POST carries its api_key."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

from servicefirst.core.validation import text_control_characters_refuse
from servicefirst.open311 import selectors
from servicefirst.open311.errors import Open311Error
from servicefirst.open311.formats import FORMATS, render, render_errors
from servicefirst.open311.services import Submission, client_authenticate, date_parse, request_submit

_CHANGESET = "2026-11-23T00:00:00+00:00"
_IDS_MAX = 1000
_SUBMISSION_FIELDS = [name for name in Submission.__dataclass_fields__ if name != "attributes"]
# The parts of an address, by the names the spec gives them in its errors.
_PATH_FIELDS = {"code": "service_code", "reference": "service_request_id"}


def _jurisdiction() -> str:
    return settings.OPEN311_JURISDICTION_ID


def _control_characters_found(given: QueryDict, path: dict[str, str]) -> list[str]:
    """The spec's "field: message" for each field or part of the address holding a control character, which
    PostgreSQL (NUL) or the council's records should not hold; a name itself holding one is named as `request`."""
    refusals = []
    named = [(_PATH_FIELDS.get(name, name), [value]) for name, value in path.items()]
    for name, values in [*given.lists(), *named]:
        for shown, text in (("request", name), *((name, value) for value in values)):
            try:
                text_control_characters_refuse(text)
            except ValidationError as error:
                refusals.append(f"{shown}: {error.messages[0]}")
                break
    return refusals


def open311_view(*methods: str) -> Callable:
    """Answers in the format the path asks for; a wrong format, method or jurisdiction, and any Open311Error,
    become the spec's error list."""

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
            if fmt not in FORMATS:
                return render_errors([f"format: ask for .json or .xml, not .{fmt[:10]}"], fmt="json", status=404)
            if request.method not in methods:
                response = render_errors([f"method: use {' or '.join(methods)}"], fmt=fmt, status=405)
                response["Allow"] = ", ".join(methods)
                return response
            # Per client address, so one misbehaving client cannot crowd out the rest or flood the queues.
            rate = settings.OPEN311_RATE_POST if request.method == "POST" else settings.OPEN311_RATE_GET
            if is_ratelimited(request, group=f"open311-{request.method}", key="ip", rate=rate, increment=True):
                return render_errors([f"rate: more than {rate} requests; wait and try again"], fmt=fmt, status=429)
            given = request.POST if request.method == "POST" else request.GET
            if refusals := _control_characters_found(given, kwargs):
                return render_errors(refusals, fmt=fmt, status=400)
            jurisdiction = given.get("jurisdiction_id", "")
            if jurisdiction and jurisdiction != _jurisdiction():
                return render_errors([f"jurisdiction_id: this endpoint serves {_jurisdiction()}"], fmt=fmt, status=404)
            try:
                return view(request, fmt, **kwargs)
            except Open311Error as error:
                return render_errors(error.errors, fmt=fmt, status=error.status)

        return wrapped

    return decorate


@open311_view("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0] + "/"
    data = {
        "changeset": _CHANGESET,
        "contact": "The council's customer services team.",
        "key_service": "API keys are issued by the council's Service First administrators.",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": _CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, fmt=fmt, root="discovery")


@open311_view("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return render(selectors.service_list(), fmt=fmt, root="services")


@open311_view("GET")
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    service = selectors.service_find(code=code)
    if service is None:
        raise Open311Error(404, [f"service_code: no service has the code {code[:20]}"])
    return render(selectors.service_definition(service=service), fmt=fmt, root="service_definition")


def _attributes(request: HttpRequest) -> dict[str, str]:
    """attribute[code]=value pairs; a list value (attribute[code][]) is joined, as no question takes several."""
    attributes = {}
    for name in request.POST:
        if name.startswith("attribute[") and "]" in name:
            code = name[len("attribute[") : name.index("]")]
            attributes[code] = ", ".join(request.POST.getlist(name))
    return attributes


def _submit(request: HttpRequest, fmt: str) -> HttpResponse:
    client = client_authenticate(api_key=request.POST.get("api_key", ""))
    submission = Submission(
        **{name: request.POST.get(name, "") for name in _SUBMISSION_FIELDS}, attributes=_attributes(request)
    )
    service_request = request_submit(client=client, submission=submission)
    answer = [
        {
            "service_request_id": service_request.reference,
            "service_notice": selectors.service_notice(service_request),
            "account_id": None,
        }
    ]
    return render(answer, fmt=fmt, root="service_requests", status=201)


def _list_of(value: str, name: str) -> list[str] | None:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        return None
    if len(items) > _IDS_MAX or any(len(item) > 20 for item in items):
        raise Open311Error(400, [f"{name}: give at most {_IDS_MAX} values separated by commas"])
    return items


def _search(request: HttpRequest, fmt: str) -> HttpResponse:
    references = _list_of(request.GET.get("service_request_id", ""), "service_request_id")
    if references is not None:
        # The spec: asked for by id, the other filters do not apply.
        return render(selectors.request_list(references=references), fmt=fmt, root="service_requests")
    codes = _list_of(request.GET.get("service_code", ""), "service_code")
    if codes is not None and not all(code.isdigit() and len(code) <= 9 for code in codes):
        raise Open311Error(400, ["service_code: service codes are numbers, as services.json lists them"])
    statuses = set(_list_of(request.GET.get("status", ""), "status") or ())
    if not statuses <= {"open", "closed"}:
        raise Open311Error(400, ["status: give open, closed or both separated by a comma"])
    requests = selectors.request_list(
        council_service_ids=selectors.service_codes_to_ids(codes=codes) if codes is not None else None,
        is_open=("open" in statuses) if len(statuses) == 1 else None,
        received_from=date_parse(request.GET.get("start_date", ""), "start_date"),
        received_to=date_parse(request.GET.get("end_date", ""), "end_date"),
    )
    return render(requests, fmt=fmt, root="service_requests")


@open311_view("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _submit(request, fmt)
    return _search(request, fmt)


@open311_view("GET")
def request_detail(request: HttpRequest, fmt: str, reference: str) -> HttpResponse:
    found = selectors.request_list(references=[reference[:20]])
    if not found:
        raise Open311Error(404, [f"service_request_id: no request has the id {reference[:20]}"])
    return render(found, fmt=fmt, root="service_requests")


@open311_view("GET")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    """Requests are raised at once, so a request's token is its reference."""
    found = selectors.request_list(references=[token[:20]])
    if not found:
        raise Open311Error(404, [f"token: no request has the token {token[:20]}"])
    reference = found[0]["service_request_id"]
    return render([{"service_request_id": reference, "token": reference}], fmt=fmt, root="service_requests")
