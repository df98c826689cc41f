"""Service request due dates in England & Wales working days, across Christmas, New Year and Easter.

Bank holidays (gov.uk/bank-holidays, checked against the `holidays` package):
2026: Good Friday 3 Apr, Easter Monday 6 Apr, Christmas Day Fri 25 Dec, Boxing Day Sat 26 Dec with
the substitute Mon 28 Dec. 2027: New Year's Day Fri 1 Jan, Good Friday 26 Mar, Easter Monday 29 Mar,
Christmas Day and Boxing Day at the weekend with substitutes Mon 27 and Tue 28 Dec.
2028: New Year's Day Sat 1 Jan with the substitute Mon 3 Jan.
The day a request is received never counts.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.core.disclosure import EXACT
from servicefirst.core.versions import StaleVersion
from servicefirst.core.workingdays import bank_holidays, working_days_add, working_days_between
from servicefirst.performance.selectors_statements import Month, statement_build, statement_tables
from servicefirst.servicerequests.models import ServiceRequest, ServiceRequestPause
from servicefirst.servicerequests.selectors import service_request_open_counts, service_request_queue
from servicefirst.servicerequests.services import service_request_due_on, service_request_status_update
from tests.factories import CouncilServiceFactory
from tests.factories_servicerequests import make_service_request

LONDON = zoneinfo.ZoneInfo("Europe/London")
D = datetime.date


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_the_bank_holidays_these_tests_rely_on():
    assert {D(2026, 4, 3), D(2026, 4, 6), D(2026, 12, 25), D(2026, 12, 28)} <= set(bank_holidays(2026))
    assert {D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 12, 27), D(2027, 12, 28)} <= set(bank_holidays(2027))
    assert D(2028, 1, 3) in bank_holidays(2028)


@pytest.mark.parametrize(
    ("received", "sla", "due"),
    [
        # An ordinary week: the day received does not count, even first thing in the morning.
        (london(2026, 12, 7, 8, 0), 1, D(2026, 12, 8)),
        (london(2026, 12, 4, 16, 0), 1, D(2026, 12, 7)),
        # Christmas 2026: Fri 25 Dec, the weekend, and the Boxing Day substitute Mon 28 Dec.
        (london(2026, 12, 24, 9, 0), 1, D(2026, 12, 29)),
        (london(2026, 12, 26, 11, 0), 1, D(2026, 12, 29)),
        # ...and New Year's Day, Fri 1 Jan 2027.
        (london(2026, 12, 24, 9, 0), 5, D(2027, 1, 5)),
        (london(2026, 12, 23, 23, 30), 10, D(2027, 1, 11)),
        (london(2026, 12, 31, 12, 0), 1, D(2027, 1, 4)),
        # Easter 2026: Good Friday 3 Apr and Easter Monday 6 Apr.
        (london(2026, 4, 2, 10, 0), 1, D(2026, 4, 7)),
        (london(2026, 4, 2, 10, 0), 5, D(2026, 4, 13)),
        (london(2026, 4, 1, 10, 0), 2, D(2026, 4, 7)),
        # Easter 2027: Good Friday 26 Mar and Easter Monday 29 Mar.
        (london(2027, 3, 25, 10, 0), 1, D(2027, 3, 30)),
        (london(2027, 3, 25, 10, 0), 3, D(2027, 4, 1)),
        # Christmas 2027: substitutes Mon 27 and Tue 28 Dec; New Year 2028's substitute Mon 3 Jan.
        (london(2027, 12, 24, 9, 0), 1, D(2027, 12, 29)),
        (london(2027, 12, 24, 9, 0), 3, D(2027, 12, 31)),
        (london(2027, 12, 24, 9, 0), 4, D(2028, 1, 4)),
    ],
)
def test_due_dates(received, sla, due):
    assert service_request_due_on(received_at=received, sla_working_days=sla) == due


def test_the_day_received_is_the_london_date_not_the_utc_one():
    # 23:30 UTC on Wed 1 Apr 2026 is 00:30 on Thu 2 Apr in London (British Summer Time).
    received = datetime.datetime(2026, 4, 1, 23, 30, tzinfo=datetime.UTC)
    assert service_request_due_on(received_at=received, sla_working_days=1) == D(2026, 4, 7)


@pytest.mark.django_db
def test_raising_fixes_the_due_date_from_the_services_sla_and_the_day_received():
    service = CouncilServiceFactory(sla_working_days=5)
    service_request = make_service_request(council_service=service, received_at=london(2026, 4, 2, 16, 45))
    assert service_request.due_on == D(2026, 4, 13)
    assert service_request.reference.startswith("SR-2026-")


@pytest.mark.django_db
def test_the_reference_takes_the_london_year_received():
    service = CouncilServiceFactory(sla_working_days=1)
    late = make_service_request(council_service=service, received_at=london(2025, 12, 31, 23, 30))
    early = make_service_request(council_service=service, received_at=london(2026, 1, 1, 0, 30))
    assert late.reference == "SR-2025-000001"
    assert early.reference == "SR-2026-000001"
    assert late.due_on == D(2026, 1, 2)


@pytest.mark.django_db
def test_a_request_cannot_be_received_in_the_future():
    with pytest.raises(ValidationError) as error:
        make_service_request(received_at=timezone.now() + datetime.timedelta(hours=1))
    assert "received_at" in error.value.message_dict


def test_breach_open_past_due_or_resolved_late():
    today = timezone.localdate()
    assert not ServiceRequest(status="in_progress", due_on=today).breached
    assert ServiceRequest(status="in_progress", due_on=today - datetime.timedelta(days=1)).breached
    resolved_on_time = ServiceRequest(status="resolved", due_on=D(2026, 4, 7), resolved_at=london(2026, 4, 7, 17, 0))
    resolved_late = ServiceRequest(status="closed", due_on=D(2026, 4, 7), resolved_at=london(2026, 4, 8, 9, 0))
    assert not resolved_on_time.breached
    assert resolved_late.breached


# The SLA pauses while the council waits for the customer (issue 22). Over Christmas 2026: a request received on
# Mon 21 Dec with a ten-working-day SLA is due Thu 7 Jan 2027 (the 25th and 28th, and 1 Jan, are bank holidays).


@pytest.fixture
def christmas(db, staff):
    service = CouncilServiceFactory(
        sla_working_days=10, client_service=staff[Role.CLIENT_SERVICE_OFFICER].client_service
    )
    with time_machine.travel(london(2026, 12, 21, 9, 30), tick=False):
        service_request = make_service_request(council_service=service, received_at=london(2026, 12, 21, 9, 0))
    assert service_request.due_on == D(2027, 1, 7)
    return service_request


def _status(staff, service_request, status: str, at: datetime.datetime, note: str = "") -> ServiceRequest:
    with time_machine.travel(at, tick=False):
        return service_request_status_update(
            actor=staff[Role.TEAM_MANAGER], request_id=service_request.pk, status=status, note=note
        )


def _wait_on_customer(staff, service_request, paused: datetime.datetime, resumed: datetime.datetime):
    _status(staff, service_request, "awaiting_customer", paused, note="Send a photo of the bin")
    return _status(staff, service_request, "in_progress", resumed)


def test_working_days_between_is_the_inverse_of_adding_them():
    assert working_days_between(start=D(2026, 12, 23), end=D(2026, 12, 29)) == 2
    assert working_days_between(start=D(2026, 12, 4), end=D(2026, 12, 7)) == 1
    assert working_days_between(start=D(2026, 12, 5), end=D(2026, 12, 6)) == 0
    assert working_days_between(start=D(2026, 12, 7), end=D(2026, 12, 7)) == 0
    for days in range(12):
        assert (
            working_days_between(start=D(2026, 12, 21), end=working_days_add(start=D(2026, 12, 21), days=days)) == days
        )


def test_a_request_waiting_on_the_customer_is_not_overdue(christmas, staff, client_for, api_for):
    # Paused on Thu 7 Jan, its due day, and still waiting a fortnight later.
    _status(staff, christmas, "awaiting_customer", london(2027, 1, 7, 15, 0), note="Send a photo of the bin")
    with time_machine.travel(london(2027, 1, 21, 10, 0), tick=False):
        service_request = ServiceRequest.objects.get(pk=christmas.pk)
        assert service_request.sla_paused_since == london(2027, 1, 7, 15, 0)
        assert not service_request.breached
        manager = staff[Role.TEAM_MANAGER]
        assert not service_request_queue(viewer=manager, overdue=True).filter(pk=christmas.pk).exists()
        counts = service_request_open_counts()
        assert (counts.open, counts.overdue, counts.paused) == (1, 0, 1)
        page = client_for(manager).get(reverse("servicerequests:detail", args=[christmas.reference])).content.decode()
        assert "SLA paused since 7 January 2027 15:00, awaiting customer" in page
        assert "(overdue)" not in page
        assert "Still awaiting customer" in page
        queue = client_for(manager).get(reverse("servicerequests:queue")).content.decode()
        assert "SLA paused since 7 Jan" in queue
        assert "govuk-tag--red" not in queue
        body = api_for(Role.TEAM_MANAGER).get(f"/api/requests/{christmas.reference}").json()
        assert body["breached"] is False
        assert datetime.datetime.fromisoformat(body["sla_paused_since"]) == london(2027, 1, 7, 15, 0)
        assert body["paused_working_days"] == 0
        assert body["pauses"][0]["ended_at"] is None
        # Once the clock runs again the request is overdue: the pause moved its due date by ten working days only.
        resumed = _status(staff, christmas, "in_progress", london(2027, 1, 21, 10, 0))
    assert resumed.due_on == D(2027, 1, 21)
    with time_machine.travel(london(2027, 1, 22, 9, 0), tick=False):
        assert ServiceRequest.objects.get(pk=christmas.pk).breached
        assert service_request_open_counts().overdue == 1


def test_the_due_date_moves_by_the_working_days_paused_over_a_weekend_and_bank_holidays(christmas, staff):
    # Paused Wed 23 Dec, answered Tue 29 Dec: Thu 24 and Tue 29 are the working days between; Christmas Day,
    # the weekend and the Boxing Day substitute are not.
    resumed = _wait_on_customer(staff, christmas, london(2026, 12, 23, 14, 0), london(2026, 12, 29, 10, 0))
    assert resumed.due_on == D(2027, 1, 11)
    assert resumed.sla_paused_since is None
    assert resumed.sla_paused_working_days == 2
    (pause,) = ServiceRequestPause.objects.filter(request=christmas)
    assert (pause.working_days, pause.due_on_before, pause.due_on_after) == (2, D(2027, 1, 7), D(2027, 1, 11))


def test_a_pause_begun_and_ended_the_same_day_moves_nothing(christmas, staff):
    resumed = _wait_on_customer(staff, christmas, london(2026, 12, 22, 9, 0), london(2026, 12, 22, 16, 0))
    assert (resumed.due_on, resumed.sla_paused_working_days) == (D(2027, 1, 7), 0)


def test_two_pauses_add_up_and_each_shows_with_its_length(christmas, staff, client_for, api_for):
    _wait_on_customer(staff, christmas, london(2026, 12, 23, 14, 0), london(2026, 12, 29, 10, 0))
    # Mon 4 Jan to Wed 6 Jan 2027: the 5th and 6th.
    resumed = _wait_on_customer(staff, christmas, london(2027, 1, 4, 9, 0), london(2027, 1, 6, 16, 0))
    assert resumed.due_on == D(2027, 1, 13)
    assert resumed.sla_paused_working_days == 4
    lengths = list(ServiceRequestPause.objects.filter(request=christmas).values_list("working_days", flat=True))
    assert lengths == [2, 2]
    manager = staff[Role.TEAM_MANAGER]
    page = client_for(manager).get(reverse("servicerequests:detail", args=[christmas.reference])).content.decode()
    assert "Moved later by 4 working days paused" in page
    assert "7 Jan 2027 moved to 11 Jan 2027" in page
    assert "11 Jan 2027 moved to 13 Jan 2027" in page
    body = api_for(Role.TEAM_MANAGER).get(f"/api/requests/{christmas.reference}").json()
    assert body["paused_working_days"] == 4
    assert [p["working_days"] for p in body["pauses"]] == [2, 2]
    assert body["due_on"] == "2027-01-13"


def test_resolving_is_judged_against_the_moved_due_date(christmas, staff):
    _wait_on_customer(staff, christmas, london(2026, 12, 23, 14, 0), london(2026, 12, 29, 10, 0))
    # Resolved Fri 8 Jan: a day after the due date it was raised with, within the one the pause moved it to.
    resolved = _status(staff, christmas, "resolved", london(2027, 1, 8, 11, 0), note="Bin emptied")
    assert not resolved.breached
    statement = statement_build(client_service=christmas.client_service, month=Month(2027, 1))
    assert (statement.requests.resolved, statement.requests.resolved_within_sla) == (1, 1)


def test_resolving_while_awaiting_the_customer_ends_the_pause(christmas, staff):
    _status(staff, christmas, "awaiting_customer", london(2026, 12, 23, 14, 0), note="Send a photo of the bin")
    resolved = _status(staff, christmas, "resolved", london(2026, 12, 29, 10, 0), note="Found it ourselves")
    assert (resolved.due_on, resolved.sla_paused_since, resolved.sla_paused_working_days) == (D(2027, 1, 11), None, 2)
    assert not ServiceRequestPause.objects.filter(request=christmas, ended_at__isnull=True).exists()


def test_a_stale_resume_is_refused_and_ends_no_pause_twice(christmas, staff):
    paused = _status(staff, christmas, "awaiting_customer", london(2026, 12, 23, 14, 0), note="Send a photo")
    with time_machine.travel(london(2026, 12, 29, 10, 0), tick=False):
        service_request_status_update(
            actor=staff[Role.TEAM_MANAGER], request_id=christmas.pk, status="in_progress", version=paused.version
        )
        with pytest.raises(StaleVersion):
            service_request_status_update(
                actor=staff[Role.CLIENT_SERVICE_OFFICER],
                request_id=christmas.pk,
                status="resolved",
                version=paused.version,
                note="Done",
            )
    assert ServiceRequest.objects.get(pk=christmas.pk).due_on == D(2027, 1, 11)
    assert ServiceRequestPause.objects.filter(request=christmas).count() == 1


def test_the_statement_reports_the_pause(christmas, staff):
    # Paused over the year's end: open and paused at the end of December, not overdue, and ended in January.
    _status(staff, christmas, "awaiting_customer", london(2026, 12, 30, 10, 0), note="Send a photo of the bin")
    _status(staff, christmas, "in_progress", london(2027, 1, 5, 10, 0))
    with time_machine.travel(london(2027, 2, 1, 9, 0), tick=False):
        december = statement_build(client_service=christmas.client_service, month=Month(2026, 12))
        january = statement_build(client_service=christmas.client_service, month=Month(2027, 1))
    assert (december.requests.open_paused, december.requests.open_overdue, december.requests.pauses_ended) == (1, 0, 0)
    # 31 Dec and 4 and 5 Jan are the working days paused; due 7 Jan moved to 12 Jan, so overdue at January's end.
    assert (january.requests.pauses_ended, january.requests.paused_working_days) == (1, 3)
    assert (january.requests.open_paused, january.requests.open_overdue) == (0, 1)
    rows = {row[0]: row[1] for row in statement_tables(january, disclosure=EXACT)[1].rows}
    assert rows["Working days paused (pauses ended in the month)"] == 3
    assert rows["SLA pauses ended in the month"] == 1


def test_the_statement_judges_a_past_month_end_against_the_due_date_of_the_time(christmas, staff):
    # Overdue at the end of January (due 7 Jan), then paused through February, which moved its due date to 3 Feb:
    # January's statement still counts it overdue, as it was then.
    _status(staff, christmas, "awaiting_customer", london(2027, 2, 2, 10, 0), note="Send a photo of the bin")
    _status(staff, christmas, "in_progress", london(2027, 3, 1, 10, 0))
    with time_machine.travel(london(2027, 3, 2, 9, 0), tick=False):
        january = statement_build(client_service=christmas.client_service, month=Month(2027, 1))
    assert ServiceRequest.objects.get(pk=christmas.pk).due_on == D(2027, 2, 3)
    assert (january.requests.open_overdue, january.requests.open_paused) == (1, 0)


def test_the_dashboard_shows_the_pause(christmas, staff, client_for):
    _wait_on_customer(staff, christmas, london(2026, 12, 23, 14, 0), london(2026, 12, 29, 10, 0))
    with time_machine.travel(london(2026, 12, 31, 9, 0), tick=False):
        response = client_for(staff[Role.HEAD_OF_SERVICE]).get(
            reverse("performance:dashboard"),
            {"date_from_day": 1, "date_from_month": 12, "date_from_year": 2026}
            | {"date_to_day": 31, "date_to_month": 12, "date_to_year": 2026},
        )
    headlines = {h.definition: (h.value, h.part) for h in response.context["report"].headlines}
    assert headlines["working-days-paused"] == ("2", 1)
    assert "Working days the SLA was paused" in response.content.decode()
