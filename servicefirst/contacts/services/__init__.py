"""Writes for contacts: logging one (`log`), and the referrals (`referrals`) and agreed actions (`actions`) that
follow from it. Other apps import from this package, never from its modules.

Every rule is enforced here and raised as a ValidationError keyed by the field names the logging
form and the API share, so the two cannot disagree.
"""

from servicefirst.contacts.services.actions import agreed_action_complete, agreed_action_may_complete
from servicefirst.contacts.services.log import (
    CHECKED_LOOKUPS,
    ActionOwner,
    ContactData,
    contact_customer_set,
    contact_locked,
    contact_log,
    contact_validate,
)
from servicefirst.contacts.services.reads import contact_open, referral_open
from servicefirst.contacts.services.referrals import AlreadyDecided, referral_authorise, referral_decline
from servicefirst.contacts.services.repeats import contact_repeat_days, contact_repeat_since, contact_repeats

__all__ = [
    "CHECKED_LOOKUPS",
    "ActionOwner",
    "AlreadyDecided",
    "ContactData",
    "agreed_action_complete",
    "agreed_action_may_complete",
    "contact_customer_set",
    "contact_locked",
    "contact_log",
    "contact_open",
    "contact_repeat_days",
    "contact_repeat_since",
    "contact_repeats",
    "contact_validate",
    "referral_authorise",
    "referral_decline",
    "referral_open",
]
