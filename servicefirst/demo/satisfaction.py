"""Satisfaction answers for the demo borough's contacts, written through `survey_record` as the kiosks, survey
links and officers' screens write them. Each centre's share satisfied is drawn around the figures a London
borough reported to scrutiny (Hornsey 87.1%, North Tottenham 85%, South Tottenham 81.8%, Wood Green 82.5%),
so the results page shows centres that differ by about as much as real ones do."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.selectors import ContactOutcome
from servicefirst.core.channels import ContactChannel
from servicefirst.organisation.selectors import site_list
from servicefirst.satisfaction.models import CaptureMethod
from servicefirst.satisfaction.selectors import contacts_unanswered, reasons_active
from servicefirst.satisfaction.services import kiosk_device_register, survey_record

SATISFIED_SHARE = {
    "town-hall": 0.871,
    "north": 0.85,
    "south": 0.818,
    "east": 0.825,
    "west": 0.84,
    "library-hub": 0.86,
    "housing-advice": 0.80,
}
# Phone, email and web contacts have no site.
ELSEWHERE_SHARE = 0.84
# Of the contacts, how many end with an answer: officers ask most callers, fewer answer a link.
ANSWER_SHARE = {ContactChannel.FACE_TO_FACE: 0.45, ContactChannel.PHONE: 0.35}
LINK_ANSWER_SHARE = 0.12
KIOSK_SHARE = 0.5


def satisfaction_rating_draw(rng: random.Random, satisfied_share: float) -> int:
    """A demo answer: 4 or 5 with the satisfied share, else 3, 2 or 1."""
    if rng.random() < satisfied_share:
        return 5 if rng.random() < 0.55 else 4
    return rng.choices([3, 2, 1], weights=[45, 30, 25])[0]


def _kiosks(rng: random.Random) -> dict[int, object]:
    manager = get_user_model().objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("pk").first()
    if manager is None:
        return {}
    return {
        site.pk: kiosk_device_register(actor=manager, site_id=site.pk, name="Reception")[0]
        for site in site_list().filter(is_active=True, code__in=SATISFIED_SHARE)
    }


def demo_satisfaction_load(*, rng: random.Random) -> int:
    """Answers for a realistic share of the contacts that have ended; returns how many were recorded."""
    reasons = list(reasons_active().values_list("pk", flat=True))
    kiosks = _kiosks(rng)
    officers = {user.pk: user for user in get_user_model().objects.filter(is_active=True)}
    now = timezone.now()
    recorded = 0
    for contact in contacts_unanswered(ended_before=now).iterator():
        if contact["outcome"] == ContactOutcome.FAILED:
            continue
        channel = contact["channel"]
        if rng.random() >= ANSWER_SHARE.get(channel, LINK_ANSWER_SHARE):
            continue
        rating = satisfaction_rating_draw(rng, SATISFIED_SHARE.get(contact["site__code"], ELSEWHERE_SHARE))
        kiosk = None
        after = datetime.timedelta(minutes=rng.uniform(0.5, 4))
        if channel == ContactChannel.FACE_TO_FACE and contact["site_id"] in kiosks and rng.random() < KIOSK_SHARE:
            captured_by, kiosk = CaptureMethod.KIOSK, kiosks[contact["site_id"]]
        elif channel in ANSWER_SHARE:
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
            responded_at=min(contact["ended_at"] + after, now),
        )
        recorded += 1
    return recorded
