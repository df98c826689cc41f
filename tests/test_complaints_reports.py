"""The complaints reports: every figure set against one worked out here by hand from the test's own rows, the
statutory exclusion, who may read them, downloads that carry the page's rows, the PDF and bad filter input."""

import csv
import datetime
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from servicefirst.accounts.roles import Role
from servicefirst.complaints.forms_reports import ReportPeriodForm
from servicefirst.complaints.models import ComplaintStage, LearningAction, Outcome, Procedure
from servicefirst.complaints.report_tables import NO_FIGURE, report_tables
from servicefirst.complaints.reports import (
    CALENDAR,
    FINANCIAL,
    NO_SERVICE,
    NO_THEME,
    complaints_report,
    corporate_open_now,
    period_dates,
    period_year,
)
from servicefirst.core.disclosure import EXACT
from tests.exports_readback import sheet_expected, sheet_values
from tests.factories_complaints import make_complaint
from tests.factories_complaints_reports import (
    CUSTOMER_NAME,
    HANDLER_NAMES,
    RECORDER_NAME,
    at,
    complaints_two_years,
    statutory_complaint,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
FY25 = (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
FY24 = (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
FY23 = (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))
URL = "/staff/complaints/reports/"
YEAR_2025 = {"basis": FINANCIAL, "year": "2025"}


@pytest.fixture(autouse=True)
def percent_on_any_base(settings):
    # The rows here are few and worked by hand, so each percentage's arithmetic is checked on bases from 1 up;
    # tests/test_complaints_comparisons.py checks the base a percentage needs and the periods it compares.
    settings.CHANGE_PERCENT_MIN_BASE = 1


@pytest.fixture
def data(staff):
    return complaints_two_years()


@pytest.fixture
def report(data):
    return complaints_report(period=period_year(year=2025, basis=FINANCIAL, today=TODAY), today=TODAY)


def day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def within(moment, span) -> bool:
    if moment is None:
        return False
    value = day(moment) if isinstance(moment, datetime.datetime) else moment
    return span[0] <= value <= span[1]


def pairs(rows) -> dict:
    """Report rows as {label: (this year, last year)}, the total row left out."""
    return {r.label: (r.current, r.previous) for r in rows if not r.label.startswith("All ")}


def counted(items, key, spans=(FY25, FY24), when=lambda c: c.received_at) -> dict:
    result: dict = {}
    for index, span in enumerate(spans):
        for label, n in Counter(key(i) for i in items if within(when(i), span)).items():
            result.setdefault(label, [0, 0])[index] = n
    return {label: tuple(n) for label, n in result.items()}


def stages_of(data) -> list[ComplaintStage]:
    return list(ComplaintStage.objects.filter(complaint__in=data.corporate).select_related("complaint"))


def test_received_this_year_against_last_and_the_change_the_year_before(data, report):
    this_year = sum(within(c.received_at, FY25) for c in data.corporate)
    last_year = sum(within(c.received_at, FY24) for c in data.corporate)
    year_before = sum(within(c.received_at, FY23) for c in data.corporate)
    assert (this_year, last_year, year_before) == (6, 4, 1)
    assert (report.received.current, report.received.previous) == (this_year, last_year)
    assert report.received.change == this_year - last_year
    assert report.received.change_percent == round(100 * (this_year - last_year) / last_year, 1) == 50.0
    assert report.change_year_before == round(100 * (last_year - year_before) / year_before, 1) == 300.0


def test_a_complaint_late_on_31_march_by_utc_is_counted_in_april_by_london_time(data, report):
    edge = next(
        c for c in data.corporate if c.received_at == datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC)
    )
    assert day(edge.received_at) == datetime.date(2025, 4, 1)
    april = next(r for r in report.by_month if r.label == "April 2025")
    assert april.current == sum(day(c.received_at).strftime("%Y-%m") == "2025-04" for c in data.corporate) == 2


def test_by_council_service_client_service_and_directorate(data, report):
    def council(c):
        return c.council_service.name if c.council_service else NO_SERVICE

    def client(c):
        return c.client_service.name if c.client_service else NO_SERVICE

    def directorate(c):
        return c.client_service.directorate.name if c.client_service else NO_SERVICE

    assert pairs(report.by_council_service) == counted(data.corporate, council)
    assert pairs(report.by_council_service)["Refuse collection"] == (4, 2)
    assert pairs(report.by_client_service) == counted(data.corporate, client)
    assert pairs(report.by_directorate) == counted(data.corporate, directorate)
    assert {r.label: r.detail for r in report.by_client_service}["Parking enforcement"] == "Resources"
    for rows in (report.by_council_service, report.by_client_service, report.by_directorate):
        total = rows[-1]
        assert (total.current, total.previous) == (report.received.current, report.received.previous)


def test_by_stage_including_ombudsman_referrals(data, report):
    stages = stages_of(data)
    expected = {f"Stage {n}": v for n, v in counted(stages, lambda s: s.stage, when=lambda s: s.opened_at).items()}
    expected["Referred to the Ombudsman"] = tuple(
        sum(within(c.ombudsman_referred_on, span) for c in data.corporate) for span in (FY25, FY24)
    )
    assert (
        pairs(report.by_stage)
        == expected
        == {
            "Stage 1": (6, 4),
            "Stage 2": (1, 0),
            "Referred to the Ombudsman": (1, 0),
        }
    )
    ombudsman = report.by_stage[-1]
    assert ombudsman.change_percent is None


def test_by_outcome_of_responses_sent_in_the_year(data, report):
    answered = counted(
        [s for s in stages_of(data) if s.responded_at],
        lambda s: (f"Stage {s.stage}", Outcome(s.outcome).label),
        when=lambda s: s.responded_at,
    )
    shown = {(r.detail, r.label): (r.current, r.previous) for r in report.by_outcome}
    assert {k: v for k, v in shown.items() if v != (0, 0)} == answered
    assert shown[("Stage 1", "Not upheld")] == (2, 0)
    assert shown[("Stage 1", "Upheld")] == (1, 1)
    assert len(shown) == 6


def test_by_month_with_the_same_month_a_year_earlier(data, report):
    months = Counter(day(c.received_at).replace(day=1) for c in data.corporate)
    assert next(r.label for r in report.by_month) == "April 2025"
    assert len(report.by_month) == 12
    for row in report.by_month:
        month = datetime.datetime.strptime(row.label, "%B %Y").date()
        assert (row.current, row.previous) == (months[month], months[month.replace(year=month.year - 1)])
    january = next(r for r in report.by_month if r.label == "January 2026")
    assert (january.current, january.previous, january.change, january.change_percent) == (3, 2, 1, 50.0)


def test_timeliness_per_stage(data, report):
    opened = [s for s in stages_of(data) if within(s.opened_at, FY25)]
    for row in report.timeliness:
        mine = [s for s in opened if s.stage == row.stage]
        acknowledged = [s for s in mine if s.acknowledged_at and s.acknowledge_due]
        ack_on_time = [s for s in acknowledged if day(s.acknowledged_at) <= s.acknowledge_due]
        responded = [s for s in mine if s.responded_at]
        on_time = [s for s in responded if day(s.responded_at) <= (s.extended_to or s.respond_due)]
        still_open = [s for s in mine if not s.responded_at and s.complaint.status in ("received", "investigating")]
        assert row.opened == len(mine)
        assert (row.acknowledged, row.acknowledged_on_time) == (len(acknowledged), len(ack_on_time))
        assert (row.responded, row.responded_on_time) == (len(responded), len(on_time))
        assert row.extended == sum(s.extended_to is not None for s in mine)
        assert row.still_open == len(still_open)
        assert row.overdue == sum(s.complaint.due_on < TODAY for s in still_open)
    first = report.timeliness[0]
    assert (first.opened, first.acknowledged, first.acknowledged_on_time) == (6, 5, 4)
    assert first.acknowledged_on_time_percent == 80.0
    assert (first.responded, first.responded_on_time, first.responded_on_time_percent) == (4, 3, 75.0)
    assert (first.extended, first.still_open, first.overdue) == (1, 2, 2)
    assert [r.stage for r in report.timeliness] == [1, 2]


def test_top_themes_ombudsman_remedies_learning_and_feedback(data, report):
    received = [c for c in data.corporate if within(c.received_at, FY25)]
    themes = Counter(c.theme.label if c.theme else NO_THEME for c in received)
    assert {s.label: (s.count, s.percent) for s in report.themes} == {
        label: (n, round(100 * n / len(received), 1)) for label, n in themes.items()
    }
    assert report.themes[0].label == "Missed or late collection"
    assert report.themes[0].percent == 66.7

    assert [(s.label, s.count) for s in report.ombudsman_referrals] == [
        ("Local Government and Social Care Ombudsman", 1),
        ("Housing Ombudsman (landlord matters)", 0),
    ]
    assert {s.label: s.count for s in report.ombudsman_decisions}["Not upheld: no fault"] == 1
    assert sum(s.count for s in report.ombudsman_decisions) == 1

    remedies = {r.label: (r.count, r.amount) for r in report.remedies}
    assert remedies["Apology"] == (1, None)
    assert remedies["Financial remedy"] == (2, Decimal("75.50"))
    assert remedies["All remedies"] == (3, Decimal("75.50"))

    actions = [a for a in LearningAction.objects.filter(complaint__in=data.corporate) if within(a.created_at, FY25)]
    learning = report.learning
    assert learning.agreed == len(actions) == 2
    assert learning.done == sum(a.done_at is not None for a in actions) == 1
    assert learning.done_by_due_date == sum(a.done_at is not None and day(a.done_at) <= a.due_on for a in actions)
    assert learning.overdue == sum(a.done_at is None and a.due_on < TODAY for a in actions) == 1
    assert learning.not_yet_due == 0

    compliments, comments = report.feedback
    assert (compliments.current, compliments.previous, compliments.change_percent) == (2, 1, 100.0)
    assert (comments.current, comments.previous, comments.change_percent) == (1, 0, None)


def test_a_calendar_year_and_a_range_of_dates(data):
    calendar = complaints_report(period=period_year(year=2025, basis=CALENDAR, today=TODAY), today=TODAY)
    jan_dec = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    before = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert (calendar.received.current, calendar.received.previous) == (
        sum(within(c.received_at, jan_dec) for c in data.corporate),
        sum(within(c.received_at, before) for c in data.corporate),
    )
    assert next(r.label for r in calendar.by_month) == "January 2025"

    quarter = complaints_report(
        period=period_dates(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)), today=TODAY
    )
    # The same quarter a year earlier stops at 31 March 2025 in London, so the late-night complaint is not in it.
    assert (quarter.received.current, quarter.received.previous) == (3, 2)
    assert len(quarter.by_month) == 3


