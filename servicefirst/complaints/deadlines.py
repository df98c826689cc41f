"""Complaint deadlines in England & Wales working days (or calendar months where a procedure says so).

The day something is received never counts: a complaint received on a Friday with five working days to
acknowledge is due the following Friday. Under the Complaint Handling Code the response time runs from the
acknowledgement, so until the complaint is acknowledged its response deadline is counted from the last day the
acknowledgement may be made, and once acknowledged from the day it actually was.
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
