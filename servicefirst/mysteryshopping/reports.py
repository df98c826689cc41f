"""Aggregate results of mystery shopping: scores by site and month, and the standards failed most.

Figures only, never a shopper's notes, so councillors may read them. Each results page builds its
`Table`s here once, and the page and its CSV/XLSX downloads show the same rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from servicefirst.core.exports import Column, Kind, Table
from servicefirst.mysteryshopping.models import Answer, MysteryShop, MysteryShopScore, ShopStatus

MONTHS = 12


def months_back(*, today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """The first days of the last `count` months, this month included, oldest first."""
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _mean(scores: list[Decimal]) -> float | None:
    # Each shop counts once in an average, whatever its weights: a month's figure is its shops' mean score.
    return round(float(sum(scores) / len(scores)), 1) if scores else None


@dataclass(frozen=True)
class MonthCell:
    month: datetime.date
    average: float | None
    shops: int


@dataclass(frozen=True)
class SiteRow:
    site: str
    months: list[MonthCell]
    average: float | None
    shops: int

    @property
    def change(self) -> float | None:
        """The latest month with a score less the earliest one, in percentage points."""
        scored = [cell.average for cell in self.months if cell.average is not None]
        return round(scored[-1] - scored[0], 1) if len(scored) > 1 else None


@dataclass(frozen=True)
class SiteResults:
    months: list[datetime.date]
    rows: list[SiteRow]

    def tables(self) -> list[Table]:
        labels = [month.strftime("%b %Y") for month in self.months]
        scores = Table(
            title="Average score by site and month",
            headers=["Site", f"{len(self.months)}-month average", "Change (points)", *labels],
            rows=[[row.site, row.average, row.change, *(c.average for c in row.months)] for row in self.rows],
        )
        counts = Table(
            title="Shops scored by site and month",
            headers=["Site", Column("Total", Kind.COUNT), *(Column(label, Kind.COUNT) for label in labels)],
            rows=[[row.site, row.shops, *(c.shops for c in row.months)] for row in self.rows],
        )
        return [scores, counts]


def site_results(*, today: datetime.date | None = None) -> SiteResults:
    """Each site's average shop score in each of the last twelve months, by the day each shop was carried out."""
    months = months_back(today=today or timezone.localdate())
    done = MysteryShop.objects.filter(status=ShopStatus.DONE, done_on__gte=months[0]).values_list(
        "site__name", "done_on", "score"
    )
    by_site: dict[str, dict[datetime.date, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for site, done_on, score in done:
        by_site[site][done_on.replace(day=1)].append(score)
    rows = []
    for site in sorted(by_site):
        cells = [MonthCell(month=m, average=_mean(by_site[site][m]), shops=len(by_site[site][m])) for m in months]
        every = [score for m in months for score in by_site[site][m]]
        rows.append(SiteRow(site=site, months=cells, average=_mean(every), shops=len(every)))
    return SiteResults(months=months, rows=rows)


@dataclass(frozen=True)
class StandardRow:
    standard: str
    met: int
    not_met: int
    not_applicable: int

    @property
    def assessed(self) -> int:
        return self.met + self.not_met

    @property
    def failure_rate(self) -> float | None:
        """% of the shops where the standard applied that did not meet it."""
        return round(100 * self.not_met / self.assessed, 1) if self.assessed else None


@dataclass(frozen=True)
class StandardResults:
    since: datetime.date
    rows: list[StandardRow]

    def tables(self) -> list[Table]:
        return [
            Table(
                title="Standards not met",
                headers=[
                    "Standard",
                    Column("Assessed", Kind.COUNT),
                    Column("Met", Kind.COUNT),
                    Column("Not met", Kind.COUNT),
                    Column("Not met", Kind.PERCENT),
                    Column("Not applicable", Kind.COUNT),
                ],
                rows=[[r.standard, r.assessed, r.met, r.not_met, r.failure_rate, r.not_applicable] for r in self.rows],
            )
        ]


def standard_results(*, today: datetime.date | None = None) -> StandardResults:
    """How often each standard was not met in the last twelve months, the most failed first.

    Answers are grouped by standard across checklist versions and named by the standard's wording today.
    """
    since = months_back(today=today or timezone.localdate())[0]
    answers = (
        MysteryShopScore.objects.filter(shop__status=ShopStatus.DONE, shop__done_on__gte=since)
        .values("item__standard_id", "item__standard__text")
        .annotate(
            met=Count("id", filter=Q(answer=Answer.MET)),
            not_met=Count("id", filter=Q(answer=Answer.NOT_MET)),
            not_applicable=Count("id", filter=Q(answer=Answer.NOT_APPLICABLE)),
        )
    )
    rows = [
        StandardRow(
            standard=row["item__standard__text"],
            met=row["met"],
            not_met=row["not_met"],
            not_applicable=row["not_applicable"],
        )
        for row in answers
    ]
    rows.sort(key=lambda r: (-(r.failure_rate or 0), -r.not_met, r.standard))
    return StandardResults(since=since, rows=rows)
