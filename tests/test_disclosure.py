"""Small numbers: a councillor's table never shows a count below the threshold, nor one that can be worked back
from a total; managers who may see the records behind a figure see it exactly."""

import csv
import datetime
import io
import re
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from servicefirst.accounts.roles import Role
from servicefirst.core.disclosure import EXACT, SUPPRESSED, Disclosure
from tests.factories import ClientServiceFactory, CouncilServiceFactory, SiteFactory, UserFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_contacts import avoidable_reason, log_contact
from tests.factories_satisfaction import answer

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)
FIVE = Disclosure(threshold=5)
# Columns whose figures are not counts of people: shares, changes, times, rates, money.
NOT_COUNTS = ("%", "change", "second", "minute", "m:ss", "rate", "amount", "£", "interval")
INTEGER = re.compile(r"^-?\d[\d,]*$")


# --- The rule itself, on plain numbers -------------------------------------------------------------------------


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown():
    assert [FIVE.count(n) for n in (0, 1, 4, 5, 120)] == [0, SUPPRESSED, SUPPRESSED, 5, 120]


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it_so_the_total_gives_neither_back():
    shown = FIVE.series([40, 3, 0, 9, 12], total=64)
    assert shown == [40, SUPPRESSED, 0, SUPPRESSED, 12]
    visible = sum(c for c in shown if c != SUPPRESSED)
    # What the total leaves is the sum of two hidden cells, not one of them.
    assert 64 - visible == 3 + 9


def test_without_a_shown_total_only_the_small_cells_are_hidden():
    assert FIVE.series([40, 3, 9], total=None) == [40, SUPPRESSED, 9]


def test_a_small_total_hides_every_cell_that_is_not_zero():
    assert FIVE.series([3, 0, 1], total=4) == [SUPPRESSED, 0, SUPPRESSED]


def test_a_part_is_hidden_when_what_is_left_of_its_whole_is_small():
    assert FIVE.hides_part(98, 100)  # two were not
    assert FIVE.hides_part(2, 100)
    assert not FIVE.hides_part(50, 100)
    assert not FIVE.hides_part(0, 100)


def test_rows_hide_whole_and_in_twos():
    hidden = FIVE.hidden_rows([[30, 20, 10], [8, 6, 2], [12, 7, 5]])
    assert hidden == {1, 2}


def test_exact_figures_hide_nothing():
    assert EXACT.series([1, 2, 3], total=6) == [1, 2, 3]
    assert EXACT.hidden_rows([[1, 1]]) == set()


# --- Every report a councillor can open -------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Each <table> on a page as its header row and body rows of cell text."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return [t for t in parser.tables if t]


def small_counts(table: list[list], threshold: int = 5) -> list:
    """Each count in a table, headers first, from 1 to below the threshold: there must be none."""
    headers, *rows = table
    found = []
    for row in rows:
        for heading, cell in zip(headers[1:], row[1:], strict=False):
            if any(word in str(heading).lower() for word in NOT_COUNTS) or isinstance(cell, float):
                continue
            text = str(cell).split(" (")[0]
            if INTEGER.match(text) and 0 < int(text.replace(",", "")) < threshold:
                found.append((heading, row[0], cell))
    return found


def lone_hidden(table: list[list]) -> list:
    """Columns of a table with a shown total (its last row) holding exactly one hidden cell above it."""
    headers, *rows = table
    if len(rows) < 2:
        return []
    *cells, total = rows
    found = []
    for index, heading in enumerate(headers[1:], start=1):
        column = [row[index] for row in cells if index < len(row)]
        if total[index] != SUPPRESSED and column.count(SUPPRESSED) == 1:
            found.append((heading, column))
    return found


