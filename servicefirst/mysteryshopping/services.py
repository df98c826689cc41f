"""Writes for mystery shopping: the standards' checklist versions, and scheduling, scoring and cancelling shops.

A shop is tied at scheduling to the checklist version in force, and its score is worked out from that
version's frozen weights, so changing a standard later never rewrites an old score.
"""

import datetime
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from servicefirst.catalogue.selectors import contact_points_active
from servicefirst.core.channels import ContactChannel
from servicefirst.core.versions import version_check, version_save
from servicefirst.mysteryshopping.models import (
    SHOP_CHANNEL_VALUES,
    Answer,
    Checklist,
    ChecklistItem,
    MysteryShop,
    MysteryShopScore,
    ShopStatus,
    Standard,
)
from servicefirst.mysteryshopping.selectors import shop_items
from servicefirst.organisation.selectors import site_list

CAPABILITY = "mysteryshopping.manage"
_TEXT_MAX = 2000
_NOTES_MAX = 500
_SHOPPER_MAX = 150
# Shops are planned a season or two ahead; a date further off is almost always a mistyped year.
_FURTHEST_AHEAD = datetime.timedelta(days=366)
_CENT = Decimal("0.01")

# The corporate customer care standards a new council starts from (code, text, channels, weight, order).
_ALL = SHOP_CHANNEL_VALUES
DEFAULT_STANDARDS = [
    ("phone-answered-20-seconds", "Phone answered within 20 seconds", [ContactChannel.PHONE.value], 2, 10),
    (
        "officer-gave-name",
        "Officer gave their name",
        [ContactChannel.PHONE.value, ContactChannel.FACE_TO_FACE.value, ContactChannel.WEBCHAT.value],
        1,
        20,
    ),
    ("visitor-seen-15-minutes", "Visitor seen within 15 minutes", [ContactChannel.FACE_TO_FACE.value], 2, 30),
    (
        "email-answered-5-days",
        "Email answered within 5 working days",
        [ContactChannel.EMAIL.value, ContactChannel.WEB_FORM.value],
        2,
        40,
    ),
    ("accurate-information", "Accurate information given", _ALL, 3, 50),
    ("polite-and-helpful", "Polite and helpful", _ALL, 2, 60),
]


def _require(user: AbstractBaseUser) -> None:
    if not user.can(CAPABILITY):
        raise PermissionDenied(CAPABILITY)


@transaction.atomic
def standard_defaults_load() -> int:
    """Adds any default standard the council does not have yet; returns how many were added."""
    added = 0
    for code, text, channels, weight, order in DEFAULT_STANDARDS:
        _, created = Standard.objects.get_or_create(
            code=code, defaults={"text": text, "channels": list(channels), "weight": weight, "order": order}
        )
        added += created
    return added


def _standards_now() -> list[tuple[int, str, list[str], int, int]]:
    standards = Standard.objects.filter(is_active=True).order_by("order", "text", "pk")
    return [(s.pk, s.text, sorted(set(s.channels)), s.weight, s.order) for s in standards]


def _items_of(checklist: Checklist) -> list[tuple[int, str, list[str], int, int]]:
    items = checklist.items.order_by("order", "text", "standard_id")
    return [(i.standard_id, i.text, sorted(i.channels), i.weight, i.order) for i in items]


def checklist_current() -> Checklist:
    """The latest checklist version if it still matches the active standards, else a new version of them."""
    wanted = _standards_now()
    latest = Checklist.objects.order_by("-version").first()
    if latest is not None and _items_of(latest) == wanted:
        return latest
    try:
        with transaction.atomic():
            checklist = Checklist.objects.create(version=(latest.version + 1) if latest else 1)
            ChecklistItem.objects.bulk_create(
                ChecklistItem(
                    checklist=checklist, standard_id=pk, text=text, channels=channels, weight=weight, order=order
                )
                for pk, text, channels, weight, order in wanted
            )
    except IntegrityError:
        # Someone scheduling at the same moment made the same version first; theirs has the same standards.
        return Checklist.objects.order_by("-version").first()
    return checklist


@dataclass
class ShopData:
    """A shop as the scheduling form sends it, with the names the form uses."""

    site_id: int | None = None
    channel: str = ""
    contact_point_id: int | None = None
    scheduled_for: datetime.date | None = None
    shopper: str = ""
    scenario: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def mystery_shop_validate(*, data: ShopData) -> ShopData:
    """The shop's own rules, without touching the database; returns the data tidied."""
    data.shopper, data.scenario = data.shopper.strip(), data.scenario.strip()
    errors: dict[str, str] = {}
    if data.site_id is None:
        errors["site_id"] = "Select the site to be shopped"
    if data.channel not in SHOP_CHANNEL_VALUES:
        errors["channel"] = "Select how the shopper will contact the council"
    if data.scheduled_for is None:
        errors["scheduled_for"] = "Enter the date of the shop"
    elif data.scheduled_for > timezone.localdate() + _FURTHEST_AHEAD:
        errors["scheduled_for"] = "The date of the shop must be within a year from today"
    if not data.shopper:
        errors["shopper"] = "Enter the shopper's name or the agency's"
    elif len(data.shopper) > _SHOPPER_MAX:
        errors["shopper"] = f"Shopper must be {_SHOPPER_MAX} characters or fewer"
    if not data.scenario:
        errors["scenario"] = "Enter the scenario the shopper will follow"
    elif len(data.scenario) > _TEXT_MAX:
        errors["scenario"] = f"Scenario must be {_TEXT_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors)
    return data


