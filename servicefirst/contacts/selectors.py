"""Reads for contacts, agreed actions and referrals; the aggregate reports are in reports.py."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import (
    AgreedAction,
    AvoidableReason,
    Contact,
    Referral,
    ReferralReason,
    ReferralStatus,
    WrapUpCode,
)

# Other apps name channels and outcomes through here, never through the contacts models.
from servicefirst.contacts.models import ContactDirection as ContactDirection
from servicefirst.contacts.models import ContactOutcome as ContactOutcome
from servicefirst.core.workingdays import working_days_between


def contact_list() -> QuerySet[Contact]:
    """Every contact, for apps that hold records about contacts to filter by their own relations."""
    return Contact.objects.all()


@dataclass(frozen=True)
class ContactOrigin:
    """What a record raised from a contact inherits from it: the site it happened at (None unless face to face),
    when the council received it, and its channel."""

    site_id: int | None
    received_at: datetime.datetime
    channel: str


def contact_origin(*, contact_id: int) -> ContactOrigin:
    """DoesNotExist when there is no such contact."""
    found = Contact.objects.filter(pk=contact_id).values_list("site_id", "started_at", "channel").first()
    if found is None:
        raise Contact.DoesNotExist(contact_id)
    return ContactOrigin(*found)


def contact_get(*, contact_id: int) -> Contact:
    return Contact.objects.select_related(
        "customer",
        "council_service__client_service",
        "officer",
        "contact_point",
        "site",
        "wrap_up_code",
        "avoidable_reason",
        "repeat_of",
    ).get(pk=contact_id)


def contact_may_view(*, viewer: AbstractBaseUser, contact: Contact) -> bool:
    """Front-office staff see every contact; a client service officer only those their service was sent."""
    if viewer.can("contact.log"):
        return True
    if viewer.is_active and viewer.role == Role.CLIENT_SERVICE_OFFICER:
        return contact.referrals.filter(client_service_id=viewer.client_service_id, status=ReferralStatus.SENT).exists()
    return False


def contacts_for_customer(*, customer_id: int) -> QuerySet[Contact]:
    """The customer's contacts, each with `sent_referrals`: the client services it reached."""
    sent = Referral.objects.filter(status=ReferralStatus.SENT).only("contact_id", "client_service_id")
    return (
        Contact.objects.filter(customer_id=customer_id)
        .select_related("council_service", "officer", "avoidable_reason")
        .prefetch_related(Prefetch("referrals", queryset=sent, to_attr="sent_referrals"))
    )


def contact_first_started_at() -> datetime.datetime | None:
    """When the earliest contact on record started (the started_at index answers it), or None before the first."""
    return Contact.objects.order_by("started_at").values_list("started_at", flat=True).first()


def wrap_up_codes_active() -> QuerySet[WrapUpCode]:
    return WrapUpCode.objects.filter(is_active=True)


def avoidable_reasons_active() -> QuerySet[AvoidableReason]:
    return AvoidableReason.objects.filter(is_active=True)


def referral_reasons_active() -> QuerySet[ReferralReason]:
    return ReferralReason.objects.filter(is_active=True)


def _actions() -> QuerySet[AgreedAction]:
    return AgreedAction.objects.select_related(
        "customer", "owner_officer", "owner_client_service", "contact__council_service", "agreed_by", "completed_by"
    )


def agreed_actions_open_for(*, user: AbstractBaseUser) -> QuerySet[AgreedAction]:
    """The user's own open actions: a client service officer's are their service's."""
    actions = _actions().filter(completed_at__isnull=True)
    if user.role == Role.CLIENT_SERVICE_OFFICER:
        return actions.filter(owner_client_service_id=user.client_service_id)
    return actions.filter(owner_officer=user)


def agreed_actions_open_for_team(*, overdue_only: bool = False) -> QuerySet[AgreedAction]:
    actions = _actions().filter(completed_at__isnull=True)
    if overdue_only:
        actions = actions.filter(due_on__lt=timezone.localdate())
    return actions


