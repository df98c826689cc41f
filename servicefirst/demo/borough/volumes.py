"""How many contacts the borough gets a year on each channel, and how they spread over its days.

The plan needs no database: it is a pure function of the year and the scale, so the tests check the
yearly totals against the seeds at full scale without writing a row. Face-to-face days follow the
demo sites' published opening hours (`demo/data/sites.csv`) and the year's closures (`demo.closures`).

Why these targets: the software logs what the contact centre handles, and seed 000 gives exactly that
(~375,000 calls and ~185,000 face-to-face visitors a year). Seed 004's 1.3 million calls are every call
to all 194 of the council's published numbers, most answered by back offices (the demo's own
`contact_points.csv` phone volumes add up to 1.27 million, the same story), and its ~300,000 visits are
to all 7 principal locations, libraries and housing offices included; both are recorded below for
reference, not as targets. The seeds give no volume for email (004 counts 252 addresses only), so the
email target is what the demo's published addresses carry (`contact_points.csv`, 128,000); the smaller
channels have no seed figure and are assumptions, labelled as such.
"""

import csv
import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from servicefirst.core.channels import ContactChannel
from servicefirst.core.workingdays import bank_holidays
from servicefirst.demo.closures import demo_site_closures

DEMO_DATA = Path(__file__).resolve().parents[1] / "data"
C = ContactChannel

# Seed 000: "Hackney currently receives around 375,000 phone calls 185,000 face-to-face visitors each year."
PHONE_CALLS_000 = 375_000
FACE_TO_FACE_VISITS_000 = 185_000
# Seed 004, for reference only: all 194 numbers (1.3 million calls), all 7 principal locations (~300,000 visits).
COUNCIL_CALLS_004 = 1_300_000
COUNCIL_VISITS_004 = 300_000
# demo/data/contact_points.csv: the annual_volume of the five published email addresses.
EMAILS_CONTACT_POINTS = 128_000
# Assumptions (no seed figure): a borough that pushes residents online gets more forms than letters.
WEB_FORMS_ASSUMED = 90_000
WEBCHATS_ASSUMED = 20_000
LETTERS_ASSUMED = 10_000
SOCIAL_MEDIA_ASSUMED = 5_000
BSL_VIDEO_RELAY_ASSUMED = 600
TEXT_RELAY_ASSUMED = 400

YEARLY_TARGETS: dict[str, int] = {
    C.PHONE: PHONE_CALLS_000,
    C.FACE_TO_FACE: FACE_TO_FACE_VISITS_000,
    C.EMAIL: EMAILS_CONTACT_POINTS,
    C.WEB_FORM: WEB_FORMS_ASSUMED,
    C.LETTER: LETTERS_ASSUMED,
    C.WEBCHAT: WEBCHATS_ASSUMED,
    C.SOCIAL_MEDIA: SOCIAL_MEDIA_ASSUMED,
    C.BSL_VIDEO_RELAY: BSL_VIDEO_RELAY_ASSUMED,
    C.TEXT_RELAY: TEXT_RELAY_ASSUMED,
}
# Seed 003: complaints rose 5% in 2009/10 over the year before.
COMPLAINT_GROWTH_003 = 0.05
# Corporate complaints per contact handled: about 1 in 400 (a borough of this size records ~2,000 a year).
COMPLAINTS_PER_CONTACT = 1 / 400

# Monday is the busiest day (the weekend's problems); Friday the quietest working day.
WEEKDAY_FACTOR = (1.30, 1.05, 1.0, 0.95, 0.85, 1.0, 1.0)
# Digital channels keep arriving at weekends, at about a third of the weekday rate.
DIGITAL_WEEKEND_FACTOR = 0.35
MONTH_FACTOR = (1.05, 1.0, 1.10, 1.05, 0.95, 0.95, 0.90, 0.85, 1.0, 1.0, 0.95, 0.80)
# Channels staffed like the contact centre: weekdays only, closed on bank holidays.
OFFICE_CHANNELS = (C.PHONE, C.WEBCHAT, C.BSL_VIDEO_RELAY, C.TEXT_RELAY)
DIGITAL_CHANNELS = (C.EMAIL, C.WEB_FORM, C.LETTER, C.SOCIAL_MEDIA)
# Hour-of-day shape for the contact centre (08:00-18:00), peaking mid-morning and after lunch.
OFFICE_HOURS = {8: 0.7, 9: 1.2, 10: 1.4, 11: 1.3, 12: 1.0, 13: 1.0, 14: 1.2, 15: 1.1, 16: 0.9, 17: 0.5}
# Email and forms arrive around the clock, mostly in the day and the evening.
DIGITAL_HOURS = dict(enumerate([1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 9, 9, 9, 8, 8, 7, 7, 8, 8, 6, 4, 2]))


