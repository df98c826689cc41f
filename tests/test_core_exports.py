"""Report downloads: the same rows as the page, and a resident's text never runs as a formula."""

import csv
import datetime
import io

from openpyxl import load_workbook

from servicefirst.core.exports import Table, table_csv, table_download, tables_xlsx


def test_csv_has_headers_then_rows_and_neutralises_formulas():
    table = Table("Complaints by service", ["Service", "Count"], [["Waste", 3], ["=HYPERLINK(1)", 1]])
    rows = list(csv.reader(io.StringIO(table_csv(table))))
    assert rows == [["Service", "Count"], ["Waste", "3"], ["'=HYPERLINK(1)", "1"]]


def test_xlsx_has_one_sheet_per_table_with_unique_short_names():
    long = "A table title that is much longer than Excel allows"
    tables = [Table(long, ["A"], [[1]]), Table(long, ["A"], [[2]]), Table("Sites", ["Site", "%"], [["Hornsey", 87.1]])]
    book = load_workbook(io.BytesIO(tables_xlsx(tables)))
    assert len(book.sheetnames) == 3
    assert len(set(book.sheetnames)) == 3
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert [[c.value for c in row] for row in book["Sites"].iter_rows()] == [["Site", "%"], ["Hornsey", 87.1]]


def test_download_picks_the_named_csv_table_and_names_the_file():
    tables = [Table("By month", ["Month"], [["Jan"]]), Table("By site", ["Site"], [["Wood Green"]])]
    response = table_download(tables=tables, export_format="csv", filename="satisfaction", table="by-site")
    assert response["Content-Disposition"] == 'attachment; filename="satisfaction-by-site.csv"'
    assert response.content.decode() == "Site\r\nWood Green\r\n"
    xlsx = table_download(tables=tables, export_format="xlsx", filename="satisfaction")
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["By month", "By site"]


def test_xlsx_cells_are_native_numbers_and_dates_with_their_formats(settings):
    from decimal import Decimal

    from django.utils import timezone

    from servicefirst.core.exports import Column, Kind

    settings.TIME_ZONE = "Europe/London"
    moment = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)  # 10:30 in London (BST)
    table = Table(
        "Recharge",
        [
            "Channel",
            Column("Contacts", Kind.COUNT),
            Column("Minutes", Kind.MINUTES, unit=""),
            Column("Amount", Kind.MONEY),
            Column("Within SLA", Kind.PERCENT),
            Column("From", Kind.DATE),
            Column("Logged", Kind.DATETIME),
        ],
        [
            ["Phone", 12, Decimal("30.25"), Decimal("33.96"), 45.2, datetime.date(2026, 3, 1), moment],
            ["Email", "[c]", *[None] * 5],
        ],
    )
    with timezone.override("Europe/London"):
        sheet = load_workbook(io.BytesIO(tables_xlsx([table])))["Recharge"]
        rows = list(csv.reader(io.StringIO(table_csv(table))))
    contacts, minutes, amount, share, day, logged = sheet[2][1:]
    assert all(cell.data_type == "n" for cell in (contacts, minutes, amount, share))
    assert (contacts.value, minutes.value, amount.value) == (12, 30.25, 33.96)
    assert share.value == 0.452 and share.number_format == "0.0%"
    assert amount.number_format == '"£"#,##0.00'
    assert isinstance(day.value, datetime.datetime) and day.value.date() == datetime.date(2026, 3, 1)
    assert day.is_date and logged.is_date
    assert logged.value == datetime.datetime(2026, 7, 1, 10, 30)
    # The marker for a hidden figure stays text in a numeric column.
    assert sheet["B3"].value == "[c]" and sheet["B3"].data_type == "s"
    assert rows[0] == ["Channel", "Contacts", "Minutes", "Amount (£)", "Within SLA (%)", "From", "Logged"]
    assert rows[1] == ["Phone", "12", "30.25", "33.96", "45.2", "2026-03-01", "2026-07-01T10:30:00+01:00"]
