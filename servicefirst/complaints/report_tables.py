"""The complaints report as tables: built once, so the page, the printable report and the CSV/XLSX downloads
all show the same rows.

A download carries raw numbers (a percentage as a number, "no figure" where there was nothing to divide by);
the page shows the same cells formatted for reading.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from servicefirst.complaints.reports import (
    ComplaintsReport,
    RemedyRow,
    Share,
    TimelinessRow,
    YearOnYear,
    change_percent_min_base,
)
from servicefirst.core.disclosure import SUPPRESSED, Disclosure, shown_or
from servicefirst.core.exports import Cell, Kind, Table
from servicefirst.core.exports import Column as ExportColumn

NO_FIGURE = "no figure"
_ROWS_KEPT_WHOLE = 15
RECEIVED = "Complaints received"
TIMELINESS = "Timeliness"
LEARNING = "Themes, the Ombudsman, remedies and learning"
FEEDBACK = "Compliments and comments"
TEXT, COUNT, CHANGE, PERCENT, CHANGE_PERCENT, MONEY = "text", "count", "change", "percent", "change_percent", "money"
# How a download stores each kind: a change is a number like any count, a change in per cent a percentage.
_EXPORT_KINDS = {
    TEXT: Kind.TEXT,
    COUNT: Kind.COUNT,
    CHANGE: Kind.COUNT,
    PERCENT: Kind.PERCENT,
    CHANGE_PERCENT: Kind.PERCENT,
    MONEY: Kind.MONEY,
}


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
        """Headings already name their units; where the kind goes by row, a column's numbers are left unformatted."""
        headers = [
            ExportColumn(c.heading, Kind.TEXT if self.row_kinds else _EXPORT_KINDS[c.kind], unit="")
            for c in self.columns
        ]
        return Table(title=self.title, headers=headers, rows=self.rows)

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


def _yoy_rows(rows: list[YearOnYear], disclosure: Disclosure, *, total_last: bool = False) -> list[list[Cell]]:
    """Each row's figures for both years; a change over a hidden figure is hidden with it. With `total_last`
    the last row is the others' total, so each year's column hides a second cell wherever it hides one."""
    parts = rows[:-1] if total_last else rows
    totals = (rows[-1].current, rows[-1].previous) if total_last and rows else (None, None)
    current = disclosure.series([r.current for r in parts], total=totals[0])
    previous = disclosure.series([r.previous for r in parts], total=totals[1])
    if total_last and rows:
        current.append(disclosure.count(rows[-1].current))
        previous.append(disclosure.count(rows[-1].previous))
    cells = []
    for row, now, before in zip(rows, current, previous, strict=True):
        hidden = SUPPRESSED in (now, before)
        change = [row.change, _percent_cell(row.change_percent)]
        cells.append([now, before, *(shown_or(c, hidden) for c in change)])
    return cells


def _share_rows(rows: list[Share], disclosure: Disclosure) -> list[Sequence[Cell]]:
    return [
        [r.label, disclosure.count(r.count), shown_or(_percent_cell(r.percent), disclosure.hides(r.count))]
        for r in rows
    ]


def _remedy_rows(rows: list[RemedyRow], disclosure: Disclosure) -> list[Sequence[Cell]]:
    """The last row is the total. A hidden count's amount is hidden too: one remedy's amount is one person's."""
    counts = disclosure.hidden_in([r.count for r in rows[:-1]], total=rows[-1].count) if rows else set()
    total_hidden = bool(rows) and disclosure.hides(rows[-1].count)
    return [
        [
            r.label,
            shown_or(r.count, n in counts or total_hidden),
            shown_or(_money_cell(r.amount), n in counts or total_hidden),
        ]
        for n, r in enumerate(rows)
    ]


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


