import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.core.versions import StaleVersion
from servicefirst.customers.models import Address, Customer, CustomerChange
from servicefirst.customers.services import (
    CustomerData,
    customer_create,
    customer_data_from,
    customer_update,
)
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


def test_create_normalises_postcode_phone_and_email(staff):
    customer = make_customer(
        staff[Role.OFFICER],
        address_line_1="1 Mare Street",
        town="London",
        postcode=" e8 1ea ",
        mobile_phone="07911 123456",
        other_phone="(020) 8356-3000",
        email="John.Smith@Example.COM",
    )
    assert customer.addresses.get().postcode == "E8 1EA"
    assert sorted(customer.phone_numbers.values_list("number", flat=True)) == ["+442083563000", "+447911123456"]
    assert customer.email_addresses.get().email == "john.smith@example.com"
    assert customer.reference == f"C-{customer.pk:06d}"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"last_name": ""}, "last_name", "Enter the customer's last name"),
        ({"kind": "organisation", "organisation_name": ""}, "organisation_name", "Enter the organisation's name"),
        ({"address_line_1": "1 Mare St", "town": "London", "postcode": "E8"}, "postcode", "Enter a real postcode"),
        ({"postcode": "E8 1EA"}, "address_line_1", "Enter the first line"),
        ({"mobile_phone": "12345"}, "mobile_phone", "Enter a phone number"),
        ({"email": "not-an-email"}, "email", "Enter an email address"),
        ({"date_of_birth": datetime.date(2999, 1, 1)}, "date_of_birth", "must be in the past"),
        ({"preferred_channel": "email"}, "preferred_channel", "Add an email address"),
        ({"accessibility_needs": ["telepathy"]}, "accessibility_needs", "Unknown accessibility need"),
        ({"uprn": "ABC"}, "uprn", "UPRN must be a number"),
    ],
)
def test_create_refuses_bad_data_naming_the_field(staff, fields, field, message):
    data = CustomerData(**({"first_name": "Ann", "last_name": "Lee"} | fields))
    with pytest.raises(ValidationError) as error:
        customer_create(actor=staff[Role.OFFICER], data=data)
    assert message in error.value.message_dict[field][0]
    assert not Customer.objects.exists()


def test_councillor_cannot_create_a_customer(staff):
    with pytest.raises(PermissionDenied):
        customer_create(actor=staff[Role.COUNCILLOR], data=CustomerData(last_name="Lee"))


def test_update_records_history_and_keeps_the_previous_address(staff):
    officer = staff[Role.OFFICER]
    customer = make_customer(officer, address_line_1="1 Mare Street", town="London", postcode="E8 1EA")
    data = customer_data_from(customer)
    data.address_line_1, data.postcode = "2 Dalston Lane", "E8 3AZ"
    customer_update(actor=officer, customer_id=customer.pk, data=data)
    assert customer.addresses.get(is_primary=True).postcode == "E8 3AZ"
    assert customer.addresses.get(is_primary=False).kind == Address.Kind.PREVIOUS
    assert CustomerChange.objects.filter(customer=customer).first().fields == ["address"]
    assert AuditEvent.objects.filter(action="updated", record_id=str(customer.pk)).exists()


def test_an_edit_based_on_an_old_version_is_refused(staff):
    officer, manager = staff[Role.OFFICER], staff[Role.TEAM_MANAGER]
    customer = make_customer(officer)
    first, second = customer_data_from(customer), customer_data_from(customer)
    first.first_name = "Jonathan"
    customer_update(actor=officer, customer_id=customer.pk, data=first, version=customer.version)
    second.email = "john@example.com"
    with pytest.raises(StaleVersion):
        customer_update(actor=manager, customer_id=customer.pk, data=second, version=customer.version)
    customer.refresh_from_db()
    assert customer.first_name == "Jonathan"
    assert customer.version == 2


def test_saving_without_changes_does_not_bump_the_version(staff):
    customer = make_customer(staff[Role.OFFICER])
    customer_update(actor=staff[Role.OFFICER], customer_id=customer.pk, data=customer_data_from(customer))
    customer.refresh_from_db()
    assert customer.version == 1
    assert customer.changes.count() == 1
