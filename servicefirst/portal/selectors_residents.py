"""Reads for residents: tracking one request or complaint, and the list a signed-in resident sees.

A resident proves a record is theirs with its reference plus the email address or postcode they gave. Every
lookup runs the same queries whether or not the reference exists, so neither the answer nor its timing tells
anyone which references are real.
"""

import datetime
import hmac
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from servicefirst.complaints.selectors import complaint_get, complaints_for_customer
from servicefirst.core.validation import postcode_normalise
from servicefirst.customers.selectors import customer_detail_or_none, customer_search
from servicefirst.servicerequests.selectors import (
    service_request_events,
    service_request_public_list,
    service_requests_for_customer,
)

_PUBLIC = "public"

# What a resident can expect next, in plain words, for each status of a request and of a complaint.
_REQUEST_NEXT = {
    "new": "We have your request. It is waiting to be given to an officer.",
    "assigned": "An officer has your request and will start work on it soon.",
    "in_progress": "An officer is working on your request.",
    "awaiting_customer": "We need something from you. Check your email or post for a message from us.",
    "reopened": "We have reopened your request and an officer will look at it again.",
    "resolved": "We have finished the work. If the problem is not fixed, contact us within 10 working days.",
    "closed": "This request is closed. If you still need help, make a new request.",
}
_COMPLAINT_NEXT = {
    "received": "We have your complaint. We will acknowledge it and tell you who is looking into it.",
    "investigating": "We are looking into your complaint and will send you our response by the date below.",
    "responded": "We have sent our response. If you are not happy with it, you can ask us to look again.",
    "with_ombudsman": "The Local Government and Social Care Ombudsman is looking at your complaint.",
    "closed": "This complaint is closed.",
}
_FEEDBACK_NEXT = "Thank you. We have passed this on to the service it is about."


@dataclass(frozen=True)
class TrackedUpdate:
    at: datetime.datetime
    text: str


@dataclass(frozen=True)
class Tracked:
    """What a resident may see of their own request or complaint: never internal notes or staff names."""

    reference: str
    kind: str
    about: str
    status: str
    next_step: str
    due_on: datetime.date | None
    received_at: datetime.datetime
    record_type: str
    record_id: int
    updates: list[TrackedUpdate] = field(default_factory=list)


def _same(given: str, held: str) -> bool:
    return hmac.compare_digest(given.encode(), held.encode())


def _postcode(value: str) -> str:
    try:
        return postcode_normalise(value)
    except ValidationError:
        return ""


def _answer_postcodes(answers: dict) -> list[str]:
    """Postcodes typed into a request's address questions: the place the problem is, which residents also give."""
    found = []
    for value in (answers or {}).values():
        if isinstance(value, dict) and value.get("postcode"):
            found.append(_postcode(str(value["postcode"])))
    return [postcode for postcode in found if postcode]


def _proven(*, customer, extra_postcodes: list[str], email: str, postcode: str) -> bool:
    emails = [e.email.lower() for e in customer.email_addresses.all()] if customer else []
    postcodes = [a.postcode for a in customer.addresses.all()] if customer else []
    postcodes += extra_postcodes
    email_ok = bool(email) and any(_same(email.strip().lower(), held) for held in emails)
    postcode_ok = bool(postcode) and any(_same(postcode, held) for held in postcodes)
    return email_ok or postcode_ok


def _request_view(service_request) -> Tracked:
    events = service_request_events(service_request=service_request).filter(visibility=_PUBLIC).exclude(note="")
    return Tracked(
        reference=service_request.reference,
        kind="Service request",
        about=service_request.council_service.name,
        status=service_request.get_status_display(),
        next_step=_REQUEST_NEXT.get(service_request.status, ""),
        due_on=service_request.due_on,
        received_at=service_request.received_at,
        record_type="service_request",
        record_id=service_request.pk,
        updates=[TrackedUpdate(at=event.at, text=event.note) for event in events],
    )


def _complaint_view(complaint) -> Tracked:
    is_complaint = complaint.kind == "complaint"
    return Tracked(
        reference=complaint.reference,
        kind=complaint.get_kind_display(),
        about=complaint.council_service.name if complaint.council_service else complaint.summary,
        status=complaint.get_status_display(),
        next_step=_COMPLAINT_NEXT.get(complaint.status, "") if is_complaint else _FEEDBACK_NEXT,
        due_on=complaint.due_on if is_complaint else None,
        received_at=complaint.received_at,
        record_type="complaint",
        record_id=complaint.pk,
    )


def _find(reference: str):
    """The request or complaint with this reference, or None; both tables are always asked."""
    reference = reference.strip().upper()
    service_request = service_request_public_list(references=[reference]).select_related("council_service").first()
    try:
        complaint = complaint_get(reference=reference)
    except ObjectDoesNotExist:
        complaint = None
    return service_request, complaint


def track_find(*, reference: str, email: str = "", postcode: str = "") -> Tracked | None:
    """The record, if the reference exists AND the email or postcode matches one the resident gave; else None.
    Callers must answer every None the same way."""
    service_request, complaint = _find(reference)
    record = service_request or complaint
    customer = customer_detail_or_none(customer_id=record.customer_id if record else None)
    extra = _answer_postcodes(service_request.answers) if service_request else []
    if not _proven(customer=customer, extra_postcodes=extra, email=email, postcode=_postcode(postcode)):
        return None
    return _request_view(service_request) if service_request else _complaint_view(complaint)


def _customers_with_email(email: str) -> list:
    email = email.strip().lower()
    if not email or "@" not in email:
        return []
    found = customer_search(query=email).customers
    return [c for c in found if any(e.email.lower() == email for e in c.email_addresses.all())]


def resident_has_records(*, email: str) -> bool:
    return bool(_customers_with_email(email))


def resident_records(*, email: str) -> list[Tracked]:
    """Every request and complaint of the customers holding this email address, newest first."""
    records: list[Tracked] = []
    for customer in _customers_with_email(email):
        for service_request in service_requests_for_customer(customer_id=customer.pk):
            records.append(_request_view(service_request))
        for complaint in complaints_for_customer(customer_id=customer.pk):
            records.append(_complaint_view(complaint))
    return sorted(records, key=lambda r: r.received_at, reverse=True)


def resident_record(*, email: str, reference: str) -> Tracked | None:
    reference = reference.strip().upper()
    return next((r for r in resident_records(email=email) if r.reference == reference), None)
