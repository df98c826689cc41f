"""The second-factor steps after a password, the lockout page, the member of staff's own account page (second
factor, recovery codes, password) and the administrators' page of current lockouts."""

from urllib.parse import quote

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from servicefirst.core.access import capability_required
from servicefirst.core.addresses import client_address, client_address_text
from servicefirst.signin.forms import CodeForm, EnrolForm, GovukPasswordChangeForm, UnlockForm
from servicefirst.signin.selectors import (
    lockout_ends,
    lockouts_current,
    recovery_codes_left,
    second_factor_device,
    second_factor_required_by_role,
)
from servicefirst.signin.services import (
    lockout_clear,
    password_change_record,
    recovery_codes_renew,
    second_factor_enrol_begin,
    second_factor_enrol_confirm,
    second_factor_verify,
)

# Recovery codes wait here between setting them and the one page that shows them.
_CODES_TO_SHOW = "signin:codes"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _verified(request: HttpRequest, device) -> None:
    # A new session key once fully signed in, as Django does at the password step, so nothing learned of the
    # half-signed-in session's key is any use.
    request.session.cycle_key()
    django_otp.login(request, device)


@login_required
def second_factor_verify_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if second_factor_device(user=user) is None:
        return redirect(f"{reverse('signin:enrol')}?next={quote(_next(request))}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(
                user=user, code=form.cleaned_data["code"], address=client_address_text(request), via="web"
            )
        except ValidationError as error:
            form.add_error("code", error.message_dict["code"])
        else:
            _verified(request, device)
            left = recovery_codes_left(user=user)
            if left <= 3:
                messages.info(request, f"You have {left} recovery codes left. Get new ones from Your account.")
            return redirect(_next(request))
    return render(request, "signin/verify.html", {"form": form, "next": _next(request)})


@login_required
def second_factor_enrol_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Someone with only the password must not be able to put their own app in place of the owner's.
    if second_factor_device(user=user) is not None and not user.is_verified():
        return redirect(f"{reverse('signin:verify')}?next={quote(_next(request))}")
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = second_factor_enrol_confirm(
                user=user, code=form.cleaned_data["code"], address=client_address_text(request), via="web"
            )
        except ValidationError as error:
            form.add_error("code", error.message_dict["code"])
        else:
            _verified(request, device)
            request.session[_CODES_TO_SHOW] = codes
            return redirect(f"{reverse('signin:recovery_codes')}?next={quote(_next(request))}")
    device = second_factor_enrol_begin(user=user)
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    context = {
        "form": form,
        "next": _next(request),
        # segno writes the SVG from our own otpauth URL: no user input reaches it.
        "qr_svg": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")),  # noqa: S308
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "required": second_factor_required_by_role(user=user),
        "replacing": user.is_verified(),
    }
    return render(request, "signin/enrol.html", context)


@login_required
def recovery_codes_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("signin:account")
    if request.method == "POST":
        request.session[_CODES_TO_SHOW] = recovery_codes_renew(
            user=request.user, address=client_address_text(request), via="web"
        )
        return redirect("signin:recovery_codes")
    codes = request.session.pop(_CODES_TO_SHOW, None)
    return render(request, "signin/recovery_codes.html", {"codes": codes, "next": _next(request)})


@login_required
def account_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "has_device": second_factor_device(user=user) is not None,
        "required": second_factor_required_by_role(user=user),
        "codes_left": recovery_codes_left(user=user),
        "idle_minutes": settings.SESSION_IDLE_MINUTES,
        "absolute_hours": settings.SESSION_ABSOLUTE_HOURS,
    }
    return render(request, "signin/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = GovukPasswordChangeForm
    template_name = "signin/password_change.html"
    success_url = reverse_lazy("signin:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_change_record(user=self.request.user, address=client_address_text(self.request), via="web")
        messages.success(self.request, "Your password has been changed")
        return response


password_change_page = login_required(PasswordChangeView.as_view())


@capability_required("signin.unlock")
def lockouts_page(request: HttpRequest) -> HttpResponse:
    return render(request, "signin/lockouts.html", {"lockouts": lockouts_current()})


@require_POST
@capability_required("signin.unlock")
def unlock(request: HttpRequest) -> HttpResponse:
    form = UnlockForm(request.POST)
    if form.is_valid():
        lockout_clear(actor=request.user, kind=form.cleaned_data["kind"], value=form.cleaned_data["value"], via="web")
        what = "Account" if form.cleaned_data["kind"] == "username" else "Address"
        messages.success(request, f"{what} {form.cleaned_data['value']} unlocked")
    return redirect("signin:lockouts")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a sign-in refused for too many failures (AXES_LOCKOUT_CALLABLE)."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    ends = lockout_ends(username=username, address=client_address(request))
    context = {
        "ends": timezone.localtime(ends) if ends else None,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "account_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.SIGN_IN_ADDRESS_FAILURE_LIMIT,
    }
    return render(request, "signin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The admin's own sign-in is replaced by the staff one, so both have the same lockout and second factor."""
    target = reverse("accounts:login")
    if request.GET.get("next"):
        target += f"?next={quote(request.GET['next'])}"
    return redirect(target)
