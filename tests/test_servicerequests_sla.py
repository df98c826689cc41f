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
from django.core.exceptions import ValidationError
from django.utils import timezone

from servicefirst.core.workingdays import bank_holidays
from servicefirst.servicerequests.models import ServiceRequest
from servicefirst.servicerequests.services import service_request_due_on
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
