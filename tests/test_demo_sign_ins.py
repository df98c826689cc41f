"""Every sign-in the generated borough's README line names works on the running site (issue 22): its staff were
hashed with the tests' quick MD5 hasher, which the site's own PASSWORD_HASHERS do not accept, so none worked."""

import pytest
from django.conf import global_settings
from django.test import Client

from servicefirst.demo.borough.structure import STAFF_PASSWORD, structure_load

pytestmark = pytest.mark.django_db

SIGN_IN = "/staff/sign-in/"
# As `make borough` prints them: "Sign in as head, tm.patel, councillor or admin (officers officer01 to officer64)",
# and the complaints officers the README names.
DOCUMENTED = ["head", "tm.patel", "councillor", "admin", "officer01", "officer64", "complaints1", "complaints3"]


def test_every_documented_borough_sign_in_works_with_the_sites_own_hashers(settings):
    # The site's hashers, not the quick one every other test uses (tests/conftest.py).
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    structure_load(seed=42, year=2025)
    for username in DOCUMENTED:
        client = Client()
        response = client.post(SIGN_IN, {"username": username, "password": STAFF_PASSWORD})
        assert response.status_code == 302, (username, response.status_code)
        # Signed in: past the password, on to the home page or, for the head and administrator, the second factor.
        assert client.session.get("_auth_user_id"), username
        assert response["Location"] in ("/staff/", "/staff/second-factor/?next=%2Fstaff%2F"), response["Location"]
