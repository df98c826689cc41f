"""Referrals to client services: raised with a contact, then sent at once, or authorised or declined by a team
manager."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.contacts.models import (
    Contact,
    Referral,
    ReferralRule,
    ReferralStatus,
)
from servicefirst.core.db import row_insert
from servicefirst.core.versions import version_check, version_save

_DECLINE_REASON_MAX = 2000


def _referral_needs_authorisation(client_service_id: int) -> bool:
    return ReferralRule.objects.filter(client_service_id=client_service_id, needs_authorisation=True).exists()


def referral_create(
    *, contact: Contact, referred_by: AbstractBaseUser, client_service_id: int, reason_id: int, detail: str
) -> Referral:
    now = timezone.now()
    if _referral_needs_authorisation(client_service_id):
        status, sent_at = ReferralStatus.PENDING_AUTHORISATION, None
    else:
        status, sent_at = ReferralStatus.SENT, now
    referral = Referral(
        contact=contact,
        client_service_id=client_service_id,
        reason_id=reason_id,
        detail=detail,
        status=status,
        referred_by=referred_by,
        sent_at=sent_at,
    )
    row_insert(referral)
    return referral


class AlreadyDecided(Exception):
    """Another team manager decided the referral first."""

    def __init__(self, referral: Referral) -> None:
        super().__init__(f"Referral {referral.pk} is already {referral.get_status_display().lower()}")
        self.referral = referral


def _pending_referral(referral_id: int, version: int | None) -> Referral:
    """The referral, locked, still awaiting a decision and as the manager saw it (a client service officer may
    have added to it since)."""
    referral = Referral.objects.select_for_update().get(pk=referral_id)
    if referral.status != ReferralStatus.PENDING_AUTHORISATION:
        raise AlreadyDecided(referral)
    version_check(record=referral, version=version)
    return referral


@transaction.atomic
def referral_authorise(*, manager: AbstractBaseUser, referral_id: int, version: int | None = None) -> Referral:
    """Authorising sends the referral: from now on the client service sees it."""
    if not manager.can("referral.authorise"):
        raise PermissionDenied("referral.authorise")
    referral = _pending_referral(referral_id, version)
    now = timezone.now()
    referral.status = ReferralStatus.SENT
    referral.decided_by, referral.decided_at, referral.sent_at = manager, now, now
    version_save(record=referral, fields=("status", "decided_by", "decided_at", "sent_at"))
    return referral


@transaction.atomic
def referral_decline(
    *, manager: AbstractBaseUser, referral_id: int, reason: str, version: int | None = None
) -> Referral:
    if not manager.can("referral.authorise"):
        raise PermissionDenied("referral.authorise")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"decline_reason": "Enter why the referral is declined"})
    if len(reason) > _DECLINE_REASON_MAX:
        raise ValidationError({"decline_reason": f"Reason must be {_DECLINE_REASON_MAX} characters or fewer"})
    referral = _pending_referral(referral_id, version)
    referral.status = ReferralStatus.DECLINED
    referral.decided_by, referral.decided_at, referral.decline_reason = manager, timezone.now(), reason
    version_save(record=referral, fields=("status", "decided_by", "decided_at", "decline_reason"))
    return referral
