"""What every app checks in what people and other systems send: text free of control characters, numbers and
dates the database can hold, and postcodes and phone numbers normalised so every app stores them the same way."""

import datetime
import re
from typing import Annotated

import phonenumbers
from django.core.exceptions import ValidationError
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

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


# C0 controls but tab, line feed and carriage return, which typed text holds; DEL; C1 controls, which no one types
# and which arrive only from text decoded in the wrong encoding (a pasted Windows-1252 quote read as Latin-1), so
# refusing them says the sender's encoding is wrong rather than storing mojibake; and lone UTF-16 surrogates, which
# JSON's \u escapes can carry but no database can encode. PostgreSQL refuses NUL in text outright.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
CONTROL_CHARACTER_MESSAGE = "Remove the control character (such as a NUL byte) from this text"

# The database's integers are 64-bit: a larger id cannot name a record, and the driver fails rather than find none.
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1
INTEGER_MESSAGE = f"Enter a whole number from {INTEGER_MIN} to {INTEGER_MAX}"
# How far into a list a caller may page: further than any list the front office keeps.
OFFSET_MAX = 1_000_000
# Any date the front office records, a date of birth included, falls in these years; at the ends of what Python's
# dates hold (year 1, year 9999) turning a moment into London time overflows.
DATE_EARLIEST, DATE_LATEST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)
DATE_MESSAGE = f"Enter a date from {DATE_EARLIEST:%-d %B %Y} to {DATE_LATEST:%-d %B %Y}"
# The earliest date the council may have received a request or a complaint: older is a mistyped year, not a backlog.
RECEIVED_EARLIEST = datetime.date(2000, 1, 1)


def text_control_characters_refuse(value: str, *, label: str = "") -> str:
    """The one check for control characters in text, for forms (`label` names the field in the message), the API
    and Open311 (which name the field beside the message)."""
    if _CONTROL_CHARACTERS.search(value):
        message = f"{label} must not contain control characters, such as a NUL byte" if label else None
        raise ValidationError(message or CONTROL_CHARACTER_MESSAGE, code="control_character")
    return value


def number_bounds_check(value: int) -> int:
    if not INTEGER_MIN <= value <= INTEGER_MAX:
        raise ValidationError(INTEGER_MESSAGE, code="integer_out_of_range")
    return value


def date_bounds_check(value: datetime.date) -> datetime.date:
    """A date, or a moment's date as it was given, within the years any record holds."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not DATE_EARLIEST <= day <= DATE_LATEST:
        raise ValidationError(DATE_MESSAGE, code="date_out_of_range")
    return value


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


def phone_display(value: str) -> str:
    """A number stored in E.164 as people write it: UK numbers in the national format with its spaces
    (020 7946 0202), others in the international one (+33 1 23 45 67 89). Anything unreadable is shown as it is."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    kind = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, kind)


def id_param(value: str) -> int | None:
    """A record id typed into an address (`?customer=12`), or None when it is not one: anything but plain
    digits, or too long for the database's integers, is treated as not given rather than an error."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_as_written(value: object) -> object:
    # pydantic would read a bare number as seconds since 1970 (0 is 1 January 1970); a date is written 2026-11-28.
    if isinstance(value, (int, float)) or (isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip())):
        raise PydanticCustomError("date_as_written", "Give a date as YYYY-MM-DD, for example 2026-11-28")
    return value


# A date an API client sends: only as YYYY-MM-DD (or a date already parsed).
IsoDate = Annotated[datetime.date, BeforeValidator(_date_as_written)]

# A date and time starts with its date; the time, seconds, fraction and offset are pydantic's ISO 8601 to read.
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _moment_as_written(value: object) -> object:
    # Numbers, and strings of digits, pydantic would read as seconds since 1970.
    if isinstance(value, (int, float)) or (isinstance(value, str) and not _ISO_MOMENT.match(value.strip())):
        raise PydanticCustomError(
            "moment_as_written", "Give a date and time in ISO 8601, for example 2026-11-28T09:30:00Z"
        )
    return value


# A moment an API client sends: only as an ISO 8601 date and time (or one already parsed).
IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_moment_as_written)]
