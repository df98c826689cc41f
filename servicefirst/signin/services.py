"""Writes for staff sign-in: every sign-in, failure, lockout, unlock and second-factor step goes to the audit log
with the address it came from, and second factors are set up and checked here."""

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from servicefirst.accounts.services import sign_in_user_get
from servicefirst.audit.services import AuditAction, audit_record
from servicefirst.signin.selectors import recovery_device, second_factor_device

RECOVERY_CODES = 10
# django-otp's default for TOTP devices, which every app here uses.
_APP_CODE_DIGITS = 6
_DEVICE_NAME = "Authenticator app"
_RECOVERY_NAME = "Recovery codes"


def _user_audit(*, user, action: str, via: str, detail: str) -> None:
    audit_record(
        actor=user,
        action=action,
        record_type="user",
        record_id=user.pk,
        record_label=user.get_username()[:100],
        via=via,
        detail=detail,
    )


def _username_audit(*, username: str, action: str, via: str, detail: str) -> None:
    """Against the account named, or, when it names none, against the sign-in system user with the name typed."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        _user_audit(user=user, action=action, via=via, detail=detail)
        return
    audit_record(
        actor=sign_in_user_get(),
        action=action,
        record_type="user",
        record_id="none",
        record_label=username[:100],
        via=via,
        detail=f"no such account; {detail}",
    )


@transaction.atomic
def sign_in_record(*, user, address: str, via: str, second_factor_next: bool) -> None:
    detail = f"password from {address}" + ("; second factor next" if second_factor_next else "")
    _user_audit(user=user, action=AuditAction.SIGNED_IN, via=via, detail=detail)


@transaction.atomic
def sign_out_record(*, user, address: str, via: str, reason: str = "") -> None:
    detail = f"from {address}" + (f"; {reason}" if reason else "")
    _user_audit(user=user, action=AuditAction.SIGNED_OUT, via=via, detail=detail)


@transaction.atomic
def password_change_record(*, user, address: str, via: str) -> None:
    _user_audit(user=user, action=AuditAction.UPDATED, via=via, detail=f"own password changed from {address}")


@transaction.atomic
def sign_in_failure_record(*, username: str, address: str, via: str, counted: str) -> None:
    _username_audit(username=username, action=AuditAction.SIGN_IN_FAILED, via=via, detail=f"from {address}; {counted}")


@transaction.atomic
def lockout_record(*, username: str, address: str, via: str) -> None:
    _username_audit(username=username, action=AuditAction.LOCKED_OUT, via=via, detail=f"account and address {address}")


@transaction.atomic
def lockout_clear(*, actor, kind: str, value: str, via: str) -> int:
    """Unlocks an account (`kind` "username") or an address ("ip_address") by forgetting its failures; returns how
    many records of failures were removed. Audited against the administrator who did it."""
    if kind not in ("username", "ip_address"):
        raise ValidationError({"kind": "Choose an account or an address to unlock"})
    removed, _ = AccessAttempt.objects.filter(**{kind: value}).delete()
    what = "account" if kind == "username" else "address"
    audit_record(
        actor=actor,
        action=AuditAction.UNLOCKED,
        record_type="user" if kind == "username" else "address",
        record_id=value[:50] or "none",
        record_label=value[:100],
        via=via,
        detail=f"{what} {value} unlocked; {removed} failure records removed",
    )
    return removed


@transaction.atomic
def second_factor_enrol_begin(*, user) -> TOTPDevice:
    """The authenticator app being set up: the same unconfirmed device (and so the same QR code) until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_DEVICE_NAME, confirmed=False)
    return device


def _recovery_codes_issue(*, user) -> list[str]:
    device = recovery_device(user=user) or StaticDevice.objects.create(user=user, name=_RECOVERY_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _code_check(device, *, code: str, user, address: str, via: str, what: str) -> ValidationError | None:
    """Checks a code against a locked device; the refusal, audited, or None. Returned rather than raised, so the
    caller's transaction keeps the failure django-otp counts for throttling and the audit event."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        _user_audit(
            user=user, action=AuditAction.SECOND_FACTOR_FAILED, via=via, detail=f"{what} from {address}; throttled"
        )
        wait = ""
        if why and why.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS and why.get("locked_until"):
            seconds = max(1, round((why["locked_until"] - timezone.now()).total_seconds()))
            wait = f" {seconds} second{'s' if seconds != 1 else ''}"
        return ValidationError({"code": f"Too many wrong codes. Wait{wait or ' a moment'}, then enter the newest code"})
    if device.verify_token(code):
        return None
    _user_audit(user=user, action=AuditAction.SECOND_FACTOR_FAILED, via=via, detail=f"{what} from {address}")
    return ValidationError({"code": "The code is not right. Check it and try again"})


def second_factor_enrol_confirm(*, user, code: str, address: str, via: str) -> tuple[TOTPDevice, list[str]]:
    """Confirms the authenticator app being set up with a code from it; returns the device and the recovery codes,
    which are shown once. Any earlier app of this user is replaced."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            refusal = ValidationError({"code": "Start setting up your authenticator app again"})
        else:
            refusal = _code_check(
                device, code=code.replace(" ", ""), user=user, address=address, via=via, what="setting up an app"
            )
        if refusal is None:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _recovery_codes_issue(user=user)
            _user_audit(
                user=user,
                action=AuditAction.SECOND_FACTOR_ENROLLED,
                via=via,
                detail=f"authenticator app and {RECOVERY_CODES} recovery codes from {address}",
            )
    if refusal is not None:
        raise refusal
    return device, codes


def second_factor_verify(*, user, code: str, address: str, via: str) -> Device:
    """The device that accepts this code: six digits are checked against the authenticator app, anything else
    against the recovery codes (eight letters and digits, each working once). Wrong codes are throttled by
    django-otp and audited."""
    code = code.strip().replace(" ", "").lower()
    with transaction.atomic():
        if code.isdigit() and len(code) == _APP_CODE_DIGITS:
            device, what = second_factor_device(user=user), "authenticator code"
        else:
            device, what = recovery_device(user=user), "recovery code"
        if device is None:
            refusal = ValidationError({"code": "Enter the 6-digit code from your authenticator app"})
        else:
            device = type(device).objects.select_for_update().get(pk=device.pk)
            refusal = _code_check(device, code=code, user=user, address=address, via=via, what=what)
        if refusal is None:
            if isinstance(device, StaticDevice):
                detail = f"recovery code from {address}; {device.token_set.count()} left"
            else:
                detail = f"authenticator code from {address}"
            _user_audit(user=user, action=AuditAction.SIGNED_IN, via=via, detail=detail)
    if refusal is not None:
        raise refusal
    return device


@transaction.atomic
def recovery_codes_renew(*, user, address: str, via: str) -> list[str]:
    """New recovery codes in place of the old ones (all of which stop working); shown once."""
    codes = _recovery_codes_issue(user=user)
    _user_audit(
        user=user,
        action=AuditAction.SECOND_FACTOR_ENROLLED,
        via=via,
        detail=f"{RECOVERY_CODES} new recovery codes from {address}",
    )
    return codes


@transaction.atomic
def second_factor_remove(*, actor, user, via: str) -> None:
    """Removes a person's authenticator app and recovery codes (a lost phone, no codes left), so they set up a new
    app at their next sign-in. Audited against the administrator who did it."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        record_type="user",
        record_id=user.pk,
        record_label=user.get_username()[:100],
        via=via,
        detail="second factor removed: a new app is set up at the next sign-in",
    )
