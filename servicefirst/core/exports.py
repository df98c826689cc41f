"""Report tables as CSV or XLSX downloads, so every table a report shows can be taken away as it stands.

A report builds `Table`s once; the page renders them and `table_download` answers `?format=csv|xlsx`
with the same rows, so the download can never disagree with the screen.

Each column declares its `Kind` once, in the table that builds it. The kind names the unit in the header ("Average
transaction time (seconds)"), decides how the page shows a cell, and makes an XLSX cell a native number or date
with a number format, so finance can total a statement; CSV keeps plain values. A cell that is not a number in a
numeric column (the small-number marker, "No data") stays text.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from servicefirst.core.disclosure import disclosure_note

Cell = str | int | float | Decimal | datetime.date | None

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel and LibreOffice treat a leading =, +, - or @ as a formula; a resident's free text must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Kind(Enum):
    """What a column holds: (the unit its header names, the XLSX number format)."""

    TEXT = ("", "General")
    COUNT = ("", "#,##0")
    SECONDS = ("seconds", "#,##0")
    MINUTES = ("minutes", "#,##0.00")
    MONEY = ("£", '"£"#,##0.00')
    # A percentage, 0 to 100, as the page and the CSV show it; XLSX holds the fraction with a % format.
    PERCENT = ("%", "0.0%")
    DATE = ("", "d mmm yyyy")
    # An instant, shown and written in the council's time (Europe/London).
    DATETIME = ("", "d mmm yyyy hh:mm")

    @property
    def unit(self) -> str:
        return self.value[0]

    @property
    def number_format(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    # What the unit is of, where the unit alone would not say ("% of all contacts"); "" where the name says it.
    unit: str | None = None

    @property
    def header(self) -> str:
        unit = self.kind.unit if self.unit is None else self.unit
        return f"{self.name} ({unit})" if unit else self.name


@dataclass
class Table:
    title: str
    # A plain name is a text column; numbers in it are still written as numbers.
    headers: Sequence[str | Column]
    rows: list[Sequence[Cell]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def columns(self) -> list[Column]:
        return [h if isinstance(h, Column) else Column(h) for h in self.headers]

    @property
    def header_names(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def shown_rows(self) -> list[list[str]]:
        """The rows as the page shows them."""
        columns = self.columns
        return [[cell_shown(cell, column.kind) for cell, column in zip(row, columns, strict=True)] for row in self.rows]


def _london(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, int | float | Decimal) and not isinstance(cell, bool)


def cell_shown(cell: Cell, kind: Kind) -> str:
    if cell is None:
        return "–"
    if kind is Kind.PERCENT and _is_number(cell):
        return f"{cell}%"
    if kind is Kind.MONEY and _is_number(cell):
        return f"£{Decimal(cell):,.2f}"
    if kind is Kind.COUNT and isinstance(cell, int):
        return f"{cell:,}"
    if kind is Kind.DATETIME and isinstance(cell, datetime.datetime):
        return _london(cell).strftime("%-d %b %Y %H:%M")
    if kind is Kind.DATE and isinstance(cell, datetime.date):
        return cell.strftime("%-d %b %Y")
    return str(cell)


def _safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_cell(cell: Cell) -> Cell:
    if isinstance(cell, datetime.datetime):
        return _london(cell).isoformat(timespec="seconds")
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return _safe(cell)


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header_names)
    writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def rows_csv_stream(*, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """CSV a line at a time, for a download too long to build in memory (the audit log's)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _xlsx_value(cell: Cell, kind: Kind) -> tuple[Cell, str | None]:
    """The value as the spreadsheet stores it, with the number format it is shown in (None: as it stands)."""
    if isinstance(cell, datetime.datetime):
        # Excel has no time zones: the London wall-clock time is the one the council reads.
        return _london(cell).replace(tzinfo=None), Kind.DATETIME.number_format
    if isinstance(cell, datetime.date):
        return cell, Kind.DATE.number_format
    if _is_number(cell):
        if kind is Kind.PERCENT:
            return Decimal(cell) / 100, kind.number_format
        return cell, None if kind is Kind.TEXT else kind.number_format
    return _safe(cell), None


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table; sheet names are cut to Excel's 31 characters and kept unique."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        name = "".join(c for c in table.title if c not in "[]:*?/\\")[:31] or "Table"
        base, n = name, 2
        while name in used:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name)
        sheet = book.create_sheet(name)
        columns = table.columns
        sheet.append(table.header_names)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for number, row in enumerate(table.rows, start=2):
            for place, (value, column) in enumerate(zip(row, columns, strict=True), start=1):
                stored, number_format = _xlsx_value(value, column.kind)
                written = sheet.cell(row=number, column=place, value=stored)
                if number_format:
                    written.number_format = number_format
    if note := disclosure_note(row for table in tables for row in table.rows):
        # A spreadsheet read away from the page still says what the marker means.
        book.create_sheet("Notes").append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_download(*, tables: Sequence[Table], export_format: str, filename: str, table: str = "") -> HttpResponse:
    """CSV carries one table (chosen by its slug, else the first); XLSX carries them all.

    Callers check `export_format in FORMATS` first, so an unknown format shows the page instead.
    """
    if export_format == "xlsx":
        response = HttpResponse(tables_xlsx(tables), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    chosen = next((t for t in tables if t.slug == table), tables[0])
    response = HttpResponse(table_csv(chosen), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{chosen.slug}.csv"'
    return response
