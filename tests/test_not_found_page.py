"""With DEBUG on, as the demo runs, a 404 is the site's own page, never Django's technical page listing every
address of the site (issue 22); the API keeps its JSON answer."""

import pytest
from django.test import override_settings

from servicefirst.accounts.roles import Role

pytestmark = pytest.mark.django_db

TECHNICAL = "Using the URLconf defined in"


@override_settings(DEBUG=True)
def test_an_address_that_names_no_page_shows_the_sites_own_page(client):
    response = client.get("/staff/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page
    assert "govuk-template" in page
    assert TECHNICAL not in page and "servicefirst.urls" not in page


@override_settings(DEBUG=True)
def test_a_record_that_does_not_exist_shows_the_sites_own_page(staff, client_for):
    response = client_for(staff[Role.OFFICER]).get("/staff/customers/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page
    assert TECHNICAL not in page and "Raised by" not in page


@override_settings(DEBUG=True)
def test_the_api_still_answers_404_in_its_json(client):
    response = client.get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response.json()["status"] == 404


@override_settings(DEBUG=True)
def test_an_address_missing_its_slash_is_still_sent_to_the_page(staff, client_for):
    response = client_for(staff[Role.ADMINISTRATOR]).get("/staff/people")
    assert (response.status_code, response["Location"]) == (301, "/staff/people/")
