"""Normalising the postcodes and phone numbers people type, so every app stores them the same way."""

import re

import phonenumbers
from django.core.exceptions import ValidationError

# The UK government data standard's postcode pattern: letters that never appear in a position
# (Q, V, X first; I, J, Z second; C, I, K, M, O, V in the inward code) are refused, so typos are caught.
_POSTCODE = re.compile(
    r"^(?:GIR0AA|[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)
POSTCODE_MESSAGE = "Enter a real postcode, like E8 1EA"
PHONE_MESSAGE = (
    "Enter a phone number, like 020 8356 3000 or 07700 900 982, or with the country code, like +44 20 8356 3000"
)


def postcode_normalise(value: str) -> str:
    compact = re.sub(r"\s+", "", value.strip().upper())
    if not _POSTCODE.match(compact):
        raise ValidationError(POSTCODE_MESSAGE, code="invalid_postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def phone_normalise(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def id_param(value: str) -> int | None:
    """A record id typed into an address (`?customer=12`), or None when it is not one: anything but plain
    digits, or too long for the database's integers, is treated as not given rather than an error."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else None
