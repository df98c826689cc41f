"""servicefirst.core.workingdays: England and Wales working days across Christmas, New Year and Easter."""

from datetime import date

import pytest

from servicefirst.core.workingdays import bank_holidays, is_working_day, working_days_add


def test_bank_holidays_2026_include_christmas_boxing_day_substitute_and_easter():
    days = bank_holidays(2026)
    assert date(2026, 12, 25) in days
    assert date(2026, 12, 28) in days  # Boxing Day falls on a Saturday, so the Monday is the bank holiday
    assert date(2026, 4, 3) in days  # Good Friday
    assert date(2026, 4, 6) in days  # Easter Monday
    assert date(2026, 4, 7) not in days


def test_bank_holidays_2027_include_both_christmas_substitutes():
    days = bank_holidays(2027)
    assert {date(2027, 12, 27), date(2027, 12, 28), date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29)} <= set(days)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),
        (date(2026, 12, 25), False),
        (date(2026, 12, 26), False),
        (date(2026, 12, 28), False),
        (date(2026, 12, 29), True),
        (date(2027, 1, 1), False),
        (date(2027, 1, 4), True),
        (date(2026, 4, 2), True),
        (date(2026, 4, 3), False),
        (date(2026, 4, 6), False),
        (date(2027, 3, 26), False),
        (date(2027, 3, 29), False),
        (date(2027, 3, 30), True),
        (date(2026, 11, 21), False),  # a Saturday
        (date(2026, 11, 22), False),  # a Sunday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Wednesday 23 December: Thursday 24 counts, then Christmas and the Boxing Day substitute do not.
        (date(2026, 12, 23), 1, date(2026, 12, 24)),
        (date(2026, 12, 23), 3, date(2026, 12, 30)),
        # Over New Year as well: 29, 30, 31 December, then 4 and 5 January.
        (date(2026, 12, 24), 5, date(2027, 1, 5)),
        # Received on the bank holiday itself: counting starts the next working day.
        (date(2026, 12, 25), 1, date(2026, 12, 29)),
        # Received on a Saturday.
        (date(2026, 12, 26), 1, date(2026, 12, 29)),
        # Easter 2026: Maundy Thursday to the Tuesday after Easter Monday.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        (date(2026, 4, 2), 10, date(2026, 4, 20)),
        # Easter 2027 falls in March.
        (date(2027, 3, 25), 2, date(2027, 3, 31)),
        # Christmas 2027: both substitute days are skipped.
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        # The day of receipt never counts, even when it is a working day.
        (date(2026, 11, 23), 1, date(2026, 11, 24)),
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_working_days_add(start, days, due):
    assert working_days_add(start=start, days=days) == due


def test_working_days_add_refuses_negative_days():
    with pytest.raises(ValueError, match="negative"):
        working_days_add(start=date(2026, 12, 23), days=-1)