def test_a_year_still_running_is_set_against_the_same_days_a_year_earlier(data):
    period = period_year(year=2026, basis=FINANCIAL, today=TODAY)
    assert (period.start, period.end) == (datetime.date(2026, 4, 1), TODAY)
    assert period.short_label == "2026/27 to 23 November"
    report = complaints_report(period=period, today=TODAY)
    assert (report.previous.start, report.previous.end) == (datetime.date(2025, 4, 1), datetime.date(2025, 11, 23))
    same_days = (datetime.date(2025, 4, 1), datetime.date(2025, 11, 23))
    assert report.received.previous == sum(within(c.received_at, same_days) for c in data.corporate) == 3
    assert report.received.current == 0
    assert len(report.by_month) == 8


def test_a_statutory_complaint_changes_no_corporate_figure(data, report):
    before = [t.rows for t in report_tables(report, disclosure=EXACT)]
    open_before = corporate_open_now(today=TODAY)
    assert (report.statutory.adults.current, report.statutory.children.current) == (0, 0)

    statutory_complaint(data, received=at(2025, 10, 1))
    statutory_complaint(data, received=at(2024, 10, 1))
    after = complaints_report(period=period_year(year=2025, basis=FINANCIAL, today=TODAY), today=TODAY)

    assert [t.rows for t in report_tables(after, disclosure=EXACT)] == before
    assert (after.received, after.change_year_before) == (report.received, report.change_year_before)
    assert corporate_open_now(today=TODAY) == open_before
    assert (after.statutory.adults.current, after.statutory.adults.previous) == (1, 1)


