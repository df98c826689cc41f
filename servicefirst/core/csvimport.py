"""Reading and checking CSV files for the imports, shared by the organisation and catalogue imports.

Files come from spreadsheets, so UTF-8 with a byte-order mark is accepted, cells are trimmed, blank rows are
skipped, and every problem is reported by line and column so a whole file can be fixed in one go.
"""

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import models

_PROBLEMS_SHOWN = 50


@dataclass(frozen=True)
class RowProblem:
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = [f"Line {self.line}"] if self.line else []
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class CsvImportError(Exception):
    """Nothing was imported; `problems` says what to fix."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__(self.summary())

    def summary(self) -> str:
        lines = [str(problem) for problem in self.problems[:_PROBLEMS_SHOWN]]
        if len(self.problems) > _PROBLEMS_SHOWN:
            lines.append(f"…and {len(self.problems) - _PROBLEMS_SHOWN} more problems")
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class CsvTable:
    columns: list[str]
    rows: list[CsvRow]


def csv_decode(*, data: bytes) -> io.StringIO:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = "The file is not UTF-8. In Excel, save it as 'CSV UTF-8 (Comma delimited)'"
        raise CsvImportError([RowProblem(line, "", message)]) from None
    return io.StringIO(text, newline="")


def csv_file_read(*, path: str | Path) -> io.StringIO:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CsvImportError([RowProblem(None, "", f"Cannot read {path}: {exc.strerror}")]) from None
    return csv_decode(data=data)


def csv_table(*, stream: TextIO) -> CsvTable:
    """Column names are trimmed and lower-cased; unnamed columns, such as a trailing comma's, are dropped."""
    reader = csv.reader(stream)
    records: list[tuple[int, list[str]]] = []
    try:
        line = 1
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CsvImportError([RowProblem(reader.line_num, "", f"The file is not valid CSV: {exc}")]) from None
    if not records:
        raise CsvImportError([RowProblem(None, "", "The file is empty")])
    header = [name.lstrip("\ufeff").strip().lower() for name in records[0][1]]
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise CsvImportError([RowProblem(1, name, "This column appears more than once") for name in duplicates])
    columns = [name for name in header if name]
    problems = []
    rows = []
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(header) :]):
            problems.append(RowProblem(line, "", f"The row has more values than the {len(header)} columns named"))
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name}
        rows.append(CsvRow(line, values))
    if problems:
        raise CsvImportError(problems)
    return CsvTable(columns, rows)


def csv_columns_check(*, table: CsvTable, columns: Collection[str]) -> None:
    """Every column must be there, and no others, so a misspelt heading cannot silently blank a field."""
    problems = [RowProblem(1, name, "This column is missing") for name in columns if name not in table.columns]
    problems += [
        RowProblem(1, name, f"This column is not recognised. The columns are: {', '.join(columns)}")
        for name in table.columns
        if name not in columns
    ]
    if problems:
        raise CsvImportError(problems)


def csv_rows(*, stream: TextIO, columns: Collection[str]) -> list[CsvRow]:
    table = csv_table(stream=stream)
    csv_columns_check(table=table, columns=columns)
    return table.rows


@dataclass
class RowCheck:
    """Collects the problems in one row while its values are parsed."""

    row: CsvRow
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, column: str, message: str) -> None:
        self.problems.append(RowProblem(self.row.line, column, message))

    def has_problem(self, column: str) -> bool:
        return any(problem.column == column for problem in self.problems)

    def value(self, column: str, parse: Callable[[str], Any] | None = None, *, required: bool = False) -> Any:
        """The parsed cell; a blank cell gives "" (or None with a parser) and a problem if it is required."""
        raw = self.row[column]
        if not raw:
            if required:
                self.add(column, "Enter a value")
            return None if parse else ""
        if parse is None:
            return raw
        try:
            return parse(raw)
        except ValidationError as exc:
            for message in exc.messages:
                self.add(column, message)
            return None

    def once(self, column: str, key: object, seen: dict[object, int]) -> None:
        if key in seen:
            self.add(column, f"This is also on line {seen[key]}; each may appear only once")
        else:
            seen[key] = self.row.line

    def validate(self, validator: Callable[[], None], *, columns: Mapping[str, str]) -> None:
        """Runs a model's validation and reports each message against the column that holds the field."""
        try:
            validator()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = "" if name == NON_FIELD_ERRORS else columns.get(name, name)
                for message in messages:
                    self.add(column, message)

    def model_check(self, instance: models.Model, *, columns: Mapping[str, str]) -> None:
        self.validate(instance.full_clean, columns=columns)


@dataclass
class Upsert:
    """One row's record, with its values before and after the row so unchanged rows are not saved."""

    instance: models.Model
    before: tuple | None
    after: tuple
    save_related: Callable[[], None] | None = None


def upserts_save(upserts: list[Upsert]) -> ImportResult:
    created = updated = unchanged = 0
    for upsert in upserts:
        if upsert.before == upsert.after:
            unchanged += 1
            continue
        upsert.instance.save()
        if upsert.save_related is not None:
            upsert.save_related()
        if upsert.before is None:
            created += 1
        else:
            updated += 1
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


def snapshot(instance: models.Model, fields: tuple[str, ...]) -> tuple:
    return tuple(getattr(instance, name) for name in fields)


def pks(records: Iterable[models.Model]) -> tuple[int, ...]:
    return tuple(sorted(record.pk for record in records))


def csv_problems_raise(checks: Iterable[RowCheck]) -> None:
    problems = [problem for check in checks for problem in check.problems]
    if problems:
        raise CsvImportError(problems)


_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def bool_parse(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in _TRUE | _FALSE:
        return lowered in _TRUE
    raise ValidationError("Enter yes or no")


def int_parser(*, minimum: int = 0, maximum: int | None = None) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not re.fullmatch(r"[0-9]+", raw):
            raise ValidationError("Enter a whole number, like 20")
        value = int(raw)
        if value < minimum or (maximum is not None and value > maximum):
            limit = f"between {minimum} and {maximum}" if maximum is not None else f"{minimum} or more"
            raise ValidationError(f"Enter a number {limit}")
        return value

    return parse


def percent_parse(raw: str) -> Decimal:
    try:
        value = Decimal(raw.removesuffix("%").strip())
    except InvalidOperation:
        raise ValidationError("Enter a percentage, like 95 or 87.5") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise ValidationError("Enter a percentage between 0 and 100")
    return value


def date_parse(raw: str) -> date:
    """Accepts 2026-12-24 and the 24/12/2026 that spreadsheets in the UK produce."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValidationError("Enter a real date, like 2026-12-24 or 24/12/2026")


def slug_parse(raw: str) -> str:
    validate_slug(raw)
    return raw


def email_parse(raw: str) -> str:
    validate_email(raw)
    return raw.lower()


def list_parse(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(";") if part.strip()]
