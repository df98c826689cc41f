"""Complaint deadlines in England & Wales working days (or calendar months where a procedure says so).

The day something is received never counts: a complaint received on a Friday with five working days to
acknowledge is due the following Friday. Under the Complaint Handling Code the response time runs from the
acknowledgement, so until the complaint is acknowledged its response deadline is counted from the last day the
acknowledgement may be made, and once acknowledged from the day it actually was; so is the limit of an extension,
even one asked for before the acknowledgement. A review panel's report and the council's response count from the
days the panel actually met and its report arrived. docs/RULES.md gives the readings and their sources.
"""

import calendar
import datetime
from dataclasses import dataclass

from servicefirst.complaints.models import RespondUnit
from servicefirst.core.workingdays import working_days_add


@dataclass(frozen=True)
class StageTerms:
    acknowledge_days: int | None
    respond_days: int
    respond_unit: str
    from_acknowledgement: bool
    max_extension_days: int | None


def months_add(*, start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 August + 6 months is 28 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def acknowledge_due(*, terms: StageTerms, opened_on: datetime.date) -> datetime.date | None:
    if terms.acknowledge_days is None:
        return None
    return working_days_add(start=opened_on, days=terms.acknowledge_days)


def respond_due(
    *, terms: StageTerms, opened_on: datetime.date, acknowledged_on: datetime.date | None = None
) -> datetime.date:
    start = opened_on
    if terms.from_acknowledgement:
        start = acknowledged_on or acknowledge_due(terms=terms, opened_on=opened_on) or opened_on
    if terms.respond_unit == RespondUnit.MONTHS:
        return months_add(start=start, months=terms.respond_days)
    return working_days_add(start=start, days=terms.respond_days)


def extension_limit(*, terms: StageTerms, respond_due_on: datetime.date) -> datetime.date | None:
    """The latest date the response may be extended to; None where the procedure sets no limit."""
    if terms.max_extension_days is None:
        return None
    return working_days_add(start=respond_due_on, days=terms.max_extension_days)


def extension_settle(
    *, terms: StageTerms, respond_due_on: datetime.date, extended_to: datetime.date | None, beyond_limit: bool
) -> datetime.date | None:
    """An extension once the response deadline is known for certain (at the acknowledgement): kept where it still
    lies between the deadline and its limit; brought back to the limit when it went past it without a good reason
    recorded; dropped (None) when the deadline itself is now as late."""
    if extended_to is None or extended_to <= respond_due_on:
        return None
    limit = extension_limit(terms=terms, respond_due_on=respond_due_on)
    if limit is not None and extended_to > limit and not beyond_limit:
        return limit
    return extended_to


def panel_dates(
    *, report_days: int, response_days: int, met_on: datetime.date, report_on: datetime.date | None
) -> tuple[datetime.date, datetime.date | None]:
    """When a review panel's report is due after its meeting, and the council's response after the report."""
    report_due = working_days_add(start=met_on, days=report_days)
    return report_due, (working_days_add(start=report_on, days=response_days) if report_on else None)
