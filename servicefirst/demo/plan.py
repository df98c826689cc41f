"""The demo's eight weeks planned before anything is written: which contacts happen on which day, and which
raise a request, a referral or an agreed action. The quotas are fixed, so the figures a council sees (and the
demo's test checks) are the same on every run; only the dates move with today."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.contacts.models import ContactDirection, ContactOutcome
from servicefirst.core.channels import ContactChannel
from servicefirst.demo import scenarios
from servicefirst.demo.clock import DemoClock
from servicefirst.servicerequests.models import RequestPriority, RequestStatus

Channel, Outcome, Status = ContactChannel, ContactOutcome, RequestStatus

CONTACTS = 420
REQUEST_SERVICES = {524: 14, 526: 7, 528: 6, 533: 5, 474: 10, 471: 10, 587: 5, 582: 3}
# Status: (within the SLA, past it: open and overdue, or resolved late).
REQUEST_STATUSES = {
    Status.NEW: (6, 2),
    Status.ASSIGNED: (6, 2),
    Status.IN_PROGRESS: (7, 3),
    Status.AWAITING_CUSTOMER: (4, 2),
    Status.REOPENED: (3, 1),
    Status.RESOLVED: (8, 2),
    Status.CLOSED: (12, 2),
}
# Referrals to the service whose rule needs authorisation, by what the team manager does with them.
AUTHORISED_SERVICE_REFERRALS = {"pending": 5, "declined": 3, "authorised": 6}
DIRECT_REFERRALS = 22
SIGNPOSTS = {141: 10, 120: 6, 116: 3, 487: 6, 499: 5}
WRONG_NUMBERS = 8
FAILED_CONTACTS, FAILED_WITH_SERVICE = 14, 4
CHASES, NOT_CALLED_BACK = 30, 6
CALL_BACKS = 16
# Agreed actions: overdue, completed late, completed on time, open and not yet due.
ACTIONS = {"overdue": 12, "late": 4, "on_time": 10, "not_due": 14}
OTHER_AVOIDABLE = {"unclear-letter": (57, 58), "information-online": (437, 524, 533, 364), "duplicate": (58, 474)}
# Visitors each centre sees at the least, so each has the satisfaction answers `demo.satisfaction` gives it.
SITE_VISITS = {"town-hall": 8, "north": 6, "south": 5, "east": 5, "west": 4}
OTHER_AVOIDABLE_EACH = {"unclear-letter": 6, "information-online": 6, "duplicate": 2}

CHANNEL_WEIGHTS = {
    Channel.PHONE: 52,
    Channel.FACE_TO_FACE: 16,
    Channel.EMAIL: 10,
    Channel.WEB_FORM: 8,
    Channel.WEBCHAT: 6,
    Channel.LETTER: 3,
    Channel.SOCIAL_MEDIA: 2,
    Channel.BSL_VIDEO_RELAY: 1,
    Channel.TEXT_RELAY: 2,
}
REQUEST_CHANNELS = {
    471: (Channel.WEB_FORM, Channel.LETTER, Channel.EMAIL),
    587: (Channel.PHONE, Channel.PHONE, Channel.WEB_FORM, Channel.SOCIAL_MEDIA),
}
USUAL_REQUEST_CHANNELS = (Channel.PHONE,) * 6 + (Channel.WEB_FORM, Channel.WEB_FORM, Channel.EMAIL, Channel.WEBCHAT)
WRAP_UPS = {
    57: ("payment-taken",),
    58: ("payment-taken",),
    528: ("payment-taken", "booking-made"),
    474: ("payment-taken",),
    319: ("booking-made",),
    321: ("booking-made",),
    876: ("booking-made",),
    59: ("form-completed",),
    63: ("form-completed",),
    364: ("form-completed",),
    4: ("form-completed",),
    438: ("form-completed",),
}
# Residents ask the front office about these, but it hands them on rather than answering them.
NOT_ANSWERED_HERE = {112, 225, 60, 56}


@dataclass
class PlannedRequest:
    code: int
    status: str
    late: bool
    priority: int = RequestPriority.NORMAL
    request_id: int | None = None


@dataclass
class PlannedReferral:
    reason: str
    detail: str
    decision: str = "sent"
    referral_id: int | None = None


@dataclass
class PlannedAction:
    what: str
    by_service: bool
    due_on: datetime.date
    complete: bool
    action_id: int | None = None


@dataclass
class PlannedContact:
    day: datetime.date
    outcome: str
    code: int | None
    customer_id: int | None
    reason: str
    channel: str = Channel.PHONE
    direction: str = ContactDirection.INBOUND
    wrap_up: str = "information-given"
    avoidable: str = ""
    request: PlannedRequest | None = None
    referral: PlannedReferral | None = None
    action: PlannedAction | None = None
    site: str = ""  # the centre a visit is planned at; other visits go where the day allows
    officer: AbstractBaseUser | None = None  # who logged it, once logged
    contact_id: int | None = None


@dataclass
class Planner:
    rng: random.Random
    clock: DemoClock
    sla: dict[int, int]  # LGSL code: SLA in working days
    customer_ids: list[int]  # everyone but the walk-through customers
    walk_through_ids: tuple[int, int]
    contacts: list[PlannedContact] = field(default_factory=list)

    def customer(self) -> int:
        return self.rng.choice(self.customer_ids)

    def day(self, *, latest: int = 1) -> datetime.date:
        """A working day in the eight weeks, at least `latest` working days before today."""
        return self.rng.choice(self.clock.days[: len(self.clock.days) - latest + 1])

    def add(self, contact: PlannedContact) -> None:
        self.contacts.append(contact)

    def reason(self, code: int) -> str:
        return self.rng.choice(scenarios.TOPICS[code].reasons)

    def topic(self) -> int:
        codes = [code for code in scenarios.TOPICS if code not in NOT_ANSWERED_HERE]
        return self.rng.choices(codes, weights=[scenarios.TOPICS[c].weight for c in codes])[0]

    def plan(self) -> list[PlannedContact]:
        self._walk_through()
        self._requests()
        self._referrals()
        self._actions()
        self._signposts_and_failures()
        self._call_backs()
        self._chases()
        self._resolved(count=CONTACTS - len(self.contacts))
        return self.contacts

    def _walk_through(self) -> None:
        """Mr Smith's bin was damaged: he has a request in progress, chased it, and was promised a call back
        on the last working day that nobody made. Ms O'Brien-Lévy renewed her permit through SignVideo."""
        smith, obrien = self.walk_through_ids
        self.add(PlannedContact(self.clock.back(30), Outcome.RESOLVED_FIRST_CONTACT, 57, smith, self.reason(57)))
        request = PlannedRequest(code=526, status=Status.IN_PROGRESS, late=False)
        bin_reason = "Bin damaged by the collection lorry"
        self.add(
            PlannedContact(self.clock.back(4), Outcome.SERVICE_REQUEST_RAISED, 526, smith, bin_reason, request=request)
        )
        chase = PlannedContact(
            self.clock.back(2), Outcome.RESOLVED_FIRST_CONTACT, 526, smith, "Asked when the new bin will arrive"
        )
        chase.avoidable = "chasing-progress"
        chase.action = PlannedAction(
            "Call Mr Smith back to confirm the bin delivery date", False, self.clock.back(1), complete=False
        )
        self.add(chase)
        permit = PlannedContact(self.clock.back(9), Outcome.RESOLVED_FIRST_CONTACT, 474, obrien, "Renewing a permit")
        permit.channel, permit.wrap_up = Channel.BSL_VIDEO_RELAY, "payment-taken"
        self.add(permit)

    def _request_day(self, code: int, status: str, late: bool) -> datetime.date:
        if status in (Status.RESOLVED, Status.CLOSED):
            # Finished: raised any time in the eight weeks, one finished late with a working day after its due day.
            last = self.clock.days[-1]
            return self.rng.choice([d for d in self.clock.days if not late or self.clock.due(d, self.sla[code]) < last])
        days = [d for d in self.clock.days if (self.clock.due(d, self.sla[code]) < self.clock.today) == late]
        if late:
            return self.rng.choice(days[-8:])
        return self.rng.choice(days[-2:] if status == Status.NEW else days)

    def _requests(self) -> None:
        codes = [code for code, count in REQUEST_SERVICES.items() for _ in range(count)]
        codes.remove(526)  # Mr Smith's
        slots = [(s, late) for s, (ok, past) in REQUEST_STATUSES.items() for late in [False] * ok + [True] * past]
        slots.remove((Status.IN_PROGRESS, False))
        self.rng.shuffle(codes)
        anonymous_fly_tips = 2
        for code, (status, late) in zip(codes, slots, strict=True):
            customer = self.customer()
            if code == 587 and anonymous_fly_tips:
                customer, anonymous_fly_tips = None, anonymous_fly_tips - 1
            request = PlannedRequest(code=code, status=status, late=late)
            if code == 587:
                request.priority = RequestPriority.HIGH
            contact = PlannedContact(
                self._request_day(code, status, late),
                Outcome.SERVICE_REQUEST_RAISED,
                code,
                customer,
                self.reason(code),
                channel=self.rng.choice(REQUEST_CHANNELS.get(code, USUAL_REQUEST_CHANNELS)),
                wrap_up="form-completed",
                request=request,
            )
            self.add(contact)

    def _referral(self, code: int, day: datetime.date, decision: str) -> None:
        reason, detail = scenarios.REFERRED[code]
        channel = self.rng.choice((Channel.PHONE,) * 4 + (Channel.FACE_TO_FACE,))
        self.add(
            PlannedContact(
                day,
                Outcome.REFERRED,
                code,
                self.customer(),
                self.reason(code),
                channel=channel,
                wrap_up="transferred",
                referral=PlannedReferral(reason, detail, decision),
            )
        )

    def _referrals(self) -> None:
        benefits = (63, 70)
        for n in range(AUTHORISED_SERVICE_REFERRALS["pending"]):
            self._referral(benefits[n % 2], self.rng.choice(self.clock.days[-3:]), "pending")
        decided = ["declined"] * AUTHORISED_SERVICE_REFERRALS["declined"]
        decided += ["authorised"] * AUTHORISED_SERVICE_REFERRALS["authorised"]
        for n, decision in enumerate(decided):
            self._referral(benefits[n % 2], self.day(latest=4), decision)
        direct = [code for code in scenarios.REFERRED if code not in benefits]
        for n in range(DIRECT_REFERRALS):
            self._referral(direct[n % len(direct)], self.day(), "sent")

    def _action(self, kind: str) -> None:
        code = self.rng.choice(list(scenarios.ACTIONS))
        what, by_service = scenarios.ACTIONS[code]
        days, gap = self.clock.days, self.rng.randint(1, 5)
        if kind in ("overdue", "late"):
            index = self.rng.randrange(len(days) - gap)
            due = days[index + gap]
        else:
            index = self.rng.randrange(len(days) - 5, len(days))
            due = self.clock.due(days[index], len(days) - index + gap - 1)
        action = PlannedAction(what, by_service, due, complete=kind in ("late", "on_time"))
        contact = PlannedContact(days[index], Outcome.RESOLVED_FIRST_CONTACT, code, self.customer(), "")
        contact.reason, contact.action = self.reason(code), action
        contact.channel = self.rng.choice((Channel.PHONE,) * 5 + (Channel.FACE_TO_FACE, Channel.EMAIL))
        self.add(contact)

    def _actions(self) -> None:
        for kind, count in ACTIONS.items():
            # Mr Smith's overdue call back is one of them.
            for _ in range(count - (kind == "overdue")):
                self._action(kind)

    def _signposts_and_failures(self) -> None:
        wrong_numbers = WRONG_NUMBERS
        for code, count in SIGNPOSTS.items():
            for _ in range(count):
                contact = PlannedContact(
                    self.day(), Outcome.SIGNPOSTED, code, self.customer(), self.rng.choice(scenarios.SIGNPOSTED[code])
                )
                contact.channel = self.rng.choice((Channel.PHONE,) * 7 + (Channel.FACE_TO_FACE, Channel.EMAIL))
                if wrong_numbers and code in (141, 120, 116):
                    contact.avoidable, wrong_numbers = "wrong-number", wrong_numbers - 1
                self.add(contact)
        channels = [Channel.PHONE] * 9 + [Channel.WEBCHAT] * 3 + [Channel.SOCIAL_MEDIA] * 2
        for n, channel in enumerate(channels[:FAILED_CONTACTS]):
            code = self.topic() if n < FAILED_WITH_SERVICE else None
            reason = self.rng.choice(scenarios.FAILED)
            self.add(PlannedContact(self.day(), Outcome.FAILED, code, None, reason, channel, wrap_up="call-dropped"))

    def _call_backs(self) -> None:
        for _ in range(CALL_BACKS):
            code = self.topic()
            reason = f"{self.rng.choice(scenarios.CALL_BACKS)}: {self.reason(code).lower()}"
            contact = PlannedContact(self.day(), Outcome.RESOLVED_FIRST_CONTACT, code, self.customer(), reason)
            contact.direction = ContactDirection.OUTBOUND
            self.add(contact)

    def _chases(self) -> None:
        """Customers coming back about the same thing within days: these are flagged as repeats by the service."""
        last = len(self.clock.days) - 1
        bases = [
            c
            for c in self.contacts
            if c.customer_id is not None
            and c.code is not None
            and c.direction == ContactDirection.INBOUND
            and c.outcome in (Outcome.SERVICE_REQUEST_RAISED, Outcome.REFERRED, Outcome.RESOLVED_FIRST_CONTACT)
            and c.customer_id not in self.walk_through_ids
            and self.clock.days.index(c.day) < last
        ]
        chosen = self.rng.sample(bases, CHASES - 1)  # Mr Smith's chase is the other
        for n, base in enumerate(chosen):
            index = self.clock.days.index(base.day)
            day = self.clock.days[self.rng.randint(index + 1, min(index + 8, last))]
            contact = PlannedContact(day, Outcome.RESOLVED_FIRST_CONTACT, base.code, base.customer_id, "")
            contact.reason = self.rng.choice(scenarios.CHASES)
            contact.avoidable = "not-called-back" if n < NOT_CALLED_BACK else "chasing-progress"
            contact.wrap_up = "complaint-logged" if n < 3 else "information-given"
            contact.channel = self.rng.choice((Channel.PHONE,) * 6 + (Channel.EMAIL, Channel.WEBCHAT, Channel.WEB_FORM))
            self.add(contact)

    def _resolved(self, *, count: int) -> None:
        """Everyday contacts answered there and then, on every channel; a few need not have happened."""
        for site, visits in SITE_VISITS.items():
            for _ in range(visits):
                code = self.topic()
                visit = PlannedContact(self.day(), Outcome.RESOLVED_FIRST_CONTACT, code, self.customer(), "")
                visit.reason, visit.channel, visit.site = self.reason(code), Channel.FACE_TO_FACE, site
                self.add(visit)
        count -= sum(SITE_VISITS.values())
        channels = [channel for channel in Channel.values for _ in range(2)]
        weights = list(CHANNEL_WEIGHTS.values())
        channels += self.rng.choices(list(CHANNEL_WEIGHTS), weights=weights, k=count - len(channels))
        self.rng.shuffle(channels)
        avoidable = [reason for reason, n in OTHER_AVOIDABLE_EACH.items() for _ in range(n)]
        avoidable += [""] * (count - len(avoidable))
        for channel, why in zip(channels, avoidable, strict=True):
            code = self.rng.choice(OTHER_AVOIDABLE[why]) if why else self.topic()
            customer = None if self.rng.random() < 0.08 else self.customer()
            contact = PlannedContact(self.day(), Outcome.RESOLVED_FIRST_CONTACT, code, customer, self.reason(code))
            contact.channel, contact.avoidable = channel, why
            contact.wrap_up = self.rng.choice((*WRAP_UPS.get(code, ()), "information-given"))
            self.add(contact)
