"""The demo's two years of feedback: written through the services, with the year-on-year growth and the statutory
complaints kept out of the corporate figures."""

import datetime
import random

import pytest
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint, ComplaintStatus, FeedbackKind, Procedure
from servicefirst.complaints.selectors import complaint_caseload, complaint_stages_corporate, complaints_corporate
from servicefirst.demo.complaints import demo_complaints_load
from tests.factories import CouncilServiceFactory, LgslServiceFactory, make_customer


@pytest.mark.django_db
def test_two_years_of_feedback_with_growth_statutory_cases_and_open_work(staff):
    CouncilServiceFactory(lgsl=LgslServiceFactory(code=524, name="Missed bin collection"))
    CouncilServiceFactory(name="Housing repairs")
    CouncilServiceFactory(name="Parking permits")
    for n in range(8):
        make_customer(staff[Role.OFFICER], first_name=f"Demo{n}", last_name="Resident")

    count = demo_complaints_load(rng=random.Random(7))

    assert count == Complaint.objects.count() == 2 * (14 + 10 + 110 + 45) + 240 + 252
    year_ago = timezone.now() - datetime.timedelta(days=365)
    this_year = complaints_corporate().filter(received_at__gte=year_ago).count()
    last_year = complaints_corporate().filter(received_at__lt=year_ago).count()
    assert 1.02 < this_year / last_year < 1.08
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
