"""The customer's contacts, agreed actions and referrals on their single view."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from servicefirst.contacts.models import ContactOutcome, ReferralStatus
from servicefirst.contacts.selectors import (
    agreed_actions_for_customer,
    contacts_for_customer,
    referrals_for_customer,
)
from servicefirst.customers.timeline import TimelineEntry


def contacts(*, customer_id: int) -> Iterable[TimelineEntry]:
    for contact in contacts_for_customer(customer_id=customer_id):
        about = contact.council_service.name if contact.council_service else "no service recorded"
        detail = f"{contact.get_outcome_display()}."
        if contact.reason:
            detail = f"{contact.reason[:200]} · {detail}"
        if contact.is_avoidable:
            detail += f" Avoidable: {contact.avoidable_reason.label.lower()}."
        yield TimelineEntry(
            at=contact.started_at,
            kind=f"{contact.get_channel_display()} contact",
            title=f"{contact.get_direction_display().split(' (')[0]} contact about {about}",
            # A client service sees a contact once it was referred to them; until then it is the front office's.
            client_service_id=contact.sent_referrals[0].client_service_id if contact.sent_referrals else None,
            status="Repeat contact" if contact.is_repeat else "",
            detail=detail,
            by=contact.officer.display_name,
            url=reverse("contacts:detail", args=[contact.pk]),
        )


def agreed_actions(*, customer_id: int) -> Iterable[TimelineEntry]:
    today = timezone.localdate()
    for action in agreed_actions_for_customer(customer_id=customer_id):
        owner = action.owner_officer.display_name if action.owner_officer else action.owner_client_service.name
        is_open = action.completed_at is None
        status = ("Overdue" if action.due_on < today else "Action due") if is_open else "Completed"
        yield TimelineEntry(
            at=action.completed_at or action.created_at,
            kind="Agreed action",
            title=action.what,
            client_service_id=action.owner_client_service_id,
            is_open=is_open,
            status=status,
            detail=f"To be carried out by {owner}",
            by=action.completed_by.display_name if action.completed_by else action.agreed_by.display_name,
            url=reverse("contacts:detail", args=[action.contact_id]),
            due=action.due_on,
        )


def referrals(*, customer_id: int) -> Iterable[TimelineEntry]:
    for referral in referrals_for_customer(customer_id=customer_id):
        sent = referral.status == ReferralStatus.SENT
        detail = referral.reason.label
        if referral.status == ReferralStatus.DECLINED:
            detail += f". Declined: {referral.decline_reason[:200]}"
        yield TimelineEntry(
            at=referral.created_at,
            kind=ContactOutcome.REFERRED.label,
            title=f"Referred to {referral.client_service.name}",
            # Until it is sent, the client service must not see the referral, nor the customer through it.
            client_service_id=referral.client_service_id if sent else None,
            is_open=referral.status == ReferralStatus.PENDING_AUTHORISATION,
            status=referral.get_status_display(),
            detail=detail,
            by=referral.referred_by.display_name,
            url=reverse("contacts:detail", args=[referral.contact_id]),
        )
