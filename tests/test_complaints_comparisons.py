"""A change in the complaints reports is given as a percentage only where it means something (issue 22): on an
earlier count of at least CHANGE_PERCENT_MIN_BASE, and against a period the records cover in full. A history that
begins two years back had the headline read "+1687.5%" on an earlier year that held a handful of complaints."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.complaints.report_tables import NO_FIGURE, comparison_note, headline, report_tables
from servicefirst.complaints.reports import FINANCIAL, complaints_report, period_year
from servicefirst.core.disclosure import EXACT
from tests.factories import UserFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_complaints_reports import at

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 5)


@pytest.fixture
def received(staff):
    """`received(n, on)` records n corporate complaints received on the day `on`."""
    officer = UserFactory(role=Role.OFFICER)
    customer = make_customer(actor=officer, first_name="Ada", last_name="Brown")

    def make(count: int, on: datetime.datetime) -> None:
        for _ in range(count):
            make_complaint(actor=officer, customer=customer, received_at=on)

    return make


def report_of(year: int):
    return complaints_report(period=period_year(year=year, basis=FINANCIAL, today=TODAY), today=TODAY)


def headline_of(report) -> dict[str, str]:
    return dict(headline(report, disclosure=EXACT))


def test_no_percentage_on_an_earlier_count_below_the_base(received, settings):
    settings.CHANGE_PERCENT_MIN_BASE = 10
    received(9, at(2025, 5, 1))
    received(40, at(2026, 5, 1))
    # The records begin in April 2024, before both years compared.
    received(1, at(2024, 4, 1))
    report = report_of(2026)
    assert (report.received.current, report.received.previous) == (40, 9)
    assert report.received.change == 31
    assert report.received.change_percent is None
    assert headline_of(report)["Change"] == f"+31 ({NO_FIGURE})"
    assert "only where the earlier count is 10 or more" in comparison_note(report)


def test_a_percentage_from_the_base_up_and_the_base_is_the_councils_to_set(received, settings):
    received(10, at(2025, 5, 1))
    received(15, at(2026, 5, 1))
    received(1, at(2024, 4, 1))
    settings.CHANGE_PERCENT_MIN_BASE = 10
    assert report_of(2026).received.change_percent == 50.0
    settings.CHANGE_PERCENT_MIN_BASE = 11
    assert report_of(2026).received.change_percent is None


def test_no_percentage_against_a_year_the_records_begin_in(received, settings):
    settings.CHANGE_PERCENT_MIN_BASE = 1
    # As in the demo: the history begins in December 2024, part way through 2024/25.
    received(16, at(2024, 12, 6))
    received(40, at(2025, 6, 1))
    received(50, at(2026, 6, 1))
    report = report_of(2025)
    figures = headline_of(report)
    # 2025/26 set against 2024/25, which the records cover only from December: no percentage, in the headline or
    # in any table; the counts and the change in numbers stay.
    assert report.received.change_percent is None
    assert figures["Change"] == f"+24 ({NO_FIGURE})"
    assert figures["Change in 2024/25 on the year before"] == NO_FIGURE
    rows = [*report.by_council_service, *report.by_client_service, *report.by_stage, *report.by_month]
    assert rows and all(row.change_percent is None for row in rows)
    changes = [row[-1] for table in report_tables(report, disclosure=EXACT) for row in table.rows if len(row) == 5]
    assert changes and set(changes) == {NO_FIGURE}
    assert "The records begin on 6 December 2024, so 2024/25 is not counted in full" in comparison_note(report)
    # 2026/27 against 2025/26, which they cover: the change has its percentage; the year before it does not.
    later = report_of(2026)
    assert later.received.change_percent == 25.0
    assert headline_of(later)["Change in 2025/26 to 5 December on the year before"] == NO_FIGURE
    assert "the year before 2025/26 to 5 December is not counted in full" in comparison_note(later)


@time_machine.travel(datetime.datetime(2026, 12, 5, 12, tzinfo=datetime.UTC), tick=False)
def test_the_report_page_and_the_printable_report_say_why_a_change_has_no_percentage(received, staff, client_for):
    received(3, at(2024, 12, 6))
    received(8, at(2025, 6, 1))
    client = client_for(staff[Role.HEAD_OF_SERVICE])
    for url in (reverse("complaints_reports:index"), reverse("complaints_reports:annual")):
        page = client.get(url, {"basis": FINANCIAL, "year": "2025"}).content.decode()
        assert "+166.7%" not in page
        assert "only where the earlier count is 10 or more" in page
        assert "The records begin on 6 December 2024" in page
