"""Report downloads: the same rows as the page, and a resident's text never runs as a formula."""

import csv
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
