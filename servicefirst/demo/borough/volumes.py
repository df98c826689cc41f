"""How many contacts the borough gets a year on each channel (and at each site), and how they spread over its days.

The plan needs no database: it is a pure function of the year, the scale and the seed, so the tests check the
yearly totals against the seeds at full scale without writing a row. Face-to-face days follow the demo sites'
published opening hours (`demo/data/sites.csv`) and the year's closures (`demo.closures`).

Why these targets: the software logs what the front office handles, and seed 000 gives the contact centre's
share (~375,000 calls and ~185,000 face-to-face visitors a year). Seed 004's 1.3 million calls are every call
to all 194 of the council's published numbers, most answered by back offices (the demo's own
`contact_points.csv` phone volumes add up to 1.27 million, the same story), recorded below for reference, not
as a target. Its ~300,000 visits are to all 7 principal locations, and the two seeds are read together: the
185,000 are the visitors to the five customer service centres the front office runs (the Town Hall Service
Centre, the North and South Customer Service Centres and the East and West One Stop Shops, `SERVICE_CENTRES`),
and the Library Hub and the Housing Advice Centre take the other 115,000, so face to face totals 300,000.
Within each group a site's share follows its opening hours. The seeds give no volume for email (004 counts 252
addresses only), so the email target is what the demo's published addresses carry (`contact_points.csv`,
128,000); the smaller channels have no seed figure and are assumptions, labelled as such.

The year's total on each channel (and each site's) is the target exactly, whatever the seed; the seed decides
how it falls across the days. A real front office's weeks differ (the weather, a letter that confused people,
a local story), so each week gets a gamma-distributed busyness factor and each day another, a few percent
either way, on top of the weekday, month and event shape; the day counts are then a multinomial draw of the
year's total over those days, which is independent Poisson counts per day conditioned on their sum.
"""

import csv
import datetime
import random
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
# Seed 004: all 194 numbers (1.3 million calls, for reference only), all 7 principal locations (~300,000 visits).
COUNCIL_CALLS_004 = 1_300_000
COUNCIL_VISITS_004 = 300_000
# The customer service centres the front office runs, whose visitors are seed 000's 185,000 (sites.csv codes).
SERVICE_CENTRES = ("town-hall", "north", "south", "east", "west")
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
    C.FACE_TO_FACE: COUNCIL_VISITS_004,
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
# Corporate complaints per contact handled: about 1 in 400 (some 2,300 a year at full scale).
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
# How far a week's and a day's demand stray from the shape above (standard deviation of a mean-1 gamma factor):
# enough that neighbouring weeks differ as a real front office's do, small enough that the events still show.
WEEK_SPREAD = 0.04
DAY_SPREAD = 0.05


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


def _shaped(channel: str, weight: float, day: datetime.date, year_events: tuple[Event, ...]) -> float:
    weight *= MONTH_FACTOR[day.month - 1]
    return weight * (1 + sum(e.boost.get(channel, 0.0) for e in year_events if e.on(day)))


def day_weight(channel: str, day: datetime.date, year_events: tuple[Event, ...]) -> float:
    """The day's share of a channel's year, before normalising and before the week's and the day's spread
    (face to face is planned site by site: `site_day_weight`)."""
    holiday = day in bank_holidays(day.year)
    if channel in OFFICE_CHANNELS:
        weight = 0.0 if holiday or day.weekday() >= 5 else WEEKDAY_FACTOR[day.weekday()]
    else:
        weight = DIGITAL_WEEKEND_FACTOR if holiday or day.weekday() >= 5 else WEEKDAY_FACTOR[day.weekday()]
    return _shaped(channel, weight, day, year_events)


