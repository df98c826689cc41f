"""Dates and times as people read them off a clock in the council's time zone (Europe/London), as moments.

Twice a year the wall clock is not a simple count: when the clocks go back, the hour from 1am shows twice, and
when they go forward, the hour from 1am never shows. Django refuses both in forms and reads both as the first
reading elsewhere; an officer logging a call at 01:27 on the night the clocks go back would be refused, or have
the call recorded an hour early.
"""

import datetime

from django.utils import timezone


def _readings(value: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The two readings Python gives a wall-clock time (PEP 495): before and after a change of offset."""
    zone = timezone.get_current_timezone()
    return value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)


def local_time_skipped(value: datetime.datetime) -> bool:
    """True for a wall-clock time in the hour the clocks went forward, which no clock showed."""
    if timezone.is_aware(value):
        return False
    first, second = _readings(value)
    return first.utcoffset() < second.utcoffset()


def local_moment(value: datetime.datetime) -> datetime.datetime:
    """The moment a wall-clock time names. A time the clocks showed twice is taken as the showing nearer now,
    since people record what has just happened (a call at 01:50 typed at 01:10, after the clocks went back,
    is the first 01:50; typed at 02:10, the second). A time the clocks skipped is read as Python reads it, as
    if the clocks had not yet gone forward; forms refuse it first (`local_time_skipped`)."""
    if timezone.is_aware(value):
        return value
    first, second = _readings(value)
    if first.utcoffset() <= second.utcoffset():
        return first
    now = timezone.now()
    return min(first.astimezone(datetime.UTC), second.astimezone(datetime.UTC), key=lambda moment: abs(moment - now))


def day_starts_at(day: datetime.date) -> datetime.datetime:
    """The moment a London calendar day begins. Midnight always shows exactly once (the clocks change at 1am)."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def day_received_at(day: datetime.date) -> datetime.datetime:
    """When a letter or email dated with only a day counts as received: today's now, an earlier day's at the
    start of that day's office hours (9am), so it sorts before what came in by phone that day."""
    if day == timezone.localdate():
        return timezone.now()
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_current_timezone())
