"""Who a resident already is. Residents prove nothing about themselves on the public site, so a record is joined
to an existing customer only when that is certain: the email belongs to exactly one customer and, if a postcode
was given, that customer has an address with it. Anything less certain makes a new customer for officers to merge."""

from django.core.exceptions import ValidationError

from servicefirst.core.validation import postcode_normalise
from servicefirst.customers.selectors import customer_possible_duplicates
from servicefirst.customers.services import CustomerData


def postcode_or_blank(value: str) -> str:
    """The postcode in its standard form, or "" when none or no valid one was given."""
    try:
        return postcode_normalise(value) if value.strip() else ""
    except ValidationError:
        return ""


def resident_customer_match(*, email: str, postcode: str) -> int | None:
    email = email.strip().lower()
    if not email:
        return None
    matches = customer_possible_duplicates(data=CustomerData(email=email), limit=2)
    if len(matches) != 1:
        return None
    customer = matches[0]
    postcode = postcode_or_blank(postcode)
    if postcode and postcode not in {address.postcode for address in customer.addresses.all()}:
        return None
    return customer.pk
