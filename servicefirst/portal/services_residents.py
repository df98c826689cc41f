"""Writes made by residents: complaints, compliments and comments, recorded through the complaints app as the
portal's system user, and the single-use sign-in links of the optional account."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from servicefirst.accounts.services import portal_user_get
from servicefirst.audit.services import AuditAction, audit_record
from servicefirst.complaints.selectors import FeedbackKind, Procedure
from servicefirst.complaints.services import ComplaintData, complaint_record
from servicefirst.core.channels import ContactChannel
from servicefirst.customers.services import ResidentDetails, customer_for_resident
from servicefirst.portal.models_residents import SignInLinkUse
from servicefirst.portal.selectors_residents import resident_has_records

SIGN_IN_SALT = "servicefirst.portal.sign-in"
SIGN_IN_MAX_AGE = 30 * 60
_VIA = "portal"


@dataclass
class ResidentFeedback:
    """What a resident typed across the pages of a complaint, compliment or comment."""

    kind: str
    council_service: int | None = None
    summary: str = ""
    details: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""

    @property
    def gave_details(self) -> bool:
        return any((self.first_name, self.last_name, self.email, self.phone, self.postcode))


def _customer_for(feedback: ResidentFeedback, actor) -> int | None:
    if not feedback.gave_details:
        return None
    # Only the postcode is asked for, and a customer's address needs its first line and town, so the postcode
    # serves matching and is not stored as an address.
    resident = ResidentDetails(
        first_name=feedback.first_name,
        last_name=feedback.last_name,
        email=feedback.email,
        phone=feedback.phone,
        postcode=feedback.postcode,
    )
    return customer_for_resident(actor=actor, resident=resident, via=_VIA)


@transaction.atomic
def resident_feedback_submit(*, feedback: ResidentFeedback):
    """Records a complaint, compliment or comment from the public site under the corporate procedure (a resident
    cannot choose a statutory social care procedure; the complaints team moves one that is)."""
    if feedback.kind not in FeedbackKind.values:
        raise ValidationError({"kind": "Choose a complaint, a compliment or feedback"})
    actor = portal_user_get()
    data = ComplaintData(
        kind=feedback.kind,
        procedure=Procedure.CORPORATE,
        summary=feedback.summary,
        details=feedback.details,
        channel=ContactChannel.WEB_FORM,
        customer_id=_customer_for(feedback, actor),
        council_service_id=feedback.council_service,
    )
    return complaint_record(actor=actor, data=data, via=_VIA)


def resident_record_viewed(*, record_type: str, record_id: int, reference: str, how: str) -> None:
    """Audits a resident seeing their own record, as staff views of personal data are; `how` says how they proved
    it was theirs."""
    audit_record(
        actor=portal_user_get(),
        action=AuditAction.VIEWED,
        record_type=record_type,
        record_id=record_id,
        record_label=reference,
        via=_VIA,
        detail=how,
    )


class SignInLinkInvalid(Exception):
    """The link was altered, or is not a sign-in link."""


class SignInLinkExpired(Exception):
    pass


class SignInLinkUsed(Exception):
    pass


def sign_in_token_make(*, email: str) -> str:
    return signing.dumps({"e": email.strip().lower(), "n": secrets.token_urlsafe(16)}, salt=SIGN_IN_SALT)


def sign_in_token_read(*, token: str) -> dict:
    """The link's email and nonce, refusing altered, expired or already used links."""
    try:
        payload = signing.loads(token, salt=SIGN_IN_SALT, max_age=SIGN_IN_MAX_AGE)
    except signing.SignatureExpired:
        raise SignInLinkExpired from None
    except signing.BadSignature:
        raise SignInLinkInvalid from None
    if SignInLinkUse.objects.filter(nonce=payload["n"]).exists():
        raise SignInLinkUsed
    return payload


def sign_in_token_use(*, token: str) -> str:
    """Spends the link and gives its email; the nonce's unique constraint lets only one of two clicks win."""
    payload = sign_in_token_read(token=token)
    try:
        with transaction.atomic():
            SignInLinkUse.objects.create(nonce=payload["n"])
    except IntegrityError:
        raise SignInLinkUsed from None
    return payload["e"]


def sign_in_link_send(*, email: str, site: str) -> bool:
    """Emails a sign-in link to `email` if it has records with the council; True if it did. Run by a background
    task (`portal.tasks`), never in the request, so asking for a link takes the same time whether or not the
    address is known and the answer gives nothing away."""
    email = email.strip().lower()
    if not resident_has_records(email=email):
        return False
    link = site.rstrip("/") + reverse("portal:account_sign_in_link", args=[sign_in_token_make(email=email)])
    context = {"link": link, "minutes": SIGN_IN_MAX_AGE // 60, "council_name": settings.COUNCIL_NAME}
    send_mail(
        subject=f"Your link to sign in to {settings.COUNCIL_NAME}",
        message=render_to_string("portal/residents/sign_in_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return True
