"""The dashboard's figures over time: contacts, first-contact resolution, satisfaction and requests resolved on time
by week (a period of up to 13 weeks) or by month (a longer one), and requests resolved on time by client service.

They read the same facts as the period's own figures, whole months from the monthly facts, so each trend adds
up to the headline it sits under.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from servicefirst.organisation.selectors import client_service_targets
from servicefirst.performance.dashboard.figures import (
    Filters,
    council_services_kept,
    month_after,
    request_facts,
    whole_months,
)
from servicefirst.performance.models import ContactDayFact, ContactMonthFact

# Up to this many days a trend is by week; a week is too short a step to read a year by.
WEEKLY_UP_TO_DAYS = 91

_CONTACT_SUMS = ("contacts", "resolvable", "resolved_first_contact", "answers", "satisfied")


@dataclass
class Step:
    """One week or month of the period, cut to the period at either end."""

    first_day: datetime.date
    last_day: datetime.date
    contacts: int = 0
    resolvable: int = 0
    resolved_first_contact: int = 0
    answers: int = 0
    satisfied: int = 0
    resolved: int = 0
    resolved_on_time: int = 0


@dataclass(frozen=True)
class ClientServiceSla:
    name: str
    resolved: int
    resolved_on_time: int
    target_percent: Decimal


@dataclass
class Trend:
    by_week: bool
    steps: list[Step] = field(default_factory=list)

    def step_of(self, day: datetime.date) -> Step:
        return next(step for step in self.steps if step.first_day <= day <= step.last_day)


def _steps(date_from: datetime.date, date_to: datetime.date, *, by_week: bool) -> list[Step]:
    steps, first = [], date_from
    while first <= date_to:
        if by_week:
            following = first + datetime.timedelta(days=7 - first.weekday())
        else:
            following = month_after(first.replace(day=1))
        last = min(following - datetime.timedelta(days=1), date_to)
        steps.append(Step(first, last))
        first = following
    return steps


def _contact_facts(facts, filters: Filters, key: str) -> list[dict]:
    if filters.site_id is not None:
        facts = facts.filter(site_key=filters.site_id)
    if (services := council_services_kept(filters)) is not None:
        facts = facts.filter(council_service_key__in=services)
    return list(facts.order_by().values(key).annotate(**{name: Sum(name) for name in _CONTACT_SUMS}))


def _add_contacts(trend: Trend, rows: list[dict], key: str) -> None:
    for row in rows:
        step = trend.step_of(row[key])
        for name in _CONTACT_SUMS:
            setattr(step, name, getattr(step, name) + row[name])


def trend_build(filters: Filters) -> Trend:
    """Contacts by the London day they started, requests by the day they were resolved."""
    by_week = (filters.date_to - filters.date_from).days < WEEKLY_UP_TO_DAYS
    trend = Trend(by_week=by_week, steps=_steps(filters.date_from, filters.date_to, by_week=by_week))
    months = None if by_week else whole_months(filters.date_from, filters.date_to)
    day_ranges = [(filters.date_from, filters.date_to)]
    if months is not None:
        rows = _contact_facts(ContactMonthFact.objects.filter(month__range=months), filters, "month")
        _add_contacts(trend, rows, "month")
        day_ranges = [
            (filters.date_from, months[0] - datetime.timedelta(days=1)),
            (month_after(months[1]), filters.date_to),
        ]
    for first, last in day_ranges:
        if first <= last:
            _add_contacts(
                trend, _contact_facts(ContactDayFact.objects.filter(day__range=(first, last)), filters, "day"), "day"
            )
    resolutions = (
        request_facts(filters).values("day").annotate(resolved=Sum("resolved"), on_time=Sum("resolved_on_time"))
    )
    for row in resolutions:
        step = trend.step_of(row["day"])
        step.resolved += row["resolved"]
        step.resolved_on_time += row["on_time"]
    return trend


def sla_by_client_service(filters: Filters) -> list[ClientServiceSla]:
    """Requests resolved in the period by the client service they were resolved in, against its own target."""
    rows = list(
        request_facts(filters)
        .values("client_service_key")
        .annotate(resolved=Sum("resolved"), on_time=Sum("resolved_on_time"))
        .filter(resolved__gt=0)
    )
    targets = client_service_targets(ids={row["client_service_key"] for row in rows})
    found = []
    for row in rows:
        name, target = targets[row["client_service_key"]]
        found.append(ClientServiceSla(name, row["resolved"], row["on_time"], target))
    return sorted(found, key=lambda sla: sla.name)
