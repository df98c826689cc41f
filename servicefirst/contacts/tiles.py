from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone

from servicefirst.contacts.reports import (
    agreed_actions_overdue_count,
    referrals_awaiting_authorisation_count,
    repeat_share,
)
from servicefirst.contacts.services import contact_repeat_days, contact_repeat_since
from servicefirst.core.disclosure import SUPPRESSED, disclosure_for, shown_number
from servicefirst.core.registry import Tile


def repeat_contacts(user: AbstractBaseUser) -> Tile | None:
    share = repeat_share(since=contact_repeat_since(started_at=timezone.now()))
    if not share.contacts:
        return None
    if disclosure_for(user).hides_part(share.repeats, share.contacts):
        value, counts = SUPPRESSED, SUPPRESSED
    else:
        value, counts = f"{share.repeats / share.contacts:.0%}", f"{share.repeats:,} of {share.contacts:,}"
    return Tile(
        title="Repeat contacts",
        value=value,
        detail=f"{counts} contacts with a known customer in the last {contact_repeat_days()} days",
    )


def overdue_actions(user: AbstractBaseUser) -> Tile:
    return Tile(
        title="Agreed actions overdue",
        value=shown_number(disclosure_for(user).count(agreed_actions_overdue_count())),
        detail="Promised to customers and not yet carried out",
        url=reverse("contacts:actions_report"),
    )


def referrals_to_authorise(user: AbstractBaseUser) -> Tile:
    return Tile(
        title="Referrals to authorise",
        value=f"{referrals_awaiting_authorisation_count():,}",
        detail="Waiting for a team manager before they reach the client service",
        url=reverse("contacts:referrals_to_authorise"),
    )
