"""What is written to a customer's record, as plain data: the shape forms, the API, the portal and the duplicate
check share, with no rules of its own (those are in `customers.services`)."""

import datetime
from dataclasses import dataclass, field, fields

from servicefirst.customers.models import CustomerKind


@dataclass
class CustomerData:
    """Everything an officer or an API client can set on a customer, with the names forms and the API use."""

    kind: str = CustomerKind.PERSON
    title: str = ""
    first_name: str = ""
    last_name: str = ""
    organisation_name: str = ""
    date_of_birth: datetime.date | None = None
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    uprn: str = ""
    mobile_phone: str = ""
    other_phone: str = ""
    email: str = ""
    preferred_channel: str = ""
    preferred_language: str = "English"
    accessibility_needs: list[str] = field(default_factory=list)
    accessibility_notes: str = ""
    contact_consent: bool = False

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass
class ResidentDetails:
    """What a resident tells the public site about themselves; they prove none of it. `postcode` is for matching;
    the address is stored only when its first line and town were given too."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    address_postcode: str = ""
