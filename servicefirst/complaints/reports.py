"""Complaint-handling figures for a reporting year, as councils report them to committee: aggregates only, no
names, so councillors may read them.

Every corporate figure starts from `selectors.complaints_corporate()` (or its stages), which is where
statutory adults' and children's social care complaints are left out; those are only counted, for the note
that says they are reported separately under their own regulations.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from servicefirst.complaints.models import (
    AWAITING_COUNCIL,
    OPEN_STATUSES,
    ComplaintRemedy,
    FeedbackKind,
    LearningAction,
    Ombudsman,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    RemedyKind,
)
from servicefirst.complaints.selectors import (
    complaint_stages_corporate,
    complaints_corporate,
    complaints_statutory,
    feedback_received,
    ombudsman_referrals_corporate,
)

FINANCIAL = "financial"
CALENDAR = "calendar"
BASES = {FINANCIAL: "Financial year (April to March)", CALENDAR: "Calendar year (January to December)"}
NO_SERVICE = "No service recorded"
NO_THEME = "No theme recorded"
OTHER_THEMES = "All other themes"
TOP_THEMES = 10


def _year_back(day: datetime.date, years: int = 1) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class ReportPeriod:
    """The days reported on, both ends included: a reporting year (`year` and `basis`) or dates of the user's own.
    A year still running is cut at today and set against the same days a year earlier, so a part year is never
    compared with a whole one."""

    start: datetime.date
    end: datetime.date
    year: int | None = None
    basis: str = FINANCIAL

    @property
    def name(self) -> str:
        if self.year is None:
            return ""
        if self.basis == FINANCIAL:
            return f"{self.year}/{(self.year + 1) % 100:02d}"
        return str(self.year)

    @property
    def to_date(self) -> bool:
        return self.year is not None and self.end < _year_end(self.year, self.basis)

    @property
    def short_label(self) -> str:
        if self.year is None:
            return _range_label(self.start, self.end)
        return f"{self.name} to {self.end:%-d %B}" if self.to_date else self.name

    @property
    def label(self) -> str:
        if self.year is None:
            return self.short_label
        return f"{self.short_label} ({_range_label(self.start, self.end)})"

    @property
    def slug(self) -> str:
        if self.year is None:
            return f"{self.start}-to-{self.end}"
        return self.name.replace("/", "-") + (f"-to-{self.end}" if self.to_date else "")

    def previous(self, years: int = 1) -> "ReportPeriod":
        return ReportPeriod(
            start=_year_back(self.start, years),
            end=_year_back(self.end, years),
            year=None if self.year is None else self.year - years,
            basis=self.basis,
        )

    @property
    def months(self) -> list[datetime.date]:
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


def _range_label(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def _year_start(year: int, basis: str) -> datetime.date:
    return datetime.date(year, 4, 1) if basis == FINANCIAL else datetime.date(year, 1, 1)


def _year_end(year: int, basis: str) -> datetime.date:
    return datetime.date(year + 1, 3, 31) if basis == FINANCIAL else datetime.date(year, 12, 31)


def reporting_year_of(day: datetime.date, basis: str = FINANCIAL) -> int:
    """The reporting year a day falls in, named by the year it starts in (2025 is April 2025 to March 2026)."""
    return day.year - 1 if basis == FINANCIAL and day.month < 4 else day.year


def period_year(*, year: int, basis: str = FINANCIAL, today: datetime.date | None = None) -> ReportPeriod:
    today = today or timezone.localdate()
    end = min(_year_end(year, basis), today)
    return ReportPeriod(start=_year_start(year, basis), end=end, year=year, basis=basis)


def period_dates(*, start: datetime.date, end: datetime.date) -> ReportPeriod:
    return ReportPeriod(start=start, end=end)


@dataclass(frozen=True)
class YearOnYear:
    label: str
    current: int
    previous: int
    detail: str = ""
    # False when the records begin after the earlier period does, so its count is not the whole of it.
    comparable: bool = True

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def change_percent(self) -> float | None:
        """None against a period the records do not cover in full, or a count the year before below
        CHANGE_PERCENT_MIN_BASE: a rise from nothing has no percentage, and +700% on a count of 1 says nothing."""
        if not self.comparable or self.previous < change_percent_min_base():
            return None
        return round(100 * self.change / self.previous, 1)


def change_percent_min_base() -> int:
    return max(1, settings.CHANGE_PERCENT_MIN_BASE)


@dataclass(frozen=True)
class TimelinessRow:
    stage: int
    opened: int
    acknowledged: int
    acknowledged_on_time: int
    responded: int
    responded_on_time: int
    extended: int
    extended_beyond_limit: int
    still_open: int
    overdue: int

    @property
    def acknowledged_on_time_percent(self) -> float | None:
        return _percent(self.acknowledged_on_time, self.acknowledged)

    @property
    def responded_on_time_percent(self) -> float | None:
        return _percent(self.responded_on_time, self.responded)


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    of: int

    @property
    def percent(self) -> float | None:
        return _percent(self.count, self.of)


@dataclass(frozen=True)
class RemedyRow:
    label: str
    count: int
    amount: Decimal | None


@dataclass(frozen=True)
class LearningFigures:
    agreed: int = 0
    done: int = 0
    done_by_due_date: int = 0
    overdue: int = 0
    not_yet_due: int = 0


@dataclass(frozen=True)
class StatutoryCounts:
    adults: YearOnYear
    children: YearOnYear


@dataclass
class ComplaintsReport:
    period: ReportPeriod
    previous: ReportPeriod
    received: YearOnYear
    change_year_before: float | None
    # The first day a corporate complaint was received: the records cover no period that starts before it.
    records_from: datetime.date | None = None
    by_council_service: list[YearOnYear] = field(default_factory=list)
    by_client_service: list[YearOnYear] = field(default_factory=list)
    by_directorate: list[YearOnYear] = field(default_factory=list)
    by_stage: list[YearOnYear] = field(default_factory=list)
    by_outcome: list[YearOnYear] = field(default_factory=list)
    by_month: list[YearOnYear] = field(default_factory=list)
    timeliness: list[TimelinessRow] = field(default_factory=list)
    themes: list[Share] = field(default_factory=list)
    ombudsman_referrals: list[Share] = field(default_factory=list)
    ombudsman_decisions: list[Share] = field(default_factory=list)
    remedies: list[RemedyRow] = field(default_factory=list)
    learning: LearningFigures = field(default_factory=LearningFigures)
    feedback: list[YearOnYear] = field(default_factory=list)
    statutory: StatutoryCounts | None = None


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _on(name: str, period: ReportPeriod) -> Q:
    """`name` is a date: a date field, or a moment's `__date`, which is its day in London."""
    return Q(**{f"{name}__range": (period.start, period.end)})