def site_day_weight(code: str, day: datetime.date, year_events: tuple[Event, ...]) -> float:
    """The day's share of a site's year: its opening hours that day (none when it is shut)."""
    weight = _hours(site_open_hours(code, day)) * WEEKDAY_FACTOR[day.weekday()]
    return _shaped(C.FACE_TO_FACE, weight, day, year_events)


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to `weights` that add up to `total` exactly (largest remainder)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _spread(rng: random.Random, spread: float) -> float:
    """A gamma factor with mean 1 and standard deviation `spread`."""
    return rng.gammavariate(1 / spread**2, spread**2)


def _scatter(total: int, days: list[datetime.date], weights: list[float], rng: random.Random) -> tuple[int, ...]:
    """`total` contacts over `days`: each week and each day made busier or quieter by a factor, then a
    multinomial draw in proportion to the result, so a day with no weight (a closed day) gets none."""
    weeks: dict[datetime.date, float] = {}
    noisy = []
    for day, weight in zip(days, weights, strict=True):
        monday = day - datetime.timedelta(days=day.weekday())
        if monday not in weeks:
            weeks[monday] = _spread(rng, WEEK_SPREAD)
        noisy.append(weight * weeks[monday] * _spread(rng, DAY_SPREAD))
    # What the days from each one on weigh together, summed from the end so that the last day with any weight
    # weighs exactly its own and takes whatever is left: the year's total comes out exact.
    rest = [0.0] * (len(noisy) + 1)
    for i in range(len(noisy) - 1, -1, -1):
        rest[i] = rest[i + 1] + noisy[i]
    counts, left = [], total
    for i, weight in enumerate(noisy):
        # Each day takes its binomial share of what the days after it have not yet taken.
        count = rng.binomialvariate(left, min(1.0, weight / rest[i])) if weight > 0 else 0
        counts.append(count)
        left -= count
    return tuple(counts)


def _stream(*, seed: int, year: int, name: str) -> random.Random:
    """Its own generator per channel or site, so each one's days depend on the seed and nothing else in the plan."""
    return random.Random(f"volumes/{seed}/{year}/{name}")


@cache
def site_plan(year: int, scale: float, seed: int) -> dict[str, tuple[int, ...]]:
    """Site code -> face-to-face visitors on each day of the year. The service centres' years add up to
    round(185,000 * scale) and the other sites' to round(115,000 * scale), shared within each group by
    opening hours."""
    year_events = events(year)
    days = days_of(year)
    weights = {code: [site_day_weight(code, d, year_events) for d in days] for code in site_hours()}
    centres = [code for code in weights if code in SERVICE_CENTRES]
    others = [code for code in weights if code not in SERVICE_CENTRES]
    totals = {}
    for group, target in ((centres, FACE_TO_FACE_VISITS_000), (others, COUNCIL_VISITS_004 - FACE_TO_FACE_VISITS_000)):
        totals |= zip(group, _apportion(round(target * scale), [sum(weights[code]) for code in group]), strict=True)
    return {
        code: _scatter(totals[code], days, weights[code], _stream(seed=seed, year=year, name=f"site {code}"))
        for code in weights
    }


@cache
def plan(year: int, scale: float, seed: int) -> dict[str, tuple[int, ...]]:
    """Channel -> contacts on each day of the year; each channel's year adds up to round(target * scale)
    (face to face: the sites' years, which add up to it within a contact of rounding)."""
    year_events = events(year)
    days = days_of(year)
    out = {}
    for channel, target in YEARLY_TARGETS.items():
        if channel == C.FACE_TO_FACE:
            out[channel] = tuple(map(sum, zip(*site_plan(year, scale, seed).values(), strict=True)))
        else:
            weights = [day_weight(channel, d, year_events) for d in days]
            out[channel] = _scatter(round(target * scale), days, weights, _stream(seed=seed, year=year, name=channel))
    return out


def complaints_planned(year: int, scale: float) -> dict[int, int]:
    """Corporate complaints in the year before and in the year, growing as seed 003 reports."""
    this_year = round(sum(YEARLY_TARGETS.values()) * scale * COMPLAINTS_PER_CONTACT)
    return {year - 1: round(this_year / (1 + COMPLAINT_GROWTH_003)), year: this_year}
