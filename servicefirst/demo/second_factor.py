"""The demo's second factor. As in production, the demo's head of service and administrator must give a code from
an authenticator app after their password; so that anyone can try the demo, they share one published key, which
stands in for their phones. Only the demo's loaders call this: no production path knows the key."""

from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# Published in the README and printed by `make demo`; never use it for a real account.
DEMO_TOTP_KEY = "3b080b226011eb02249582e1df5bd838bda9d718"


def demo_totp_secret() -> str:
    """The key as an authenticator app takes it typed in (base32)."""
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def demo_totp_code() -> str:
    """The code an app holding the demo key shows now."""
    return f"{TOTP(unhexlify(DEMO_TOTP_KEY)).token():06d}"


def demo_second_factors_load() -> list[str]:
    """Gives every demo user whose role needs a second factor an app with the demo key; returns their usernames."""
    users = get_user_model().objects.filter(role__in=settings.STAFF_SECOND_FACTOR_ROLES).order_by("username")
    for user in users:
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo authenticator app", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
    return [user.username for user in users]
