"""Contacts are made through `contact_log`, so their repeat flags, referrals and actions are real."""

import datetime

from django.utils import timezone

from servicefirst.contacts.models import AvoidableReason, ReferralReason, WrapUpCode
from servicefirst.contacts.services import ContactData, contact_log

# The migrations load these codes; a transactional test empties every table afterwards, so later tests make them.
LABELS = {
    "information-given": "Information given",
    "chasing-progress": "Chasing progress",
    "specialist-advice": "Needs specialist advice",
    "visit-needed": "Needs a visit or inspection",
}


def wrap_up_code(code: str = "information-given") -> WrapUpCode:
    return WrapUpCode.objects.get_or_create(code=code, defaults={"label": LABELS[code]})[0]


def avoidable_reason(code: str = "chasing-progress") -> AvoidableReason:
    return AvoidableReason.objects.get_or_create(code=code, defaults={"label": LABELS[code]})[0]


def referral_reason(code: str = "specialist-advice") -> ReferralReason:
    return ReferralReason.objects.get_or_create(code=code, defaults={"label": LABELS[code]})[0]


def contact_data(**fields) -> ContactData:
    started = fields.pop("started_at", None) or timezone.now() - datetime.timedelta(minutes=5)
    defaults = {
        "channel": "phone",
        "reason": "Bin not collected on Tuesday",
        "outcome": "resolved_first_contact",
        "started_at": started,
        "ended_at": started + datetime.timedelta(minutes=4),
    }
    return ContactData(**(defaults | fields))


def log_contact(officer, **fields):
    return contact_log(officer=officer, data=contact_data(**fields))
