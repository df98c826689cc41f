"""Satisfaction results: % satisfied of those answering, with a 95% Wilson interval, by site, service, client
service, channel, officer, month and how the answer was captured; and the reasons for dissatisfaction.

Figures are grouped by the contact the answer is about (its site, service, officer, and the month it started),
so a month's figure does not move when late answers arrive for the month before.
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from servicefirst.core.channels import ContactChannel
from servicefirst.core.disclosure import SUPPRESSED, Disclosure
from servicefirst.core.exports import Column, Kind, Table
from servicefirst.satisfaction.models import DISSATISFIED_UP_TO, SATISFIED_FROM, CaptureMethod, SurveyResponse

# The 97.5th percentile of the standard normal distribution, for a two-sided 95% interval.
Z_95 = 1.959963984540054
NONE_KEY = "none"


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion; unlike p ± z·se it stays within 0..1 and behaves for
    small samples and shares near 0% or 100%, which a centre's monthly figures often are."""
    if total <= 0:
        return None
    p = successes / total
    z2 = z * z
    denominator = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


@dataclass(frozen=True)
class ResultRow:
    label: str
    key: str
    responses: int
    satisfied: int
    dissatisfied: int

    @property
    def satisfied_percent(self) -> float | None:
        return _percent(self.satisfied / self.responses) if self.responses else None

    @property
    def interval(self) -> tuple[float | None, float | None]:
        found = wilson_interval(self.satisfied, self.responses)
        return (_percent(found[0]), _percent(found[1])) if found else (None, None)


@dataclass(frozen=True)
class Dimension:
    slug: str
    title: str
    heading: str
    group: tuple[str, ...]
    label: Callable[[dict], str]
    key: Callable[[dict], str]
    names_staff: bool = False


def _name_or(value: str | None, blank: str) -> str:
    return value or blank


def _key(field_name: str) -> Callable[[dict], str]:
    return lambda row: NONE_KEY if row[field_name] is None else str(row[field_name])


def _officer_label(row: dict) -> str:
    full = f"{row['contact__officer__first_name']} {row['contact__officer__last_name']}".strip()
    return full or row["contact__officer__username"]


DIMENSIONS: dict[str, Dimension] = {
    d.slug: d
    for d in (
        Dimension(
            "site",
            "Satisfaction by site",
            "Site",
            ("contact__site_id", "contact__site__name"),
            lambda row: _name_or(row["contact__site__name"], "Not at a site (phone, email, web…)"),
            _key("contact__site_id"),
        ),
        Dimension(
            "service",
            "Satisfaction by service",
            "Service",
            ("contact__council_service_id", "contact__council_service__name"),
            lambda row: _name_or(row["contact__council_service__name"], "No service recorded"),
            _key("contact__council_service_id"),
        ),
        Dimension(
            "client-service",
            "Satisfaction by client service",
            "Client service",
            ("contact__council_service__client_service_id", "contact__council_service__client_service__name"),
            lambda row: _name_or(row["contact__council_service__client_service__name"], "No client service"),
            _key("contact__council_service__client_service_id"),
        ),
        Dimension(
            "channel",
            "Satisfaction by channel",
            "Channel",
            ("contact__channel",),
            lambda row: ContactChannel(row["contact__channel"]).label,
            _key("contact__channel"),
        ),
        Dimension(
            "capture",
            "Satisfaction by how the answer was captured",
            "Captured by",
            ("captured_by",),
            lambda row: CaptureMethod(row["captured_by"]).label,
            _key("captured_by"),
        ),
        Dimension(
            "month",
            "Satisfaction by month of contact",
            "Month",
            ("month",),
            lambda row: timezone.localtime(row["month"]).strftime("%B %Y"),
            lambda row: timezone.localtime(row["month"]).strftime("%Y-%m"),
        ),
        Dimension(
            "officer",
            "Satisfaction by officer",
            "Officer",
            (
                "contact__officer_id",
                "contact__officer__first_name",
                "contact__officer__last_name",
                "contact__officer__username",
            ),
            _officer_label,
            _key("contact__officer_id"),
            names_staff=True,
        ),
    )
}


def sees_named_staff(user) -> bool:
    """Figures about named officers are for their managers, not for scrutiny: councillors read reports but do
    not see personal data, and that is the line used here."""
    return user.can("reports.view") and user.can("customer.view")


def dimensions_for(user) -> list[Dimension]:
    return [d for d in DIMENSIONS.values() if not d.names_staff or sees_named_staff(user)]


def _responses(date_from: datetime.date | None, date_to: datetime.date | None) -> QuerySet[SurveyResponse]:
    responses = SurveyResponse.objects.all()
    if date_from:
        responses = responses.filter(contact__started_at__date__gte=date_from)
    if date_to:
        responses = responses.filter(contact__started_at__date__lte=date_to)
    return responses


def _counted(responses: QuerySet) -> QuerySet:
    return responses.annotate(
        responses=Count("id"),
        satisfied=Count("id", filter=Q(rating__gte=SATISFIED_FROM)),
        dissatisfied=Count("id", filter=Q(rating__lte=DISSATISFIED_UP_TO)),
    )


def result_rows(
    *, dimension: Dimension, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> list[ResultRow]:
    responses = _responses(date_from, date_to)
    if dimension.slug == "month":
        responses = responses.annotate(month=TruncMonth("contact__started_at"))
    rows = [
        ResultRow(
            label=dimension.label(row),
            key=dimension.key(row),
            responses=row["responses"],
            satisfied=row["satisfied"],
            dissatisfied=row["dissatisfied"],
        )
        for row in _counted(responses.values(*dimension.group).order_by())
    ]
    if dimension.slug == "month":
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: r.label.lower())


