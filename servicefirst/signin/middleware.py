"""Two checks on every request by a signed-in member of staff, after django-otp has read which device (if any)
verified this session:

- `SessionLimitsMiddleware` ends a session unused for SESSION_IDLE_MINUTES, or older than SESSION_ABSOLUTE_HOURS,
  and sends the person to sign in again with the reason.
- `SecondFactorMiddleware` sends a user who must give a second factor and has not yet, in this session, to that
  step from every page but the sign-in steps themselves, so no staff page, the admin included, opens on a password
  alone.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from servicefirst.signin.receivers import SESSION_SEEN, SESSION_STARTED, SIGN_OUT_REASON
from servicefirst.signin.selectors import second_factor_device, second_factor_required

# Writing the last-seen time on every request would save the session on every request; a minute is precise enough.
_SEEN_PRECISION_SECONDS = 60
# Pages a half-signed-in user may still open: signing in and out, and the second-factor steps.
_OPEN_TO_HALF_SIGNED_IN = ("accounts:login", "accounts:logout", "signin:verify", "signin:enrol")


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = self._expired(request)
            if reason:
                setattr(request, SIGN_OUT_REASON, reason)
                logout(request)
                messages.info(request, f"You were signed out because {reason}. Sign in again to carry on.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest) -> str:
        now = int(timezone.now().timestamp())
        session = request.session
        # A session signed in before these limits existed is treated as starting now.
        started = session.setdefault(SESSION_STARTED, now)
        seen = session.get(SESSION_SEEN, now)
        if now - seen > settings.SESSION_IDLE_MINUTES * 60:
            return f"you had not used Service First for {settings.SESSION_IDLE_MINUTES} minutes"
        if now - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
            return f"you had been signed in for {settings.SESSION_ABSOLUTE_HOURS} hours"
        if now - seen >= _SEEN_PRECISION_SECONDS or SESSION_SEEN not in session:
            session[SESSION_SEEN] = now
        return ""


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and request.path not in self._open()
            and second_factor_required(user=user)
        ):
            step = "signin:verify" if second_factor_device(user=user) else "signin:enrol"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _open(self) -> frozenset[str]:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in _OPEN_TO_HALF_SIGNED_IN)
        return self._open_paths
