"""A year of contacts as rows: who, when, on which channel, about what, with what outcome.

Counts per channel and day are the plan's (`volumes.plan`), and face-to-face visitors per site and day the
site plan's (`volumes.site_plan`), exactly. Everything else is drawn from one
`random.Random(seed)` in a fixed order, so a seed always gives the same rows.
"""

import datetime
import functools
import math
import random
import zoneinfo
from collections import deque

from servicefirst.contacts.models import ContactDirection, ContactOutcome
from servicefirst.contacts.services import contact_repeats
from servicefirst.core.channels import ContactChannel
from servicefirst.demo.borough.structure import Borough
from servicefirst.demo.borough.volumes import (
    DIGITAL_HOURS,
    OFFICE_HOURS,
    days_of,
    events,
    plan,
    site_open_hours,
    site_plan,
)
from servicefirst.organisation.models import Site

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC
C, Out = ContactChannel, ContactOutcome
# How often each service is the subject of a contact, by LGSL code (bins, council tax and benefits lead).
SERVICE_WEIGHTS = {57: 8, 58: 10, 59: 3, 60: 1.5, 56: 1.5, 63: 5, 70: 7, 524: 9, 526: 4, 528: 3, 530: 1.5, 533: 4}
SERVICE_WEIGHTS |= {587: 2, 582: 1.5, 584: 0.5, 577: 0.5, 372: 0.7, 474: 5, 471: 4, 279: 1.5, 564: 1, 545: 1.5}
SERVICE_WEIGHTS |= {550: 0.3, 487: 1.5, 499: 0.5, 412: 2, 431: 1, 437: 1.5, 438: 0.7, 112: 3, 312: 0.5, 225: 0.7}
SERVICE_WEIGHTS |= {319: 2, 321: 1, 876: 0.7, 364: 1.5, 4: 1.5, 12: 0.7, 141: 4, 120: 2, 116: 1.5, 273: 1}
# At the desk: more benefits, homelessness and registration; fewer missed bins.
FACE_TO_FACE_TILT = {63: 2.5, 70: 2.5, 112: 4, 319: 3, 321: 3, 876: 3, 524: 0.3, 533: 0.3, 141: 1.5}
OUTCOMES = {
    C.PHONE: {
        Out.RESOLVED_FIRST_CONTACT: 62,
        Out.SERVICE_REQUEST_RAISED: 16,
        Out.REFERRED: 8,
        Out.SIGNPOSTED: 7,
        Out.FAILED: 7,
    },
    C.FACE_TO_FACE: {
        Out.RESOLVED_FIRST_CONTACT: 66,
        Out.SERVICE_REQUEST_RAISED: 10,
        Out.REFERRED: 12,
        Out.SIGNPOSTED: 10,
    },
    C.EMAIL: {
        Out.RESOLVED_FIRST_CONTACT: 50,
        Out.SERVICE_REQUEST_RAISED: 28,
        Out.REFERRED: 12,
        Out.SIGNPOSTED: 7,
        Out.FAILED: 3,
    },
}
OUTCOMES[C.FACE_TO_FACE][Out.FAILED] = 2
OUTCOMES[C.WEB_FORM] = OUTCOMES[C.LETTER] = OUTCOMES[C.SOCIAL_MEDIA] = OUTCOMES[C.EMAIL]
OUTCOMES[C.WEBCHAT] = OUTCOMES[C.BSL_VIDEO_RELAY] = OUTCOMES[C.TEXT_RELAY] = OUTCOMES[C.PHONE]
# Median handling time in seconds (log-normal, so a few contacts take far longer).
MEDIAN_SECONDS = {C.PHONE: 330, C.FACE_TO_FACE: 660, C.EMAIL: 270, C.WEB_FORM: 200, C.LETTER: 480}
MEDIAN_SECONDS |= {C.WEBCHAT: 540, C.SOCIAL_MEDIA: 200, C.BSL_VIDEO_RELAY: 900, C.TEXT_RELAY: 780}
# Share of contacts where the customer is identified (an anonymous caller is common on the phone).
IDENTIFIED = {C.PHONE: 0.74, C.FACE_TO_FACE: 0.82, C.EMAIL: 0.92, C.WEB_FORM: 0.95, C.LETTER: 0.95}
IDENTIFIED |= {C.WEBCHAT: 0.6, C.SOCIAL_MEDIA: 0.3, C.BSL_VIDEO_RELAY: 0.9, C.TEXT_RELAY: 0.9}
# A customer chasing the same thing again soon: drawn from the last fortnight's identified contacts.
CHASE_SHARE = 0.14
CHASE_MEMORY = 14
OUTBOUND_SHARE = {C.PHONE: 0.04, C.EMAIL: 0.03}
ASSISTED_DIGITAL_SHARE = 0.08
AVOIDABLE_WHEN_REPEAT, AVOIDABLE_OTHERWISE = 0.45, 0.06
OTHER_AVOIDABLE = ("unclear-letter", "information-online", "wrong-number", "duplicate", "not-called-back")
WRAP_UP = {
    Out.RESOLVED_FIRST_CONTACT: ("information-given", "payment-taken", "form-completed", "booking-made"),
    Out.SERVICE_REQUEST_RAISED: ("form-completed",),
    Out.REFERRED: ("transferred",),
    Out.SIGNPOSTED: ("information-given",),
    Out.FAILED: ("call-dropped",),
}

