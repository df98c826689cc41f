"""Staff sessions end (issue 15, item 1): after SESSION_IDLE_MINUTES unused and SESSION_ABSOLUTE_HOURS after
signing in, whatever the activity; the person is sent to sign in again and told why, and the sign-out is audited."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

HOME = "/staff/"


def signed_out_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_limits_are_thirty_idle_minutes_and_ten_hours(settings):
    assert (settings.SESSION_IDLE_MINUTES, settings.SESSION_ABSOLUTE_HOURS) == (30, 10)


def test_a_session_unused_for_the_idle_time_ends_and_says_why(clock, client_for):
    officer = UserFactory(role=Role.OFFICER)
    client = client_for(officer)
    for _ in range(3):
        clock.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
    clock.shift(timedelta(minutes=30, seconds=1))
    response = client.get("/staff/customers/?q=smith")
    assert signed_out_to_sign_in(response)
    assert "next=/staff/customers/%3Fq%3Dsmith" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used Service First for 30 minutes" in page
    assert signed_out_to_sign_in(client.get(HOME))
    event = AuditEvent.objects.get(actor=officer, action="signed_out")
    assert "30 minutes" in event.detail


def test_a_session_ends_after_the_absolute_limit_however_busy(clock, client_for):
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    client = client_for(head)
    for _ in range(29):  # 9 hours 40 minutes, never idle for long
        clock.shift(timedelta(minutes=20))
        assert client.get(HOME).status_code == 200
    clock.shift(timedelta(minutes=20, seconds=1))
    response = client.get(HOME)
    assert signed_out_to_sign_in(response)
    assert "you had been signed in for 10 hours" in client.get(response["Location"]).content.decode()


def test_the_limits_are_configurable(clock, client_for, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client = client_for(UserFactory(role=Role.OFFICER))
    clock.shift(timedelta(minutes=4))
    assert client.get(HOME).status_code == 200
    clock.shift(timedelta(minutes=5, seconds=1))
    assert signed_out_to_sign_in(client.get(HOME))


def test_signing_in_again_starts_a_new_session(clock):
    officer = UserFactory(role=Role.OFFICER)
    client = Client()
    client.post(reverse("accounts:login"), {"username": officer.username, "password": PASSWORD})
    clock.shift(timedelta(minutes=31))
    assert signed_out_to_sign_in(client.get(HOME))
    client.post(reverse("accounts:login"), {"username": officer.username, "password": PASSWORD})
    assert client.get(HOME).status_code == 200
