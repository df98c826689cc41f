"""Before a new record is saved, officers are shown customers who may be the same person."""

import datetime

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.customers.models import Customer
from servicefirst.customers.selectors import customer_possible_duplicates
from servicefirst.customers.services import CustomerData
from tests.factories import make_customer

pytestmark = pytest.mark.django_db

NEW = {
    "kind": "person",
    "first_name": "Jon",
    "last_name": "Smyth",
    "date_of_birth_day": "14",
    "date_of_birth_month": "3",
    "date_of_birth_year": "1958",
    "preferred_language": "English",
}


@pytest.fixture
def john(staff):
    return make_customer(
        staff[Role.OFFICER],
        first_name="John",
        last_name="Smith",
        date_of_birth=datetime.date(1958, 3, 14),
        address_line_1="14 Mare Street",
        town="London",
        postcode="E8 1EA",
        other_phone="020 7946 0123",
        email="john.smith@example.com",
    )


@pytest.mark.parametrize(
    "data",
    [
        CustomerData(first_name="Jon", last_name="Smyth", date_of_birth=datetime.date(1958, 3, 14)),
        CustomerData(first_name="John", last_name="Smith", postcode="e81ea"),
        CustomerData(first_name="Janet", last_name="Jones", email="John.Smith@Example.com"),
        CustomerData(first_name="Janet", last_name="Jones", mobile_phone="+44 20 7946 0123"),
    ],
)
def test_same_contact_details_or_a_similar_name_with_the_same_birthday_or_postcode_match(john, data):
    assert customer_possible_duplicates(data=data) == [john]


@pytest.mark.parametrize(
    "data",
    [
        CustomerData(first_name="John", last_name="Smith"),
        CustomerData(first_name="John", last_name="Smith", date_of_birth=datetime.date(1990, 1, 1)),
        CustomerData(first_name="Mary", last_name="Smith", date_of_birth=datetime.date(1958, 3, 14)),
        CustomerData(first_name="John", last_name="Smith", postcode="not a postcode", other_phone="12"),
    ],
)
def test_a_shared_name_alone_is_not_a_match(john, data):
    assert customer_possible_duplicates(data=data) == []


def test_organisations_match_by_name(staff):
    trust = make_customer(staff[Role.OFFICER], kind="organisation", organisation_name="Hackney Food Bank")
    found = customer_possible_duplicates(
        data=CustomerData(kind="organisation", organisation_name=" HACKNEY FOOD BANK ")
    )
    assert found == [trust]


def test_the_officer_is_warned_and_nothing_is_saved_until_they_confirm(officer_client, john):
    response = officer_client.post(reverse("customers:create"), NEW)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check this is a new customer" in page
    assert reverse("customers:detail", args=[john.pk]) in page
    assert 'value="Smyth"' in page
    assert Customer.objects.count() == 1

    response = officer_client.post(reverse("customers:create"), NEW | {"confirm_new": "yes"})
    assert response.status_code == 302
    assert Customer.objects.filter(last_name="Smyth").exists()


def test_no_warning_for_someone_new(officer_client, john):
    response = officer_client.post(reverse("customers:create"), NEW | {"last_name": "Okafor"})
    assert response.status_code == 302
