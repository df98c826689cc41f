"""Two years of complaints, compliments and comments, written through the complaints services as the staff
pages write them, each step stamped with the day it happened (the services' `at`). Corporate complaints grow
about 5% in the last twelve months over the twelve before, as the annual report compares; a winter spike hits
refuse collection; some complaints go late, are extended, escalate to stage 2 and reach the Ombudsman. Statutory
adults' and children's complaints are handled by the head of customer services, since the demo's complaints officer
belongs to neither statutory team, and so stay out of the corporate figures and the corporate caseload."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.selectors import council_service_list
from servicefirst.complaints.models import FeedbackKind, Procedure
from servicefirst.complaints.selectors import complaint_themes
from servicefirst.complaints.services import (
    ComplaintData,
    LearningActionData,
    RemedyData,
    complaint_acknowledge,
    complaint_assign,
    complaint_close,
    complaint_escalate,
    complaint_extend,
    complaint_ombudsman_decision,
    complaint_plan_agree,
    complaint_record,
    complaint_respond,
    learning_action_complete,
)
from servicefirst.core.workingdays import is_working_day, working_days_add, working_days_between
from servicefirst.customers.models import Customer
from servicefirst.demo.backdating import complaint_messages_backdate
from servicefirst.demo.complaint_summaries import BY_SERVICE, GENERAL

# Corporate complaints a year: the year before last, then last year 5% more.
CORPORATE_PER_YEAR = (240, 252)
# The days the reports' headline compares get a multiple of 20 in the earlier year, so 5% more is a whole number.
COMPARED_BLOCK, COMPARED_GROWTH_PERCENT = 20, 5
ADULTS_PER_YEAR, CHILDREN_PER_YEAR = 14, 10
COMPLIMENTS_PER_YEAR, COMMENTS_PER_YEAR = 110, 45
# Refuse collection in a hard winter, as the seed's January 2010 showed.
WINTER_SHARE = 0.12
CHANNELS = (("email", 35), ("web_form", 30), ("phone", 20), ("letter", 8), ("face_to_face", 7))
OUTCOMES = (("upheld", 30), ("partly_upheld", 25), ("not_upheld", 45))
LATE_ACKNOWLEDGEMENT, LATE_RESPONSE, EXTENDED = 0.08, 0.14, 0.1
ESCALATED, TO_OMBUDSMAN = 0.12, 0.25
# Statutory complaints name no council service: what adults' and children's social care hear about.
STATUTORY_SUMMARIES = {
    Procedure.ADULTS: (("delay", "Care assessment delayed for months"), ("quality", "Home care visits missed")),
    Procedure.CHILDREN: (
        ("communication", "Not told about the child protection conference"),
        ("staff-conduct", "Social worker changed three times in a year"),
    ),
}
WINTER_BINS = ("missed-collection", "Bin missed again")
# Services residents often complain about are chosen more often than the rest.
OWN_SUMMARIES_WEIGHT = 4
COMPLIMENTS = (
    "Thank you to the officer who helped with my form",
    "Quick and friendly help at the desk",
    "Very helpful webchat",
)
COMMENTS = (
    "The website should say what to bring to an appointment",
    "Please open the centre on Saturdays",
    "More seats in the waiting area",
)


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    minutes = rng.randint(9 * 60, 16 * 60 + 45)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60)))


def _later(start: datetime.datetime, working_days: int, rng: random.Random) -> datetime.datetime:
    """A time `working_days` after `start`; on the same day, always some minutes after it."""
    moment = _moment(working_days_add(start=timezone.localdate(start), days=max(working_days, 0)), rng)
    return max(moment, start + datetime.timedelta(minutes=rng.randint(5, 90)))


class _Loader:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        users = get_user_model().objects.filter(is_active=True)
        self.recorders = list(users.filter(role__in=[Role.OFFICER, Role.TEAM_MANAGER]).order_by("username"))
        self.handler = users.filter(role=Role.COMPLAINTS_OFFICER).order_by("username").first()
        self.head = users.filter(role=Role.HEAD_OF_SERVICE).order_by("username").first()
        customers = Customer.objects.order_by("pk")
        self.customer_ids = list(customers.values_list("pk", flat=True))
        self.services = list(council_service_list())
        self.waste = [s for s in self.services if "bin" in s.name.lower() or "waste" in s.name.lower()] or self.services
        self.codes = {s.pk: s.lgsl.code for s in self.services}
        self.service_weights = [OWN_SUMMARIES_WEIGHT if self.codes[s.pk] in BY_SERVICE else 1 for s in self.services]
        self.themes = {theme.code: theme for theme in complaint_themes()}
        self.count = 0

    def _days(self, first: datetime.date, last: datetime.date, count: int) -> list[datetime.date]:
        span = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
        working = [day for day in span if is_working_day(day)]
        if not working or not count:
            return []
        winter = [day for day in working if day.month in (12, 1)]
        days = self.rng.choices(working, k=count)
        spike = int(count * WINTER_SHARE)
        return sorted(days[spike:] + (self.rng.choices(winter, k=spike) if winter else days[:spike]))

    def corporate_days(self) -> list[datetime.date]:
        """The corporate complaints' days: each year's count, with the part of each year that the reports' headline
        compares (the financial year so far, and the same days a year before) given exactly 5% more in the later
        year, so the headline reads +5.0% on any day the demo is loaded."""
        (first1, last1), (first2, last2) = feedback_years(self.today)
        year_start = datetime.date(self.today.year - (self.today.month < 4), 4, 1)
        compared_from, compared_to = _year_back(year_start), _year_back(self.today)
        compared1 = (max(first1, compared_from), min(last1, compared_to))
        compared2 = (max(first2, year_start), last2)
        share = _working_days(*compared1) / max(1, _working_days(first1, last1))
        earlier = 0
        if _working_days(*compared1) and _working_days(*compared2):
            earlier = COMPARED_BLOCK * max(1, round(CORPORATE_PER_YEAR[0] * share / COMPARED_BLOCK))
        later = earlier * (100 + COMPARED_GROWTH_PERCENT) // 100
        return (
            self._days(*compared1, earlier)
            + self._days(first1, compared1[0] - datetime.timedelta(days=1), CORPORATE_PER_YEAR[0] - earlier)
            + self._days(*compared2, later)
            + self._days(first2, compared2[0] - datetime.timedelta(days=1), CORPORATE_PER_YEAR[1] - later)
        )

    def _past(self, moment: datetime.datetime) -> bool:
        return moment <= self.now

    def record(self, *, kind: str, procedure: str, day: datetime.date):
        received = _moment(day, self.rng)
        is_winter_bins = day.month in (12, 1) and self.rng.random() < 0.5
        if is_winter_bins:
            missed = [s for s in self.waste if WINTER_BINS[0] in {t for t, _ in BY_SERVICE.get(self.codes[s.pk], ())}]
            service = self.rng.choice(missed or self.waste)
            own = [pair for pair in BY_SERVICE.get(self.codes[service.pk], ()) if pair[0] == WINTER_BINS[0]]
            theme_code, complaint_summary = self.rng.choice(own or [WINTER_BINS])
        else:
            service = self.rng.choices(self.services, weights=self.service_weights)[0]
            choices = STATUTORY_SUMMARIES.get(procedure) or BY_SERVICE.get(self.codes[service.pk], ()) + GENERAL
            theme_code, complaint_summary = self.rng.choice(choices)
        summary = {
            FeedbackKind.COMPLAINT: complaint_summary,
            FeedbackKind.COMPLIMENT: self.rng.choice(COMPLIMENTS),
            FeedbackKind.COMMENT: self.rng.choice(COMMENTS),
        }[kind]
        is_complaint = kind == FeedbackKind.COMPLAINT
        data = ComplaintData(
            kind=kind,
            procedure=procedure,
            summary=summary,
            details=f"{summary}. Recorded from what the customer said.",
            channel=_weighted(self.rng, CHANNELS),
            customer_id=self.rng.choice(self.customer_ids) if is_complaint or self.rng.random() < 0.5 else None,
            council_service_id=service.pk if procedure == Procedure.CORPORATE else None,
            theme_id=self.themes[theme_code].pk if is_complaint and theme_code in self.themes else None,
            received_at=received,
        )
        self.count += 1
        return complaint_record(actor=self.rng.choice(self.recorders), data=data, at=received)

    def work_stage(self, complaint, handler, opened: datetime.datetime) -> bool:
        """Acknowledges and answers the current stage as the days allow; True once answered."""
        rng = self.rng
        ack_days = rng.randint(6, 9) if rng.random() < LATE_ACKNOWLEDGEMENT else rng.randint(0, 4)
        acknowledged = _later(opened, ack_days, rng)
        if not self._past(acknowledged):
            return False
        complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk, at=acknowledged)
        due = complaint.due_on
        stage_days = (due - timezone.localdate(acknowledged)).days
        if rng.random() < EXTENDED and stage_days > 0:
            asked = _later(acknowledged, max(1, stage_days // 3), rng)
            if not self._past(asked) or timezone.localdate(asked) >= due:
                return False
            later = working_days_add(start=due, days=rng.randint(3, 8))
            if complaint.stages.get(stage=complaint.current_stage).by_agreement:
                complaint = complaint_plan_agree(
                    actor=handler,
                    complaint_id=complaint.pk,
                    respond_by=later,
                    note="Agreed by phone with the complainant: we will first visit them with their care provider.",
                    at=asked,
                )
            else:
                complaint = complaint_extend(
                    actor=handler,
                    complaint_id=complaint.pk,
                    extend_to=later,
                    reason="We need the service's records before we can answer fully.",
                    at=asked,
                )
            due = complaint.due_on
        if rng.random() < LATE_RESPONSE:
            answered = _later(
                acknowledged,
                working_days_between(start=timezone.localdate(acknowledged), end=due) + rng.randint(1, 12),
                rng,
            )
        else:
            earliest = timezone.localdate(acknowledged)
            answered = _later(acknowledged, rng.randint(0, max(0, working_days_between(start=earliest, end=due))), rng)
        if not self._past(answered):
            return False
        outcome = _weighted(rng, OUTCOMES)
        remedies, learning = [], []
        if outcome != "not_upheld":
            remedies.append(RemedyData(kind="apology"))
            if rng.random() < 0.35:
                remedies.append(RemedyData(kind="put_right", detail="The service was provided"))
            if rng.random() < 0.1:
                remedies.append(RemedyData(kind="financial", amount=Decimal(rng.choice([25, 50, 75, 100, 250]))))
            if rng.random() < 0.25:
                learning.append(
                    LearningActionData(
                        action="Remind the team of the customer care standards",
                        owner="Service manager",
                        due_on=timezone.localdate(answered) + datetime.timedelta(days=rng.randint(14, 60)),
                    )
                )
        complaint_respond(
            actor=handler,
            complaint_id=complaint.pk,
            outcome=outcome,
            response="We have looked into your complaint and explain what we found.",
            remedies=remedies,
            learning_actions=learning,
            at=answered,
        )
        for action in complaint.learning_actions.filter(done_at__isnull=True):
            done = _moment(action.due_on, rng)
            if self._past(done) and rng.random() < 0.8:
                learning_action_complete(actor=handler, action_id=action.pk, at=done)
        return True

    def complaint(self, *, procedure: str, day: datetime.date) -> None:
        rng = self.rng
        complaint = self.record(kind=FeedbackKind.COMPLAINT, procedure=procedure, day=day)
        first = self.handler if procedure == Procedure.CORPORATE else self.head
        complaint_assign(actor=first, complaint_id=complaint.pk, officer_id=first.pk, at=complaint.received_at)
        if not self.work_stage(complaint, first, complaint.received_at):
            return
        answered = complaint.stages.get(stage=1).responded_at or complaint.received_at
        if rng.random() >= ESCALATED or procedure == Procedure.ADULTS:
            closed = _later(answered, rng.randint(15, 25), rng)
            if self._past(closed):
                complaint_close(actor=first, complaint_id=complaint.pk, at=closed)
            return
        asked = _later(answered, rng.randint(2, 15), rng)
        if not self._past(asked):
            return
        complaint = complaint_escalate(actor=first, complaint_id=complaint.pk, reason="Not satisfied", at=asked)
        second = self.head if first == self.handler else self.handler
        if procedure != Procedure.CORPORATE:
            second = self.head
        if procedure == Procedure.CORPORATE:
            complaint_assign(actor=second, complaint_id=complaint.pk, officer_id=second.pk, at=asked)
        if not self.work_stage(complaint, second, asked) or procedure != Procedure.CORPORATE:
            return
        answered = complaint.stages.get(stage=2).responded_at
        referred = _later(answered, rng.randint(10, 40), rng)
        if rng.random() >= TO_OMBUDSMAN or not self._past(referred):
            closed = _later(answered, 1, rng)
            if self._past(closed):
                complaint_close(actor=second, complaint_id=complaint.pk, at=closed)
            return
        housing = complaint.council_service and "hous" in complaint.council_service.name.lower()
        complaint_escalate(
            actor=second,
            complaint_id=complaint.pk,
            ombudsman="housing" if housing else "lgsco",
            ombudsman_reference=f"{rng.randint(24, 26)}{rng.randint(0, 99999):05d}",
            at=referred,
        )
        decided = referred + datetime.timedelta(days=rng.randint(40, 150))
        if self._past(decided):
            decision = rng.choice(["not_upheld", "not_investigated", "upheld", "upheld_satisfactory", "premature"])
            complaint_ombudsman_decision(
                actor=second,
                complaint_id=complaint.pk,
                decision=decision,
                decided_on=timezone.localdate(decided),
                at=decided,
            )

    def feedback(self, *, kind: str, day: datetime.date) -> None:
        item = self.record(kind=kind, procedure=Procedure.CORPORATE, day=day)
        passed_on = _later(item.received_at, self.rng.randint(1, 5), self.rng)
        if self._past(passed_on):
            complaint_close(actor=self.handler, complaint_id=item.pk, note="Passed on to the service", at=passed_on)


def _year_back(day: datetime.date) -> datetime.date:
    """The same day a year earlier, as the reports count it: 29 February goes back to the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _working_days(first: datetime.date, last: datetime.date) -> int:
    """How many working days there are from `first` to `last`, both included."""
    return working_days_between(start=first - datetime.timedelta(days=1), end=last)


