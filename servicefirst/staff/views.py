"""The administrators' Staff pages: who works here, in which role, and whether they can sign in; and each person's
own page for setting a password from the link they were sent."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from servicefirst.accounts.roles import Role
from servicefirst.accounts.selectors import api_tokens_of, staff_member_get, staff_members
from servicefirst.core.access import capability_required
from servicefirst.signin.selectors import (
    lockout_ends,
    lockouts_current,
    second_factor_device,
    second_factor_required_by_role,
    second_factor_user_ids,
)
from servicefirst.staff.forms import ApiTokenForm, GovukSetPasswordForm, RoleForm, StaffMemberForm
from servicefirst.staff.services import (
    staff_member_active_set,
    staff_member_add,
    staff_member_password_reset,
    staff_member_role_change,
    staff_member_second_factor_reset,
    staff_member_unlock,
    staff_password_set_record,
    staff_token_issue,
    staff_token_revoke,
)

# A new token's key waits here between issuing it and the one page that shows it.
_ISSUED_TO_SHOW = "staff:issued"


def _managers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Administrators, by their role; and a Django superuser, who may do anything an administrator does."""
    by_role = capability_required("staff.manage")(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_active and request.user.is_superuser:
            return view(request, *args, **kwargs)
        return by_role(request, *args, **kwargs)

    return wrapped


def _member(user_id: int):
    try:
        return staff_member_get(user_id=user_id)
    except ObjectDoesNotExist:
        raise Http404("No such member of staff") from None


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@_managers_only
def staff_list(request: HttpRequest) -> HttpResponse:
    members = list(staff_members())
    with_app = second_factor_user_ids(user_ids=[m.pk for m in members])
    locked = {lockout["value"] for lockout in lockouts_current() if lockout["kind"] == "username"}
    rows = [
        {
            "member": m,
            "second_factor": m.pk in with_app,
            "second_factor_required": second_factor_required_by_role(user=m),
            "locked": m.username in locked,
        }
        for m in members
    ]
    return render(request, "staff/list.html", {"rows": rows})


@_managers_only
def staff_add(request: HttpRequest) -> HttpResponse:
    form = StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = staff_member_add(
                actor=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                client_service_id=data["client_service"].pk if data["client_service"] else None,
                site=_site(request),
                via="web",
            )
        except ValidationError as error:
            _errors_add(form, error)
        else:
            messages.success(request, f"{member.display_name} added. They have been emailed a link to set a password")
            return redirect("staff:member", member.pk)
    return render(request, "staff/add.html", {"form": form})


def _errors_add(form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


@_managers_only
def staff_member(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    issued = request.session.pop(_ISSUED_TO_SHOW, None)
    ends = lockout_ends(username=member.username, address="")
    context = {
        "member": member,
        "tokens": list(api_tokens_of(user_id=member.pk)),
        "now": timezone.now(),
        "has_device": second_factor_device(user=member) is not None,
        "second_factor_required": second_factor_required_by_role(user=member),
        "locked_until": timezone.localtime(ends) if ends else None,
        "issued": issued if issued and issued.get("user_id") == member.pk else None,
        "is_self": member.pk == request.user.pk,
    }
    response = render(request, "staff/member.html", context)
    if context["issued"]:
        response["Cache-Control"] = "no-store"
    return response


@_managers_only
def staff_role(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    initial = {"role": member.role, "role_seen": member.role, "client_service": member.client_service_id}
    form = RoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_member_role_change(
                actor=request.user,
                user_id=member.pk,
                role=data["role"],
                client_service_id=data["client_service"].pk if data["client_service"] else None,
                role_seen=data["role_seen"],
                via="web",
            )
        except ValidationError as error:
            _errors_add(form, error)
            # What was chosen stays; the role now held becomes the one seen, so sending again is deliberate.
            form.data = form.data.copy()
            form.data["role_seen"] = _member(user_id).role
        else:
            messages.success(request, f"{member.display_name} is now {Role(data['role']).label}")
            return redirect("staff:member", member.pk)
    return render(request, "staff/role.html", {"form": form, "member": member})


@require_POST
@_managers_only
def staff_active(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    active = request.POST.get("active") == "yes"
    try:
        staff_member_active_set(actor=request.user, user_id=member.pk, active=active, via="web")
    except ValidationError as error:
        _refused(request, error)
    else:
        done = "reactivated" if active else "deactivated. They are signed out and their API tokens stop working"
        messages.success(request, f"{member.display_name} {done}")
    return redirect("staff:member", member.pk)


@require_POST
@_managers_only
def staff_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    try:
        staff_member_password_reset(actor=request.user, user_id=member.pk, site=_site(request), via="web")
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, f"{member.display_name} is signed out and has been emailed a link to set a new password"
        )
    return redirect("staff:member", member.pk)


@require_POST
@_managers_only
def staff_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    staff_member_unlock(actor=request.user, user_id=member.pk, via="web")
    messages.success(request, f"{member.display_name} can sign in again")
    return redirect("staff:member", member.pk)


@require_POST
@_managers_only
def staff_second_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    staff_member_second_factor_reset(actor=request.user, user_id=member.pk, via="web")
    messages.success(request, f"{member.display_name} sets up a new authenticator app when they next sign in")
    return redirect("staff:member", member.pk)


@_managers_only
def staff_token_new(request: HttpRequest, user_id: int) -> HttpResponse:
    member = _member(user_id)
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, key = staff_token_issue(
                actor=request.user,
                user_id=member.pk,
                name=data["name"],
                scopes=data["scopes"],
                days=data["days"],
                via="web",
            )
        except ValidationError as error:
            _errors_add(form, error)
        else:
            request.session[_ISSUED_TO_SHOW] = {"user_id": member.pk, "name": token.name, "key": key}
            return redirect("staff:member", member.pk)
    return render(request, "staff/token_new.html", {"form": form, "member": member})


@require_POST
@_managers_only
def staff_token_revoke_page(request: HttpRequest, user_id: int, token_id: int) -> HttpResponse:
    member = _member(user_id)
    try:
        token = staff_token_revoke(actor=request.user, user_id=member.pk, token_id=token_id, via="web")
    except ObjectDoesNotExist:
        raise Http404("No such token") from None
    messages.success(request, f"Token {token} revoked. It no longer works")
    return redirect("staff:member", member.pk)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The page a set-password link opens: Django's password reset, whose token works once (it is made from the
    password it replaces) and expires after PASSWORD_RESET_TIMEOUT."""

    form_class = GovukSetPasswordForm
    template_name = "staff/set_password.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        staff_password_set_record(user=form.user, via="web")
        messages.success(self.request, f"Your password is set. Sign in as {form.user.get_username()}")
        return response


set_password = SetPasswordView.as_view()
