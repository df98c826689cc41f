"""Signing in for tests that are about something else: a client signed in as a member of staff as they are after
both steps, so the production rule (a second factor for administrators and the head of service) stays on in every
test. The steps themselves are tested in tests/test_accounts_second_factor.py."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from servicefirst.signin.selectors import second_factor_required_by_role


def session_verify(client: Client, user) -> TOTPDevice:
    """Marks the client's session as verified by the user's authenticator app (made confirmed if they have none),
    as django_otp.login does after a right code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Test app", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def staff_client(user, client: Client | None = None) -> Client:
    client = client or Client()
    client.force_login(user)
    if second_factor_required_by_role(user=user):
        session_verify(client, user)
    return client
