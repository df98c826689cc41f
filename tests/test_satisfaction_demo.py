"""The demo's answers go through the service, and each centre, the phone and the links get the answers and the
satisfied share the loader fixes, so the README's figures hold on every load."""

import random
from collections import Counter

import pytest

from servicefirst.demo.plan import SITE_VISITS
from servicefirst.demo.satisfaction import SITE_ANSWERS, demo_satisfaction_load
from servicefirst.satisfaction.models import SurveyResponse
from tests.factories import SiteFactory
from tests.factories_satisfaction import call, visit


@pytest.mark.django_db
def test_the_demo_answers_each_quota_through_the_service(staff):
    site = SiteFactory(code="town-hall")
    for _ in range(20):
        visit(site=site)
    for _ in range(100):
        call()
    recorded = demo_satisfaction_load(rng=random.Random(7))
    answers, satisfied = SITE_ANSWERS["town-hall"]
    at_town_hall = SurveyResponse.objects.filter(contact__site=site)
    assert at_town_hall.count() == answers
    assert at_town_hall.filter(rating__gte=4).count() == satisfied
    phone = SurveyResponse.objects.filter(contact__site__isnull=True)
    assert Counter(r >= 4 for r in phone.values_list("rating", flat=True)) == {True: 59, False: 11}
    assert recorded == SurveyResponse.objects.count() == answers + 70
    assert not SurveyResponse.objects.filter(rating__lte=2, reason__isnull=True).exists()
    assert SurveyResponse.objects.filter(captured_by="kiosk").exists()
    demo_satisfaction_load(rng=random.Random(8))
    assert SurveyResponse.objects.values("contact").distinct().count() == SurveyResponse.objects.count()


def test_every_centre_is_planned_the_visitors_its_answers_need():
    assert all(SITE_VISITS[site] >= answers for site, (answers, _) in SITE_ANSWERS.items())
