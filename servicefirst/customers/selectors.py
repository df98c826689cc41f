from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Q, prefetch_related_objects
from django.urls import reverse
from django.utils.http import urlencode

from servicefirst.accounts.roles import Role
from servicefirst.core.references import record_number_parse
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.customers.data import CustomerData
from servicefirst.customers.models import (
    REFERENCE_PREFIX,
    Address,
    Customer,
    CustomerChange,
    CustomerKind,
    EmailAddress,
)
from servicefirst.customers.names import fold, name_keys

# The search has its own module for size; other apps reach it through the selectors.
from servicefirst.customers.search import SearchResults as SearchResults
from servicefirst.customers.search import customer_search as customer_search
from servicefirst.customers.timeline import TimelineEntry, customer_actions, customer_holds_work_for, timeline_entries


def customer_may_view(*, viewer: AbstractBaseUser, customer: Customer) -> bool:
    """Front-office roles see every customer; a client service officer only customers with work for their service."""
    if not viewer.can("customer.view"):
        return False
    if viewer.role != Role.CLIENT_SERVICE_OFFICER:
        return True
    return customer_holds_work_for(customer_id=customer.pk, client_service_id=viewer.client_service_id)


def customer_timeline(*, viewer: AbstractBaseUser, customer: Customer) -> list[TimelineEntry]:
    entries = [e for e in timeline_entries(customer_id=customer.pk) if e.visible_to is None or e.visible_to(viewer)]
    if viewer.role == Role.CLIENT_SERVICE_OFFICER:
        return [e for e in entries if e.client_service_id == viewer.client_service_id]
    return entries


def customer_action_links(*, viewer: AbstractBaseUser, customer: Customer) -> list[tuple[str, str]]:
    """(label, url) of each registered action the viewer may take for this customer."""
    return [
        (action.label, f"{reverse(action.url_name)}?{urlencode({action.customer_param: customer.pk})}")
        for action in customer_actions()
        if viewer.can(action.capability)
    ]


def customers_count() -> int:
    return Customer.objects.count()


def customer_changes_export(*, customer_id: int) -> list[dict]:
    return list(CustomerChange.objects.filter(customer_id=customer_id).order_by("at", "id").values())


def customer_reference_parse(*, text: str, number_alone: bool = False) -> int | None:
    """The customer number in a reference as people type it (C-000123, c123; with `number_alone`, 123), or None."""
    return record_number_parse(text=text, prefix=REFERENCE_PREFIX, number_alone=number_alone)


def customer_match(*, email: str, postcode: str = "") -> int | None:
    """The customer someone who proves nothing about themselves (a resident on the public site, a reporter through
    Open311, the sender of an email) already is, when that is certain: the email belongs to exactly one customer and,
    if a postcode was given, that customer has an address with it. Anything less certain is None, so the caller
    makes a new record for officers to merge, or asks an officer to match it."""
    email = email.strip().lower()
    if not email or "@" not in email:
        return None
    owners = list(EmailAddress.objects.filter(email=email).values_list("customer_id", flat=True).distinct()[:2])
    if len(owners) != 1:
        return None
    postcode = _normalised_or_empty(postcode_normalise, postcode)
    if postcode and not Address.objects.filter(customer_id=owners[0], postcode=postcode).exists():
        return None
    return owners[0]


_CONTACT_DETAILS = ("addresses", "phone_numbers", "email_addresses")


def customer_detail(*, customer_id: int) -> Customer:
    return Customer.objects.prefetch_related(*_CONTACT_DETAILS).get(pk=customer_id)


def customer_address_parts(*, customer_id: int) -> dict[str, str] | None:
    """Where the customer lives, as a request's address answer names its parts (UPRN included when held), for
    filling in a request about their property; None when no current address is held."""
    address = (
        Address.objects.filter(customer_id=customer_id)
        .exclude(kind=Address.Kind.PREVIOUS)
        .order_by("-is_primary", "id")
        .first()
    )
    if address is None:
        return None
    return {
        "line_1": address.line_1,
        "line_2": address.line_2,
        "town": address.town,
        "postcode": address.postcode,
        "uprn": address.uprn,
    }


def customer_detail_or_none(*, customer_id: int | None) -> Customer | None:
    """The customer with their contact details, or None. An unknown id runs the same reads a known one does,
    so where a resident proves who they are the time taken does not tell whether a record exists."""
    try:
        return customer_detail(customer_id=customer_id or 0)
    except Customer.DoesNotExist:
        prefetch_related_objects([Customer(pk=0)], *_CONTACT_DETAILS)
        return None


def _normalised_or_empty(normalise, value: str) -> str:
    try:
        return normalise(value) if value.strip() else ""
    except ValidationError:
        return ""


def customer_possible_duplicates(*, data: CustomerData, limit: int = 5) -> list[Customer]:
    """Customers who may be the one about to be created: the same email or phone number, or a name that
    sounds the same with the same date of birth or postcode. Officers check these before adding a record,
    so one person does not end up with two single views."""
    match = Q(pk__in=[])
    if email := data.email.strip().lower():
        match |= Q(email_addresses__email=email)
    phones = [_normalised_or_empty(phone_normalise, p) for p in (data.mobile_phone, data.other_phone)]
    if phones := [p for p in phones if p]:
        match |= Q(phone_numbers__number__in=phones)
    if data.kind == CustomerKind.ORGANISATION:
        if name := fold(data.organisation_name):
            match |= Q(kind=CustomerKind.ORGANISATION, sort_name=name[:200])
    elif data.last_name.strip():
        last, first = name_keys(data.last_name), name_keys(data.first_name.split(" ")[0])
        same_name = Q(last_name_metaphone=last.metaphone, first_name_metaphone=first.metaphone)
        same_person = Q(pk__in=[])
        if data.date_of_birth:
            same_person |= Q(date_of_birth=data.date_of_birth)
        if postcode := _normalised_or_empty(postcode_normalise, data.postcode):
            same_person |= Q(addresses__postcode=postcode)
        match |= same_name & same_person
    ids = list(Customer.objects.filter(match).order_by("pk").values_list("pk", flat=True).distinct()[:limit])
    return list(
        Customer.objects.filter(pk__in=ids)
        .prefetch_related("addresses", "phone_numbers", "email_addresses")
        .order_by("pk")
    )