def _check_references(data: ShopData) -> None:
    errors: dict[str, str] = {}
    if not site_list().filter(pk=data.site_id).exists():
        errors["site_id"] = "Select a site from the list"
    if data.contact_point_id is not None:
        point = contact_points_active().filter(pk=data.contact_point_id).first()
        if point is None:
            errors["contact_point_id"] = "Select a contact point from the list"
        elif data.channel in (ContactChannel.PHONE, ContactChannel.EMAIL) and point.kind != data.channel:
            errors["contact_point_id"] = f"Select a contact point for {ContactChannel(data.channel).label.lower()}"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def mystery_shop_schedule(*, scheduler: AbstractBaseUser, data: ShopData) -> MysteryShop:
    """Plans a shop against the checklist in force today; its questions stay as they are now."""
    _require(scheduler)
    data = mystery_shop_validate(data=data)
    _check_references(data)
    checklist = checklist_current()
    if not any(item.applies_to(data.channel) for item in checklist.items.all()):
        raise ValidationError({"channel": "No active standard applies to this channel; add one in the admin first"})
    return MysteryShop.objects.create(
        site_id=data.site_id,
        channel=data.channel,
        contact_point_id=data.contact_point_id,
        scheduled_for=data.scheduled_for,
        shopper=data.shopper,
        scenario=data.scenario,
        checklist=checklist,
        scheduled_by=scheduler,
    )


def shop_score_compute(answered: list[tuple[int, str]]) -> Decimal | None:
    """Weighted % of the applicable standards met, from (weight, answer) pairs; None when none applied."""
    applicable = sum(weight for weight, answer in answered if answer != Answer.NOT_APPLICABLE)
    if not applicable:
        return None
    met = sum(weight for weight, answer in answered if answer == Answer.MET)
    return (Decimal(100 * met) / Decimal(applicable)).quantize(_CENT, rounding=ROUND_HALF_UP)


def answer_field(item_id: int) -> str:
    return f"answer_{item_id}"


def mystery_shop_answers_validate(
    *, items: list[ChecklistItem], answers: dict[int, str], notes: dict[int, str], done_on: datetime.date | None
) -> None:
    """Every standard that applies needs an answer (not applicable is one); none are read from the database."""
    errors: dict[str, str] = {}
    if done_on is None:
        errors["done_on"] = "Enter the date the shop was carried out"
    elif done_on > timezone.localdate():
        errors["done_on"] = "The date the shop was carried out must be today or in the past"
    for item in items:
        if answers.get(item.pk) not in Answer.values:
            errors[answer_field(item.pk)] = f"Select whether “{item.text}” was met, not met or not applicable"
        if len(notes.get(item.pk, "")) > _NOTES_MAX:
            errors[f"notes_{item.pk}"] = f"Notes must be {_NOTES_MAX} characters or fewer"
    if not errors and items and all(answers[item.pk] == Answer.NOT_APPLICABLE for item in items):
        errors[answer_field(items[0].pk)] = "At least one standard must be met or not met for the shop to be scored"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def mystery_shop_score(
    *,
    scorer: AbstractBaseUser,
    shop_id: int,
    answers: dict[int, str],
    done_on: datetime.date | None,
    notes: dict[int, str] | None = None,
    version: int | None = None,
) -> MysteryShop:
    """Records an answer for every standard that applies and works out the score; scoring again corrects it.

    `version` is the one the scorer saw: when someone else has scored or cancelled the shop since, the
    scorer is told rather than silently overwriting their answers.
    """
    _require(scorer)
    notes = {pk: text.strip() for pk, text in (notes or {}).items()}
    shop = MysteryShop.objects.select_for_update().select_related("checklist").get(pk=shop_id)
    version_check(record=shop, version=version)
    if shop.status == ShopStatus.CANCELLED:
        raise ValidationError({"status": "This shop was cancelled, so it cannot be scored"})
    items = shop_items(shop)
    mystery_shop_answers_validate(items=items, answers=answers, notes=notes, done_on=done_on)
    shop.scores.all().delete()
    MysteryShopScore.objects.bulk_create(
        MysteryShopScore(shop=shop, item=item, answer=answers[item.pk], notes=notes.get(item.pk, "")) for item in items
    )
    shop.score = shop_score_compute([(item.weight, answers[item.pk]) for item in items])
    shop.status, shop.done_on = ShopStatus.DONE, done_on
    shop.scored_by, shop.scored_at = scorer, timezone.now()
    version_save(record=shop, fields=("score", "status", "done_on", "scored_by", "scored_at"))
    return shop


@transaction.atomic
def mystery_shop_cancel(*, manager: AbstractBaseUser, shop_id: int, version: int | None = None) -> MysteryShop:
    _require(manager)
    shop = MysteryShop.objects.select_for_update().get(pk=shop_id)
    version_check(record=shop, version=version)
    if shop.status != ShopStatus.SCHEDULED:
        raise ValidationError(
            {"status": f"Only a scheduled shop can be cancelled; this one is {shop.get_status_display().lower()}"}
        )
    shop.status, shop.cancelled_at = ShopStatus.CANCELLED, timezone.now()
    version_save(record=shop, fields=("status", "cancelled_at"))
    return shop