# Column order of a contact row (tuple), matching `generate.CONTACT_COLUMNS`.
(ID, CHANNEL, DIRECTION, CUSTOMER, SERVICE, REASON, OFFICER, POINT, SITE, STARTED, ENDED, OUTCOME, WRAP) = range(13)
(AVOIDABLE, AVOIDABLE_REASON, REPEAT, ASSISTED, REPEAT_OF, CREATED) = range(13, 19)


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


class ContactMaker:
    def __init__(
        self, *, borough: Borough, year: int, scale: float, seed: int, customers: int, now: datetime.datetime
    ) -> None:
        self.rng = random.Random(seed)
        self.borough, self.year, self.scale, self.customers = borough, year, scale, customers
        # What each day holds: channel by channel and, face to face, site by site.
        sites = {site.code: site for site in borough.sites}
        self.streams: list[tuple[str, Site | None, tuple[int, ...]]] = []
        for channel, per_day in plan(year, scale, seed).items():
            if channel == C.FACE_TO_FACE:
                self.streams += [
                    (channel, sites[code], visits) for code, visits in site_plan(year, scale, seed).items()
                ]
            else:
                self.streams.append((channel, None, per_day))
        self.now = now  # no contact ends at or after it
        self.services = [s for s in borough.services if s.lgsl.code in SERVICE_WEIGHTS]
        self.by_code = {s.lgsl.code: s for s in self.services}
        self.by_pk = {s.pk: s for s in self.services}
        base = [SERVICE_WEIGHTS[s.lgsl.code] for s in self.services]
        desk = [w * FACE_TO_FACE_TILT.get(s.lgsl.code, 1) for s, w in zip(self.services, base, strict=True)]
        self.cum = {"other": _cumulative(base), C.FACE_TO_FACE: _cumulative(desk)}
        self.events = events(year)
        self.office_hours = (list(OFFICE_HOURS), _cumulative(list(OFFICE_HOURS.values())))
        self.digital_hours = (list(DIGITAL_HOURS), _cumulative(list(DIGITAL_HOURS.values())))
        self.outcomes = {ch: (list(o), _cumulative(list(o.values()))) for ch, o in OUTCOMES.items()}

    @functools.cache  # noqa: B019  one maker per run, a year of days
    def _boosts(self, channel: str, day: datetime.date) -> list:
        return [(e.boost[channel], e) for e in self.events if e.on(day) and e.boost.get(channel, 0.0) > 0]

    @functools.cache  # noqa: B019
    def _opening(self, code: str, day: datetime.date) -> tuple[int, int]:
        """(opening second, seconds until the last arrival) of a site the plan sends visitors to on `day`."""
        opens, closes = (datetime.time.fromisoformat(t) for t in site_open_hours(code, day).split("-"))
        start = opens.hour * 3600 + opens.minute * 60
        return start, closes.hour * 3600 + closes.minute * 60 - start - 600

    def _service(self, channel: str, day: datetime.date):
        rng = self.rng
        for extra, event in self._boosts(channel, day):
            if rng.random() < extra / (1 + extra):
                return self.by_code[rng.choice(event.lgsl_codes)]
        cum = self.cum[C.FACE_TO_FACE if channel == C.FACE_TO_FACE else "other"]
        return rng.choices(self.services, cum_weights=cum)[0]

    def _moment(self, day: datetime.date, channel: str, site: Site | None) -> datetime.datetime:
        rng = self.rng
        if site is not None:
            start, length = self._opening(site.code, day)
            seconds = start + int(rng.triangular(0, length, 5400))
        else:
            hours, cum = self.digital_hours if channel in (C.EMAIL, C.WEB_FORM, C.SOCIAL_MEDIA) else self.office_hours
            if channel == C.LETTER:
                hours, cum = [9, 10, 11, 12, 13, 14, 15, 16], _cumulative([1] * 8)
            seconds = rng.choices(hours, cum_weights=cum)[0] * 3600 + rng.randrange(3600)
        local = datetime.datetime(day.year, day.month, day.day, tzinfo=LONDON) + datetime.timedelta(seconds=seconds)
        return local.astimezone(UTC)

    def contacts(self) -> list[list]:
        """Every contact of the year that is over by now, in time order, ids from 1, repeat flags by the contacts
        app's rule. Each day has the plan's contacts; today only those already over, and later days none."""
        rng, borough = self.rng, self.borough
        made = []
        recent: deque = deque()
        for day_index, day in enumerate(days_of(self.year)):
            if datetime.datetime(day.year, day.month, day.day, tzinfo=LONDON) >= self.now:
                break
            todays = []
            for channel, site, per_day in self.streams:
                for _ in range(per_day[day_index]):
                    todays.append(self._contact(channel, day, recent, site))
            todays = sorted((row for row in todays if row[ENDED] < self.now), key=lambda row: row[STARTED])
            made.extend(todays)
            recent.append([(r[CUSTOMER], r[SERVICE]) for r in todays if r[CUSTOMER] and r[SERVICE]])
            if len(recent) > CHASE_MEMORY:
                recent.popleft()
        for pk, row in enumerate(made, start=1):
            row[ID] = pk
        repeats_mark(made)
        for row in made:
            repeat = row[REPEAT]
            if row[OUTCOME] != Out.FAILED and rng.random() < (AVOIDABLE_WHEN_REPEAT if repeat else AVOIDABLE_OTHERWISE):
                reason = "chasing-progress" if repeat else rng.choice(OTHER_AVOIDABLE)
                row[AVOIDABLE], row[AVOIDABLE_REASON] = True, borough.avoidable[reason]
        return made

    def _contact(self, channel: str, day: datetime.date, recent: deque, site: Site | None) -> list:
        rng, borough = self.rng, self.borough
        started = self._moment(day, channel, site)
        names, cum = self.outcomes[channel]
        outcome = rng.choices(names, cum_weights=cum)[0]
        customer = service = None
        if recent and rng.random() < CHASE_SHARE:
            earlier = rng.choice(recent)
            if earlier:
                customer, service_id = rng.choice(earlier)
                service = self.by_pk[service_id]
        if service is None:
            service = self._service(channel, day)
            if rng.random() < IDENTIFIED[channel]:
                customer = 1 + int(self.customers * rng.random() ** 1.4)
        direction = ContactDirection.INBOUND
        if rng.random() < OUTBOUND_SHARE.get(channel, 0.0):
            direction = ContactDirection.OUTBOUND
        if outcome == Out.SERVICE_REQUEST_RAISED and not service.sla_working_days:
            outcome = Out.REFERRED
        seconds = int(rng.lognormvariate(math.log(MEDIAN_SECONDS[channel]), 0.55))
        if outcome == Out.FAILED:
            service, seconds = None, rng.randint(10, 90)
        if site is not None:
            officer = rng.choice(borough.officers_by_site[site.pk])
        else:
            officer = rng.choice(borough.centre_officers if rng.random() < 0.95 else borough.managers)
        point = None
        if channel == C.PHONE:
            point = borough.phone_point[service.pk] if service else borough.switchboard
        elif channel == C.EMAIL and service:
            point = borough.email_point[service.pk]
        reason = f"{service.name}: {rng.choice(('enquiry', 'update', 'problem reported', 'form'))}" if service else ""
        row = [None] * 19
        row[CHANNEL], row[DIRECTION], row[CUSTOMER] = channel, direction, customer
        row[SERVICE], row[REASON], row[OFFICER] = service.pk if service else None, reason, officer
        row[POINT], row[SITE], row[STARTED] = point, site.pk if site else None, started
        row[ENDED] = started + datetime.timedelta(seconds=seconds)
        row[OUTCOME] = outcome
        row[WRAP] = borough.wrap_up[rng.choice(WRAP_UP[outcome])]
        row[AVOIDABLE], row[AVOIDABLE_REASON], row[REPEAT], row[REPEAT_OF] = False, None, False, None
        row[ASSISTED] = channel == C.FACE_TO_FACE and rng.random() < ASSISTED_DIGITAL_SHARE
        row[CREATED] = row[ENDED]
        return row


def repeats_mark(rows: list[list]) -> None:
    """The rule `contact_log` applies, for rows in id order (which is time order): a contact repeats the
    latest inbound contact by the same customer about the same service that started at most
    CONTACT_REPEAT_WINDOW_DAYS London calendar days before it (the contact itself must be inbound too)."""
    latest: dict[tuple[int, int], tuple[datetime.datetime, int]] = {}
    for row in rows:
        if row[CUSTOMER] is None or row[SERVICE] is None or row[DIRECTION] != ContactDirection.INBOUND:
            continue
        key = (row[CUSTOMER], row[SERVICE])
        earlier = latest.get(key)
        if earlier is not None and contact_repeats(earlier=earlier[0], later=row[STARTED]):
            row[REPEAT], row[REPEAT_OF] = True, earlier[1]
        latest[key] = (row[STARTED], row[ID])