def _yoy(queryset: QuerySet, when: str, period: ReportPeriod, previous: ReportPeriod, *group: str) -> QuerySet:
    """Counts in the period and the period a year earlier, one row per group, in one query."""
    return (
        queryset.filter(_on(when, period) | _on(when, previous))
        .order_by()
        .values(*group)
        .annotate(current=Count("id", filter=_on(when, period)), previous=Count("id", filter=_on(when, previous)))
    )


def _ranked(rows: list[YearOnYear], total_label: str) -> list[YearOnYear]:
    rows = sorted(rows, key=lambda r: (r.label == NO_SERVICE, -r.current, -r.previous, r.label))
    total = YearOnYear(total_label, sum(r.current for r in rows), sum(r.previous for r in rows))
    return [*rows, total]


def _by_service(period: ReportPeriod, previous: ReportPeriod) -> tuple[list, list, list]:
    complaints = complaints_corporate()
    council = [
        YearOnYear(row["council_service__name"] or NO_SERVICE, row["current"], row["previous"])
        for row in _yoy(complaints, "received_at__date", period, previous, "council_service", "council_service__name")
    ]
    client = [
        YearOnYear(
            row["client_service__name"] or NO_SERVICE,
            row["current"],
            row["previous"],
            detail=row["client_service__directorate__name"] or "",
        )
        for row in _yoy(
            complaints,
            "received_at__date",
            period,
            previous,
            "client_service",
            "client_service__name",
            "client_service__directorate__name",
        )
    ]
    directorates: dict[str, list[int]] = {}
    for row in client:
        counts = directorates.setdefault(row.detail or NO_SERVICE, [0, 0])
        counts[0] += row.current
        counts[1] += row.previous
    directorate = [YearOnYear(name, current, prev) for name, (current, prev) in directorates.items()]
    total = "All corporate complaints"
    return _ranked(council, total), _ranked(client, total), _ranked(directorate, total)


