"""Open311's view of the catalogue and of service requests: a thin adapter that shows only what the public
may see. A service's code is its LGSL code, which partner apps already know and which never changes."""

import datetime
from typing import Any

from django.utils import timezone

from servicefirst.catalogue.selectors import council_services_by_lgsl_code, council_services_requestable
from servicefirst.open311.errors import Open311Error
from servicefirst.open311.models import Open311Submission
from servicefirst.servicerequests.selectors import (
    council_service_ids_with_questions,
    question_list,
    service_request_customer_updates,
    service_request_public_list,
)

REQUESTS_MAX = 1000
# The spec's longest search, and its default: the last WINDOW_DAYS days.
WINDOW_DAYS = 90

# Open311 datatypes of our question kinds; an address is one line, "line 1, town, postcode".
_DATATYPES = {
    "text": "string",
    "textarea": "text",
    "choice": "singlevaluelist",
    "date": "datetime",
    "yes_no": "singlevaluelist",
    "address": "string",
}
_DATATYPE_DESCRIPTIONS = {
    "date": "A date, like 2026-11-20 (a time, if given, is ignored).",
    "address": "The address as line 1, town, postcode separated by commas (a second line may come after line 1). "
    "Left out, address_string is used.",
}


def _code(service) -> str:
    return str(service.lgsl.code)


def service_list() -> list[dict[str, Any]]:
    services = list(council_services_requestable().order_by("name"))
    with_questions = council_service_ids_with_questions(council_service_ids=[service.pk for service in services])
    return [
        {
            "service_code": _code(service),
            "service_name": service.name,
            "description": service.lgsl.description or service.name,
            "metadata": service.pk in with_questions,
            "type": "realtime",
            "keywords": ", ".join(word.strip() for word in service.keywords.split(",") if word.strip()),
            "group": service.client_service.name,
        }
        for service in services
    ]


def service_find(*, code: str):
    """The council service with this code that takes requests, or None."""
    if not code.isdigit() or len(code) > 9:
        return None
    service = council_services_by_lgsl_code(codes={int(code)}).get(int(code))
    if service is None or not service.is_requestable:
        return None
    return service


def _attribute(question) -> dict[str, Any]:
    attribute: dict[str, Any] = {
        "variable": True,
        "code": question.key,
        "datatype": _DATATYPES[question.kind],
        "required": question.required,
        "datatype_description": _DATATYPE_DESCRIPTIONS.get(question.kind, ""),
        "order": question.order,
        "description": f"{question.label} {question.hint}".strip(),
    }
    if question.kind == "choice":
        attribute["values"] = [{"key": choice, "name": choice} for choice in question.choice_list]
    elif question.kind == "yes_no":
        attribute["values"] = [{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}]
    return attribute


def service_definition(*, service) -> dict[str, Any]:
    return {
        "service_code": _code(service),
        "attributes": [_attribute(question) for question in question_list(council_service_id=service.pk)],
    }


def _when(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _expected(due_on: datetime.date) -> str:
    # Due "by" a date means by the end of that day in the council's time zone.
    end_of_day = datetime.datetime.combine(due_on, datetime.time(23, 59, 59))
    return timezone.make_aware(end_of_day).isoformat(timespec="seconds")


def service_notice(service_request) -> str:
    return f"We aim to deal with this by {service_request.due_on:%-d %B %Y}."


def _public(service_request, update, submission: Open311Submission | None) -> dict[str, Any]:
    """Nothing here names or contacts anyone. The description and location are shown only when an Open311
    client sent them, to be published as FixMyStreet does; what an officer typed on a call may hold personal
    details, so it stays inside."""
    updated = service_request.updated_at
    if update is not None and update.at > updated:
        updated = update.at
    return {
        "service_request_id": service_request.reference,
        "status": "open" if service_request.is_open else "closed",
        "status_notes": update.note if update is not None else "",
        "service_name": service_request.council_service.name,
        "service_code": _code(service_request.council_service),
        "description": service_request.description if submission is not None and submission.description_sent else "",
        "agency_responsible": service_request.client_service.name,
        "service_notice": service_notice(service_request),
        "requested_datetime": _when(service_request.received_at),
        "updated_datetime": _when(updated),
        "expected_datetime": _expected(service_request.due_on),
        "address": submission.address_string if submission else "",
        "address_id": submission.address_id if submission else "",
        "zipcode": "",
        "lat": float(submission.lat) if submission and submission.lat is not None else None,
        "long": float(submission.long) if submission and submission.long is not None else None,
        "media_url": submission.media_url if submission else "",
    }


def request_list(
    *,
    references: list[str] | None = None,
    council_service_ids: list[int] | None = None,
    is_open: bool | None = None,
    received_from: datetime.datetime | None = None,
    received_to: datetime.datetime | None = None,
) -> list[dict[str, Any]]:
    """Requests in their public form, newest first and at most REQUESTS_MAX. Asked for by reference, any
    age; otherwise received within `request_window`."""
    if references is None:
        received_from, received_to = request_window(start=received_from, end=received_to)
    requests = list(
        service_request_public_list(
            references=references,
            council_service_ids=council_service_ids,
            is_open=is_open,
            received_from=received_from,
            received_to=received_to,
        )[:REQUESTS_MAX]
    )
    ids = [service_request.pk for service_request in requests]
    updates = service_request_customer_updates(request_ids=ids)
    submissions = Open311Submission.objects.in_bulk(ids, field_name="service_request_id")
    return [_public(r, updates.get(r.pk), submissions.get(r.pk)) for r in requests]


def _days_after(moment: datetime.datetime, days: int) -> datetime.datetime:
    # Counted on the London calendar, as the council counts days: across a change of the clocks a day is 23 or 25
    # hours, and a search from one midnight to another 90 days later spans 90 days.
    return timezone.localtime(moment) + datetime.timedelta(days=days)


def request_window(
    *, start: datetime.datetime | None, end: datetime.datetime | None
) -> tuple[datetime.datetime, datetime.datetime | None]:
    """The received_at range a search of requests covers: never more than WINDOW_DAYS days (the spec's start_date
    and end_date "may not span more than 90 days"). Given one end, the range runs WINDOW_DAYS days from it; given
    neither, it is the last WINDOW_DAYS days. Raises Open311Error for a range that runs backwards or is longer."""
    if start is not None and end is not None:
        if start > end:
            raise Open311Error(400, ["start_date: must be before end_date"])
        if end > _days_after(start, WINDOW_DAYS):
            raise Open311Error(
                400,
                [f"end_date: must be no more than {WINDOW_DAYS} days after start_date; search a longer time in parts"],
            )
        return start, end
    if start is not None:
        return start, _days_after(start, WINDOW_DAYS)
    if end is not None:
        return _days_after(end, -WINDOW_DAYS), end
    return timezone.now() - datetime.timedelta(days=WINDOW_DAYS), None


def service_codes_to_ids(*, codes: list[str]) -> list[int]:
    found = council_services_by_lgsl_code(codes={int(code) for code in codes})
    return [service.pk for service in found.values()]
