"""Logging a contact: every rule a contact is checked against, the repeat it may be (`repeats`), and naming its
customer later."""

import datetime
from dataclasses import dataclass, fields

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from servicefirst.catalogue.selectors import contact_point_lookup, council_service_lookup
from servicefirst.contacts.models import (
    AgreedAction,
    AvoidableReason,
    Contact,
    ContactDirection,
    ContactOutcome,
    ReferralReason,
    WrapUpCode,
)
from servicefirst.contacts.services.referrals import referral_create
from servicefirst.contacts.services.repeats import contact_repeat_neighbours, contact_repeats_pass_on
from servicefirst.core.channels import ContactChannel
from servicefirst.core.db import row_insert
from servicefirst.core.events import contact_customer_named, contact_logged
from servicefirst.core.localtime import local_moment
from servicefirst.core.lookups import Lookup, lookup_values
from servicefirst.customers.services import customer_lock
from servicefirst.organisation.selectors import site_lookup

_REASON_MAX = 2000


# A clock a few minutes ahead of the server must not stop an officer saving a call that just ended.
_CLOCK_SKEW = datetime.timedelta(minutes=5)


# Django builds an enumeration's `values` afresh on every read.
_CHANNELS = frozenset(ContactChannel.values)


_DIRECTIONS = frozenset(ContactDirection.values)


_OUTCOMES = frozenset(ContactOutcome.values)


def contact_longest() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.CONTACT_MAX_DURATION_HOURS)


class ActionOwner:
    OFFICER = "officer"
    CLIENT_SERVICE = "client_service"


@dataclass
class ContactData:
    """A contact as an officer or an API client records it, with the names the form and the API use."""

    channel: str = ContactChannel.PHONE
    direction: str = ContactDirection.INBOUND
    customer_id: int | None = None
    council_service_id: int | None = None
    reason: str = ""
    contact_point_id: int | None = None
    site_id: int | None = None
    started_at: datetime.datetime | None = None
    ended_at: datetime.datetime | None = None
    outcome: str = ""
    wrap_up_code_id: int | None = None
    is_avoidable: bool = False
    avoidable_reason_id: int | None = None
    referral_reason_id: int | None = None
    referral_detail: str = ""
    action_what: str = ""
    action_owner: str = ActionOwner.OFFICER
    action_due_on: datetime.date | None = None
    assisted_digital: bool = False

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def _check_choices(data: ContactData, errors: dict[str, str]) -> None:
    if data.channel not in _CHANNELS:
        errors["channel"] = "Select how the customer contacted the council"
    if data.direction not in _DIRECTIONS:
        errors["direction"] = "Select whether the customer contacted us or we contacted them"
    if data.outcome not in _OUTCOMES:
        errors["outcome"] = "Select the outcome of the contact"