def agreed_actions_for_customer(*, customer_id: int) -> QuerySet[AgreedAction]:
    return _actions().filter(customer_id=customer_id)


def agreed_action_get(*, action_id: int) -> AgreedAction:
    return _actions().get(pk=action_id)


def _referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "contact__customer", "contact__council_service", "client_service", "reason", "referred_by", "decided_by"
    )


def referrals_received(*, user: AbstractBaseUser, client_service_id: int | None = None) -> QuerySet[Referral]:
    """Referrals that reached a client service; a client service officer sees only their own service's."""
    referrals = _referrals().filter(status=ReferralStatus.SENT)
    if user.role == Role.CLIENT_SERVICE_OFFICER:
        return referrals.filter(client_service_id=user.client_service_id)
    if client_service_id is not None:
        referrals = referrals.filter(client_service_id=client_service_id)
    return referrals


def referrals_awaiting_authorisation() -> QuerySet[Referral]:
    return _referrals().filter(status=ReferralStatus.PENDING_AUTHORISATION).order_by("created_at", "id")


@dataclass(frozen=True)
class Waited:
    """How long a referral has waited for its decision: whole working days once a working day has passed since the
    day it was made, else the hours, so this morning's referral and last week's read differently."""

    working_days: int
    hours: int

    def __str__(self) -> str:
        if self.working_days:
            return f"{self.working_days} working day{'s' if self.working_days != 1 else ''}"
        if self.hours:
            return f"{self.hours} hour{'s' if self.hours != 1 else ''}"
        return "Less than an hour"


def referral_waited(*, referral: Referral, now: datetime.datetime | None = None) -> Waited:
    now = now or timezone.now()
    days = working_days_between(start=timezone.localdate(referral.created_at), end=timezone.localdate(now))
    return Waited(working_days=days, hours=int((now - referral.created_at).total_seconds() // 3600))


def referral_get(*, referral_id: int) -> Referral:
    return _referrals().get(pk=referral_id)


def referrals_for_customer(*, customer_id: int) -> QuerySet[Referral]:
    return _referrals().filter(contact__customer_id=customer_id)


# The fields a contact adds to the performance figures, in the order `contact_fact_rows` gives them.
CONTACT_FACT_FIELDS = (
    "started_at",
    "ended_at",
    "channel",
    "site_id",
    "council_service_id",
    "outcome",
    "is_avoidable",
    "is_repeat",
)


def contact_fact_rows() -> QuerySet:
    """Every contact as a plain tuple of `CONTACT_FACT_FIELDS`, for rebuilding the figures after a bulk load."""
    return Contact.objects.order_by().values_list(*CONTACT_FACT_FIELDS)


# What contacts holds about a person, for the per-customer participant contract (`contacts.hooks`).
def referrals_sent_held(*, customer_id: int, client_service_id: int) -> bool:
    """Whether the customer has a contact that reached this client service: a client service officer's need."""
    return Referral.objects.filter(
        contact__customer_id=customer_id, client_service_id=client_service_id, status=ReferralStatus.SENT
    ).exists()


def agreed_actions_held(*, customer_id: int, client_service_id: int) -> bool:
    return AgreedAction.objects.filter(customer_id=customer_id, owner_client_service_id=client_service_id).exists()


def contacts_export(*, customer_id: int) -> list[dict]:
    return list(Contact.objects.filter(customer_id=customer_id).order_by("started_at", "id").values())


def agreed_actions_export(*, customer_id: int) -> list[dict]:
    return list(AgreedAction.objects.filter(customer_id=customer_id).order_by("created_at", "id").values())


def referrals_export(*, customer_id: int) -> list[dict]:
    return list(Referral.objects.filter(contact__customer_id=customer_id).order_by("created_at", "id").values())
