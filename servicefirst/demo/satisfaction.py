"""Satisfaction answers for the demo borough's contacts, written through `survey_record` as the kiosks, survey
links and officers' screens write them. How many answer at each centre, on the phone and by link, and how many of
them are satisfied, are fixed here, so the results page shows the same figures on every load (README.md quotes
them) and the centres differ by about as much as real ones do (a London borough's scrutiny report: 81.8% to
87.1%). The planner sends at least each centre's answers' worth of visitors (`plan.SITE_VISITS`)."""

import datetime
import random
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.selectors import ContactOutcome
from servicefirst.core.channels import ContactChannel
from servicefirst.organisation.selectors import site_list
from servicefirst.satisfaction.models import CaptureMethod
from servicefirst.satisfaction.selectors import contacts_unanswered, reasons_active
from servicefirst.satisfaction.services import kiosk_device_register, survey_record

# (answers, of whom satisfied), by centre for visits, and for calls and survey links.
SITE_ANSWERS = {"town-hall": (8, 7), "north": (6, 5), "south": (5, 4), "east": (5, 4), "west": (4, 3)}
PHONE, LINK = "phone", "link"
ANSWERS = {**SITE_ANSWERS, PHONE: (70, 59), LINK: (15, 12)}
KIOSK_SHARE = 0.5


def satisfaction_rating_draw(rng: random.Random, *, satisfied: bool) -> int:
    """A demo answer: 4 or 5 when satisfied, else 3, 2 or 1."""
    if satisfied:
        return 5 if rng.random() < 0.55 else 4
    return rng.choices([3, 2, 1], weights=[45, 30, 25])[0]


def _kiosks() -> dict[int, object]:
    manager = get_user_model().objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("pk").first()
    if manager is None:
        return {}
    return {
        site.pk: kiosk_device_register(actor=manager, site_id=site.pk, name="Reception")[0]
        for site in site_list().filter(is_active=True, code__in=SITE_ANSWERS)
    }


def _group(contact: dict) -> str | None:
    """Which quota a contact's answer counts against: its centre's for a visit, else the phone's or the links'."""
    channel = contact["channel"]
    if channel == ContactChannel.FACE_TO_FACE:
        return contact["site__code"] if contact["site__code"] in SITE_ANSWERS else None
    return PHONE if channel == ContactChannel.PHONE else LINK


def demo_satisfaction_load(*, rng: random.Random) -> int:
    """Answers for each quota's number of the contacts that have ended (all of them where fewer ended); returns how
    many were recorded."""
    reasons = list(reasons_active().values_list("pk", flat=True))
    kiosks = _kiosks()
    officers = {user.pk: user for user in get_user_model().objects.filter(is_active=True)}
    now = timezone.now()
    groups: dict[str, list[dict]] = defaultdict(list)
    for contact in contacts_unanswered(ended_before=now):
        group = _group(contact)
        if contact["outcome"] != ContactOutcome.FAILED and group is not None:
            groups[group].append(contact)
    recorded = 0
    for group, (answers, satisfied) in ANSWERS.items():
        chosen = rng.sample(groups[group], min(answers, len(groups[group])))
        moods = [True] * satisfied + [False] * (answers - satisfied)
        rng.shuffle(moods)
        for contact, is_satisfied in zip(sorted(chosen, key=lambda c: c["ended_at"]), moods, strict=False):
            _answer(
                contact, group, satisfaction_rating_draw(rng, satisfied=is_satisfied), kiosks, officers, reasons, rng
            )
            recorded += 1
    return recorded


def _answer(contact: dict, group: str, rating: int, kiosks: dict, officers: dict, reasons: list, rng) -> None:
    kiosk = None
    after = datetime.timedelta(minutes=rng.uniform(0.5, 4))
    if group in SITE_ANSWERS and contact["site_id"] in kiosks and rng.random() < KIOSK_SHARE:
        captured_by, kiosk = CaptureMethod.KIOSK, kiosks[contact["site_id"]]
    elif group != LINK:
        captured_by = CaptureMethod.OFFICER
    else:
        captured_by = rng.choice([CaptureMethod.LINK_EMAIL, CaptureMethod.LINK_TEXT])
        after = datetime.timedelta(hours=rng.uniform(1, 72))
    survey_record(
        contact_id=contact["pk"],
        rating=rating,
        captured_by=captured_by,
        reason_id=rng.choice(reasons) if rating <= 2 and reasons else None,
        recorded_by=officers.get(contact["officer_id"]) if captured_by == CaptureMethod.OFFICER else None,
        kiosk=kiosk,
        responded_at=min(contact["ended_at"] + after, timezone.now()),
    )
