import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from servicefirst.accounts.api_auth import capable
from servicefirst.contacts.models import Contact, ContactDirection, ContactOutcome
from servicefirst.contacts.services import ActionOwner, ContactData, contact_log, contact_open
from servicefirst.core.channels import ContactChannel
from servicefirst.core.validation import IsoDate, IsoDateTime

router = Router(tags=["contacts"])


class ContactIn(Schema):
    """A contact on any channel. Leave `customer_id` out for an anonymous caller, and `ended_at` out to end it now.

    `council_service_id` may be left out only when the outcome is `failed`. With `outcome` `referred`, give a
    `referral_reason_id`; the referral goes to the client service that delivers the service.
    """

    channel: ContactChannel
    direction: ContactDirection = ContactDirection.INBOUND
    customer_id: int | None = None
    council_service_id: int | None = None
    reason: str = Field("", max_length=2000)
    contact_point_id: int | None = None
    site_id: int | None = None
    started_at: IsoDateTime
    ended_at: IsoDateTime | None = None
    outcome: ContactOutcome
    wrap_up_code_id: int | None = None
    is_avoidable: bool = False
    avoidable_reason_id: int | None = None
    referral_reason_id: int | None = None
    referral_detail: str = Field("", max_length=2000)
    action_what: str = Field("", max_length=500)
    action_owner: str = Field(ActionOwner.OFFICER, max_length=20)
    action_due_on: IsoDate | None = None


class ContactOut(Schema):
    id: int
    reference: str
    channel: str
    direction: str
    customer_id: int | None
    council_service_id: int | None
    reason: str
    officer: str
    contact_point_id: int | None
    site_id: int | None
    started_at: datetime.datetime
    ended_at: datetime.datetime
    duration_seconds: int
    outcome: str
    wrap_up_code_id: int | None
    is_avoidable: bool
    avoidable_reason_id: int | None
    is_repeat: bool
    repeat_of_id: int | None


def _out(contact: Contact) -> ContactOut:
    # Built from a saved contact, whose values already have these types: validating them again cost about
    # 0.2 ms of CPU a contact (bench/README.md).
    return ContactOut.model_construct(
        id=contact.pk,
        reference=contact.reference,
        channel=contact.channel,
        direction=contact.direction,
        customer_id=contact.customer_id,
        council_service_id=contact.council_service_id,
        reason=contact.reason,
        officer=contact.officer.username,
        contact_point_id=contact.contact_point_id,
        site_id=contact.site_id,
        started_at=contact.started_at,
        ended_at=contact.ended_at,
        duration_seconds=contact.duration_seconds,
        outcome=contact.outcome,
        wrap_up_code_id=contact.wrap_up_code_id,
        is_avoidable=contact.is_avoidable,
        avoidable_reason_id=contact.avoidable_reason_id,
        is_repeat=contact.is_repeat,
        repeat_of_id=contact.repeat_of_id,
    )


@router.post("", response={201: ContactOut}, summary="Log a contact", auth=capable("contact.log"))
def create(request: HttpRequest, payload: ContactIn):
    values = payload.dict()
    values["ended_at"] = values["ended_at"] or timezone.now()
    contact = contact_log(officer=request.user, data=ContactData(**values))
    return Status(201, _out(contact))


@router.get("/{contact_id}", response=ContactOut, summary="Read a contact")
def read(request: HttpRequest, contact_id: int):
    try:
        contact = contact_open(viewer=request.user, contact_id=contact_id, via="api")
    except Contact.DoesNotExist:
        raise HttpError(404, "No contact has that id") from None
    return _out(contact)