def _timeliness_hidden(row: TimelinessRow, disclosure: Disclosure) -> set[str]:
    """The measures of one stage to hide: small counts, an "on time" whose late remainder is small, and each
    percentage over a hidden figure."""
    hidden = {label for label, kind, value in _TIMELINESS_MEASURES if kind == COUNT and disclosure.hides(value(row))}
    pairs = [
        ("Acknowledged on time", "Acknowledged (where a deadline applies)", row.acknowledged_on_time, row.acknowledged),
        ("Responded on time", "Responded", row.responded_on_time, row.responded),
    ]
    for part, whole, on_time, of in pairs:
        if disclosure.hides_part(on_time, of) or whole in hidden:
            hidden |= {part, f"{part} (%)"}
    return hidden


def _timeliness_table(report: ComplaintsReport, disclosure: Disclosure) -> ReportTable:
    """One column per stage, so a committee reads each measure across the stages."""
    stages = report.timeliness
    hidden = [_timeliness_hidden(r, disclosure) for r in stages]
    return ReportTable(
        "Timeliness by stage",
        [Column("Measure", TEXT), *(Column(f"Stage {r.stage}") for r in stages)],
        [
            [label, *(shown_or(value(r), label in h) for r, h in zip(stages, hidden, strict=True))]
            for label, _, value in _TIMELINESS_MEASURES
        ]
        if stages
        else [],
        note="Stages opened in the period. A response within an extension the procedure allows is on time, and so "
        "is one within an extension beyond its limit for a good reason the officer recorded (each reason is on the "
        "complaint's record).",
        empty="No stage opened in this period.",
        section=TIMELINESS,
        row_kinds=[kind for _, kind, _ in _TIMELINESS_MEASURES],
    )


def report_tables(report: ComplaintsReport, *, disclosure: Disclosure) -> list[ReportTable]:
    """Small counts hidden as `disclosure` says, and every figure that would let one be worked back."""
    learning = report.learning
    count = disclosure.count
    # Actions done, overdue and not yet due make up those agreed.
    done, overdue, not_yet_due = disclosure.series(
        [learning.done, learning.overdue, learning.not_yet_due], total=learning.agreed
    )
    done_by_due = SUPPRESSED if done == SUPPRESSED else count(learning.done_by_due_date)
    month_columns = _yoy_columns(report, "Month")
    month_columns[2] = Column("Same month a year earlier")
    return [
        ReportTable(
            "Complaints by council service",
            _yoy_columns(report, "Council service"),
            [
                [r.label, *c]
                for r, c in zip(
                    report.by_council_service,
                    _yoy_rows(report.by_council_service, disclosure, total_last=True),
                    strict=True,
                )
            ],
            total_last=True,
        ),
        ReportTable(
            "Complaints by client service",
            _yoy_columns(report, "Client service", "Directorate"),
            [
                [r.label, r.detail, *c]
                for r, c in zip(
                    report.by_client_service,
                    _yoy_rows(report.by_client_service, disclosure, total_last=True),
                    strict=True,
                )
            ],
            total_last=True,
        ),
        ReportTable(
            "Complaints by directorate",
            _yoy_columns(report, "Directorate"),
            [
                [r.label, *c]
                for r, c in zip(
                    report.by_directorate, _yoy_rows(report.by_directorate, disclosure, total_last=True), strict=True
                )
            ],
            total_last=True,
        ),
        ReportTable(
            "Complaints by stage",
            _yoy_columns(report, "Stage"),
            [[r.label, *c] for r, c in zip(report.by_stage, _yoy_rows(report.by_stage, disclosure), strict=True)],
            note="Stage 1 counts complaints received; later stages count escalations asked for; the Ombudsman row "
            "counts referrals made in the period.",
        ),
        ReportTable(
            "Outcomes by stage",
            _yoy_columns(report, "Stage", "Outcome"),
            [
                [r.detail, r.label, *c]
                for r, c in zip(report.by_outcome, _yoy_rows(report.by_outcome, disclosure), strict=True)
            ],
            note="Responses sent in the period, by the outcome of the stage they answered.",
        ),
        ReportTable(
            "Complaints by month",
            month_columns,
            [[r.label, *c] for r, c in zip(report.by_month, _yoy_rows(report.by_month, disclosure), strict=True)],
        ),
        _timeliness_table(report, disclosure),
        ReportTable(
            "Top themes",
            [Column("Theme", TEXT), Column("Complaints"), Column("Share of complaints received (%)", PERCENT)],
            _share_rows(report.themes, disclosure),
            section=LEARNING,
        ),
        ReportTable(
            "Ombudsman referrals",
            [Column("Ombudsman", TEXT), Column("Referrals"), Column("Share (%)", PERCENT)],
            _share_rows(report.ombudsman_referrals, disclosure),
            section=LEARNING,
        ),
        ReportTable(
            "Ombudsman decisions",
            [Column("Decision", TEXT), Column("Decisions"), Column("Share (%)", PERCENT)],
            _share_rows(report.ombudsman_decisions, disclosure),
            note="Decisions the Ombudsman made in the period, whenever the complaint was referred.",
            section=LEARNING,
        ),
        ReportTable(
            "Remedies given",
            [Column("Remedy", TEXT), Column("Remedies"), Column("Amount (£)", MONEY)],
            _remedy_rows(report.remedies, disclosure),
            note="Remedies given with a response sent in the period.",
            total_last=True,
            section=LEARNING,
        ),
        ReportTable(
            "Learning actions",
            [Column("Learning actions", TEXT), Column("Actions")],
            [
                ["Agreed", count(learning.agreed)],
                ["Done", done],
                ["Done by the date due", done_by_due],
                ["Not done and overdue", overdue],
                ["Not done, not yet due", not_yet_due],
            ],
            note="Actions agreed in the period to change how a service works because of a complaint.",
            section=LEARNING,
        ),
        ReportTable(
            "Compliments and comments",
            _yoy_columns(report, "Received"),
            [[r.label, *c] for r, c in zip(report.feedback, _yoy_rows(report.feedback, disclosure), strict=True)],
            section=FEEDBACK,
        ),
    ]