def overall(*, date_from: datetime.date | None = None, date_to: datetime.date | None = None) -> ResultRow:
    counts = _responses(date_from, date_to).aggregate(
        responses=Count("id"),
        satisfied=Count("id", filter=Q(rating__gte=SATISFIED_FROM)),
        dissatisfied=Count("id", filter=Q(rating__lte=DISSATISFIED_UP_TO)),
    )
    return ResultRow(label="All answers", key="", **counts)


@dataclass(frozen=True)
class ReasonRow:
    category: str
    label: str
    reason_id: int
    answers: int
    share: float | None


def reason_rows(*, date_from: datetime.date | None = None, date_to: datetime.date | None = None) -> list[ReasonRow]:
    """Why dissatisfied customers were dissatisfied, by category, with each reason's share of them."""
    rows = list(
        _responses(date_from, date_to)
        .filter(reason__isnull=False)
        .values("reason_id", "reason__category", "reason__label")
        .annotate(answers=Count("id"))
        .order_by()
    )
    total = sum(row["answers"] for row in rows)
    result = [
        ReasonRow(
            category=row["reason__category"],
            label=row["reason__label"],
            reason_id=row["reason_id"],
            answers=row["answers"],
            share=_percent(row["answers"] / total) if total else None,
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (r.category.lower(), -r.answers, r.label.lower()))


def result_rows_hidden(rows: list[ResultRow], *, disclosure: Disclosure) -> frozenset[int]:
    """Rows hidden whole where the answers, the satisfied, the dissatisfied or those in between are few, and a
    second where one alone would come back from the overall figure."""
    counts = [[r.responses, r.satisfied, r.dissatisfied, r.responses - r.satisfied - r.dissatisfied] for r in rows]
    return frozenset(disclosure.hidden_rows(counts))


def reason_rows_hidden(rows: list[ReasonRow], *, disclosure: Disclosure) -> frozenset[int]:
    return frozenset(disclosure.hidden_in([r.answers for r in rows], total=sum(r.answers for r in rows)))


def overall_hidden(row: ResultRow, *, disclosure: Disclosure) -> bool:
    return disclosure.hides_part(row.satisfied, row.responses)


@dataclass
class ResultTable:
    dimension: Dimension
    rows: list[ResultRow] = field(default_factory=list)
    # Positions of rows shown as SUPPRESSED (`result_rows_hidden`).
    hidden: frozenset[int] = frozenset()

    @property
    def shown(self) -> list[tuple[ResultRow, bool]]:
        return [(row, number in self.hidden) for number, row in enumerate(self.rows)]

    def table(self) -> Table:
        return Table(
            title=self.dimension.title,
            headers=[
                self.dimension.heading,
                Column("Answers", Kind.COUNT),
                Column("Satisfied", Kind.COUNT),
                Column("% satisfied", Kind.PERCENT, unit=""),
                Column("95% interval from", Kind.PERCENT),
                Column("95% interval to", Kind.PERCENT),
                Column("Dissatisfied", Kind.COUNT),
            ],
            rows=[
                [r.label, *[SUPPRESSED] * 6]
                if hidden
                else [r.label, r.responses, r.satisfied, r.satisfied_percent, *r.interval, r.dissatisfied]
                for r, hidden in self.shown
            ],
        )


def reasons_table(rows: list[ReasonRow], hidden: frozenset[int] = frozenset()) -> Table:
    return Table(
        title="Reasons for dissatisfaction",
        headers=[
            "Category",
            "Reason",
            Column("Answers", Kind.COUNT),
            Column("Share", Kind.PERCENT, unit="% of dissatisfied answers"),
        ],
        rows=[
            [r.category, r.label, SUPPRESSED, SUPPRESSED] if n in hidden else [r.category, r.label, r.answers, r.share]
            for n, r in enumerate(rows)
        ],
    )


def _month_range(key: str) -> tuple[datetime.datetime, datetime.datetime] | None:
    try:
        first = datetime.datetime.strptime(key, "%Y-%m")
    except ValueError:
        return None
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return timezone.make_aware(first), timezone.make_aware(following)


def drill_down(
    *,
    dimension: str,
    key: str,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[SurveyResponse] | None:
    """The answers behind one row of a table (None when the row is not one a table can have)."""
    lookups = {
        "site": "contact__site_id",
        "service": "contact__council_service_id",
        "client-service": "contact__council_service__client_service_id",
        "channel": "contact__channel",
        "capture": "captured_by",
        "officer": "contact__officer_id",
        "reason": "reason_id",
    }
    responses = _responses(date_from, date_to).select_related(
        "reason", "contact__customer", "contact__officer", "contact__site", "contact__council_service"
    )
    if dimension == "month":
        bounds = _month_range(key)
        if bounds is None:
            return None
        responses = responses.filter(contact__started_at__gte=bounds[0], contact__started_at__lt=bounds[1])
    elif dimension in lookups:
        lookup = lookups[dimension]
        if key == NONE_KEY:
            responses = responses.filter(**{f"{lookup}__isnull": True})
        elif lookup.endswith("_id"):
            if not key.isdigit():
                return None
            responses = responses.filter(**{lookup: int(key)})
        else:
            responses = responses.filter(**{lookup: key})
    else:
        return None
    return responses.order_by("-contact__started_at", "-id")


def month_share(*, today: datetime.date | None = None) -> ResultRow:
    """This month's answers so far, by the month the contact started."""
    today = today or timezone.localdate()
    return overall(date_from=today.replace(day=1), date_to=today)