def _by_stage(period: ReportPeriod, previous: ReportPeriod) -> list[YearOnYear]:
    stages = _yoy(complaint_stages_corporate(), "opened_at__date", period, previous, "stage")
    rows = [
        YearOnYear(f"Stage {row['stage']}", row["current"], row["previous"])
        for row in sorted(stages, key=lambda r: r["stage"])
    ]
    referrals = ombudsman_referrals_corporate().aggregate(
        current=Count("id", filter=_on("ombudsman_referred_on", period)),
        previous=Count("id", filter=_on("ombudsman_referred_on", previous)),
    )
    return [*rows, YearOnYear("Referred to the Ombudsman", referrals["current"], referrals["previous"])]


def _by_outcome(period: ReportPeriod, previous: ReportPeriod) -> list[YearOnYear]:
    answered = _yoy(complaint_stages_corporate(), "responded_on", period, previous, "stage", "outcome")
    counts = {(row["stage"], row["outcome"]): (row["current"], row["previous"]) for row in answered}
    rows = []
    for stage in sorted({stage for stage, _ in counts}):
        for outcome in Outcome:
            current, prev = counts.get((stage, outcome.value), (0, 0))
            rows.append(YearOnYear(outcome.label, current, prev, detail=f"Stage {stage}"))
    return rows


