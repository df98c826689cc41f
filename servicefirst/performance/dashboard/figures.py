"""Each dashboard figure as a function of the filters, returning plain values from one grouped query.

Every function aggregates in the database; none walks contacts in Python. A later step may answer the same
functions from pre-aggregated daily facts, so the shapes returned here are what the rest of the dashboard relies on.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractHour
from django.utils import timezone

from servicefirst.complaints.selectors import complaint_stages_corporate, complaints_corporate
from servicefirst.contacts.selectors import ContactChannel, ContactOutcome, contacts_started_between
from servicefirst.satisfaction.selectors import responses_list
from servicefirst.servicerequests.selectors import service_requests_open, service_requests_resolved_between

SATISFIED_FROM = 4
NO_SITE = "No site (phone, email and online)"
NO_SERVICE = "No service (failed contacts)"
OTHER_SERVICES = "All other services"


@dataclass(frozen=True)
class Filters:
    date_from: datetime.date
    date_to: datetime.date
    site_id: int | None = None
    directorate_id: int | None = None
    client_service_id: int | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    count: int


@dataclass(frozen=True)
class ContactFigures:
    contacts: int
    resolved_first_contact: int
    avoidable: int
    repeats: int
    total_seconds: int


@dataclass(frozen=True)
class SatisfactionFigures:
    answers: int
    satisfied: int


@dataclass(frozen=True)
class SlaFigures:
    resolved: int
    resolved_on_time: int
    open: int
    open_overdue: int


@dataclass(frozen=True)
class ComplaintFigures:
    received: int
    responded: int
    responded_on_time: int


def _service_filter(queryset: QuerySet, filters: Filters, client_service: str) -> QuerySet:
    """`client_service` is the path from the queryset's rows to the client service they belong to."""
    if filters.client_service_id is not None:
        queryset = queryset.filter(**{f"{client_service}_id": filters.client_service_id})
    if filters.directorate_id is not None:
        queryset = queryset.filter(**{f"{client_service}__directorate_id": filters.directorate_id})
    return queryset


def contacts(filters: Filters) -> QuerySet:
    rows = contacts_started_between(date_from=filters.date_from, date_to=filters.date_to)
    if filters.site_id is not None:
        rows = rows.filter(site_id=filters.site_id)
    return _service_filter(rows, filters, "council_service__client_service").order_by()


def contacts_by_channel(filters: Filters) -> list[Bar]:
    counted = dict(contacts(filters).values_list("channel").annotate(n=Count("id")))
    return [Bar(label, counted.get(value, 0)) for value, label in ContactChannel.choices]


def contacts_by_site(filters: Filters) -> list[Bar]:
    rows = contacts(filters).values_list("site__name").annotate(n=Count("id"))
    return sorted((Bar(name or NO_SITE, n) for name, n in rows), key=lambda r: (-r.count, r.label))


def contacts_by_service(filters: Filters, *, top: int = 10) -> list[Bar]:
    """The `top` services with most contacts, then one row for all the others, so the rows add up to the total."""
    rows = contacts(filters).values_list("council_service__name").annotate(n=Count("id"))
    ranked = sorted((Bar(name or NO_SERVICE, n) for name, n in rows), key=lambda r: (-r.count, r.label))
    if len(ranked) <= top:
        return ranked
    return [*ranked[:top], Bar(OTHER_SERVICES, sum(r.count for r in ranked[top:]))]


def contacts_by_hour(filters: Filters) -> list[Bar]:
    """Every hour of the day in London time, empty hours included, so the shape of the day shows."""
    counted = dict(
        contacts(filters)
        .annotate(hour=ExtractHour("started_at", tzinfo=timezone.get_current_timezone()))
        .values_list("hour")
        .annotate(n=Count("id"))
    )
    return [Bar(f"{hour:02d}:00 to {hour:02d}:59", counted.get(hour, 0)) for hour in range(24)]


def contact_figures(filters: Filters) -> ContactFigures:
    totals = contacts(filters).aggregate(
        contacts=Count("id"),
        resolved_first_contact=Count("id", filter=Q(outcome=ContactOutcome.RESOLVED_FIRST_CONTACT)),
        avoidable=Count("id", filter=Q(is_avoidable=True)),
        repeats=Count("id", filter=Q(is_repeat=True)),
        total_time=Sum(F("ended_at") - F("started_at")),
    )
    total_time = totals.pop("total_time")
    return ContactFigures(**totals, total_seconds=round(total_time.total_seconds()) if total_time else 0)


def satisfaction_figures(filters: Filters) -> SatisfactionFigures:
    answers = responses_list(date_from=filters.date_from, date_to=filters.date_to, site_id=filters.site_id)
    answers = _service_filter(answers, filters, "contact__council_service__client_service").order_by()
    return SatisfactionFigures(
        **answers.aggregate(answers=Count("id"), satisfied=Count("id", filter=Q(rating__gte=SATISFIED_FROM)))
    )


def _requests_filtered(requests: QuerySet, filters: Filters) -> QuerySet:
    if filters.site_id is not None:
        requests = requests.filter(contact__site_id=filters.site_id)
    return _service_filter(requests, filters, "client_service").order_by()


def sla_figures(filters: Filters, *, today: datetime.date | None = None) -> SlaFigures:
    today = today or timezone.localdate()
    resolved = _requests_filtered(
        service_requests_resolved_between(date_from=filters.date_from, date_to=filters.date_to), filters
    ).aggregate(resolved=Count("id"), resolved_on_time=Count("id", filter=Q(resolved_on__lte=F("due_on"))))
    still_open = _requests_filtered(service_requests_open(), filters).aggregate(
        open=Count("id"), open_overdue=Count("id", filter=Q(due_on__lt=today))
    )
    return SlaFigures(**resolved, **still_open)


def complaint_figures(filters: Filters) -> ComplaintFigures:
    """Corporate complaints only: statutory social care complaints are reported apart. Complaints name no site, so
    the site filter does not narrow them."""
    received = _service_filter(complaints_corporate(), filters, "client_service").filter(
        received_at__date__range=(filters.date_from, filters.date_to)
    )
    stages = _service_filter(complaint_stages_corporate(), filters, "complaint__client_service").filter(
        responded_at__date__range=(filters.date_from, filters.date_to)
    )
    responded = stages.order_by().aggregate(
        responded=Count("id"), responded_on_time=Count("id", filter=Q(on_time=True))
    )
    return ComplaintFigures(received=received.order_by().count(), **responded)
