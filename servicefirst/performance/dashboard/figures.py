"""Each dashboard figure for a set of filters, as plain values.

Contacts and satisfaction come from the monthly and daily facts (`ContactMonthFact`, `ContactDayFact`), resolved
requests from `RequestDayFact`, so the time a figure takes hardly grows with the contacts logged. Open requests
and complaints are fewer and are counted where they are, through indexes that hold what each count reads.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from servicefirst.catalogue.selectors import council_service_list, council_service_names
from servicefirst.complaints.selectors import complaint_stages_corporate, complaints_corporate
from servicefirst.core.channels import ContactChannel
from servicefirst.organisation.selectors import client_services_in, site_names
from servicefirst.performance.models import CONTACT_COUNTS, HOURS, ContactDayFact, ContactMonthFact, RequestDayFact
from servicefirst.servicerequests.selectors import (
    paused_figures,
    service_request_pauses_ended,
    service_requests_open,
    service_requests_overdue_filter,
    service_requests_paused_filter,
)

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


# Where the hour-of-day columns start among the summed counts.
_FIRST_HOUR = CONTACT_COUNTS.index("h00")


@dataclass(frozen=True)
class ContactGroup:
    channel: str
    site_key: int
    council_service_key: int
    contacts: int
    resolvable: int
    identified: int
    resolved_first_contact: int
    avoidable: int
    repeats: int
    microseconds: int
    answers: int
    satisfied: int
    # The contacts that started in each hour of the day (London time), 00 to 23.
    hours: tuple[int, ...]


@dataclass(frozen=True)
class ContactFigures:
    """Each contact measure's parts. First-contact resolution is `resolved_first_contact` over `resolvable` (the
    council and contact-centre definition) or over `contacts` (as first reported); repeat contact is `repeats`
    over `identified` or over `contacts`; `definitions` says why."""

    contacts: int
    resolvable: int
    identified: int
    resolved_first_contact: int
    avoidable: int
    repeats: int
    total_seconds: int


@dataclass(frozen=True)
class ChannelTime:
    """One channel's transaction time: channels differ too much (a call, a desk visit, an email) for one average
    across them to describe any of them."""

    label: str
    contacts: int
    total_seconds: int

    @property
    def average_seconds(self) -> int | None:
        return round(self.total_seconds / self.contacts) if self.contacts else None


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
    open_paused: int
    pauses_ended: int
    paused_working_days: int


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


def council_services_kept(filters: Filters) -> QuerySet | None:
    """The council services the filters keep, as a subquery, or None when every service counts."""
    if filters.client_service_id is None and filters.directorate_id is None:
        return None
    services = council_service_list(client_service_id=filters.client_service_id, directorate_id=filters.directorate_id)
    return services.order_by().values("pk")


def month_after(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)


def whole_months(date_from: datetime.date, date_to: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The first days of the first and last calendar months wholly inside the period, or None if there is none."""
    first = date_from if date_from.day == 1 else month_after(date_from.replace(day=1))
    last = ((date_to + datetime.timedelta(days=1)).replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return (first, last) if first <= last else None


def _fact_rows(facts: QuerySet, filters: Filters) -> list[tuple]:
    if filters.site_id is not None:
        facts = facts.filter(site_key=filters.site_id)
    if (services := council_services_kept(filters)) is not None:
        facts = facts.filter(council_service_key__in=services)
    grouped = facts.order_by().values_list("channel", "site_key", "council_service_key")
    return list(grouped.annotate(*(Sum(name) for name in CONTACT_COUNTS)))


def contact_groups(filters: Filters) -> list[ContactGroup]:
    """The period's contact facts added up by channel, site and service, from which every contact figure, chart
    and satisfaction figure is worked out: whole months from the monthly facts, the days either side from the
    daily ones, so a year costs about as much as a month."""
    months = whole_months(filters.date_from, filters.date_to)
    if months is None:
        rows = _fact_rows(ContactDayFact.objects.filter(day__range=(filters.date_from, filters.date_to)), filters)
    else:
        rows = _fact_rows(ContactMonthFact.objects.filter(month__range=months), filters)
        # Each ragged end as its own range, so the database reads just those days from the key's index.
        before = (filters.date_from, months[0] - datetime.timedelta(days=1))
        after = (month_after(months[1]), filters.date_to)
        for first, last in (before, after):
            if first <= last:
                rows += _fact_rows(ContactDayFact.objects.filter(day__range=(first, last)), filters)
    summed: dict[tuple, list[int]] = {}
    for channel, site, service, *sums in rows:
        total = summed.setdefault((channel, site, service), [0] * len(CONTACT_COUNTS))
        for index, value in enumerate(sums):
            total[index] += value
    return [ContactGroup(*key, *sums[:_FIRST_HOUR], tuple(sums[_FIRST_HOUR:])) for key, sums in summed.items()]


def contacts_by_channel(groups: list[ContactGroup]) -> list[Bar]:
    counted = Counter()
    for group in groups:
        counted[group.channel] += group.contacts
    return [Bar(label, counted[value]) for value, label in ContactChannel.choices]


def _ranked(counted: Counter, names: dict[int, str], missing: str) -> list[Bar]:
    bars = (Bar(names.get(key, missing) if key else missing, n) for key, n in counted.items() if n)
    return sorted(bars, key=lambda r: (-r.count, r.label))


def contacts_by_site(groups: list[ContactGroup]) -> list[Bar]:
    counted = Counter()
    for group in groups:
        counted[group.site_key] += group.contacts
    return _ranked(counted, site_names(ids=set(counted) - {0}), NO_SITE)


def contacts_by_service(groups: list[ContactGroup], *, top: int = 10) -> list[Bar]:
    """The `top` services with most contacts, then one row for all the others, so the rows add up to the total."""
    counted = Counter()
    for group in groups:
        counted[group.council_service_key] += group.contacts
    ranked = _ranked(counted, council_service_names(ids=set(counted) - {0}), NO_SERVICE)
    if len(ranked) <= top:
        return ranked
    return [*ranked[:top], Bar(OTHER_SERVICES, sum(r.count for r in ranked[top:]))]


def contacts_by_hour(groups: list[ContactGroup]) -> list[Bar]:
    """Every hour of the day in London time, empty hours included, so the shape of the day shows."""
    return [Bar(f"{hour:02d}:00 to {hour:02d}:59", sum(group.hours[hour] for group in groups)) for hour in HOURS]


def transaction_time_by_channel(groups: list[ContactGroup]) -> list[ChannelTime]:
    """Every channel, those without contacts included, in the channels' own order."""
    contacts, microseconds = Counter(), Counter()
    for group in groups:
        contacts[group.channel] += group.contacts
        microseconds[group.channel] += group.microseconds
    return [
        ChannelTime(label, contacts[value], round(microseconds[value] / 1_000_000))
        for value, label in ContactChannel.choices
    ]


def contact_figures(groups: list[ContactGroup]) -> ContactFigures:
    return ContactFigures(
        contacts=sum(g.contacts for g in groups),
        resolvable=sum(g.resolvable for g in groups),
        identified=sum(g.identified for g in groups),
        resolved_first_contact=sum(g.resolved_first_contact for g in groups),
        avoidable=sum(g.avoidable for g in groups),
        repeats=sum(g.repeats for g in groups),
        total_seconds=round(sum(g.microseconds for g in groups) / 1_000_000),
    )


def satisfaction_figures(groups: list[ContactGroup]) -> SatisfactionFigures:
    """Answers about contacts that started in the period, whenever the answer came."""
    return SatisfactionFigures(answers=sum(g.answers for g in groups), satisfied=sum(g.satisfied for g in groups))


def open_requests(filters: Filters) -> QuerySet:
    """The requests open now, for the filters' site and services."""
    requests = service_requests_open()
    if filters.site_id is not None:
        requests = requests.filter(site_id=filters.site_id)
    return _service_filter(requests, filters, "client_service").order_by()


def request_facts(filters: Filters) -> QuerySet:
    """The daily facts of requests resolved in the period, for the filters' site and services."""
    facts = RequestDayFact.objects.filter(day__range=(filters.date_from, filters.date_to))
    if filters.site_id is not None:
        facts = facts.filter(site_key=filters.site_id)
    if filters.client_service_id is not None:
        facts = facts.filter(client_service_key=filters.client_service_id)
    if filters.directorate_id is not None:
        facts = facts.filter(client_service_key__in=client_services_in(directorate_id=filters.directorate_id))
    return facts.order_by()


def sla_figures(filters: Filters, *, today: datetime.date | None = None) -> SlaFigures:
    """Requests resolved in the period from the daily facts; those open today from the requests themselves."""
    today = today or timezone.localdate()
    resolved = request_facts(filters).aggregate(resolved=Sum("resolved"), resolved_on_time=Sum("resolved_on_time"))
    still_open = open_requests(filters).aggregate(
        open=Count("id"),
        open_overdue=Count("id", filter=service_requests_overdue_filter(today=today)),
        open_paused=Count("id", filter=service_requests_paused_filter()),
    )
    paused = paused_figures(pauses=_pauses_ended(filters))
    return SlaFigures(
        **{name: value or 0 for name, value in resolved.items()},
        **still_open,
        pauses_ended=paused.pauses,
        paused_working_days=paused.working_days,
    )


def _pauses_ended(filters: Filters) -> QuerySet:
    """Pauses of the SLA that ended in the period, for the filters' site and services."""
    start, end = _london_bounds(filters)
    pauses = service_request_pauses_ended(starts_at=start, ends_before=end)
    if filters.site_id is not None:
        pauses = pauses.filter(request__site_id=filters.site_id)
    return _service_filter(pauses, filters, "request__client_service")


def _london_bounds(filters: Filters) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as instants, so the database compares stored times through their index."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(filters.date_from, datetime.time.min, zone)
    return start, datetime.datetime.combine(filters.date_to + datetime.timedelta(days=1), datetime.time.min, zone)


def complaint_figures(filters: Filters) -> ComplaintFigures:
    """Corporate complaints only: statutory social care complaints are reported apart. Complaints name no site, so
    the site filter does not narrow them."""
    start, end = _london_bounds(filters)
    received = _service_filter(complaints_corporate(), filters, "client_service").filter(
        received_at__gte=start, received_at__lt=end
    )
    stages = _service_filter(complaint_stages_corporate(), filters, "complaint__client_service").filter(
        responded_at__gte=start, responded_at__lt=end
    )
    responded = stages.order_by().aggregate(
        responded=Count("id"), responded_on_time=Count("id", filter=Q(on_time=True))
    )
    return ComplaintFigures(received=received.order_by().count(), **responded)