def test_the_dashboard_figure_of_corporate_complaints_open_and_overdue(data, client_for, staff):
    figures = corporate_open_now(today=TODAY)
    assert figures.open == sum(c.status != "closed" for c in data.corporate) == 10
    overdue = [c for c in data.corporate if c.status in ("received", "investigating") and c.due_on < TODAY]
    assert figures.overdue == len(overdue) == 6
    assert figures.received_this_month == 0

    make_complaint(actor=data.recorder, customer=data.customer)
    page = client_for(staff[Role.COUNCILLOR]).get(reverse("core:home")).content.decode()
    assert "Corporate complaints open" in page
    assert f"received in {timezone.localdate():%B %Y}" in page
    assert "Corporate complaints open" not in client_for(staff[Role.OFFICER]).get(reverse("core:home")).content.decode()


def test_a_councillor_reads_the_reports_and_the_pdf_without_any_name(data, client_for, staff):
    councillor = client_for(staff[Role.COUNCILLOR])
    names = [*CUSTOMER_NAME, *RECORDER_NAME, *(n for pair in HANDLER_NAMES for n in pair), "Waste manager"]
    for path in (URL, f"{URL}annual/"):
        response = councillor.get(path, YEAR_2025)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Complaints by council service" in page
        assert "Refuse collection" in page
        assert not [name for name in names if name in page], path
        assert "CMP-" not in page

    pdf = councillor.get(f"{URL}annual/pdf/", YEAR_2025)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="complaints-annual-report-2025-26.pdf"' in pdf["Content-Disposition"]


