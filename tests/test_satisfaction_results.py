"""Results: % satisfied of those answering with a Wilson interval, the reasons, the drill-down and the exports;
councillors see aggregates but neither named officers nor the contacts behind a row."""

import csv
import datetime
import io

import pytest
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.core.registry import tile_providers
from servicefirst.customers.timeline import timeline_entries
from servicefirst.satisfaction import reports
from tests.factories import ClientServiceFactory, CouncilServiceFactory, SiteFactory, UserFactory, make_customer
from tests.factories_satisfaction import answer, call, reason, visit

pytestmark = pytest.mark.django_db

RESULTS = "/staff/satisfaction/results/"


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Mid-month at midday: the answers, made minutes before now, all fall in this month, as the month figures
    and the tile expect; just after midnight on the 1st some would fall in the month before."""
    time_machine.move_to(datetime.datetime(2026, 11, 18, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.mark.parametrize(
    ("satisfied", "total", "low", "high"),
    # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17,
    # table I, method 3 (score interval without continuity correction).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
     (29, 29, 0.8830, 1.0)],
)  # fmt: skip
def test_the_wilson_interval_matches_published_values(satisfied, total, low, high):
    found = reports.wilson_interval(satisfied, total)
    assert (round(found[0], 4), round(found[1], 4)) == (low, high)


def test_no_answers_have_no_interval():
    assert reports.wilson_interval(0, 0) is None


@pytest.fixture
def answers():
    """Hornsey: 5, 4, 2 (2 of 3 satisfied); Wood Green: 3 (0 of 1); the phone: 5 (1 of 1)."""
    waste = ClientServiceFactory(name="Waste")
    bins = CouncilServiceFactory(name="Missed bin", client_service=waste)
    hornsey, wood_green = SiteFactory(name="Hornsey"), SiteFactory(name="Wood Green")
    aisha = UserFactory(role=Role.OFFICER, first_name="Aisha", last_name="Rahman")
    tom = UserFactory(role=Role.OFFICER, first_name="Tom", last_name="Kowalski")
    customer = make_customer(aisha, first_name="Zebedee", last_name="Quixote")
    waiting = reason("Waited too long to be seen or answered", "Waiting")
    answer(visit(site=hornsey, officer=aisha, council_service_id=bins.pk, customer_id=customer.pk), 5)
    answer(visit(site=hornsey, officer=aisha, council_service_id=bins.pk), 4)
    answer(visit(site=hornsey, officer=tom, council_service_id=bins.pk), 2, reason_id=waiting.pk)
    answer(visit(site=wood_green, officer=tom), 3)
    answer(call(officer=tom, council_service_id=bins.pk), 5)
    return {"hornsey": hornsey, "wood_green": wood_green, "aisha": aisha, "tom": tom, "waiting": waiting}


def _row(rows, label):
    return next(r for r in rows if r.label == label)


def test_figures_by_site_equal_those_counted_by_hand(answers):
    rows = reports.result_rows(dimension=reports.DIMENSIONS["site"])
    hornsey = _row(rows, "Hornsey")
    assert (hornsey.responses, hornsey.satisfied, hornsey.dissatisfied) == (3, 2, 1)
    assert hornsey.satisfied_percent == round(2 / 3 * 100, 1)
    assert hornsey.interval == (20.8, 93.9)
    assert _row(rows, "Wood Green").satisfied_percent == 0.0
    assert _row(rows, "Not at a site (phone, email, web…)").satisfied_percent == 100.0
    overall = reports.overall()
    assert (overall.responses, overall.satisfied, overall.satisfied_percent) == (5, 3, 60.0)


def test_figures_by_officer_channel_service_and_month(answers):
    officers = reports.result_rows(dimension=reports.DIMENSIONS["officer"])
    assert (_row(officers, "Aisha Rahman").satisfied, _row(officers, "Aisha Rahman").responses) == (2, 2)
    assert (_row(officers, "Tom Kowalski").satisfied, _row(officers, "Tom Kowalski").responses) == (1, 3)
    channels = reports.result_rows(dimension=reports.DIMENSIONS["channel"])
    assert _row(channels, "Face to face").responses == 4
    assert _row(channels, "Phone").satisfied_percent == 100.0
    services = reports.result_rows(dimension=reports.DIMENSIONS["client-service"])
    assert (_row(services, "Waste").responses, _row(services, "Waste").satisfied) == (4, 3)
    months = reports.result_rows(dimension=reports.DIMENSIONS["month"])
    assert [r.responses for r in months] == [5]


def test_reasons_are_counted_by_category(answers):
    rows = reports.reason_rows()
    assert [(r.category, r.label, r.answers, r.share) for r in rows] == [
        ("Waiting", "Waited too long to be seen or answered", 1, 100.0)
    ]


def test_the_page_shows_every_table_and_the_csv_carries_the_same_rows(answers, staff, client_for):
    client = client_for(staff[Role.HEAD_OF_SERVICE])
    page = client.get(RESULTS).content.decode()
    for title in ("Satisfaction by site", "Satisfaction by officer", "Reasons for dissatisfaction"):
        assert title in page
    assert "66.7%" in page
    download = client.get(RESULTS, {"format": "csv", "table": "satisfaction-by-site"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][:4] == ["Site", "Answers", "Satisfied", "% satisfied"]
    assert ["Hornsey", "3", "2", "66.7", "20.8", "93.9", "1"] in rows
    xlsx = client.get(RESULTS, {"format": "xlsx"})
    assert xlsx["Content-Disposition"] == 'attachment; filename="satisfaction.xlsx"'


def test_a_date_range_limits_the_figures(answers, staff, client_for):
    response = client_for(staff[Role.TEAM_MANAGER]).get(
        RESULTS, {"date_from_day": "1", "date_from_month": "1", "date_from_year": "2001",
                  "date_to_day": "31", "date_to_month": "12", "date_to_year": "2001"},
    )  # fmt: skip
    assert "No answers in this period." in response.content.decode()


def test_councillors_see_aggregates_without_named_officers(answers, staff, client_for):
    councillor = client_for(staff[Role.COUNCILLOR])
    page = councillor.get(RESULTS).content.decode()
    assert "Satisfaction by site" in page
    assert "Satisfaction by officer" not in page
    assert "Aisha" not in page and "Kowalski" not in page
    assert "results/answers" not in page
    xlsx_titles = councillor.get(RESULTS, {"format": "csv", "table": "satisfaction-by-officer"}).content.decode()
    assert "Aisha" not in xlsx_titles


def test_councillors_cannot_reach_the_contacts_behind_a_row(answers, staff, client_for):
    councillor = client_for(staff[Role.COUNCILLOR])
    for by, key in (("site", answers["hornsey"].pk), ("officer", answers["aisha"].pk)):
        assert councillor.get("/staff/satisfaction/results/answers/", {"by": by, "key": key}).status_code == 403


def test_a_manager_drills_down_to_the_contacts_and_the_look_is_audited(answers, staff, client_for):
    manager = staff[Role.TEAM_MANAGER]
    response = client_for(manager).get(
        "/staff/satisfaction/results/answers/", {"by": "site", "key": answers["hornsey"].pk}
    )
    page = response.content.decode()
    assert "3 answers" in page
    assert "Zebedee Quixote" in page
    assert AuditEvent.objects.filter(actor=manager, record_type="survey_response", action="listed").exists()
    by_reason = client_for(manager).get(
        "/staff/satisfaction/results/answers/", {"by": "reason", "key": answers["waiting"].pk}
    )
    assert "1 answer" in by_reason.content.decode()
    assert client_for(manager).get("/staff/satisfaction/results/answers/", {"by": "nonsense"}).status_code == 404


def test_the_drill_down_is_for_staff_who_see_reports(answers, staff, client_for):
    response = client_for(staff[Role.OFFICER]).get("/staff/satisfaction/results/answers/", {"by": "site", "key": 1})
    assert response.status_code == 403
    assert client_for(staff[Role.OFFICER]).get(RESULTS).status_code == 403
    assert Client().get(RESULTS).status_code == 302


def test_the_dashboard_tile_shows_this_months_share(answers, staff):
    [provider] = [p for _, p in tile_providers() if p.__name__ == "satisfied_this_month"]
    tile = provider(staff[Role.HEAD_OF_SERVICE])
    assert tile.value == "60%"
    assert "3 of 5" in tile.detail
    # Two of five were not satisfied: too few for a councillor to see (docs/SECURITY.md, "Small numbers").
    tile = provider(staff[Role.COUNCILLOR])
    assert (tile.value, tile.detail) == ("[c]", "[c] who answered about this month's contacts")


def test_the_answer_is_on_the_customers_timeline(answers):
    customer_id = next(
        r.contact.customer_id for r in reports.SurveyResponse.objects.filter(contact__customer__isnull=False)
    )
    entries = [e for e in timeline_entries(customer_id=customer_id) if e.kind == "Satisfaction survey"]
    assert [e.title for e in entries] == ["Very satisfied with the contact about Missed bin"]
    assert entries[0].client_service_id is None
