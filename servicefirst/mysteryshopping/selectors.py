"""Reads for mystery shops; the aggregate results are in reports.py."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from servicefirst.catalogue.selectors import contact_points_active
from servicefirst.mysteryshopping.models import ChecklistItem, MysteryShop, ShopStatus
from servicefirst.organisation.selectors import site_list


def shop_items(shop: MysteryShop) -> list[ChecklistItem]:
    """The standards of the shop's checklist version that apply to its channel, in the order they are asked."""
    return [item for item in shop.checklist.items.select_related("standard") if item.applies_to(shop.channel)]


def _shops() -> QuerySet[MysteryShop]:
    return MysteryShop.objects.select_related("site", "contact_point", "scored_by", "scheduled_by")


def shops_scheduled() -> QuerySet[MysteryShop]:
    """Shops still to be carried out or scored, nearest date first."""
    return _shops().filter(status=ShopStatus.SCHEDULED).order_by("scheduled_for", "id")


def shops_finished() -> QuerySet[MysteryShop]:
    """Done and cancelled shops, latest first."""
    return _shops().exclude(status=ShopStatus.SCHEDULED).order_by("-scheduled_for", "-id")


def shops_overdue_count() -> int:
    return MysteryShop.objects.filter(status=ShopStatus.SCHEDULED, scheduled_for__lt=timezone.localdate()).count()


def shop_get(*, shop_id: int) -> MysteryShop:
    return _shops().select_related("checklist").get(pk=shop_id)


@dataclass(frozen=True)
class ShopQuestion:
    item: ChecklistItem
    answer: str
    notes: str


def shop_questions(*, shop: MysteryShop) -> list[ShopQuestion]:
    """The standards the shopper answers, with the answers already recorded (blank before scoring)."""
    recorded = {score.item_id: score for score in shop.scores.all()}
    questions = []
    for item in shop_items(shop):
        score = recorded.get(item.pk)
        questions.append(
            ShopQuestion(item=item, answer=score.answer if score else "", notes=score.notes if score else "")
        )
    return questions


def shop_sites() -> QuerySet:
    return site_list()


def shop_contact_points() -> QuerySet:
    return contact_points_active()
