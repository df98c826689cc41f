"""The demo's two years of feedback: written through the services, with the year-on-year growth and the statutory
complaints kept out of the corporate figures."""

import datetime
import random

import pytest
import time_machine
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint, ComplaintStatus, FeedbackKind, Procedure
from servicefirst.complaints.selectors import complaint_caseload, complaint_stages_corporate, complaints_corporate
from servicefirst.demo.complaints import demo_complaints_load, feedback_years
from tests.factories import CouncilServiceFactory, LgslServiceFactory, make_customer


@pytest.mark.slow
@pytest.mark.django_db
def test_two_years_of_feedback_with_growth_statutory_cases_and_open_work(staff):
    CouncilServiceFactory(lgsl=LgslServiceFactory(code=524, name="Missed bin collection"))
    CouncilServiceFactory(name="Housing repairs")
    CouncilServiceFactory(name="Parking permits")
    for n in range(8):
        make_customer(staff[Role.OFFICER], first_name=f"Demo{n}", last_name="Resident")

    count = demo_complaints_load(rng=random.Random(7))

    assert count == Complaint.objects.count() == 2 * (14 + 10 + 110 + 45) + 240 + 252
    now = timezone.now()
    year_ago, two_years_ago = now - datetime.timedelta(days=365), now - datetime.timedelta(days=730)
    this_year = complaints_corporate().filter(received_at__gt=year_ago, received_at__lte=now).count()
    last_year = complaints_corporate().filter(received_at__gt=two_years_ago, received_at__lte=year_ago).count()
    # 5% up on the year before, as seed 003's annual report compares, on whatever day the demo is loaded.
    assert (last_year, this_year) == (240, 252)
    assert complaints_corporate().count() == 492
    assert Complaint.objects.filter(procedure=Procedure.ADULTS).count() == 28
    assert Complaint.objects.filter(kind=FeedbackKind.COMPLIMENT).count() == 220
    stages = complaint_stages_corporate()
    assert stages.filter(stage=2).exists()
    assert stages.filter(on_time=False).exists() and stages.filter(on_time=True).exists()
    assert stages.filter(was_extended=True).exists()
    assert complaints_corporate().exclude(ombudsman="").exists()
    open_work = complaint_caseload(viewer=staff[Role.COMPLAINTS_OFFICER])
    assert open_work.exists()
    assert not open_work.filter(procedure__in=[Procedure.ADULTS, Procedure.CHILDREN]).exists()
    assert complaints_corporate().filter(status=ComplaintStatus.CLOSED).count() > 300


# Year ends, both clock changes (2027: forward 28 March, back 31 October), a leap day and the moments around
# midnight, when a 365-day edge lands an hour either side of a London day.
TRICKY_MOMENTS = (
    "2026-12-31 23:30",
    "2027-01-01 00:05",
    "2027-03-28 00:30",
    "2027-03-28 01:30",
    "2027-03-28 23:30",
    "2027-03-29 23:30",
    "2027-10-31 00:30",
    "2027-10-31 01:30",
    "2027-10-31 23:30",
    "2028-02-29 12:00",
    "2028-03-01 00:30",
    "2030-01-01 00:05",
)


@pytest.mark.parametrize("moment", TRICKY_MOMENTS)
def test_each_year_of_feedback_lies_inside_its_own_365_days_ending_now(moment):
    now = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        today = timezone.localdate()
        windows = (
            (now - datetime.timedelta(days=730), now - datetime.timedelta(days=365)),
            (now - datetime.timedelta(days=365), now),
        )
        for (first, last), (opens, closes) in zip(feedback_years(today), windows, strict=True):
            # The loader receives feedback from 09:00 to 16:45 London time.
            earliest = timezone.make_aware(datetime.datetime.combine(first, datetime.time(9)))
            latest = timezone.make_aware(datetime.datetime.combine(last, datetime.time(16, 45)))
            assert opens < earliest and latest <= closes, (first, last)
        assert (last - first).days >= 360
