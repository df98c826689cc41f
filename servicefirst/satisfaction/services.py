"""Writes for satisfaction: recording a customer's answer (from every capture path) and managing kiosks.

Every answer goes through `survey_record`, which holds the two rules the council relies on: at most one
answer per contact, and a reason whenever the customer was dissatisfied.
"""

import datetime
import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from servicefirst.contacts.services import contact_locked
from servicefirst.core.channels import ContactChannel
from servicefirst.core.events import survey_answered
from servicefirst.core.localtime import local_moment
from servicefirst.organisation.selectors import site_list
from servicefirst.satisfaction.models import (
    DISSATISFIED_UP_TO,
    CaptureMethod,
    DissatisfactionReason,
    KioskDevice,
    Rating,
    SurveyResponse,
)

COMMENT_MAX = 1000
ALREADY_ANSWERED = "This contact already has a satisfaction answer"
# Answers keyed by people or machines acting for the council, rather than given by the customer directly.
KEYED = frozenset({CaptureMethod.OFFICER, CaptureMethod.IVR})
# A device clock a little ahead of the server must not refuse an answer given just now.
_CLOCK_SKEW = datetime.timedelta(minutes=5)


def kiosk_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    return None if value is None else local_moment(value)


def survey_answer_check(*, rating: int | None, reason_id: int | None, comment: str) -> int | None:
    """The answer's own rules; returns the reason to store (none unless dissatisfied)."""
    errors: dict[str, str] = {}
    if rating not in Rating.values:
        errors["rating"] = "Select how satisfied you were with our service"
    elif rating <= DISSATISFIED_UP_TO:
        if reason_id is None:
            errors["reason_id"] = "Select the main reason you were dissatisfied"
        elif not DissatisfactionReason.objects.filter(pk=reason_id, is_active=True).exists():
            errors["reason_id"] = "Select a reason from the list"
    if len(comment) > COMMENT_MAX:
        errors["comment"] = f"Comments must be {COMMENT_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors)
    return reason_id if rating <= DISSATISFIED_UP_TO else None


def _check_capture(
    *, captured_by: str, recorded_by: AbstractBaseUser | None, kiosk: KioskDevice | None
) -> dict[str, str]:
    if captured_by not in CaptureMethod.values:
        return {"captured_by": "Select how the answer was captured"}
    if captured_by in KEYED and (recorded_by is None or not recorded_by.can("satisfaction.record")):
        raise PermissionDenied("satisfaction.record")
    if (captured_by == CaptureMethod.KIOSK) != (kiosk is not None) or (kiosk is not None and not kiosk.is_active):
        return {"captured_by": "Kiosk answers come only from a registered kiosk"}
    return {}


def _contact_locked(contact_id: int | None):
    # Locking the contact serialises answers about it, so two at once cannot both pass the check below.
    contact = contact_locked(contact_id=contact_id)
    if contact is None:
        raise ValidationError({"contact_id": "No contact has that id"})
    return contact


@transaction.atomic
def survey_record(
    *,
    contact_id: int | None,
    rating: int | None,
    captured_by: str,
    reason_id: int | None = None,
    comment: str = "",
    recorded_by: AbstractBaseUser | None = None,
    kiosk: KioskDevice | None = None,
    responded_at: datetime.datetime | None = None,
) -> SurveyResponse:
    """Records the customer's answer about a contact; refuses a second answer about the same contact."""
    comment = (comment or "").strip()
    errors = _check_capture(captured_by=captured_by, recorded_by=recorded_by, kiosk=kiosk)
    try:
        reason_id = survey_answer_check(rating=rating, reason_id=reason_id, comment=comment)
    except ValidationError as error:
        errors |= {field: messages[0] for field, messages in error.message_dict.items()}
    now = timezone.now()
    responded_at = _aware(responded_at) or now
    if responded_at > now + _CLOCK_SKEW:
        errors["responded_at"] = "The answer cannot be in the future"
    if errors:
        raise ValidationError(errors)
    contact = _contact_locked(contact_id)
    if contact.ended_at > now + _CLOCK_SKEW:
        raise ValidationError({"contact_id": "Ask for feedback once the contact has ended"})
    if responded_at < contact.started_at:
        raise ValidationError({"responded_at": "The answer cannot be earlier than the contact"})
    if kiosk is not None and (contact.site_id != kiosk.site_id or contact.channel != ContactChannel.FACE_TO_FACE):
        raise ValidationError({"contact_id": "A kiosk records answers about visits to its own site only"})
    if SurveyResponse.objects.filter(contact_id=contact.pk).exists():
        raise ValidationError({"contact_id": ALREADY_ANSWERED})
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                contact=contact,
                rating=rating,
                captured_by=captured_by,
                reason_id=reason_id,
                comment=comment,
                recorded_by=recorded_by if captured_by in KEYED else None,
                kiosk=kiosk,
                responded_at=responded_at,
            )
    except IntegrityError:
        # A database without row locks (or another path) got there first; the constraint is the last word.
        if SurveyResponse.objects.filter(contact_id=contact.pk).exists():
            raise ValidationError({"contact_id": ALREADY_ANSWERED}) from None
        raise
    if kiosk is not None:
        KioskDevice.objects.filter(pk=kiosk.pk).update(last_used_at=now)
    survey_answered.send(sender=SurveyResponse, contact=contact, rating=rating)
    return response


@transaction.atomic
def kiosk_device_register(*, actor: AbstractBaseUser, site_id: int | None, name: str) -> tuple[KioskDevice, str]:
    """Binds a new kiosk to a site; returns the device and its token, which is shown once and never stored."""
    if not actor.can("kiosk.manage"):
        raise PermissionDenied("kiosk.manage")
    name = name.strip()
    errors: dict[str, str] = {}
    if site_id is None or not site_list().filter(pk=site_id).exists():
        errors["site_id"] = "Select the site the kiosk stands in"
    if not name:
        errors["name"] = "Enter where the kiosk stands, for example Reception"
    elif len(name) > 100:
        errors["name"] = "Name must be 100 characters or fewer"
    if errors:
        raise ValidationError(errors)
    token = secrets.token_urlsafe(32)
    device = KioskDevice.objects.create(
        site_id=site_id, name=name, token_hash=kiosk_token_hash(token), registered_by=actor
    )
    return device, token


@transaction.atomic
def kiosk_device_revoke(*, actor: AbstractBaseUser, device_id: int) -> KioskDevice:
    """A lost or moved kiosk stops working at once; its past answers stay."""
    if not actor.can("kiosk.manage"):
        raise PermissionDenied("kiosk.manage")
    device = KioskDevice.objects.select_for_update().get(pk=device_id)
    if device.revoked_at is None:
        device.revoked_at, device.revoked_by = timezone.now(), actor
        device.save(update_fields=["revoked_at", "revoked_by"])
    return device
