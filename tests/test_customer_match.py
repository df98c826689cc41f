"""Who someone who proves nothing about themselves already is: only a certain match joins an existing record."""

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.customers.models import Customer
from servicefirst.customers.selectors import customer_match
from servicefirst.customers.services import ResidentDetails, customer_for_resident
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(staff):
    return staff[Role.OFFICER]


@pytest.fixture
def amara(officer):
    return make_customer(
        officer,
        first_name="Amara",
        last_name="Okafor",
        email="amara@example.org",
        address_line_1="1 Mare Street",
        town="London",
        postcode="E8 1DY",
    )


def test_one_owner_of_the_email_is_a_match_whatever_its_case(amara):
    assert customer_match(email="  Amara@Example.ORG ") == amara.pk


def test_an_email_two_customers_share_matches_nobody(officer, amara):
    make_customer(officer, first_name="Chidi", last_name="Okafor", email="amara@example.org")
    assert customer_match(email="amara@example.org") is None


def test_a_postcode_given_must_be_one_of_the_customers_addresses(amara):
    assert customer_match(email="amara@example.org", postcode="e81dy") == amara.pk
    assert customer_match(email="amara@example.org", postcode="N17 9LN") is None
    assert customer_match(email="amara@example.org", postcode="not a postcode") == amara.pk


def test_no_email_or_not_an_email_matches_nobody(amara):
    assert customer_match(email="") is None
    assert customer_match(email="amara") is None


def test_a_resident_is_joined_to_a_certain_match_and_otherwise_made_anew(officer, amara):
    same = ResidentDetails(first_name="Amara", last_name="Okafor", email="amara@example.org", postcode="E8 1DY")
    assert customer_for_resident(actor=officer, resident=same) == amara.pk
    elsewhere = ResidentDetails(first_name="Amara", last_name="Okafor", email="amara@example.org", postcode="N17 9LN")
    made = Customer.objects.get(pk=customer_for_resident(actor=officer, resident=elsewhere))
    assert made.pk != amara.pk
    # The postcode alone is no address, so it served the match and is not stored.
    assert not made.addresses.exists()
    assert made.preferred_channel == "email"


def test_a_resident_with_only_a_mobile_is_texted_and_a_landline_kept_apart(officer):
    texted = Customer.objects.get(
        pk=customer_for_resident(actor=officer, resident=ResidentDetails(last_name="Ng", phone="07911 123456"))
    )
    assert texted.preferred_channel == "text"
    assert [p.kind for p in texted.phone_numbers.all()] == ["mobile"]
    landline = Customer.objects.get(
        pk=customer_for_resident(actor=officer, resident=ResidentDetails(last_name="Ng", phone="020 8356 3000"))
    )
    assert landline.preferred_channel == ""
    assert [p.kind for p in landline.phone_numbers.all()] == ["home"]
