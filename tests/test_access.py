"""Who may open which staff page: every role against every page of the foundation."""

import pytest
from django.test import Client
from django.urls import reverse

from servicefirst.accounts.roles import Role
from tests.factories import make_customer

pytestmark = pytest.mark.django_db

FRONT_OFFICE = {Role.OFFICER, Role.TEAM_MANAGER, Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}
EVERYONE = set(Role)

PAGES = {
    "core:home": (EVERYONE, None),
    "customers:search": (FRONT_OFFICE, None),
    "customers:create": (FRONT_OFFICE, None),
    # A client service officer opens a customer only with work for their service; this one has none.
    "customers:detail": (FRONT_OFFICE, "customer"),
    "customers:edit": (FRONT_OFFICE, "customer"),
    "audit:list": ({Role.ADMINISTRATOR}, None),
}


@pytest.fixture
def customer(staff):
    return make_customer(staff[Role.OFFICER])


def url_for(name, arg, customer):
    return reverse(name, args=[customer.pk] if arg == "customer" else [])


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_sign_in(name, customer):
    url = url_for(name, PAGES[name][1], customer)
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", PAGES)
def test_each_role_on_each_page(name, role, staff, client_for, customer):
    allowed, arg = PAGES[name]
    response = client_for(staff[role]).get(url_for(name, arg, customer))
    assert response.status_code == (200 if role in allowed else 403)


def test_councillor_home_shows_figures_but_no_navigation_to_customers(staff, client_for):
    # A name no generated staff member could share, so its absence means the customer is not shown.
    make_customer(staff[Role.OFFICER], first_name="Perpetua", last_name="Quillfeather-Odunsi")
    page = client_for(staff[Role.COUNCILLOR]).get(reverse("core:home")).content.decode()
    assert "Customers on record" in page
    assert reverse("customers:search") not in page
    assert "Quillfeather" not in page


def test_inactive_staff_cannot_sign_in(staff):
    staff[Role.OFFICER].is_active = False
    staff[Role.OFFICER].save()
    response = Client().post(
        reverse("accounts:login"), {"username": "officer", "password": "correct-horse-battery-staple"}
    )
    assert "Enter a correct username and password" in response.content.decode()


def test_sign_in_errors_use_the_error_summary():
    response = Client().post(reverse("accounts:login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_username"' in page


def test_sign_in_then_land_on_home(staff):
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "officer", "password": "correct-horse-battery-staple"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:home")
