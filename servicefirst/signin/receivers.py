"""Django's and django-axes' sign-in signals, written to the audit log. Connected once at start-up, after axes' own
receivers (this app comes after axes in INSTALLED_APPS), so axes has counted a failure before it is recorded."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils import timezone

from servicefirst.core.addresses import client_address_text
from servicefirst.signin.selectors import failures_recent, second_factor_required
from servicefirst.signin.services import lockout_record, sign_in_failure_record, sign_in_record, sign_out_record

# When this session signed in (a Unix time), for the absolute session limit; and why it is being signed out.
SESSION_STARTED = "signin:started"
SESSION_SEEN = "signin:seen"
SIGN_OUT_REASON = "signin_reason"
_LOCKED_NOW = "signin_locked_now"


def via_of(request) -> str:
    return "admin" if request is not None and request.path.startswith("/staff/admin/") else "web"


def _signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now
    sign_in_record(
        user=user,
        address=client_address_text(request),
        via=via_of(request),
        second_factor_next=second_factor_required(user=user),
    )


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    sign_out_record(
        user=user,
        address=client_address_text(request),
        via=via_of(request),
        reason=getattr(request, SIGN_OUT_REASON, ""),
    )


def _failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")[:150]
    counted = getattr(request, "axes_failures_since_start", None)
    if counted is None and getattr(request, "axes_locked_out", False):
        note = "refused while locked out"
    elif counted is not None:
        by_account, by_address = failures_recent(username=username, address=getattr(request, "axes_ip_address", ""))
        note = (
            f"failure {by_account} of {settings.AXES_FAILURE_LIMIT} for the account, "
            f"{by_address} of {settings.SIGN_IN_ADDRESS_FAILURE_LIMIT} for the address"
        )
    else:
        note = "not counted"
    address, via = client_address_text(request), via_of(request)
    sign_in_failure_record(username=username, address=address, via=via, counted=note)
    if getattr(request, _LOCKED_NOW, False):
        lockout_record(username=username, address=address, via=via)


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    # Sent by axes while it counts a failure, before that failure is recorded here: the lockout is recorded just
    # after it (above). Axes sends it again for each attempt refused during a lockout, which is no new lockout.
    if request is not None and getattr(request, "axes_failures_since_start", None) is not None:
        setattr(request, _LOCKED_NOW, True)


def sign_in_watch() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="signin:signed-in")
    user_logged_out.connect(_signed_out, dispatch_uid="signin:signed-out")
    user_login_failed.connect(_failed, dispatch_uid="signin:failed")
    user_locked_out.connect(_locked_out, dispatch_uid="signin:locked-out")
