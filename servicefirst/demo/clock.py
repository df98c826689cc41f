"""The demo's recent past: the England & Wales working days before today and times within office hours,
in the council's time zone (Europe/London), so every contact happened when the contact centre was open."""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from servicefirst.core.workingdays import is_working_day, working_days_add

OPENS = datetime.time(8, 30)
CLOSES = datetime.time(17, 0)


@dataclass(frozen=True)
class DemoClock:
    today: datetime.date
    days: tuple[datetime.date, ...]  # working days before today, oldest first

    @classmethod
    def weeks_to_today(cls, *, weeks: int) -> "DemoClock":
        today = timezone.localdate()
        span = (today - datetime.timedelta(days=offset) for offset in range(weeks * 7, 0, -1))
        return cls(today=today, days=tuple(day for day in span if is_working_day(day)))

    def back(self, count: int) -> datetime.date:
        """The working day `count` working days before today: 1 is the last one."""
        return self.days[-count]

    def due(self, day: datetime.date, working_days: int) -> datetime.date:
        return working_days_add(start=day, days=working_days)

    def at(
        self,
        day: datetime.date,
        rng: random.Random,
        *,
        earliest: datetime.time = OPENS,
        latest: datetime.time = CLOSES,
    ) -> datetime.datetime:
        start = earliest.hour * 60 + earliest.minute
        minute = rng.randint(start, latest.hour * 60 + latest.minute - 1)
        naive = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60, rng.randint(0, 59)))
        return timezone.make_aware(naive)