def downloads(client, url: str, params: dict, html: str) -> list[list[list]]:
    """Every CSV the page links to, and every sheet of its XLSX."""
    tables = []
    for slug in sorted(set(re.findall(r"format=csv&amp;table=([-a-z0-9]+)", html))):
        response = client.get(url, {**params, "format": "csv", "table": slug})
        assert response.status_code == 200
        tables.append(list(csv.reader(io.StringIO(response.content.decode()))))
    if "format=xlsx" not in html:
        return tables
    response = client.get(url, {**params, "format": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    tables += [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book if sheet.title != "Notes"]
    return tables


@pytest.fixture
def few(db, time_machine):
    """A quiet fortnight: a handful of contacts, answers and complaints, so most figures are small."""
    time_machine.move_to(NOW, tick=False)
    waste = ClientServiceFactory(name="Refuse and recycling", code="refuse-few")
    parking = ClientServiceFactory(name="Parking enforcement", code="parking-few")
    bins = CouncilServiceFactory(name="Missed bins", client_service=waste)
    permits = CouncilServiceFactory(name="Parking permits", client_service=parking)
    apex = SiteFactory(name="Apex House", code="apex-few")
    officer = UserFactory(role=Role.OFFICER)
    customer = make_customer(actor=officer, first_name="Ada", last_name="Small")
    day = NOW - datetime.timedelta(days=2)

    def contact(hour, **fields):
        start = day.replace(hour=hour)
        return log_contact(officer, started_at=start, ended_at=start + datetime.timedelta(minutes=6), **fields)

    phoned = [contact(9 + n % 6, council_service_id=bins.pk) for n in range(9)]
    contact(10, channel="email", council_service_id=permits.pk, customer_id=customer.pk)
    contact(11, channel="face_to_face", site_id=apex.pk, council_service_id=bins.pk, customer_id=customer.pk)
    contact(11, channel="face_to_face", site_id=apex.pk, council_service_id=permits.pk)
    contact(12, outcome="failed")
    contact(14, council_service_id=bins.pk, is_avoidable=True, avoidable_reason_id=avoidable_reason().pk)
    for made, rating in zip(phoned, (5, 5, 5, 5, 5, 4, 2), strict=False):
        answer(made, rating)
    make_complaint(council_service=bins.pk, received_at=day)
    make_complaint(council_service=permits.pk, received_at=day)
    return {"waste": waste}


def councillor_reports(few) -> list[tuple[str, dict]]:
    month = NOW.strftime("%Y-%m")
    return [
        (reverse("performance:dashboard"), {}),
        (reverse("performance:statement", kwargs={"code": few["waste"].code, "month": month}), {}),
        (reverse("complaints_reports:index"), {}),
        (reverse("complaints_reports:annual"), {}),
        (reverse("contacts:contacts_report"), {}),
        (reverse("contacts:actions_report"), {}),
        (reverse("contacts:referrals_report"), {}),
        (reverse("satisfaction:results"), {}),
        (reverse("core:home"), {}),
    ]


def test_a_councillor_table_never_shows_a_cell_below_the_threshold(few, staff, client_for):
    councillor = client_for(staff[Role.COUNCILLOR])
    hidden_somewhere = 0
    for url, params in councillor_reports(few):
        response = councillor.get(url, params)
        assert response.status_code == 200, url
        html = response.content.decode()
        hidden_somewhere += html.count(SUPPRESSED)
        for table in [*page_tables(html), *downloads(councillor, url, params, html)]:
            assert small_counts(table) == [], (url, table[0])
        if SUPPRESSED in html:
            assert "Fewer than 5: not shown, so that no one can be identified" in html, url
    # The data was built small: the rule had work to do.
    assert hidden_somewhere > 20


def test_no_hidden_count_comes_back_from_a_total(few, staff, client_for):
    councillor = client_for(staff[Role.COUNCILLOR])
    url = reverse("performance:statement", kwargs={"code": few["waste"].code, "month": NOW.strftime("%Y-%m")})
    for address in (url, reverse("complaints_reports:index")):
        html = councillor.get(address).content.decode()
        for table in [*page_tables(html), *downloads(councillor, address, {}, html)]:
            if table and table[-1] and str(table[-1][0]).startswith(("Total", "All ")):
                assert lone_hidden(table) == [], (address, table)
    # The dashboard's charts add up to its headline count of contacts, which is shown.
    report = councillor.get(reverse("performance:dashboard")).context["report"]
    assert report.headlines[0].part == 14
    for chart in report.charts:
        counts = [bar.count for bar in chart.bars]
        assert counts.count(SUPPRESSED) != 1, chart.table.title
        hidden_sum = 14 - sum(c for c in counts if c != SUPPRESSED)
        assert hidden_sum == 0 or hidden_sum >= 5 or counts.count(SUPPRESSED) >= 2, chart.table.title


def test_figures_worked_from_a_hidden_count_are_hidden_with_it(few, staff, client_for):
    report = client_for(staff[Role.COUNCILLOR]).get(reverse("performance:dashboard")).context["report"]
    times = next(f for f in report.figure_tables if f.definition == "transaction-time-by-channel")
    email = next(row for row in times.table.rows if row[0] == "Email")
    assert email[1:] == [SUPPRESSED] * 4
    figures = {h.definition: h for h in report.headlines}
    # 1 failed contact of 14: the resolvable base would give it back, so it is hidden, and its share with it.
    assert figures["first-contact-resolution"].whole == SUPPRESSED
    assert figures["first-contact-resolution"].value == SUPPRESSED
    assert figures["complaints-received"].value == SUPPRESSED


def test_the_published_complaints_report_hides_small_counts_even_from_the_head_of_service(few, staff, client_for):
    head = client_for(staff[Role.HEAD_OF_SERVICE])
    page = head.get(reverse("complaints_reports:annual")).content.decode()
    for table in page_tables(page):
        assert small_counts(table) == []
    assert SUPPRESSED in page


@pytest.mark.parametrize("role", [Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.ADMINISTRATOR])
def test_a_manager_sees_exact_figures_on_the_operational_reports(few, staff, client_for, role):
    client = client_for(staff[role])
    report = client.get(reverse("performance:dashboard")).context["report"]
    figures = {h.definition: h for h in report.headlines}
    assert (figures["first-contact-resolution"].part, figures["first-contact-resolution"].whole) == (13, 13)
    assert figures["complaints-received"].value == "2"
    by_channel = {bar.label: bar.count for bar in report.charts[0].bars}
    assert by_channel["Email"] == 1
    html = client.get(reverse("complaints_reports:index")).content.decode()
    assert SUPPRESSED not in html
    assert "Fewer than 5" not in html
