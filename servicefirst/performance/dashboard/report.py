"""The dashboard as the page shows it: headline figures and charted tables, built once from `figures` so the page,
its charts and its CSV/XLSX downloads always agree."""

import datetime
from dataclasses import dataclass

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
    part: int | None = None
    whole: int | None = None


@dataclass(frozen=True)
class ChartBar:
    label: str
    count: int
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


def _transaction_times(groups: list[ContactGroup]) -> FigureTable:
    rows = []
    for channel in figures.transaction_time_by_channel(groups):
        average = channel.average_seconds
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


def _chart(definition: str, title: str, heading: str, rows: list[Bar]) -> Chart:
    total = sum(r.count for r in rows)
    longest = max((r.count for r in rows), default=0)
    bars = [
        ChartBar(
            label=r.label,
            count=r.count,
            share=percent(r.count, total),
            length=round(100 * r.count / longest, 1) if longest else 0,
        )
        for r in rows
    ]
    table = Table(
        title=title,
        headers=[heading, "Contacts", "% of contacts"],
        rows=[[b.label, b.count, b.share] for b in bars],
    )
    return Chart(definition=definition, table=table, heading=heading, bars=bars, total=total)


def _headlines(filters: Filters, groups: list[ContactGroup], today: datetime.date | None) -> list[Headline]:
    contact = figures.contact_figures(groups)
    satisfaction = figures.satisfaction_figures(groups)
    sla = figures.sla_figures(filters, today=today)
    complaints = figures.complaint_figures(filters)
    n = contact.contacts
    average = round(contact.total_seconds / n) if n else 0
    return [
        Headline("contacts", "Contacts", f"{n:,}", "contacts started in the period", n, None),
        Headline(
            "first-contact-resolution",
            "First-contact resolution",
            percent(contact.resolved_first_contact, contact.resolvable),
            f"{contact.resolved_first_contact:,} of {contact.resolvable:,} contacts the front office could resolve "
            "(failed or abandoned contacts left out)",
            contact.resolved_first_contact,
            contact.resolvable,
        ),
        Headline(
            "first-contact-resolution-all-contacts",
            "First-contact resolution over all contacts",
            percent(contact.resolved_first_contact, n),
            f"{contact.resolved_first_contact:,} of {n:,} contacts, failed or abandoned included, as first reported",
            contact.resolved_first_contact,
            n,
        ),
        Headline(
            "average-transaction-time",
            "Average transaction time, all channels together",
            minutes_seconds(average) if n else "No data",
            f"over {n:,} contacts on every channel; each channel's own is under transaction time by channel",
            average,
            n,
        ),
        Headline(
            "avoidable-contact",
            "Avoidable contact",
            percent(contact.avoidable, n),
            f"{contact.avoidable:,} of {n:,} contacts",
            contact.avoidable,
            n,
        ),
        Headline(
            "repeat-contact",
            "Repeat contact",
            percent(contact.repeats, contact.identified),
            f"{contact.repeats:,} of {contact.identified:,} contacts with a known customer "
            "(anonymous contacts left out)",
            contact.repeats,
            contact.identified,
        ),
        Headline(
            "repeat-contact-all-contacts",
            "Repeat contact over all contacts",
            percent(contact.repeats, n),
            f"{contact.repeats:,} of {n:,} contacts, anonymous included, as first reported",
            contact.repeats,
            n,
        ),
        Headline(
            "satisfaction",
            "Satisfaction",
            percent(satisfaction.satisfied, satisfaction.answers),
            f"{satisfaction.satisfied:,} satisfied of {satisfaction.answers:,} answering",
            satisfaction.satisfied,
            satisfaction.answers,
        ),
        Headline(
            "sla-compliance",
            "Service requests resolved on time",
            percent(sla.resolved_on_time, sla.resolved),
            f"{sla.resolved_on_time:,} of {sla.resolved:,} resolved in the period",
            sla.resolved_on_time,
            sla.resolved,
        ),
        Headline(
            "open-overdue",
            "Open service requests overdue today",
            f"{sla.open_overdue:,}",
            f"of {sla.open:,} open today",
            sla.open_overdue,
            sla.open,
        ),
        Headline(
            "complaints-received",
            "Corporate complaints received",
            f"{complaints.received:,}",
            "statutory social care complaints are reported apart",
            complaints.received,
            None,
        ),
        Headline(
            "complaints-on-time",
            "Complaint responses on time",
            percent(complaints.responded_on_time, complaints.responded),
            f"{complaints.responded_on_time:,} of {complaints.responded:,} stage responses in the period",
            complaints.responded_on_time,
            complaints.responded,
        ),
    ]


def dashboard_build(filters: Filters, *, today: datetime.date | None = None) -> Dashboard:
    groups = figures.contact_groups(filters)
    charts = [
        _chart("contacts-by-channel", "Contacts by channel", "Channel", figures.contacts_by_channel(groups)),
        _chart("contacts-by-site", "Contacts by site", "Site", figures.contacts_by_site(groups)),
        _chart(
            "contacts-by-service",
            f"Contacts by service (top {TOP_SERVICES})",
            "Service",
            figures.contacts_by_service(groups, top=TOP_SERVICES),
        ),
        _chart("contacts-by-hour", "Contacts by hour of day", "Hour (UK time)", figures.contacts_by_hour(groups)),
    ]
    return Dashboard(
        filters=filters,
        headlines=_headlines(filters, groups, today),
        figure_tables=[_transaction_times(groups)],
        charts=charts,
    )
