"""Reads for staff sign-in: who must use a second factor, which devices they have, and when a lockout ends."""

from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_required_by_role(*, user) -> bool:
    return user.role in settings.STAFF_SECOND_FACTOR_ROLES


def second_factor_device(*, user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def second_factor_user_ids(*, user_ids: list[int]) -> set[int]:
    """Which of these users have set up an authenticator app, in one query for a list of staff."""
    return set(TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True))


def recovery_device(*, user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(*, user) -> int:
    device = recovery_device(user=user)
    return device.token_set.count() if device else 0


def second_factor_required(*, user) -> bool:
    """Whether this user must give a code after their password: their role requires it, or they chose to set one
    up (a second factor someone relies on must not be skipped)."""
    return second_factor_required_by_role(user=user) or second_factor_device(user=user) is not None


def failure_limit(*, kind: str) -> int:
    """How many failures lock an account ("username") or an address ("ip_address")."""
    return settings.AXES_FAILURE_LIMIT if kind == "username" else settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def failures_recent(*, username: str, address: str) -> tuple[int, int]:
    """Failures within the cool-off for this account and for this address."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())
    return tuple(
        (recent.filter(**{field: value}).aggregate(n=Sum("failures_since_start"))["n"] or 0) if value else 0
        for field, value in (("username", username), ("ip_address", address))
    )


def lockout_ends(*, username: str, address: str) -> datetime | None:
    """When a lockout of this account or this address ends, at the latest; None when neither is locked out.
    Each failure counts for the cool-off after it, so the latest failure of a locked counter bounds its end."""
    now = timezone.now()
    cool_off = get_cool_off()
    ends = []
    for field, value in (("username", username), ("ip_address", address)):
        if not value:
            continue
        recent = AccessAttempt.objects.filter(**{field: value}, attempt_time__gte=now - cool_off).aggregate(
            failures=Sum("failures_since_start"), latest=Max("attempt_time")
        )
        if (recent["failures"] or 0) >= failure_limit(kind=field):
            ends.append(recent["latest"] + cool_off)
    return max(ends) if ends else None


def lockouts_current() -> list[dict]:
    """Accounts and addresses locked out now, for the administrators' unlock page."""
    now = timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - get_cool_off())
    locked = []
    for field in ("username", "ip_address"):
        rows = (
            recent.values(field)
            .annotate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
            .filter(failures__gte=failure_limit(kind=field))
            .order_by(field)
        )
        locked += [
            {"kind": field, "value": row[field], "failures": row["failures"], "ends": row["latest"] + get_cool_off()}
            for row in rows
        ]
    return locked