def _month_of(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _by_month(period: ReportPeriod, previous: ReportPeriod) -> list[YearOnYear]:
    months = (
        complaints_corporate()
        .filter(_on("received_at__date", period) | _on("received_at__date", previous))
        .annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("month")
        .annotate(count=Count("id"))
    )
    counts: Counter[datetime.date] = Counter()
    for row in months:
        counts[_month_of(row["month"])] += row["count"]
    return [YearOnYear(f"{m:%B %Y}", counts[m], counts[_year_back(m)]) for m in period.months]


def _timeliness(period: ReportPeriod, today: datetime.date) -> list[TimelinessRow]:
    still_open = Q(responded_at__isnull=True, complaint__status__in=AWAITING_COUNCIL)
    rows = (
        complaint_stages_corporate()
        .filter(_on("opened_at__date", period))
        .order_by()
        .values("stage")
        .annotate(
            opened=Count("id"),
            acknowledged=Count("id", filter=Q(acknowledged_in_time__isnull=False)),
            acknowledged_on_time=Count("id", filter=Q(acknowledged_in_time=True)),
            responded=Count("id", filter=Q(on_time__isnull=False)),
            responded_on_time=Count("id", filter=Q(on_time=True)),
            extended=Count("id", filter=Q(was_extended=True)),
            extended_beyond_limit=Count("id", filter=Q(was_extended=True) & ~Q(beyond_limit_reason="")),
            still_open=Count("id", filter=still_open),
            overdue=Count("id", filter=still_open & Q(complaint__due_on__lt=today)),
        )
    )
    return [TimelinessRow(**row) for row in sorted(rows, key=lambda r: r["stage"])]


def _themes(period: ReportPeriod, received: int) -> list[Share]:
    rows = (
        complaints_corporate()
        .filter(_on("received_at__date", period))
        .order_by()
        .values("theme", "theme__label")
        .annotate(count=Count("id"))
    )
    themed = sorted((r for r in rows if r["theme"] is not None), key=lambda r: (-r["count"], r["theme__label"]))
    shares = [Share(r["theme__label"], r["count"], received) for r in themed[:TOP_THEMES]]
    rest = sum(r["count"] for r in themed[TOP_THEMES:])
    if rest:
        shares.append(Share(OTHER_THEMES, rest, received))
    unthemed = sum(r["count"] for r in rows if r["theme"] is None)
    if unthemed:
        shares.append(Share(NO_THEME, unthemed, received))
    return shares


def _counted_by(queryset: QuerySet, name: str) -> Counter:
    return Counter(dict(queryset.order_by().values_list(name).annotate(n=Count("id"))))


def _ombudsman(period: ReportPeriod) -> tuple[list[Share], list[Share]]:
    referrals = ombudsman_referrals_corporate().filter(_on("ombudsman_referred_on", period))
    decisions = complaints_corporate().exclude(ombudsman_decision="").filter(_on("ombudsman_decided_on", period))
    referred, decided = _counted_by(referrals, "ombudsman"), _counted_by(decisions, "ombudsman_decision")
    return (
        [Share(o.label, referred[o.value], referred.total()) for o in Ombudsman],
        [Share(d.label, decided[d.value], decided.total()) for d in OmbudsmanDecision],
    )


def _remedies(period: ReportPeriod) -> list[RemedyRow]:
    """Remedies given with a response in the period, whatever stage it answered."""
    answered = complaint_stages_corporate().filter(
        _on("responded_on", period), complaint=OuterRef("complaint"), stage=OuterRef("stage")
    )
    rows = {
        row["kind"]: row
        for row in ComplaintRemedy.objects.filter(complaint__in=complaints_corporate())
        .filter(Exists(answered))
        .order_by()
        .values("kind")
        .annotate(count=Count("id"), amount=Sum("amount"))
    }
    remedies = [
        RemedyRow(
            kind.label,
            rows.get(kind.value, {}).get("count", 0),
            (rows.get(kind.value, {}).get("amount") or Decimal("0.00")) if kind == RemedyKind.FINANCIAL else None,
        )
        for kind in RemedyKind
    ]
    financial = next(r.amount for r in remedies if r.amount is not None)
    return [*remedies, RemedyRow("All remedies", sum(r.count for r in remedies), financial)]


def _learning(period: ReportPeriod, today: datetime.date) -> LearningFigures:
    actions = LearningAction.objects.filter(complaint__in=complaints_corporate()).filter(
        _on("created_at__date", period)
    )
    done = Q(done_at__isnull=False)
    return LearningFigures(
        **actions.aggregate(
            agreed=Count("id"),
            done=Count("id", filter=done),
            done_by_due_date=Count("id", filter=done & Q(done_at__date__lte=F("due_on"))),
            overdue=Count("id", filter=Q(done_at__isnull=True, due_on__lt=today)),
            not_yet_due=Count("id", filter=Q(done_at__isnull=True, due_on__gte=today)),
        )
    )


def _received(queryset: QuerySet, label: str, period: ReportPeriod, previous: ReportPeriod) -> YearOnYear:
    counts = queryset.aggregate(
        current=Count("id", filter=_on("received_at__date", period)),
        previous=Count("id", filter=_on("received_at__date", previous)),
    )
    return YearOnYear(label, counts["current"], counts["previous"])


def _covered(rows: list[YearOnYear], comparable: bool) -> list[YearOnYear]:
    return rows if comparable else [replace(row, comparable=False) for row in rows]


def complaints_report(*, period: ReportPeriod, today: datetime.date | None = None) -> ComplaintsReport:
    today = today or timezone.localdate()
    previous = period.previous()
    records_from = complaints_corporate().aggregate(first=Min("received_at"))["first"]
    records_from = records_from and timezone.localdate(records_from)
    comparable = records_from is None or records_from <= previous.start
    received = _received(complaints_corporate(), "Corporate complaints received", period, previous)
    received = replace(received, comparable=comparable)
    year_before = _received(complaints_corporate(), "", previous, period.previous(2))
    year_before = replace(year_before, comparable=records_from is None or records_from <= period.previous(2).start)
    council, client, directorate = (_covered(rows, comparable) for rows in _by_service(period, previous))
    referrals, decisions = _ombudsman(period)
    return ComplaintsReport(
        period=period,
        previous=previous,
        received=received,
        change_year_before=year_before.change_percent,
        records_from=records_from,
        by_council_service=council,
        by_client_service=client,
        by_directorate=directorate,
        by_stage=_covered(_by_stage(period, previous), comparable),
        by_outcome=_covered(_by_outcome(period, previous), comparable),
        by_month=_covered(_by_month(period, previous), comparable),
        timeliness=_timeliness(period, today),
        themes=_themes(period, received.current),
        ombudsman_referrals=referrals,
        ombudsman_decisions=decisions,
        remedies=_remedies(period),
        learning=_learning(period, today),
        feedback=_covered(
            [
                _received(feedback_received(kind=FeedbackKind.COMPLIMENT), "Compliments", period, previous),
                _received(feedback_received(kind=FeedbackKind.COMMENT), "Comments and suggestions", period, previous),
            ],
            comparable,
        ),
        statutory=StatutoryCounts(
            adults=_received(
                complaints_statutory(procedure=Procedure.ADULTS), Procedure.ADULTS.label, period, previous
            ),
            children=_received(
                complaints_statutory(procedure=Procedure.CHILDREN), Procedure.CHILDREN.label, period, previous
            ),
        ),
    )


@dataclass(frozen=True)
class OpenNow:
    open: int
    overdue: int
    received_this_month: int
    month: datetime.date


def corporate_open_now(*, today: datetime.date | None = None) -> OpenNow:
    """For the dashboard: corporate complaints open now, those past the deadline the council is working to, and
    those received so far this month."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    counts = complaints_corporate().aggregate(
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=AWAITING_COUNCIL, due_on__lt=today)),
        received_this_month=Count("id", filter=Q(received_at__date__range=(month, today))),
    )
    return OpenNow(month=month, **counts)