def feedback_years(today: datetime.date) -> tuple[tuple[datetime.date, datetime.date], ...]:
    """The first and last days each year's feedback is received on, the earlier year first. The years are the
    365 days ending now and the 365 before them, less the days their edges fall on: an edge moves with the
    time of day (and by an hour across a clock change), so leaving its day out keeps each year's feedback
    inside its own 365 days whenever the figures are read. Today is left out too, so nothing is later than now."""
    boundary = today - datetime.timedelta(days=365)
    return (
        (boundary - datetime.timedelta(days=364), boundary - datetime.timedelta(days=1)),
        (boundary + datetime.timedelta(days=1), today - datetime.timedelta(days=1)),
    )


def demo_complaints_load(*, rng: random.Random) -> int:
    """Loads two years of feedback ending yesterday; returns how many complaints, compliments and comments it
    recorded. Needs the demo's staff (officers, a complaints officer, the head of service), catalogue and
    customers."""
    loader = _Loader(rng)
    if not (loader.recorders and loader.handler and loader.head and loader.customer_ids and loader.services):
        return 0
    jobs: list[tuple[datetime.date, str, str]] = []
    jobs += [(day, "complaint", Procedure.CORPORATE) for day in loader.corporate_days()]
    for first, last in feedback_years(loader.today):
        for kind, procedure, count in (
            ("complaint", Procedure.ADULTS, ADULTS_PER_YEAR),
            ("complaint", Procedure.CHILDREN, CHILDREN_PER_YEAR),
            (FeedbackKind.COMPLIMENT, Procedure.CORPORATE, COMPLIMENTS_PER_YEAR),
            (FeedbackKind.COMMENT, Procedure.CORPORATE, COMMENTS_PER_YEAR),
        ):
            jobs += [(day, kind, procedure) for day in loader._days(first, last, count)]
    # Recorded in the order received, so each year's references run in date order.
    for day, kind, procedure in sorted(jobs, key=lambda job: job[0]):
        if kind == FeedbackKind.COMPLAINT:
            loader.complaint(procedure=procedure, day=day)
        else:
            loader.feedback(kind=kind, day=day)
    # Notifications makes the messages only once the seed commits, so they are moved after that.
    transaction.on_commit(complaint_messages_backdate)
    return loader.count
