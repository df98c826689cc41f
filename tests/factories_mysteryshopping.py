"""Shops are made through the mystery shopping services, so their checklists and scores are real."""

import datetime

from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.mysteryshopping.models import MysteryShop, Standard
from servicefirst.mysteryshopping.selectors import shop_items
from servicefirst.mysteryshopping.services import (
    ShopData,
    mystery_shop_schedule,
    mystery_shop_score,
)
from tests.factories import SiteFactory, UserFactory

ALL_CHANNELS = ["phone", "face_to_face", "email", "web_form", "webchat"]


def standards(*rows: tuple[str, int, list[str] | None]) -> list[Standard]:
    """Replaces the council's standards with these (text, weight, channels) rows, asked in the order given."""
    Standard.objects.update(is_active=False)
    made = []
    for order, (text, weight, channels) in enumerate(rows, start=1):
        made.append(
            Standard.objects.create(
                code=f"standard-{order}-{Standard.objects.count()}",
                text=text,
                weight=weight,
                channels=channels or ALL_CHANNELS,
                order=order,
            )
        )
    return made


def manager():
    return UserFactory(role=Role.TEAM_MANAGER)


def schedule_shop(scheduler=None, **fields) -> MysteryShop:
    site = fields.pop("site", None) or SiteFactory()
    defaults = {
        "site_id": site.pk,
        "channel": "face_to_face",
        "scheduled_for": timezone.localdate() - datetime.timedelta(days=1),
        "shopper": "Customer Services for London Group",
        "scenario": "Asks how to apply for a blue badge",
    }
    return mystery_shop_schedule(scheduler=scheduler or manager(), data=ShopData(**(defaults | fields)))


def answers_for(shop: MysteryShop, by_text: dict[str, str], default: str = "met") -> dict[int, str]:
    return {item.pk: by_text.get(item.text, default) for item in shop_items(shop)}


def score_shop(shop: MysteryShop, by_text: dict[str, str] | None = None, *, scorer=None, done_on=None, **kwargs):
    return mystery_shop_score(
        scorer=scorer or manager(),
        shop_id=shop.pk,
        answers=answers_for(shop, by_text or {}),
        done_on=done_on or shop.scheduled_for,
        **kwargs,
    )