@dataclass(frozen=True)
class Event:
    """A stretch of days with extra demand on some channels, aimed at some services (LGSL codes)."""

    name: str
    starts: datetime.date
    ends: datetime.date
    boost: dict[str, float]  # channel -> extra share of the day's usual volume
    lgsl_codes: tuple[int, ...]

    def on(self, day: datetime.date) -> bool:
        return self.starts <= day <= self.ends


def _first_monday(year: int, month: int, after_day: int = 1) -> datetime.date:
    day = datetime.date(year, month, after_day)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def events(year: int) -> tuple[Event, ...]:
    """Seed 003's adverse-weather surge (December/January), the council-tax bill run (bills land in early
    March, as the demo catalogue warns) and a freedom-pass renewal wave (seed 001's calendar of events)."""
    surge = _first_monday(year, 1, 2)
    bills = _first_monday(year, 3)
    passes = _first_monday(year, 2)
    everyone = {C.PHONE: 0.7, C.EMAIL: 0.6, C.WEB_FORM: 0.8, C.WEBCHAT: 0.6, C.FACE_TO_FACE: -0.3}
    return (
        Event("weather surge", surge, surge + datetime.timedelta(days=6), everyone, (524, 533, 545, 564, 141)),
        Event(
            "council-tax bill run",
            bills,
            bills + datetime.timedelta(days=18),
            {C.PHONE: 0.45, C.FACE_TO_FACE: 0.3, C.EMAIL: 0.5, C.WEB_FORM: 0.3, C.LETTER: 0.6},
            (57, 58, 59, 60),
        ),
        Event(
            "freedom-pass renewals",
            passes,
            passes + datetime.timedelta(days=27),
            {C.PHONE: 0.12, C.FACE_TO_FACE: 0.2, C.EMAIL: 0.08, C.LETTER: 0.2},
            (273,),
        ),
    )


def _hours(text: str) -> float:
    if not text:
        return 0.0
    opens, closes = (datetime.datetime.strptime(t, "%H:%M") for t in text.split("-"))
    return (closes - opens).total_seconds() / 3600


@cache
def site_hours() -> dict[str, tuple[tuple[str, str], ...]]:
    """Site code -> its opening hours Monday to Sunday ("09:00-17:00" or ""), from the demo's sites.csv."""
    with (DEMO_DATA / "sites.csv").open(newline="") as handle:
        days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        return {row["code"]: tuple((d, row[d]) for d in days) for row in csv.DictReader(handle)}


@cache
def site_closed_days(year: int) -> frozenset[tuple[str, datetime.date]]:
    closed = set()
    for code, day, last, _ in demo_site_closures(year=year):
        while day <= last:
            closed.add((code, day))
            day += datetime.timedelta(days=1)
    return frozenset(closed)


def site_open_hours(code: str, day: datetime.date) -> str:
    """ "09:00-17:00", or "" when the site is shut that day (every demo site closes on bank holidays)."""
    if day in bank_holidays(day.year) or (code, day) in site_closed_days(day.year):
        return ""
    return site_hours()[code][day.weekday()][1]


def days_of(year: int) -> list[datetime.date]:
    first = datetime.date(year, 1, 1)
    return [first + datetime.timedelta(days=n) for n in range((datetime.date(year + 1, 1, 1) - first).days)]


def day_weight(channel: str, day: datetime.date, year_events: tuple[Event, ...]) -> float:
    """The day's share of the channel's year, before normalising."""
    holiday = day in bank_holidays(day.year)
    if channel == C.FACE_TO_FACE:
        weight = sum(_hours(site_open_hours(code, day)) for code in site_hours()) * WEEKDAY_FACTOR[day.weekday()]
    elif channel in OFFICE_CHANNELS:
        weight = 0.0 if holiday or day.weekday() >= 5 else WEEKDAY_FACTOR[day.weekday()]
    else:
        weight = DIGITAL_WEEKEND_FACTOR if holiday or day.weekday() >= 5 else WEEKDAY_FACTOR[day.weekday()]
    weight *= MONTH_FACTOR[day.month - 1]
    return weight * (1 + sum(e.boost.get(channel, 0.0) for e in year_events if e.on(day)))


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to `weights` that add up to `total` exactly (largest remainder)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


@cache
def plan(year: int, scale: float) -> dict[str, tuple[int, ...]]:
    """Channel -> contacts on each day of the year; each channel's year adds up to round(target * scale)."""
    year_events = events(year)
    days = days_of(year)
    return {
        channel: tuple(_apportion(round(target * scale), [day_weight(channel, d, year_events) for d in days]))
        for channel, target in YEARLY_TARGETS.items()
    }


def complaints_planned(year: int, scale: float) -> dict[int, int]:
    """Corporate complaints in the year before and in the year, growing as seed 003 reports."""
    this_year = round(sum(YEARLY_TARGETS.values()) * scale * COMPLAINTS_PER_CONTACT)
    return {year - 1: round(this_year / (1 + COMPLAINT_GROWTH_003)), year: this_year}
