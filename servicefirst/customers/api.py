import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from servicefirst.accounts.api_auth import capable
from servicefirst.core.access import capability_require
from servicefirst.core.validation import IsoDate
from servicefirst.customers.models import Customer, CustomerKind
from servicefirst.customers.selectors import customer_detail, customer_reference_parse
from servicefirst.customers.services import (
    CustomerData,
    customer_create,
    customer_data_from,
    customer_open,
    customer_search_open,
    customer_update,
)

router = Router(tags=["customers"])


class AddressOut(Schema):
    line_1: str
    line_2: str
    town: str
    postcode: str
    uprn: str


class CustomerOut(Schema):
    reference: str
    kind: str
    name: str
    title: str
    first_name: str
    last_name: str
    organisation_name: str
    date_of_birth: datetime.date | None
    address: AddressOut | None
    mobile_phone: str
    other_phone: str
    email: str
    preferred_channel: str
    preferred_language: str
    accessibility_needs: list[str]
    accessibility_notes: str
    contact_consent: bool
    version: int


class SearchOut(Schema):
    kind: str
    message: str
    results: list[CustomerOut]
    more: bool = Field(description="More customers matched than are returned: narrow the query to see them")


class CustomerIn(Schema):
    """A customer; person or organisation. Phone numbers in any UK or international format, postcodes in any case."""

    kind: CustomerKind = CustomerKind.PERSON
    title: str = Field("", max_length=20)
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    organisation_name: str = Field("", max_length=200)
    date_of_birth: IsoDate | None = None
    address_line_1: str = Field("", max_length=150)
    address_line_2: str = Field("", max_length=150)
    town: str = Field("", max_length=100)
    postcode: str = Field("", max_length=10)
    uprn: str = Field("", max_length=12)
    mobile_phone: str = Field("", max_length=30)
    other_phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    preferred_channel: str = Field("", max_length=12)
    preferred_language: str = Field("English", max_length=50)
    accessibility_needs: list[str] = Field(default_factory=list, max_length=20)
    accessibility_notes: str = Field("", max_length=2000)
    contact_consent: bool = False


class CustomerPatch(Schema):
    """Only the fields sent are changed. `version` is the one you read: a change to a record that has moved on
    since is refused (409), so two clients editing at once never silently lose one's change."""

    version: int = Field(description="The version you last read; a change based on an older one is refused (409)")
    kind: CustomerKind | None = None
    title: str | None = Field(None, max_length=20)
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    organisation_name: str | None = Field(None, max_length=200)
    date_of_birth: IsoDate | None = None
    address_line_1: str | None = Field(None, max_length=150)
    address_line_2: str | None = Field(None, max_length=150)
    town: str | None = Field(None, max_length=100)
    postcode: str | None = Field(None, max_length=10)
    uprn: str | None = Field(None, max_length=12)
    mobile_phone: str | None = Field(None, max_length=30)
    other_phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    preferred_channel: str | None = Field(None, max_length=12)
    preferred_language: str | None = Field(None, max_length=50)
    accessibility_needs: list[str] | None = Field(None, max_length=20)
    accessibility_notes: str | None = Field(None, max_length=2000)
    contact_consent: bool | None = None


def _out(customer: Customer) -> CustomerOut:
    data = customer_data_from(customer)
    address = None
    if data.address_line_1:
        address = AddressOut(
            line_1=data.address_line_1,
            line_2=data.address_line_2,
            town=data.town,
            postcode=data.postcode,
            uprn=data.uprn,
        )
    return CustomerOut(
        reference=customer.reference,
        name=customer.display_name,
        address=address,
        version=customer.version,
        **{
            k: v
            for k, v in vars(data).items()
            if not k.startswith("address_") and k not in ("town", "postcode", "uprn")
        },
    )


def _pk(reference: str) -> int:
    if (number := customer_reference_parse(text=reference)) is None:
        raise HttpError(404, "No customer has that reference; references look like C-000123")
    return number


def _open(request: HttpRequest, reference: str, *, changing: bool = False) -> Customer:
    try:
        customer_open(viewer=request.user, customer_id=_pk(reference), via="api", changing=changing)
    except Customer.DoesNotExist:
        raise HttpError(404, "No customer has that reference") from None
    return customer_detail(customer_id=_pk(reference))


@router.get("", response=SearchOut, summary="Search customers")
def search(request: HttpRequest, q: str):
    """One query: a name (typos allowed, with a postcode, district or date of birth to narrow it), an address,
    postcode, phone number, email address or reference."""
    capability_require(user=request.user, capability="customer.search")
    found = customer_search_open(viewer=request.user, query=q, via="api")
    return SearchOut(
        kind=found.kind, message=found.message, results=[_out(c) for c in found.customers], more=found.more
    )


@router.post("", response={201: CustomerOut}, summary="Create a customer", auth=capable("customer.edit"))
def create(request: HttpRequest, payload: CustomerIn):
    customer = customer_create(actor=request.user, data=CustomerData(**payload.dict()), via="api")
    return Status(201, _out(customer_detail(customer_id=customer.pk)))


@router.get("/{reference}", response=CustomerOut, summary="Read a customer")
def read(request: HttpRequest, reference: str):
    return _out(_open(request, reference))


@router.patch("/{reference}", response=CustomerOut, summary="Update a customer", auth=capable("customer.edit"))
def update(request: HttpRequest, reference: str, payload: CustomerPatch):
    customer = _open(request, reference, changing=True)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    data = customer_data_from(customer)
    for name, value in changes.items():
        if value is None and name != "date_of_birth":
            # null clears a text field; for lists and flags it means "leave as it is".
            value = "" if isinstance(getattr(data, name), str) else getattr(data, name)
        setattr(data, name, value)
    customer_update(actor=request.user, customer_id=customer.pk, data=data, version=version, via="api")
    return _out(customer_detail(customer_id=customer.pk))