def test_the_printable_report_has_its_sections_headline_and_statutory_note(data, client_for, staff, settings):
    # The published report hides small counts (tests/test_disclosure.py); here every figure shows, to read them.
    settings.DISCLOSURE_THRESHOLD = 1
    statutory_complaint(data, received=at(2025, 10, 1))
    page = client_for(staff[Role.HEAD_OF_SERVICE]).get(f"{URL}annual/", YEAR_2025).content.decode()
    assert "Annual report of complaint handling, 2025/26" in page
    assert "Introduction" in page
    assert "Corporate complaints received, 2025/26" in page
    assert "+2 (+50.0%)" in page
    assert "Change in 2024/25 on the year before" in page
    assert "+300.0%" in page
    assert "in this period: adults' social care 1, children's social care 0" in page
    assert page.count('class="sf-report-section"') == 5
    # The print rules are in the one stylesheet (the CSP allows no inline style); the period form, links and
    # buttons above the report carry the marker they hide by.
    print_rules = Path(finders.find("app.css")).read_text()
    assert "@media print" in print_rules
    assert ".sf-no-print" in print_rules
    screen_part = page.split('<section class="sf-report-section"')[0]
    assert '<div class="sf-no-print">' in screen_part
    assert screen_part.index('<div class="sf-no-print">') < screen_part.index('<form method="get"')


