"""Report tables as CSV or XLSX downloads, so every table a report shows can be taken away as it stands.

A report builds `Table`s once; the page renders them and `table_download` answers `?format=csv|xlsx`
with the same rows, so the download can never disagree with the screen.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from servicefirst.core.disclosure import disclosure_note

Cell = str | int | float | None

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel and LibreOffice treat a leading =, +, - or @ as a formula; a resident's free text must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    headers: Sequence[str]
    rows: list[Sequence[Cell]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.title)


def _safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    writer.writerows([_safe(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def rows_csv_stream(*, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """CSV a line at a time, for a download too long to build in memory (the audit log's)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


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
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(cell) for cell in row])
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
