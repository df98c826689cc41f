"""What openpyxl reads back from a table's XLSX sheet, worked out from the table's own rows and column kinds."""

import datetime
from decimal import Decimal

from servicefirst.core.exports import Kind, Table


def _read_back(cell, kind: Kind):
    if cell == "":
        return None
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return cell
    if isinstance(cell, datetime.datetime):
        return cell.replace(tzinfo=None)
    if isinstance(cell, datetime.date):
        return datetime.datetime.combine(cell, datetime.time.min)
    value = float(Decimal(cell) / 100) if kind is Kind.PERCENT else cell
    return round(float(value), 9) if isinstance(value, float | Decimal) else value


def sheet_expected(table: Table) -> list[list]:
    kinds = [column.kind for column in table.columns]
    return [table.header_names, *[[_read_back(c, k) for c, k in zip(row, kinds, strict=True)] for row in table.rows]]


def sheet_values(sheet) -> list[list]:
    return [[round(v, 9) if isinstance(v, float) else v for v in row] for row in sheet.iter_rows(values_only=True)]
