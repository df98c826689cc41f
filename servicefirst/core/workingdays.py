"""Working days in England and Wales: Monday to Friday, except bank holidays.

Deadlines (SLAs, complaint stages) count whole working days after the day a request is received,
so a request received on a Friday afternoon with a one-day SLA is due on Monday, not Saturday.
"""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def bank_holidays(year: int) -> dict[date, str]:
    """Bank holidays in England and Wales, including substitute days when one falls at a weekend."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_add(*, start: date, days: int) -> date:
    """The date `days` whole working days after `start`; `start` itself never counts, even if it is a working day."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(*, start: date, end: date) -> int:
    """How many working days come after `start` up to and including `end`: the inverse of `working_days_add`, so
    a stretch that begins and ends on the same day, or runs over a weekend only, counts none."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