def _check_times(data: ContactData, errors: dict[str, str]) -> None:
    if data.started_at is None:
        errors["started_at"] = "Enter when the contact started"
    if data.ended_at is None:
        errors["ended_at"] = "Enter when the contact ended"
    if data.started_at is None or data.ended_at is None:
        return
    if data.started_at > timezone.now() + _CLOCK_SKEW:
        errors["started_at"] = "The start must be now or in the past"
    if data.ended_at < data.started_at:
        errors["ended_at"] = "The end must be the same as or after the start"
    elif data.ended_at - data.started_at > contact_longest():
        hours = int(contact_longest().total_seconds() // 3600)
        errors["ended_at"] = f"A contact cannot last longer than {hours} hours; check the start and end"


def _check_content(data: ContactData, errors: dict[str, str]) -> None:
    failed = data.outcome == ContactOutcome.FAILED
    if data.council_service_id is None and not failed:
        errors["council_service_id"] = "Select the service the contact was about"
    if not data.reason and not failed:
        errors["reason"] = "Enter what the customer contacted us about"
    if len(data.reason) > _REASON_MAX:
        errors["reason"] = f"Reason must be {_REASON_MAX} characters or fewer"
    if data.channel == ContactChannel.FACE_TO_FACE and data.site_id is None:
        errors["site_id"] = "Select the site the customer visited"
    if data.is_avoidable and data.avoidable_reason_id is None:
        errors["avoidable_reason_id"] = "Select why the contact was avoidable"
    if data.outcome == ContactOutcome.REFERRED and data.referral_reason_id is None:
        errors["referral_reason_id"] = "Select why the contact is referred to the client service"
    if data.action_what:
        if data.customer_id is None:
            errors["action_what"] = "Actions can only be agreed with a known customer; find or add the customer"
        if data.action_due_on is None:
            errors["action_due_on"] = "Enter the date the action is due by"
        elif data.started_at and data.action_due_on < timezone.localdate(data.started_at):
            errors["action_due_on"] = "The due date must be on or after the day of the contact"
        if data.action_owner not in (ActionOwner.OFFICER, ActionOwner.CLIENT_SERVICE):
            errors["action_owner"] = "Select who will carry out the action"
        elif data.action_owner == ActionOwner.CLIENT_SERVICE and data.council_service_id is None:
            errors["action_owner"] = "Select the service, so the action can go to its client service"


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    # A time without a zone is the council's local time, as officers read it off the clock.
    return None if value is None else local_moment(value)


def contact_validate(*, data: ContactData) -> ContactData:
    """The contact's own rules, without touching the database; returns the data tidied."""
    data.started_at, data.ended_at = _aware(data.started_at), _aware(data.ended_at)
    data.reason = data.reason.strip()
    data.referral_detail = data.referral_detail.strip()
    data.action_what = data.action_what.strip()
    if not data.is_avoidable:
        data.avoidable_reason_id = None
    if data.outcome != ContactOutcome.REFERRED:
        data.referral_reason_id, data.referral_detail = None, ""
    errors: dict[str, str] = {}
    _check_choices(data, errors)
    _check_times(data, errors)
    _check_content(data, errors)
    if errors:
        raise ValidationError(errors)
    return data


_CHECKS = (
    ("council_service_id", council_service_lookup, "Select a service from the catalogue"),
    ("wrap_up_code_id", Lookup(WrapUpCode, active_only=True), "Select a wrap-up code from the list"),
    ("avoidable_reason_id", Lookup(AvoidableReason, active_only=True), "Select a reason from the list"),
    ("referral_reason_id", Lookup(ReferralReason, active_only=True), "Select a reason from the list"),
    ("contact_point_id", contact_point_lookup, "No such contact point"),
    ("site_id", site_lookup, "Select a site from the list"),
)


# The lists every contact is checked against; the contacts app watches them at start-up.
CHECKED_LOOKUPS = tuple(lookup for _, lookup, _ in _CHECKS)


def _check_references(data: ContactData) -> int | None:
    """Checks each chosen record exists (and each code is in use); returns the client service that delivers
    the chosen service."""
    chosen = {lookup: getattr(data, name) for name, lookup, _ in _CHECKS if getattr(data, name) is not None}
    found = lookup_values(chosen)
    errors = {name: message for name, lookup, message in _CHECKS if lookup in chosen and found[lookup] is None}
    if errors:
        raise ValidationError(errors)
    return found.get(council_service_lookup)


def _lock_customer(customer_id: int) -> None:
    # Locking the customer serialises contacts for one person, so two logged at once agree on which repeats which.
    if not customer_lock(customer_id=customer_id):
        raise ValidationError({"customer_id": "Select a customer from the search results, or an anonymous caller"})


@transaction.atomic
def contact_log(*, officer: AbstractBaseUser, data: ContactData) -> Contact:
    """Records a contact; flags it as a repeat, and raises its referral and agreed action when asked."""
    if not officer.can("contact.log"):
        raise PermissionDenied("contact.log")
    data = contact_validate(data=data)
    client_service_id = _check_references(data)
    if data.customer_id is not None:
        _lock_customer(data.customer_id)
    neighbours = contact_repeat_neighbours(
        customer_id=data.customer_id,
        council_service_id=data.council_service_id,
        direction=data.direction,
        started_at=data.started_at,
    )
    contact = Contact(
        channel=data.channel,
        direction=data.direction,
        customer_id=data.customer_id,
        council_service_id=data.council_service_id,
        reason=data.reason,
        officer=officer,
        contact_point_id=data.contact_point_id,
        site_id=data.site_id,
        started_at=data.started_at,
        ended_at=data.ended_at,
        outcome=data.outcome,
        wrap_up_code_id=data.wrap_up_code_id,
        is_avoidable=data.is_avoidable,
        avoidable_reason_id=data.avoidable_reason_id,
        is_repeat=neighbours.repeat_of is not None,
        assisted_digital=data.assisted_digital,
        repeat_of_id=neighbours.repeat_of,
    )
    row_insert(contact)
    contact_repeats_pass_on(contact=contact, neighbours=neighbours)
    if data.outcome == ContactOutcome.REFERRED and client_service_id is not None:
        referral_create(
            contact=contact,
            referred_by=officer,
            client_service_id=client_service_id,
            reason_id=data.referral_reason_id,
            detail=data.referral_detail,
        )
    if data.action_what:
        by_officer = data.action_owner == ActionOwner.OFFICER
        row_insert(
            AgreedAction(
                contact=contact,
                customer_id=data.customer_id,
                what=data.action_what[:500],
                owner_officer=officer if by_officer else None,
                owner_client_service_id=None if by_officer else client_service_id,
                due_on=data.action_due_on,
                agreed_by=officer,
            )
        )
    contact_logged.send(sender=Contact, contact=contact)
    return contact


def contact_locked(*, contact_id: int | None) -> Contact | None:
    """The contact, locked until the caller's transaction ends, so records made about it (an answer to the
    satisfaction question) queue rather than race; None when there is no such contact."""
    return Contact.objects.select_for_update().filter(pk=contact_id).first() if contact_id else None


@transaction.atomic
def contact_customer_set(*, officer: AbstractBaseUser, contact_id: int, customer_id: int) -> Contact:
    """Names the customer of a contact logged without one (an email from an address nobody has yet)."""
    if not officer.can("contact.log"):
        raise PermissionDenied("contact.log")
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if contact.customer_id is not None and contact.customer_id != customer_id:
        raise ValidationError({"customer_id": "This contact already belongs to another customer"})
    if contact.customer_id == customer_id:
        return contact
    _lock_customer(customer_id)
    # Now the customer is known, the contact may repeat an earlier one, and be the one a later one repeats.
    # Found before it is saved as theirs, so it is not its own neighbour.
    neighbours = contact_repeat_neighbours(
        customer_id=customer_id,
        council_service_id=contact.council_service_id,
        direction=contact.direction,
        started_at=contact.started_at,
    )
    contact.customer_id, contact.repeat_of_id = customer_id, neighbours.repeat_of
    contact.is_repeat = contact.repeat_of_id is not None
    contact.save(update_fields=["customer", "is_repeat", "repeat_of"])
    contact_customer_named.send(sender=Contact, contact=contact)
    contact_repeats_pass_on(contact=contact, neighbours=neighbours)
    return contact
