"""Writes to customer records. Every rule about what a record may hold is enforced here,
so the staff pages and the API cannot disagree."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from servicefirst.audit.services import AuditAction, audit_record, record_open, records_list_audit
from servicefirst.core.db import row_lock
from servicefirst.core.references import record_reference
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.core.versions import version_check
from servicefirst.customers.data import CustomerData, ResidentDetails
from servicefirst.customers.models import (
    REFERENCE_PREFIX,
    AccessibilityNeed,
    Address,
    Channel,
    Customer,
    CustomerChange,
    CustomerKind,
    EmailAddress,
    PhoneNumber,
)
from servicefirst.customers.names import fold, name_keys, tokens
from servicefirst.customers.search import SearchResults, customer_search
from servicefirst.customers.selectors import customer_match, customer_may_view
from servicefirst.customers.streets import street_keys
from servicefirst.customers.timeline import customer_records, customer_records_moved

_UPRN_DIGITS = 12


def customer_data_clean(data: CustomerData) -> CustomerData:
    """Normalises the data and raises one ValidationError naming every field that is wrong."""
    errors: dict[str, str] = {}
    for name in CustomerData.field_names():
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())

    if data.kind not in CustomerKind.values:
        errors["kind"] = "Select whether the customer is a person or an organisation"
    elif data.kind == CustomerKind.PERSON and not data.last_name:
        errors["last_name"] = "Enter the customer's last name"
    elif data.kind == CustomerKind.ORGANISATION and not data.organisation_name:
        errors["organisation_name"] = "Enter the organisation's name"

    if data.date_of_birth is not None:
        if data.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = "Date of birth must be in the past"
        elif data.date_of_birth.year < 1900:
            errors["date_of_birth"] = "Date of birth must be after 1900"

    address_given = any((data.address_line_1, data.address_line_2, data.town, data.postcode, data.uprn))
    if address_given:
        if not data.address_line_1:
            errors["address_line_1"] = "Enter the first line of the address"
        if not data.town:
            errors["town"] = "Enter the town or city"
        if not data.postcode:
            errors["postcode"] = "Enter the postcode"
    if data.postcode:
        try:
            data.postcode = postcode_normalise(data.postcode)
        except ValidationError as error:
            errors["postcode"] = error.messages[0]
    if data.uprn and not (data.uprn.isdigit() and len(data.uprn) <= _UPRN_DIGITS):
        errors["uprn"] = "UPRN must be a number of up to 12 digits"

    for name in ("mobile_phone", "other_phone"):
        if value := getattr(data, name):
            try:
                setattr(data, name, phone_normalise(value))
            except ValidationError as error:
                errors[name] = error.messages[0]
    if data.email:
        try:
            validate_email(data.email)
            data.email = data.email.lower()
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com"

    if data.preferred_channel and data.preferred_channel not in Channel.values:
        errors["preferred_channel"] = "Select a preferred way of contact from the list"
    unknown_needs = [n for n in data.accessibility_needs if n not in AccessibilityNeed.values]
    if unknown_needs:
        errors["accessibility_needs"] = f"Unknown accessibility need: {', '.join(unknown_needs)}"
    channel_contact = {Channel.EMAIL: data.email, Channel.TEXT: data.mobile_phone}
    if data.preferred_channel in channel_contact and not channel_contact[data.preferred_channel]:
        errors.setdefault(
            "preferred_channel",
            f"Add {'an email address' if data.preferred_channel == Channel.EMAIL else 'a mobile number'} "
            "or choose another way of contact",
        )
    if data.preferred_channel == Channel.LETTER and not address_given:
        errors.setdefault("preferred_channel", "Add an address or choose another way of contact")
    if len(data.preferred_language) > 50:
        errors["preferred_language"] = "Preferred language must be 50 characters or fewer"

    if errors:
        raise ValidationError(errors)
    return data


def _apply(customer: Customer, data: CustomerData) -> list[str]:
    """Copies the data onto the customer and its contact rows; returns the names of what changed."""
    changed: list[str] = []
    for name in (
        "kind",
        "title",
        "first_name",
        "last_name",
        "organisation_name",
        "date_of_birth",
        "preferred_channel",
        "preferred_language",
        "accessibility_needs",
        "accessibility_notes",
        "contact_consent",
    ):
        if getattr(customer, name) != getattr(data, name):
            setattr(customer, name, getattr(data, name))
            changed.append(name)
    if "contact_consent" in changed:
        customer.contact_consent_at = timezone.now() if data.contact_consent else None
    customer_search_keys_set(customer)
    customer.save()

    address = customer.addresses.filter(is_primary=True).first()
    wanted = {
        "line_1": data.address_line_1,
        "line_2": data.address_line_2,
        "town": data.town,
        "postcode": data.postcode,
        "uprn": data.uprn,
    }
    if not data.address_line_1 and address is not None:
        address.is_primary = False
        address.kind = Address.Kind.PREVIOUS
        address.save(update_fields=["is_primary", "kind"])
        changed.append("address")
    elif data.address_line_1 and (address is None or any(getattr(address, k) != v for k, v in wanted.items())):
        if address is not None:
            # Keep the old address as previous: officers need to see where a customer used to live.
            address.is_primary = False
            address.kind = Address.Kind.PREVIOUS
            address.save(update_fields=["is_primary", "kind"])
        keys = address_search_keys(line_1=data.address_line_1, line_2=data.address_line_2)
        Address.objects.create(customer=customer, is_primary=True, **wanted, **keys)
        changed.append("address")

    for kind, number in ((PhoneNumber.Kind.MOBILE, data.mobile_phone), (PhoneNumber.Kind.HOME, data.other_phone)):
        current = customer.phone_numbers.filter(kind=kind).first()
        if (current.number if current else "") == number:
            continue
        if current is not None:
            current.delete()
        if number:
            PhoneNumber.objects.filter(customer=customer, number=number).delete()
            PhoneNumber.objects.create(customer=customer, kind=kind, number=number)
        changed.append("mobile_phone" if kind == PhoneNumber.Kind.MOBILE else "other_phone")

    current_email = customer.email_addresses.first()
    if (current_email.email if current_email else "") != data.email:
        customer.email_addresses.all().delete()
        if data.email:
            EmailAddress.objects.create(customer=customer, email=data.email)
        changed.append("email")
    return changed


def customer_search_keys_set(customer: Customer) -> None:
    """Sets the sort name and the phonetic keys the search matches names by; shared with bulk loads."""
    if customer.kind == CustomerKind.ORGANISATION:
        words = tokens(customer.organisation_name)
        first_word, second_word = [*words, "", ""][:2]
        last, first = name_keys(first_word), name_keys(second_word)
        customer.sort_name = fold(customer.organisation_name)[:200]
    else:
        last, first = name_keys(customer.last_name), name_keys(customer.first_name.split(" ")[0])
        customer.sort_name = f"{fold(customer.last_name)} {fold(customer.first_name)}".strip()[:200]
    customer.last_name_metaphone, customer.last_name_soundex = last.metaphone, last.soundex
    customer.first_name_metaphone, customer.first_name_soundex = first.metaphone, first.soundex


def address_search_keys(*, line_1: str, line_2: str = "") -> dict[str, str | int | None]:
    """The street and house number the search finds an address by; shared with bulk loads."""
    keys = street_keys(line_1=line_1, line_2=line_2)
    return {"street": keys.street, "street_number": keys.number}


@transaction.atomic
def customer_create(*, actor: AbstractBaseUser, data: CustomerData, via: str = "web") -> Customer:
    if not actor.can("customer.edit"):
        raise PermissionDenied("customer.edit")
    data = customer_data_clean(data)
    customer = Customer(created_by=actor)
    _apply(customer, data)
    CustomerChange.objects.create(customer=customer, by=actor, summary="Record created", fields=[])
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record_type="customer",
        record_id=customer.pk,
        record_label=customer.reference,
        via=via,
    )
    return customer


def customer_lock(*, customer_id: int) -> bool:
    """Locks the customer's row until the caller's transaction ends, so writes about one person (contacts deciding
    which repeats which) queue rather than race; False when there is no such customer. One statement: it runs on
    every contact logged."""
    return row_lock(model=Customer, pk=customer_id)


@transaction.atomic
def customer_for_resident(*, actor: AbstractBaseUser, resident: ResidentDetails, via: str = "portal") -> int:
    """The customer the resident already is when that is certain (`customer_match`), else a new record."""
    if (matched := customer_match(email=resident.email, postcode=resident.postcode)) is not None:
        return matched
    phone = resident.phone.strip()
    mobile = phone.replace(" ", "").startswith(("07", "+447"))
    data = CustomerData(
        first_name=resident.first_name,
        last_name=resident.last_name,
        email=resident.email,
        mobile_phone=phone if mobile else "",
        other_phone="" if mobile else phone,
        address_line_1=resident.address_line_1,
        address_line_2=resident.address_line_2,
        town=resident.town,
        postcode=resident.address_postcode,
        preferred_channel="email" if resident.email else ("text" if mobile else ""),
    )
    return customer_create(actor=actor, data=data, via=via).pk


@transaction.atomic
def customer_update(
    *, actor: AbstractBaseUser, customer_id: int, data: CustomerData, version: int | None = None, via: str = "web"
) -> Customer:
    """Saves an edit. With `version`, refuses the edit if someone else saved the record first,
    so two officers editing at once cannot silently overwrite each other."""
    if not actor.can("customer.edit"):
        raise PermissionDenied("customer.edit")
    data = customer_data_clean(data)
    customer = Customer.objects.select_for_update().get(pk=customer_id)
    version_check(record=customer, version=version)
    changed = _apply(customer, data)
    if changed:
        Customer.objects.filter(pk=customer.pk).update(version=customer.version + 1)
        customer.version += 1
        labels = {f.name: f.verbose_name for f in Customer._meta.get_fields() if hasattr(f, "verbose_name")}
        summary = "Updated " + ", ".join(str(labels.get(n, n.replace("_", " "))) for n in changed)
        CustomerChange.objects.create(customer=customer, by=actor, summary=summary[:200], fields=changed)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            record_type="customer",
            record_id=customer.pk,
            record_label=customer.reference,
            via=via,
            detail=", ".join(changed),
        )
    return customer


@transaction.atomic
def customer_open(*, viewer: AbstractBaseUser, customer_id: int, via: str = "web", changing: bool = False) -> Customer:
    """Fetches a customer for display and writes the view to the audit log; refuses viewers without a need.
    `changing`: opened to change it, which writes its own event (`audit.services.record_open`)."""
    customer = Customer.objects.get(pk=customer_id)
    return record_open(
        viewer=viewer,
        record=customer,
        record_type="customer",
        record_id=customer.pk,
        record_label=customer.reference,
        may_view=customer_may_view(viewer=viewer, customer=customer),
        via=via,
        changing=changing,
    )


@transaction.atomic
def customer_search_open(*, viewer: AbstractBaseUser, query: str, via: str = "web") -> SearchResults:
    """The one-box search, for showing its answer: writes one audit event with what was asked, how many were
    shown and which, found or not (a search for a person is itself a look at them)."""
    found = customer_search(query=query)
    records_list_audit(
        viewer=viewer,
        record_type="customer",
        ids=[customer.pk for customer in found.customers],
        query=query,
        searched=True,
        via=via,
    )
    return found


@transaction.atomic
def customers_list_audit(*, viewer: AbstractBaseUser, ids: list[int], detail: str = "", via: str = "web") -> None:
    """Audits customers shown in a list that is no search (the possible duplicates of a new record)."""
    records_list_audit(viewer=viewer, record_type="customer", ids=ids, detail=detail, via=via)


@transaction.atomic
def customer_export(*, viewer: AbstractBaseUser, customer_id: int, via: str = "web") -> dict[str, list[dict]]:
    """Everything held about the customer, the record itself and every participant's records, for a subject
    access request; only those who answer such requests may take it, and taking it is audited."""
    if not viewer.can("customer.export"):
        raise PermissionDenied("customer.export")
    row = Customer.objects.filter(pk=customer_id).values().first()
    if row is None:
        raise Customer.DoesNotExist(customer_id)
    audit_record(
        actor=viewer,
        action=AuditAction.EXPORTED,
        record_type="customer",
        record_id=customer_id,
        record_label=record_reference(prefix=REFERENCE_PREFIX, number=customer_id),
        via=via,
        detail="Every record held about the customer, exported",
    )
    record = {
        "Customer": [row],
        "Addresses": Address.objects.filter(customer_id=customer_id).values(),
        "Phone numbers": PhoneNumber.objects.filter(customer_id=customer_id).values(),
        "Email addresses": EmailAddress.objects.filter(customer_id=customer_id).values(),
    }
    return {label: list(rows) for label, rows in record.items()} | customer_records(customer_id=customer_id)


def customer_data_from(customer: Customer) -> CustomerData:
    """The record as editable data, to pre-fill an edit form or apply a partial API update."""
    address = customer.addresses.filter(is_primary=True).first()
    phones = {p.kind: p.number for p in customer.phone_numbers.all()}
    email = customer.email_addresses.first()
    return CustomerData(
        kind=customer.kind,
        title=customer.title,
        first_name=customer.first_name,
        last_name=customer.last_name,
        organisation_name=customer.organisation_name,
        date_of_birth=customer.date_of_birth,
        address_line_1=address.line_1 if address else "",
        address_line_2=address.line_2 if address else "",
        town=address.town if address else "",
        postcode=address.postcode if address else "",
        uprn=address.uprn if address else "",
        mobile_phone=phones.get(PhoneNumber.Kind.MOBILE, ""),
        other_phone=phones.get(PhoneNumber.Kind.HOME, ""),
        email=email.email if email else "",
        preferred_channel=customer.preferred_channel,
        preferred_language=customer.preferred_language,
        accessibility_needs=list(customer.accessibility_needs),
        accessibility_notes=customer.accessibility_notes,
        contact_consent=customer.contact_consent,
    )


@transaction.atomic
def customer_records_move(
    *, actor: AbstractBaseUser, from_customer_id: int, to_customer_id: int, moved: dict[str, list[int]] | None = None
) -> dict[str, list[int]]:
    """Moves every record held about one customer to another through the participant contract: the step a merge
    of two records of one person takes, and, given what that merge moved, the step that takes it back. Both
    customers are locked (in id order, so two merges at once cannot deadlock) and the move is audited on both."""
    if not actor.can("customer.edit"):
        raise PermissionDenied("customer.edit")
    if from_customer_id == to_customer_id:
        raise ValidationError({"to_customer_id": "Choose another customer to move the records to"})
    for customer_id in sorted((from_customer_id, to_customer_id)):
        if not customer_lock(customer_id=customer_id):
            raise ValidationError({"customer_id": "Select a customer from the search results"})
    done = customer_records_moved(from_customer_id=from_customer_id, to_customer_id=to_customer_id, moved=moved)
    count = sum(len(ids) for ids in done.values())
    for customer_id, other in ((from_customer_id, to_customer_id), (to_customer_id, from_customer_id)):
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            record_type="customer",
            record_id=customer_id,
            record_label=record_reference(prefix=REFERENCE_PREFIX, number=customer_id),
            detail=f"{count} records moved {'to' if customer_id == from_customer_id else 'from'} "
            + record_reference(prefix=REFERENCE_PREFIX, number=other),
        )
    return done
