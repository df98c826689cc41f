"""The dashboard as the page shows it: headline figures and charted tables, built once from `figures` so the page,
its charts and its CSV/XLSX downloads always agree."""

import datetime
from dataclasses import dataclass

from servicefirst.core.disclosure import SUPPRESSED, Disclosure, Shown, disclosure_note, shown_number
from servicefirst.core.exports import Column, Kind, Table
from servicefirst.performance.dashboard import figures, trends
from servicefirst.performance.dashboard.figures import Bar, ContactGroup, Filters
from servicefirst.performance.dashboard.trends import Step, Trend

TOP_SERVICES = 10


@dataclass(frozen=True)
class Headline:
    definition: str
    label: str
    value: str
    basis: str
    part: Shown | None = None
    whole: Shown | None = None
    # Whether the value is `part` as a percentage of `whole`.
    is_share: bool = False
    # An average time's figure, which is no count of anything.
    seconds: Shown | None = None

    @property
    def share(self) -> Shown | float | None:
        if not self.is_share:
            return None
        if isinstance(self.part, str) or isinstance(self.whole, str):
            return SUPPRESSED
        return share(self.part, self.whole)


@dataclass(frozen=True)
class ChartBar:
    label: str
    count: Shown
    share: Shown | float | None
    # The bar's length as a percentage of the longest bar, for the drawing only.
    length: float


@dataclass(frozen=True)
class Chart:
    definition: str
    table: Table
    heading: str
    bars: list[ChartBar]
    total: int
    # A bar left out of the drawing, as it would dwarf the others; the table still has its row.
    apart: ChartBar | None = None


@dataclass(frozen=True)
class TrendColumn:
    """One week or month of a trend as drawn, each measure a percentage of the chart's width or height."""

    label: str
    height: float
    x: float
    width: float

    @property
    def top(self) -> float:
        return round(100 - self.height, 1)


@dataclass(frozen=True)
class TrendChart:
    definition: str
    table: Table
    columns: list[TrendColumn]


