"""The demo's answers go through the service, and the centres come out where the seeds put them."""

import random

import pytest

from servicefirst.demo.satisfaction import SATISFIED_SHARE, demo_satisfaction_load, satisfaction_rating_draw
from servicefirst.satisfaction.models import SurveyResponse
from tests.factories import SiteFactory
from tests.factories_satisfaction import call, visit


@pytest.mark.django_db
def test_the_demo_answers_a_share_of_the_contacts_through_the_service(staff):
    site = SiteFactory(code="town-hall")
    contacts = [visit(site=site) for _ in range(20)] + [call() for _ in range(20)]
    recorded = demo_satisfaction_load(rng=random.Random(7))
    assert 0 < recorded < len(contacts)
    assert SurveyResponse.objects.count() == recorded
    assert not SurveyResponse.objects.filter(rating__lte=2, reason__isnull=True).exists()
    assert SurveyResponse.objects.filter(captured_by="kiosk").exists()
    demo_satisfaction_load(rng=random.Random(8))
    assert SurveyResponse.objects.values("contact").distinct().count() == SurveyResponse.objects.count()


def test_ratings_are_drawn_around_each_centres_share():
    rng = random.Random(1)
    for share in SATISFIED_SHARE.values():
        ratings = [satisfaction_rating_draw(rng, share) for _ in range(20_000)]
        assert abs(sum(r >= 4 for r in ratings) / len(ratings) - share) < 0.01
    assert 0.80 <= sum(SATISFIED_SHARE.values()) / len(SATISFIED_SHARE) <= 0.90
