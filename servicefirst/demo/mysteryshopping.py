"""A year of mystery shopping at the demo borough's sites, written through the mystery shopping services as the
team managers' screens write them. Sites differ in how well they keep the customer care standards, and East One
Stop Shop, after a poor start, improves month by month, so the results pages show a trend worth reading."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.selectors import contact_points_active
from servicefirst.core.workingdays import is_working_day
from servicefirst.mysteryshopping.models import Answer
from servicefirst.mysteryshopping.reports import months_back
from servicefirst.mysteryshopping.selectors import shop_items
from servicefirst.mysteryshopping.services import (
    ShopData,
    mystery_shop_cancel,
    mystery_shop_schedule,
    mystery_shop_score,
    standard_defaults_load,
)
from servicefirst.organisation.selectors import site_list

# The chance that a site meets any one standard; a site not listed keeps the usual.
USUAL = 0.8
KEEPING = {"town-hall": 0.92, "north": 0.84, "south": 0.72, "west": 0.78, "library-hub": 0.88, "housing-advice": 0.7}
IMPROVING = "east"
IMPROVING_FROM, IMPROVING_TO = 0.45, 0.93
# Answering on time is what sites miss most often, as the council's own call figures suggest.
HARDER = {"phone-answered-20-seconds": 0.8, "email-answered-5-days": 0.85, "visitor-seen-15-minutes": 0.9}
NOT_APPLICABLE = 0.05
# Each site is shopped face to face every month, and on one of the remote channels in turn.
REMOTE = ("phone", "email", "webchat", "web_form")
SHOPPERS = (
    "Customer Services for London Group (CSLG)",
    "Residents' panel",
    "Disabled residents' forum",
    "Local business network",
)
SCENARIOS = {
    "face_to_face": (
        "Asks how to apply for a blue badge for a parent and what proof is needed.",
        "Brings a council tax bill that seems wrong after moving flat and asks what to do.",
        "Asks to report a missed bin collection and whether a special collection can be booked.",
    ),
    "phone": (
        "Rings to ask when the garden waste collection restarts and how to pay for it.",
        "Rings about a parking penalty charge and asks how to appeal.",
    ),
    "email": ("Emails asking whether a single person discount applies and how to claim it.",),
    "webchat": ("Asks on webchat how to register a birth and whether an appointment is needed.",),
    "web_form": ("Uses the website's enquiry form to ask how to report fly-tipping in a park.",),
}


def _chance(site_code: str, month_index: int) -> float:
    if site_code == IMPROVING:
        return IMPROVING_FROM + (IMPROVING_TO - IMPROVING_FROM) * month_index / 11
    return KEEPING.get(site_code, USUAL)


def _working_days(month: datetime.date, before: datetime.date) -> list[datetime.date]:
    day, days = month, []
    while day.month == month.month and day < before:
        if is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _contact_point(channel: str) -> int | None:
    if channel not in ("phone", "email"):
        return None
    return contact_points_active().filter(kind=channel).order_by("label").values_list("pk", flat=True).first()


def _answers(shop, chance: float, rng: random.Random) -> dict[int, str]:
    answers = {}
    for item in shop_items(shop):
        if rng.random() < NOT_APPLICABLE:
            answers[item.pk] = Answer.NOT_APPLICABLE
        else:
            met = rng.random() < chance * HARDER.get(item.standard.code, 1)
            answers[item.pk] = Answer.MET if met else Answer.NOT_MET
    return answers


def demo_mysteryshopping_load(*, rng: random.Random) -> int:
    """Twelve months of scored shops at every site, with a few still to come, one overdue and one cancelled;
    returns how many shops were scheduled. The twelve months end with the last working day before today, so on
    the first days of a month, before any of its working days, they are the twelve before it."""
    standard_defaults_load()
    managers = list(get_user_model().objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("username"))
    sites = list(site_list().order_by("name"))
    today = timezone.localdate()
    last_worked = today - datetime.timedelta(days=1)
    while not is_working_day(last_worked):
        last_worked -= datetime.timedelta(days=1)
    months = months_back(today=last_worked)
    scheduled = 0
    for index, month in enumerate(months):
        days = _working_days(month, before=today)
        for n, site in enumerate(sites):
            for channel in ("face_to_face", REMOTE[(index + n) % len(REMOTE)]):
                manager = rng.choice(managers)
                day = rng.choice(days)
                shop = mystery_shop_schedule(
                    scheduler=manager,
                    data=ShopData(
                        site_id=site.pk,
                        channel=channel,
                        contact_point_id=_contact_point(channel),
                        scheduled_for=day,
                        shopper=rng.choice(SHOPPERS),
                        scenario=rng.choice(SCENARIOS[channel]),
                    ),
                )
                scheduled += 1
                if index == len(months) - 1 and n == 0 and channel != "face_to_face":
                    continue  # the shopper's report is not in yet, so the list shows a shop overdue to score
                mystery_shop_score(
                    scorer=manager,
                    shop_id=shop.pk,
                    answers=_answers(shop, _chance(site.code, index), rng),
                    done_on=day,
                    notes={},
                )
    scheduled += _upcoming(sites=sites, managers=managers, today=today, rng=rng)
    return scheduled


def _upcoming(*, sites: list, managers: list, today: datetime.date, rng: random.Random) -> int:
    """Next month's face-to-face shops, one of which the council has had to cancel."""
    for n, site in enumerate(sites):
        shop = mystery_shop_schedule(
            scheduler=rng.choice(managers),
            data=ShopData(
                site_id=site.pk,
                channel="face_to_face",
                scheduled_for=today + datetime.timedelta(days=7 + 3 * n),
                shopper=rng.choice(SHOPPERS),
                scenario=rng.choice(SCENARIOS["face_to_face"]),
            ),
        )
        if n == len(sites) - 1:
            mystery_shop_cancel(manager=rng.choice(managers), shop_id=shop.pk)
    return len(sites)