@dataclass(frozen=True)
class FigureTable:
    """A table of figures with no chart, and the definition it links to."""

    definition: str
    table: Table


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    headlines: list[Headline]
    figure_tables: list[FigureTable]
    charts: list[Chart]
    trend_charts: list[TrendChart]
    trend_by_week: bool
    # The footnote for hidden figures, where any are hidden.
    note: str = ""

    @property
    def tables(self) -> list[Table]:
        return [
            self.headline_table,
            *(f.table for f in self.figure_tables),
            *(chart.table for chart in self.charts),
            *(trend.table for trend in self.trend_charts),
        ]

    @property
    def headline_table(self) -> Table:
        return Table(
            title="Key figures",
            headers=[
                "Figure",
                "Value",
                Column("Count", Kind.COUNT),
                Column("Out of", Kind.COUNT),
                Column("Percentage", Kind.PERCENT),
                Column("Average transaction time", Kind.SECONDS),
            ],
            rows=[[h.label, h.value, h.part, h.whole, h.share, h.seconds] for h in self.headlines],
        )


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole` to one place, the number every shown percentage is written from."""
    return round(100 * part / whole, 1) if whole else None


def percent(part: int, whole: int) -> str:
    return "No data" if (value := share(part, whole)) is None else f"{value:.1f}%"


def minutes_seconds(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest:02d} s"


def _transaction_times(groups: list[ContactGroup], hidden: set[str]) -> FigureTable:
    """`hidden` names the channels the channel chart hides, so neither table gives back what the other hides."""
    rows = []
    for channel in figures.transaction_time_by_channel(groups):
        average = channel.average_seconds
        if channel.label in hidden:
            rows.append([channel.label, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED])
            continue
        rows.append(
            [
                channel.label,
                channel.contacts,
                "No data" if average is None else minutes_seconds(average),
                "No data" if average is None else average,
                round(channel.total_seconds / 60, 1),
            ]
        )
    table = Table(
        title="Transaction time by channel",
        headers=[
            "Channel",
            Column("Contacts", Kind.COUNT),
            "Average transaction time",
            Column("Average transaction time", Kind.SECONDS),
            Column("Total transaction time", Kind.MINUTES),
        ],
        rows=rows,
    )
    return FigureTable("transaction-time-by-channel", table)


def _chart(
    definition: str,
    title: str,
    heading: str,
    rows: list[Bar],
    disclosure: Disclosure,
    *,
    linked: set[str] = frozenset(),
    apart: str = "",
) -> Chart:
    """`linked` names bars another table's hidden figures could be worked back from, hidden with them; `apart` a
    bar drawn apart from the others, which are scaled without it."""
    total = sum(r.count for r in rows)
    also = [i for i, r in enumerate(rows) if r.label in linked]
    hidden = disclosure.hidden_in([r.count for r in rows], total=total, also=also)
    shown = [r for i, r in enumerate(rows) if i not in hidden and r.label != apart]
    longest = max((r.count for r in shown), default=0)
    bars = [
        ChartBar(label=r.label, count=SUPPRESSED, share=SUPPRESSED, length=0)
        if i in hidden
        else ChartBar(
            label=r.label,
            count=r.count,
            share=share(r.count, total),
            length=round(100 * r.count / longest, 1) if longest else 0,
        )
        for i, r in enumerate(rows)
    ]
    table = Table(
        title=title,
        headers=[heading, Column("Contacts", Kind.COUNT), Column("Share", Kind.PERCENT, "% of contacts")],
        rows=[[b.label, b.count, b.share] for b in bars],
    )
    drawn = [b for b in bars if b.label != apart]
    left_out = next((b for b in bars if b.label == apart), None)
    return Chart(definition=definition, table=table, heading=heading, bars=drawn, total=total, apart=left_out)


def _step_label(trend: Trend, step: Step) -> str:
    return f"{step.first_day:%-d %b}" if trend.by_week else f"{step.first_day:%b %Y}"


def _columns(trend: Trend, heights: list[float]) -> list[TrendColumn]:
    """Side by side across the chart, a fifth of each slot left as the gap between columns."""
    slot = 100 / len(trend.steps)
    return [
        TrendColumn(_step_label(trend, step), height, round(i * slot, 2), round(slot * 0.8, 2))
        for i, (step, height) in enumerate(zip(trend.steps, heights, strict=True))
    ]


def _steps_headers(trend: Trend) -> list[Column]:
    return [Column("Week from" if trend.by_week else "Month from", Kind.DATE), Column("To", Kind.DATE)]


def _trend_count(trend: Trend, disclosure: Disclosure, title: str) -> TrendChart:
    counts = disclosure.series([step.contacts for step in trend.steps], total=sum(s.contacts for s in trend.steps))
    shown = [n for n in counts if not isinstance(n, str)]
    highest = max(shown, default=0)
    table = Table(
        title=title,
        headers=[*_steps_headers(trend), Column("Contacts", Kind.COUNT)],
        rows=[[step.first_day, step.last_day, n] for step, n in zip(trend.steps, counts, strict=True)],
    )
    heights = [0 if isinstance(n, str) or not highest else round(100 * n / highest, 1) for n in counts]
    return TrendChart("contacts", table, _columns(trend, heights))


def _trend_share(
    trend: Trend, disclosure: Disclosure, *, definition: str, title: str, part: str, whole: str, names: tuple[str, str]
) -> TrendChart:
    """A percentage by step, drawn from 0 to 100%; hidden where its part or what is left of its whole is small."""
    rows, heights = [], []
    for step in trend.steps:
        n, of = getattr(step, part), getattr(step, whole)
        hidden = disclosure.hides_part(n, of)
        value = SUPPRESSED if hidden else share(n, of)
        rows.append(
            [
                step.first_day,
                step.last_day,
                SUPPRESSED if hidden else n,
                disclosure.count(of),
                "No data" if value is None else value,
            ]
        )
        heights.append(value if isinstance(value, float) else 0)
    table = Table(
        title=title,
        headers=[
            *_steps_headers(trend),
            Column(names[0], Kind.COUNT),
            Column(names[1], Kind.COUNT),
            Column("Percentage", Kind.PERCENT),
        ],
        rows=rows,
    )
    return TrendChart(definition, table, _columns(trend, heights))


def _trend_charts(trend: Trend, disclosure: Disclosure) -> list[TrendChart]:
    step = "week" if trend.by_week else "month"
    return [
        _trend_count(trend, disclosure, f"Contacts by {step}"),
        _trend_share(
            trend,
            disclosure,
            definition="first-contact-resolution",
            title=f"First-contact resolution by {step}",
            part="resolved_first_contact",
            whole="resolvable",
            names=("Resolved at first contact", "Contacts the front office could resolve"),
        ),
        _trend_share(
            trend,
            disclosure,
            definition="satisfaction",
            title=f"Satisfaction by {step}",
            part="satisfied",
            whole="answers",
            names=("Satisfied", "Answering"),
        ),
        _trend_share(
            trend,
            disclosure,
            definition="sla-compliance",
            title=f"Service requests resolved on time by {step}",
            part="resolved_on_time",
            whole="resolved",
            names=("Resolved on time", "Resolved"),
        ),
    ]


def _sla_by_client_service(filters: Filters, disclosure: Disclosure) -> FigureTable:
    """Each client service against its own target; a row with a small figure is hidden whole."""
    services = trends.sla_by_client_service(filters)
    hidden = disclosure.hidden_rows(
        [[s.resolved, s.resolved_on_time, s.resolved - s.resolved_on_time] for s in services]
    )
    rows = []
    for number, sla in enumerate(services):
        achieved = share(sla.resolved_on_time, sla.resolved)
        if number in hidden:
            rows.append([sla.name, SUPPRESSED, SUPPRESSED, SUPPRESSED, sla.target_percent, SUPPRESSED])
            continue
        met = "Met" if achieved >= sla.target_percent else "Not met"
        rows.append([sla.name, sla.resolved, sla.resolved_on_time, achieved, sla.target_percent, met])
    table = Table(
        title="Service requests resolved on time by client service",
        headers=[
            "Client service",
            Column("Resolved", Kind.COUNT),
            Column("Resolved on time", Kind.COUNT),
            Column("Resolved on time", Kind.PERCENT),
            Column("Target", Kind.PERCENT),
            "Target met",
        ],
        rows=rows,
    )
    return FigureTable("sla-by-client-service", table)


@dataclass(frozen=True)
class _Shares:
    """Headline parts of wholes, each shown only where neither it nor what is left of its whole is small."""

    disclosure: Disclosure

    def whole(self, whole: int, of: int | None = None) -> Shown:
        """A whole that is itself part of `of` (resolvable contacts of all contacts) hides like a part."""
        hidden = self.disclosure.hides(whole) or (of is not None and self.disclosure.hides_part(whole, of))
        return SUPPRESSED if hidden else whole

    def part(self, part: int, whole: Shown) -> Shown:
        if isinstance(whole, str) or self.disclosure.hides_part(part, whole):
            return SUPPRESSED
        return part

    @staticmethod
    def percent(part: Shown, whole: Shown) -> str:
        return SUPPRESSED if isinstance(part, str) or isinstance(whole, str) else percent(part, whole)


def _headlines(
    filters: Filters,
    groups: list[ContactGroup],
    today: datetime.date | None,
    disclosure: Disclosure,
    *,
    failed_hidden: bool,
) -> list[Headline]:
    """`failed_hidden`: the service chart hides the failed contacts, which all contacts less the resolvable ones
    would give back."""
    contact = figures.contact_figures(groups)
    satisfaction = figures.satisfaction_figures(groups)
    sla = figures.sla_figures(filters, today=today)
    complaints = figures.complaint_figures(filters)
    shares = _Shares(disclosure)
    n = contact.contacts
    contacts = shares.whole(n)
    resolvable = SUPPRESSED if failed_hidden else shares.whole(contact.resolvable, n)
    identified = shares.whole(contact.identified, n)
    resolved = shares.part(contact.resolved_first_contact, resolvable)
    resolved_of_all = shares.part(contact.resolved_first_contact, contacts)
    avoidable = shares.part(contact.avoidable, contacts)
    repeats = shares.part(contact.repeats, identified)
    repeats_of_all = shares.part(contact.repeats, contacts)
    answers = shares.whole(satisfaction.answers)
    satisfied = shares.part(satisfaction.satisfied, answers)
    resolved_requests = shares.whole(sla.resolved)
    on_time = shares.part(sla.resolved_on_time, resolved_requests)
    open_requests = shares.whole(sla.open)
    overdue = shares.part(sla.open_overdue, open_requests)
    paused = shares.part(sla.open_paused, open_requests)
    pauses_ended = shares.whole(sla.pauses_ended)
    paused_days: Shown = SUPPRESSED if isinstance(pauses_ended, str) else sla.paused_working_days
    received = shares.whole(complaints.received)
    responded = shares.whole(complaints.responded)
    responded_on_time = shares.part(complaints.responded_on_time, responded)
    average: Shown = SUPPRESSED if isinstance(contacts, str) else round(contact.total_seconds / n) if n else 0
    average_text = SUPPRESSED if isinstance(average, str) else minutes_seconds(average) if n else "No data"
    return [
        Headline("contacts", "Contacts", shown_number(contacts), "contacts started in the period", contacts, None),
        Headline(
            "first-contact-resolution",
            "First-contact resolution",
            shares.percent(resolved, resolvable),
            f"{shown_number(resolved)} of {shown_number(resolvable)} contacts the front office could resolve "
            "(failed or abandoned contacts left out)",
            resolved,
            resolvable,
            is_share=True,
        ),
        Headline(
            "first-contact-resolution-all-contacts",
            "First-contact resolution over all contacts",
            shares.percent(resolved_of_all, contacts),
            f"{shown_number(resolved_of_all)} of {shown_number(contacts)} contacts, failed or abandoned included, "
            "as first reported",
            resolved_of_all,
            contacts,
            is_share=True,
        ),
        Headline(
            "average-transaction-time",
            "Average transaction time, all channels together",
            average_text,
            f"over {shown_number(contacts)} contacts on every channel; each channel's own is under transaction time by "
            "channel",
            None,
            contacts,
            seconds=average,
        ),
        Headline(
            "avoidable-contact",
            "Avoidable contact",
            shares.percent(avoidable, contacts),
            f"{shown_number(avoidable)} of {shown_number(contacts)} contacts",
            avoidable,
            contacts,
            is_share=True,
        ),
        Headline(
            "repeat-contact",
            "Repeat contact",
            shares.percent(repeats, identified),
            f"{shown_number(repeats)} of {shown_number(identified)} contacts with a known customer "
            "(anonymous contacts left out)",
            repeats,
            identified,
            is_share=True,
        ),
        Headline(
            "repeat-contact-all-contacts",
            "Repeat contact over all contacts",
            shares.percent(repeats_of_all, contacts),
            f"{shown_number(repeats_of_all)} of {shown_number(contacts)} contacts, anonymous included, "
            "as first reported",
            repeats_of_all,
            contacts,
            is_share=True,
        ),
        Headline(
            "satisfaction",
            "Satisfaction",
            shares.percent(satisfied, answers),
            f"{shown_number(satisfied)} satisfied of {shown_number(answers)} answering",
            satisfied,
            answers,
            is_share=True,
        ),
        Headline(
            "sla-compliance",
            "Service requests resolved on time",
            shares.percent(on_time, resolved_requests),
            f"{shown_number(on_time)} of {shown_number(resolved_requests)} resolved in the period",
            on_time,
            resolved_requests,
            is_share=True,
        ),
        Headline(
            "open-overdue",
            "Open service requests overdue today",
            shown_number(overdue),
            f"of {shown_number(open_requests)} open today",
            overdue,
            open_requests,
        ),
        Headline(
            "open-paused",
            "Open service requests with the SLA paused today",
            shown_number(paused),
            f"of {shown_number(open_requests)} open today, awaiting the customer",
            paused,
            open_requests,
        ),
        Headline(
            "working-days-paused",
            "Working days the SLA was paused",
            shown_number(paused_days),
            f"over {shown_number(pauses_ended)} pauses that ended in the period, each moving its request's due date",
            pauses_ended,
            None,
        ),
        Headline(
            "complaints-received",
            "Corporate complaints received",
            shown_number(received),
            "statutory social care complaints are reported apart",
            received,
            None,
        ),
        Headline(
            "complaints-on-time",
            "Complaint responses on time",
            shares.percent(responded_on_time, responded),
            f"{shown_number(responded_on_time)} of {shown_number(responded)} stage responses in the period",
            responded_on_time,
            responded,
            is_share=True,
        ),
    ]


def _hidden_labels(chart: Chart) -> set[str]:
    return {bar.label for bar in chart.bars if bar.count == SUPPRESSED}


def dashboard_build(filters: Filters, *, disclosure: Disclosure, today: datetime.date | None = None) -> Dashboard:
    """Figures as `disclosure` lets them be shown: the same numbers for everyone it treats alike."""
    groups = figures.contact_groups(filters)
    by_channel = _chart(
        "contacts-by-channel", "Contacts by channel", "Channel", figures.contacts_by_channel(groups), disclosure
    )
    by_service = _chart(
        "contacts-by-service",
        f"Contacts by service (top {TOP_SERVICES})",
        "Service",
        figures.contacts_by_service(groups, top=TOP_SERVICES),
        disclosure,
        apart=figures.OTHER_SERVICES,
    )
    # Contacts with no site are the channels other than a visit, so a hidden channel would come back from the
    # "no site" bar less the other channels: that bar hides with any channel.
    charts = [
        by_channel,
        _chart(
            "contacts-by-site",
            "Contacts by site",
            "Site",
            figures.contacts_by_site(groups),
            disclosure,
            linked={figures.NO_SITE} if _hidden_labels(by_channel) else set(),
        ),
        by_service,
        _chart(
            "contacts-by-hour",
            "Contacts by hour of day",
            "Hour (UK time)",
            figures.contacts_by_hour(groups),
            disclosure,
        ),
    ]
    headlines = _headlines(
        filters, groups, today, disclosure, failed_hidden=figures.NO_SERVICE in _hidden_labels(by_service)
    )
    figure_tables = [
        _transaction_times(groups, _hidden_labels(by_channel)),
        _sla_by_client_service(filters, disclosure),
    ]
    trend = trends.trend_build(filters)
    trend_charts = _trend_charts(trend, disclosure)
    tables = [*(f.table for f in figure_tables), *(c.table for c in charts), *(t.table for t in trend_charts)]
    headline_rows = [(h.value, h.part, h.whole) for h in headlines]
    note = disclosure_note([*headline_rows, *(row for t in tables for row in t.rows)])
    return Dashboard(
        filters=filters,
        headlines=headlines,
        figure_tables=figure_tables,
        charts=charts,
        trend_charts=trend_charts,
        trend_by_week=trend.by_week,
        note=note,
    )
