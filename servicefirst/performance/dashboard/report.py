"""The dashboard as the page shows it: headline figures and charted tables, built once from `figures` so the page,
its charts and its CSV/XLSX downloads always agree."""

import datetime
from dataclasses import dataclass

from servicefirst.core.disclosure import SUPPRESSED, Disclosure, Shown, disclosure_note, shown_number
from servicefirst.core.exports import Table
from servicefirst.performance.dashboard import figures
from servicefirst.performance.dashboard.figures import Bar, ContactGroup, Filters

TOP_SERVICES = 10


@dataclass(frozen=True)
class Headline:
    definition: str
    label: str
    value: str
    basis: str
    part: Shown | None = None
    whole: Shown | None = None


@dataclass(frozen=True)
class ChartBar:
    label: str
    count: Shown
    share: str
    # The bar's length as a percentage of the longest bar, for the drawing only.
    length: float


@dataclass(frozen=True)
class Chart:
    definition: str
    table: Table
    heading: str
    bars: list[ChartBar]
    total: int

    @property
    def height(self) -> int:
        return 24 * len(self.bars)


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
    # The footnote for hidden figures, where any are hidden.
    note: str = ""

    @property
    def tables(self) -> list[Table]:
        return [self.headline_table, *(f.table for f in self.figure_tables), *(chart.table for chart in self.charts)]

    @property
    def headline_table(self) -> Table:
        return Table(
            title="Key figures",
            headers=["Figure", "Value", "Count", "Out of"],
            rows=[[h.label, h.value, h.part, h.whole] for h in self.headlines],
        )


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "No data"


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
                average,
                f"{channel.total_seconds / 60:.1f}",
            ]
        )
    table = Table(
        title="Transaction time by channel",
        headers=[
            "Channel",
            "Contacts",
            "Average transaction time",
            "Average transaction time (seconds)",
            "Total transaction time (minutes)",
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
) -> Chart:
    """`linked` names bars another table's hidden figures could be worked back from, hidden with them."""
    total = sum(r.count for r in rows)
    also = [i for i, r in enumerate(rows) if r.label in linked]
    hidden = disclosure.hidden_in([r.count for r in rows], total=total, also=also)
    shown = [r for i, r in enumerate(rows) if i not in hidden]
    longest = max((r.count for r in shown), default=0)
    bars = [
        ChartBar(label=r.label, count=SUPPRESSED, share=SUPPRESSED, length=0)
        if i in hidden
        else ChartBar(
            label=r.label,
            count=r.count,
            share=percent(r.count, total),
            length=round(100 * r.count / longest, 1) if longest else 0,
        )
        for i, r in enumerate(rows)
    ]
    table = Table(
        title=title,
        headers=[heading, "Contacts", "% of contacts"],
        rows=[[b.label, b.count, b.share] for b in bars],
    )
    return Chart(definition=definition, table=table, heading=heading, bars=bars, total=total)


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
        ),
        Headline(
            "first-contact-resolution-all-contacts",
            "First-contact resolution over all contacts",
            shares.percent(resolved_of_all, contacts),
            f"{shown_number(resolved_of_all)} of {shown_number(contacts)} contacts, failed or abandoned included, "
            "as first reported",
            resolved_of_all,
            contacts,
        ),
        Headline(
            "average-transaction-time",
            "Average transaction time, all channels together",
            average_text,
            f"over {shown_number(contacts)} contacts on every channel; each channel's own is under transaction time by "
            "channel",
            average,
            contacts,
        ),
        Headline(
            "avoidable-contact",
            "Avoidable contact",
            shares.percent(avoidable, contacts),
            f"{shown_number(avoidable)} of {shown_number(contacts)} contacts",
            avoidable,
            contacts,
        ),
        Headline(
            "repeat-contact",
            "Repeat contact",
            shares.percent(repeats, identified),
            f"{shown_number(repeats)} of {shown_number(identified)} contacts with a known customer "
            "(anonymous contacts left out)",
            repeats,
            identified,
        ),
        Headline(
            "repeat-contact-all-contacts",
            "Repeat contact over all contacts",
            shares.percent(repeats_of_all, contacts),
            f"{shown_number(repeats_of_all)} of {shown_number(contacts)} contacts, anonymous included, "
            "as first reported",
            repeats_of_all,
            contacts,
        ),
        Headline(
            "satisfaction",
            "Satisfaction",
            shares.percent(satisfied, answers),
            f"{shown_number(satisfied)} satisfied of {shown_number(answers)} answering",
            satisfied,
            answers,
        ),
        Headline(
            "sla-compliance",
            "Service requests resolved on time",
            shares.percent(on_time, resolved_requests),
            f"{shown_number(on_time)} of {shown_number(resolved_requests)} resolved in the period",
            on_time,
            resolved_requests,
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
    figure_tables = [_transaction_times(groups, _hidden_labels(by_channel))]
    tables = [*(f.table for f in figure_tables), *(c.table for c in charts)]
    headline_rows = [(h.value, h.part, h.whole) for h in headlines]
    note = disclosure_note([*headline_rows, *(row for t in tables for row in t.rows)])
    return Dashboard(
        filters=filters,
        headlines=headlines,
        figure_tables=figure_tables,
        charts=charts,
        note=note,
    )