@pytest.mark.parametrize("role", [Role.OFFICER, Role.COMPLAINTS_OFFICER, Role.CLIENT_SERVICE_OFFICER])
def test_staff_without_reports_view_are_refused(client_for, staff, role):
    client = client_for(staff[role])
    for path in (URL, f"{URL}annual/", f"{URL}annual/pdf/", f"{URL}?format=csv"):
        assert client.get(path).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_csv_and_xlsx_downloads_carry_the_rows_the_page_shows(data, report, client_for, staff, settings):
    settings.DISCLOSURE_THRESHOLD = 1
    client = client_for(staff[Role.COUNCILLOR])
    tables = report_tables(report, disclosure=EXACT)
    page = client.get(URL, YEAR_2025).content.decode()
    for table in tables:
        assert f"table={table.slug}" in page
        response = client.get(URL, {**YEAR_2025, "format": "csv", "table": table.slug})
        assert response["Content-Type"].startswith("text/csv")
        assert f'filename="complaints-2025-26-{table.slug}.csv"' in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == table.table.header_names
        assert rows[1:] == [["" if cell is None else str(cell) for cell in row] for row in table.rows]

    months = next(t for t in tables if t.title == "Complaints by month")
    assert ["January 2026", "3", "2", "1", "50.0"] in [[str(c) for c in row] for row in months.rows]
    feedback = next(t for t in tables if t.title == "Compliments and comments")
    assert feedback.rows[1][-1] == NO_FIGURE
    assert f">{NO_FIGURE}<" in page

    response = client.get(URL, {**YEAR_2025, "format": "xlsx"})
    assert 'filename="complaints-2025-26.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == len(tables)
    for sheet, table in zip(book.worksheets, tables, strict=True):
        assert sheet_values(sheet) == sheet_expected(table.table)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "twenty"}, "Enter the year as 4 digits"),
        ({"year": "1999"}, "Enter a year from 2000 to"),
        ({"year": "\uff12\uff10\uff12\uff15"}, "Enter the year as 4 digits"),
        ({"basis": "weekly"}, "Select financial year or calendar year"),
        ({"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"}, "From must be a real date"),
        ({"date_from_day": "1", "date_from_month": "1", "date_from_year": "2026"}, "Enter the last day of the period"),
        (
            {"date_from_day": "1", "date_from_month": "1", "date_from_year": "2024"}
            | {"date_to_day": "1", "date_to_month": "6", "date_to_year": "2025"},
            "The period must be a year or shorter",
        ),
        (
            {"date_from_day": "5", "date_from_month": "1", "date_from_year": "2026"}
            | {"date_to_day": "1", "date_to_month": "1", "date_to_year": "2026"},
            "The last day must be the same as or after the first day",
        ),
        ({"date_from_day": "x", "date_from_month": "1", "date_from_year": "2026"}, "From must be a real date"),
        (
            {"date_from_day": "1", "date_from_month": "1", "date_from_year": "1999"}
            | {"date_to_day": "1", "date_to_month": "6", "date_to_year": "1999"},
            "The first day must be in 2000 or later",
        ),
        ({"date_to_year": "9" * 30, "date_to_day": "1", "date_to_month": "1"}, "There is a problem"),
        ({"year": "9" * 30}, "Enter the year as 4 digits"),
    ],
)
def test_bad_filter_input_shows_the_error_summary_and_keeps_what_was_typed(client_for, staff, query, message):
    client = client_for(staff[Role.HEAD_OF_SERVICE])
    for path in (URL, f"{URL}annual/", f"{URL}annual/pdf/", URL + "?format=xlsx"):
        response = client.get(path, query)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert message in page
        assert "Error: " in page
    if "basis" not in query:
        typed = next(iter(query.values()))
        assert f'value="{typed}"' in client.get(URL, query).content.decode()


def test_a_financial_year_not_yet_started_is_refused():
    in_february = datetime.date(2027, 2, 1)
    form = ReportPeriodForm({"basis": FINANCIAL, "year": "2027"}, today=in_february)
    assert not form.is_valid()
    assert form.errors["year"] == ["The financial year 2027 to 2028 has not started yet"]
    calendar = ReportPeriodForm({"basis": CALENDAR, "year": "2027"}, today=in_february)
    assert calendar.is_valid()
    assert (calendar.period().start, calendar.period().end) == (datetime.date(2027, 1, 1), in_february)


def test_the_default_is_the_financial_year_to_date(client_for, staff):
    page = client_for(staff[Role.COUNCILLOR]).get(URL).content.decode()
    today = timezone.localdate()
    start = today.year if today.month >= 4 else today.year - 1
    assert f"{start}/{(start + 1) % 100:02d} to {today:%-d %B}" in page
    assert "govuk-error-summary" not in page


def test_statutory_counts_are_reported_apart(data, client_for, staff):
    statutory_complaint(data, received=at(2025, 10, 1))
    page = client_for(staff[Role.COUNCILLOR]).get(URL, YEAR_2025).content.decode()
    assert "reported separately" in page
    assert Procedure.ADULTS.value not in page
