"""The complaints report as tables: built once, so the page, the printable report and the CSV/XLSX downloads
all show the same rows.

A download carries raw numbers (a percentage as a number, "no figure" where there was nothing to divide by);
the page shows the same cells formatted for reading.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from servicefirst.complaints.reports import ComplaintsReport, Share, YearOnYear
from servicefirst.core.exports import Cell, Table

NO_FIGURE = "no figure"
_ROWS_KEPT_WHOLE = 15
RECEIVED = "Complaints received"
TIMELINESS = "Timeliness"
LEARNING = "Themes, the Ombudsman, remedies and learning"
FEEDBACK = "Compliments and comments"
TEXT, COUNT, CHANGE, PERCENT, CHANGE_PERCENT, MONEY = "text", "count", "change", "percent", "change_percent", "money"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = COUNT


@dataclass(frozen=True)
class ShownCell:
    text: str
    numeric: bool
    header: bool


@dataclass(frozen=True)
class ReportTable:
    title: str
    columns: Sequence[Column]
    rows: list[Sequence[Cell]]
    note: str = ""
    empty: str = "None in this period."
    total_last: bool = False
    section: str = RECEIVED
    # Where each row holds one measure across the columns, the kind of figure goes by row.
    row_kinds: Sequence[str] = ()

    @property
    def table(self) -> Table:
        return Table(title=self.title, headers=[c.heading for c in self.columns], rows=self.rows)

    @property
    def slug(self) -> str:
        return self.table.slug

    @property
    def fits_a_page(self) -> bool:
        """Short enough to keep whole on one printed page rather than split."""
        return len(self.rows) <= _ROWS_KEPT_WHOLE

    @property
    def body(self) -> list[list[ShownCell]]:
        shown = []
        for number, row in enumerate(self.rows):
            cells = []
            for index, (column, value) in enumerate(zip(self.columns, row, strict=True)):
                kind = self.row_kinds[number] if self.row_kinds and index else column.kind
                cells.append(ShownCell(_shown(value, kind), kind != TEXT, index == 0))
            shown.append(cells)
        return shown


def _shown(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == CHANGE:
        return f"{value:+,}" if value else "0"
    if kind == CHANGE_PERCENT:
        return f"{value:+.1f}%" if value else "0.0%"
    if kind == PERCENT:
        return f"{value:.1f}%"
    if kind == MONEY:
        return f"£{value:,.2f}"
    return f"{value:,}"


def _percent_cell(value: float | None) -> Cell:
    return NO_FIGURE if value is None else value


def _money_cell(value: Decimal | None) -> Cell:
    return None if value is None else float(value)


def _yoy_columns(report: ComplaintsReport, *keys: str) -> list[Column]:
    return [
        *(Column(k, TEXT) for k in keys),
        Column(report.period.short_label),
        Column(report.previous.short_label),
        Column("Change", CHANGE),
        Column("Change (%)", CHANGE_PERCENT),
    ]


def _yoy_cells(row: YearOnYear) -> list[Cell]:
    return [row.current, row.previous, row.change, _percent_cell(row.change_percent)]


def _share_rows(rows: list[Share]) -> list[Sequence[Cell]]:
    return [[r.label, r.count, _percent_cell(r.percent)] for r in rows]


_TIMELINESS_MEASURES = [
    ("Opened", COUNT, lambda r: r.opened),
    ("Acknowledged (where a deadline applies)", COUNT, lambda r: r.acknowledged),
    ("Acknowledged on time", COUNT, lambda r: r.acknowledged_on_time),
    ("Acknowledged on time (%)", PERCENT, lambda r: _percent_cell(r.acknowledged_on_time_percent)),
    ("Responded", COUNT, lambda r: r.responded),
    ("Responded on time", COUNT, lambda r: r.responded_on_time),
    ("Responded on time (%)", PERCENT, lambda r: _percent_cell(r.responded_on_time_percent)),
    ("Extended", COUNT, lambda r: r.extended),
    ("Extended beyond the limit, with good reason", COUNT, lambda r: r.extended_beyond_limit),
    ("Still open", COUNT, lambda r: r.still_open),
    ("Open and overdue", COUNT, lambda r: r.overdue),
]


def _timeliness_table(report: ComplaintsReport) -> ReportTable:
    """One column per stage, so a committee reads each measure across the stages."""
    stages = report.timeliness
    return ReportTable(
        "Timeliness by stage",
        [Column("Measure", TEXT), *(Column(f"Stage {r.stage}") for r in stages)],
        [[label, *(value(r) for r in stages)] for label, _, value in _TIMELINESS_MEASURES] if stages else [],
        note="Stages opened in the period. A response within an extension the procedure allows is on time, and so "
        "is one within an extension beyond its limit for a good reason the officer recorded (each reason is on the "
        "complaint's record).",
        empty="No stage opened in this period.",
        section=TIMELINESS,
        row_kinds=[kind for _, kind, _ in _TIMELINESS_MEASURES],
    )


def report_tables(report: ComplaintsReport) -> list[ReportTable]:
    learning = report.learning
    month_columns = _yoy_columns(report, "Month")
    month_columns[2] = Column("Same month a year earlier")
    return [
        ReportTable(
            "Complaints by council service",
            _yoy_columns(report, "Council service"),
            [[r.label, *_yoy_cells(r)] for r in report.by_council_service],
            total_last=True,
        ),
        ReportTable(
            "Complaints by client service",
            _yoy_columns(report, "Client service", "Directorate"),
            [[r.label, r.detail, *_yoy_cells(r)] for r in report.by_client_service],
            total_last=True,
        ),
        ReportTable(
            "Complaints by directorate",
            _yoy_columns(report, "Directorate"),
            [[r.label, *_yoy_cells(r)] for r in report.by_directorate],
            total_last=True,
        ),
        ReportTable(
            "Complaints by stage",
            _yoy_columns(report, "Stage"),
            [[r.label, *_yoy_cells(r)] for r in report.by_stage],
            note="Stage 1 counts complaints received; later stages count escalations asked for; the Ombudsman row "
            "counts referrals made in the period.",
        ),
        ReportTable(
            "Outcomes by stage",
            _yoy_columns(report, "Stage", "Outcome"),
            [[r.detail, r.label, *_yoy_cells(r)] for r in report.by_outcome],
            note="Responses sent in the period, by the outcome of the stage they answered.",
        ),
        ReportTable(
            "Complaints by month",
            month_columns,
            [[r.label, *_yoy_cells(r)] for r in report.by_month],
        ),
        _timeliness_table(report),
        ReportTable(
            "Top themes",
            [Column("Theme", TEXT), Column("Complaints"), Column("Share of complaints received (%)", PERCENT)],
            _share_rows(report.themes),
            section=LEARNING,
        ),
        ReportTable(
            "Ombudsman referrals",
            [Column("Ombudsman", TEXT), Column("Referrals"), Column("Share (%)", PERCENT)],
            _share_rows(report.ombudsman_referrals),
            section=LEARNING,
        ),
        ReportTable(
            "Ombudsman decisions",
            [Column("Decision", TEXT), Column("Decisions"), Column("Share (%)", PERCENT)],
            _share_rows(report.ombudsman_decisions),
            note="Decisions the Ombudsman made in the period, whenever the complaint was referred.",
            section=LEARNING,
        ),
        ReportTable(
            "Remedies given",
            [Column("Remedy", TEXT), Column("Remedies"), Column("Amount (£)", MONEY)],
            [[r.label, r.count, _money_cell(r.amount)] for r in report.remedies],
            note="Remedies given with a response sent in the period.",
            total_last=True,
            section=LEARNING,
        ),
        ReportTable(
            "Learning actions",
            [Column("Learning actions", TEXT), Column("Actions")],
            [
                ["Agreed", learning.agreed],
                ["Done", learning.done],
                ["Done by the date due", learning.done_by_due_date],
                ["Not done and overdue", learning.overdue],
                ["Not done, not yet due", learning.not_yet_due],
            ],
            note="Actions agreed in the period to change how a service works because of a complaint.",
            section=LEARNING,
        ),
        ReportTable(
            "Compliments and comments",
            _yoy_columns(report, "Received"),
            [[r.label, *_yoy_cells(r)] for r in report.feedback],
            section=FEEDBACK,
        ),
    ]


def report_sections(tables: list[ReportTable]) -> list[tuple[str, list[ReportTable]]]:
    sections: dict[str, list[ReportTable]] = {}
    for table in tables:
        sections.setdefault(table.section, []).append(table)
    return list(sections.items())


def _with_percent(count: int, percent: float | None) -> str:
    return f"{count:+,} ({_shown(_percent_cell(percent), CHANGE_PERCENT)})"


def headline(report: ComplaintsReport) -> list[tuple[str, str]]:
    """The few figures a committee reads first, as label and value."""
    received = report.received
    rows = [
        (f"Corporate complaints received, {report.period.short_label}", f"{received.current:,}"),
        (f"Corporate complaints received, {report.previous.short_label}", f"{received.previous:,}"),
        ("Change", _with_percent(received.change, received.change_percent)),
        (
            f"Change in {report.previous.short_label} on the year before",
            _shown(_percent_cell(report.change_year_before), CHANGE_PERCENT),
        ),
    ]
    first = next((r for r in report.timeliness if r.stage == 1), None)
    if first is not None and first.responded:
        on_time = _shown(first.responded_on_time_percent, PERCENT)
        rows.append(("Stage 1 responses on time", f"{on_time} ({first.responded_on_time:,} of {first.responded:,})"))
    rows.append(("Compliments received", f"{report.feedback[0].current:,}"))
    return rows
