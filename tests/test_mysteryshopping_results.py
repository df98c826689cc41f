"""The results pages' figures, worked out here by hand, and their CSV and XLSX downloads."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from servicefirst.accounts.roles import Role
from servicefirst.mysteryshopping.reports import months_back, site_results, standard_results
from servicefirst.mysteryshopping.services import mystery_shop_cancel
from tests.factories import SiteFactory
from tests.factories_mysteryshopping import manager, schedule_shop, score_shop, standards

pytestmark = pytest.mark.django_db

NAME, ACCURATE, POLITE = "Officer gave their name", "Accurate information given", "Polite and helpful"


@pytest.fixture
def shops():
    """Apex House: this month 100% and 1/6, last month 4/6. Brook Street: eleven months ago 3/4 (polite n/a)."""
    standards((NAME, 1, None), (ACCURATE, 3, None), (POLITE, 2, None))
    today = timezone.localdate()
    months = months_back(today=today)
    apex, brook = SiteFactory(name="Apex House"), SiteFactory(name="Brook Street")

    def done(site, day, answers):
        return score_shop(schedule_shop(site=site, scheduled_for=day), answers, done_on=day)

    done(apex, today, {})
    done(apex, today, {ACCURATE: "not_met", POLITE: "not_met"})
    done(apex, months[-2], {POLITE: "not_met"})
    done(brook, months[0], {NAME: "not_met", POLITE: "not_applicable"})
    # Outside the twelve months, still to be scored, and cancelled: none of these count.
    done(brook, months[0] - datetime.timedelta(days=1), {NAME: "not_met", ACCURATE: "not_met"})
    schedule_shop(site=brook, scheduled_for=today)
    mystery_shop_cancel(manager=manager(), shop_id=schedule_shop(site=apex, scheduled_for=today).pk)
    return months


def test_scores_by_site_and_month_are_the_mean_of_each_months_shops(shops):
    report = site_results()
    assert report.months == shops and len(shops) == 12
    apex, brook = report.rows
    assert apex.site == "Apex House"
    assert [c.average for c in apex.months] == [None] * 10 + [66.7, 58.3]
    assert [c.shops for c in apex.months] == [0] * 10 + [1, 2]
    # (100 + 16.67 + 66.67) / 3
    assert (apex.average, apex.shops, apex.change) == (61.1, 3, -8.4)
    assert [c.average for c in brook.months] == [75.0] + [None] * 11
    assert (brook.average, brook.shops, brook.change) == (75.0, 1, None)


def test_standards_not_met_most_come_first(shops):
    rows = [
        (r.standard, r.assessed, r.met, r.not_met, r.failure_rate, r.not_applicable) for r in standard_results().rows
    ]
    assert rows == [
        (POLITE, 3, 1, 2, 66.7, 1),
        (ACCURATE, 4, 3, 1, 25.0, 0),
        (NAME, 4, 3, 1, 25.0, 0),
    ]


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_each_results_table_downloads_as_csv_with_the_pages_rows(shops, staff, client_for):
    councillor = client_for(staff[Role.COUNCILLOR])
    url = reverse("mysteryshopping:results_sites")
    rows = _csv(councillor.get(url, {"format": "csv", "table": "average-score-by-site-and-month"}))
    labels = [m.strftime("%b %Y") for m in shops]
    assert rows[0] == ["Site", "12-month average", "Change (points)", *labels]
    assert rows[1] == ["Apex House", "61.1", "-8.4", *[""] * 10, "66.7", "58.3"]
    assert rows[2] == ["Brook Street", "75.0", "", "75.0", *[""] * 11]
    counts = _csv(councillor.get(url, {"format": "csv", "table": "shops-scored-by-site-and-month"}))
    assert counts[0] == ["Site", "Total", *labels]
    assert counts[1] == ["Apex House", "3", *["0"] * 10, "1", "2"]

    by_standard = _csv(councillor.get(reverse("mysteryshopping:results_standards"), {"format": "csv"}))
    assert by_standard == [
        ["Standard", "Assessed", "Met", "Not met", "Not met (%)", "Not applicable"],
        [POLITE, "3", "1", "2", "66.7", "1"],
        [ACCURATE, "4", "3", "1", "25.0", "0"],
        [NAME, "4", "3", "1", "25.0", "0"],
    ]


def test_the_xlsx_download_carries_every_table_of_the_page(shops, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("mysteryshopping:results_sites"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Average score by site and month", "Shops scored by site and month"]
    scores = [list(row) for row in book["Average score by site and month"].iter_rows(values_only=True)]
    assert scores[1] == ["Apex House", 61.1, -8.4, *[None] * 10, 66.7, 58.3]
    assert scores[2] == ["Brook Street", 75.0, None, 75.0, *[None] * 11]

    response = client_for(staff[Role.COUNCILLOR]).get(reverse("mysteryshopping:results_standards"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))["Standards not met"]
    rows = list(sheet.iter_rows(values_only=True))
    # Not met (%) is the fraction with a percentage format, so a spreadsheet can work with it.
    assert rows[1] == (POLITE, 3, 1, 2, 0.667, 1)
    assert sheet["E2"].number_format == "0.0%"


def test_the_results_pages_show_the_same_figures(shops, staff, client_for):
    councillor = client_for(staff[Role.COUNCILLOR])
    page = councillor.get(reverse("mysteryshopping:results_sites")).content.decode()
    assert "Apex House" in page and "61.1" in page and "-8.4" in page
    page = councillor.get(reverse("mysteryshopping:results_standards")).content.decode()
    assert page.index(POLITE) < page.index(ACCURATE) < page.index(NAME)
    assert "66.7" in page