def report_sections(tables: list[ReportTable]) -> list[tuple[str, list[ReportTable]]]:
    sections: dict[str, list[ReportTable]] = {}
    for table in tables:
        sections.setdefault(table.section, []).append(table)
    return list(sections.items())


def comparison_note(report: ComplaintsReport) -> str:
    """Why a change has no percentage: the base is too small, or the records do not cover the earlier period."""
    note = f"A change is given as a percentage only where the earlier count is {change_percent_min_base()} or more."
    earliest = report.period.previous(2).start
    if report.records_from and report.records_from > earliest:
        previous = report.previous.short_label
        covered = previous if report.records_from > report.previous.start else f"the year before {previous}"
        note += (
            f" The records begin on {report.records_from:%-d %B %Y}, so {covered} is not counted in full: "
            "changes against it have no percentage."
        )
    return note


def headline(report: ComplaintsReport, *, disclosure: Disclosure) -> list[tuple[str, str]]:
    """The few figures a committee reads first, as label and value."""
    received = report.received
    (now, before, change, change_percent), *_ = _yoy_rows([received], disclosure)
    rows = [
        (f"Corporate complaints received, {report.period.short_label}", _shown(now, COUNT)),
        (f"Corporate complaints received, {report.previous.short_label}", _shown(before, COUNT)),
        (
            "Change",
            SUPPRESSED if change == SUPPRESSED else f"{change:+,} ({_shown(change_percent, CHANGE_PERCENT)})",
        ),
        (
            f"Change in {report.previous.short_label} on the year before",
            _shown(shown_or(_percent_cell(report.change_year_before), before == SUPPRESSED), CHANGE_PERCENT),
        ),
    ]
    first = next((r for r in report.timeliness if r.stage == 1), None)
    if first is not None and first.responded:
        hidden = _timeliness_hidden(first, disclosure)
        if "Responded on time" in hidden:
            rows.append(("Stage 1 responses on time", SUPPRESSED))
        else:
            on_time = _shown(first.responded_on_time_percent, PERCENT)
            rows.append(
                ("Stage 1 responses on time", f"{on_time} ({first.responded_on_time:,} of {first.responded:,})")
            )
    rows.append(("Compliments received", _shown(disclosure.count(report.feedback[0].current), COUNT)))
    return rows
