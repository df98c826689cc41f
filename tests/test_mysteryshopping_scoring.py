"""Scoring a mystery shop: weighted % of the applicable standards met, every standard answered, frozen weights."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.core.versions import StaleVersion
from servicefirst.mysteryshopping.models import MysteryShop, MysteryShopScore, Standard
from servicefirst.mysteryshopping.selectors import shop_items
from servicefirst.mysteryshopping.services import (
    mystery_shop_cancel,
    mystery_shop_score,
    shop_score_compute,
)
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.factories_mysteryshopping import answers_for, manager, schedule_shop, score_shop, standards

pytestmark = pytest.mark.django_db

FOUR = (
    ("Officer gave their name", 1, None),
    ("Accurate information given", 3, None),
    ("Polite and helpful", 2, None),
    ("Phone answered within 20 seconds", 4, ["phone"]),
)


def test_the_score_is_the_weighted_share_of_applicable_standards_met():
    assert shop_score_compute([(1, "met"), (3, "not_met"), (2, "met")]) == Decimal("50.00")
    # Not applicable leaves the standard out of both sides: 3 met of 3 + 1 applicable.
    assert shop_score_compute([(1, "not_met"), (3, "met"), (2, "not_applicable")]) == Decimal("75.00")
    assert shop_score_compute([(1, "met"), (1, "met"), (1, "not_met")]) == Decimal("66.67")
    assert shop_score_compute([(2, "not_applicable")]) is None


def test_scoring_answers_the_standards_of_the_shops_channel_and_stores_the_weighted_score():
    standards(*FOUR)
    shop = schedule_shop(channel="face_to_face")
    assert [item.text for item in shop_items(shop)] == [
        "Officer gave their name",
        "Accurate information given",
        "Polite and helpful",
    ]
    scorer = manager()
    shop = score_shop(
        shop,
        {"Officer gave their name": "not_met", "Polite and helpful": "not_applicable"},
        scorer=scorer,
        notes={shop_items(shop)[0].pk: "  Gave first name only  "},
    )
    shop.refresh_from_db()
    # Met 3 of the applicable 1 + 3.
    assert (shop.status, shop.score, shop.scored_by) == ("done", Decimal("75.00"), scorer)
    assert shop.scores.count() == 3
    assert shop.scores.get(answer="not_met").notes == "Gave first name only"


def test_a_phone_shop_also_answers_the_phone_only_standard():
    standards(*FOUR)
    shop = score_shop(schedule_shop(channel="phone"), {"Phone answered within 20 seconds": "not_met"})
    # Met 1 + 3 + 2 of 10.
    assert shop.score == Decimal("60.00")


def test_scoring_refuses_missing_answers_and_names_each_one():
    standards(*FOUR)
    shop = schedule_shop()
    items = shop_items(shop)
    with pytest.raises(ValidationError) as error:
        mystery_shop_score(scorer=manager(), shop_id=shop.pk, answers={items[1].pk: "met"}, done_on=shop.scheduled_for)
    assert set(error.value.message_dict) == {f"answer_{items[0].pk}", f"answer_{items[2].pk}"}
    assert "Officer gave their name" in error.value.message_dict[f"answer_{items[0].pk}"][0]
    shop.refresh_from_db()
    assert (shop.status, shop.score) == ("scheduled", None)
    assert not MysteryShopScore.objects.exists()


def test_scoring_refuses_an_unknown_answer_a_future_day_and_all_not_applicable():
    standards(*FOUR)
    shop = schedule_shop()
    items = shop_items(shop)
    with pytest.raises(ValidationError) as error:
        mystery_shop_score(
            scorer=manager(),
            shop_id=shop.pk,
            answers=answers_for(shop, {"Polite and helpful": "maybe"}),
            done_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"done_on", f"answer_{items[2].pk}"}
    with pytest.raises(ValidationError) as error:
        score_shop(shop, {item.text: "not_applicable" for item in items})
    assert "At least one standard" in error.value.messages[0]


def test_only_managers_schedule_score_and_cancel():
    standards(*FOUR)
    officer = UserFactory(role=Role.OFFICER)
    councillor = UserFactory(role=Role.COUNCILLOR)
    with pytest.raises(PermissionDenied):
        schedule_shop(scheduler=officer)
    shop = schedule_shop()
    for user in (officer, councillor):
        with pytest.raises(PermissionDenied):
            score_shop(shop, scorer=user)
        with pytest.raises(PermissionDenied):
            mystery_shop_cancel(manager=user, shop_id=shop.pk)
    assert MysteryShop.objects.get().status == "scheduled"


def test_a_cancelled_shop_cannot_be_scored_and_a_done_one_cannot_be_cancelled():
    standards(*FOUR)
    cancelled = schedule_shop()
    mystery_shop_cancel(manager=manager(), shop_id=cancelled.pk)
    with pytest.raises(ValidationError) as error:
        score_shop(cancelled)
    assert "status" in error.value.message_dict
    done = score_shop(schedule_shop())
    with pytest.raises(ValidationError):
        mystery_shop_cancel(manager=manager(), shop_id=done.pk)
    assert MysteryShop.objects.get(pk=done.pk).status == "done"


def test_scoring_again_corrects_the_answers_but_not_over_someone_elses_newer_ones():
    standards(*FOUR)
    shop = schedule_shop()
    first = score_shop(shop, {"Accurate information given": "not_met"}, version=1)
    assert (first.score, first.version) == (Decimal("50.00"), 2)
    with pytest.raises(StaleVersion):
        score_shop(shop, {}, version=1)
    corrected = score_shop(shop, {}, version=2)
    assert (corrected.score, corrected.scores.count()) == (Decimal("100.00"), 3)


def test_changing_a_standard_later_leaves_old_scores_and_questions_as_they_were():
    standards(*FOUR)
    old = score_shop(schedule_shop(), {"Accurate information given": "not_met"})
    assert old.score == Decimal("50.00")
    accurate = Standard.objects.get(text="Accurate information given", is_active=True)
    accurate.weight, accurate.text = 1, "Accurate and complete information given"
    accurate.save()
    Standard.objects.filter(text="Polite and helpful").update(is_active=False)

    new = score_shop(schedule_shop(), {"Accurate and complete information given": "not_met"})
    # The new checklist: name 1 + accurate 1, so meeting only the name is half.
    assert new.score == Decimal("50.00")
    assert new.checklist.version == old.checklist.version + 1
    old.refresh_from_db()
    assert old.score == Decimal("50.00")
    assert [(i.text, i.weight) for i in shop_items(old)] == [
        ("Officer gave their name", 1),
        ("Accurate information given", 3),
        ("Polite and helpful", 2),
    ]
    # Correcting the old shop later still scores it on its own checklist's weights.
    rescored = score_shop(old, {"Accurate information given": "not_met"}, version=old.version)
    assert rescored.score == Decimal("50.00")


def test_an_unchanged_set_of_standards_keeps_one_checklist_version():
    standards(*FOUR)
    assert schedule_shop().checklist == schedule_shop().checklist


@pytest.mark.django_db(transaction=True)
def test_two_managers_scoring_one_shop_at_once_leave_one_whole_set_of_answers():
    standards(*FOUR)
    shop = schedule_shop()
    first, second = manager(), manager()

    def all_met():
        score_shop(shop, {}, scorer=first, version=1)
        return "all met"

    def two_missed():
        score_shop(
            shop, {"Accurate information given": "not_met", "Polite and helpful": "not_met"}, scorer=second, version=1
        )
        return "two missed"

    outcomes = run_at_once(all_met, two_missed, expected=StaleVersion)
    assert sorted(outcomes) in (["all met", "stale"], ["stale", "two missed"])
    shop.refresh_from_db()
    winner = next(o for o in outcomes if o != "stale")
    assert shop.version == 2
    assert shop.scores.count() == 3
    not_met = set(shop.scores.filter(answer="not_met").values_list("item__text", flat=True))
    if winner == "all met":
        assert (shop.score, shop.scored_by, not_met) == (Decimal("100.00"), first, set())
    else:
        assert (shop.score, shop.scored_by) == (Decimal("16.67"), second)
        assert not_met == {"Accurate information given", "Polite and helpful"}
