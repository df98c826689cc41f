"""The optional resident account: an emailed sign-in link, then a list of the resident's own requests.

A resident is not a Django user: following a link stores the proven email address in the session, so a staff
sign-in in the same browser is neither given nor taken away. Answers never say whether an address is known.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from servicefirst.portal.forms_residents import SignInForm
from servicefirst.portal.protection import public_rate_limit
from servicefirst.portal.selectors_residents import resident_record, resident_records
from servicefirst.portal.services_residents import (
    SIGN_IN_MAX_AGE,
    SignInLinkExpired,
    SignInLinkInvalid,
    SignInLinkUsed,
    resident_record_viewed,
    sign_in_token_read,
    sign_in_token_use,
)
from servicefirst.portal.tasks import resident_sign_in_send

SESSION_EMAIL = "portal:resident_email"


def _resident_email(request: HttpRequest) -> str:
    return request.session.get(SESSION_EMAIL, "")


@require_http_methods(["GET", "POST"])
@public_rate_limit(group="portal-sign-in", rate="5/m")
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Known or not, the request only queues the same task: whether the address has records, and the sending,
        # happen in the worker, so the answer's timing cannot tell anyone which addresses the council knows.
        resident_sign_in_send.enqueue(email=form.cleaned_data["email"], site=request.build_absolute_uri("/"))
        return redirect("portal:account_sign_in_sent")
    return render(request, "portal/residents/sign_in.html", {"form": form})


def sign_in_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/residents/sign_in_sent.html", {"minutes": SIGN_IN_MAX_AGE // 60})


def _link_problem(request: HttpRequest, problem: str) -> HttpResponse:
    return render(request, "portal/residents/sign_in_problem.html", {"problem": problem}, status=410)


@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the link only asks to continue: mail scanners that open links must not spend them."""
    try:
        if request.method == "POST":
            email = sign_in_token_use(token=token)
        else:
            sign_in_token_read(token=token)
    except SignInLinkExpired:
        return _link_problem(request, "expired")
    except SignInLinkUsed:
        return _link_problem(request, "used")
    except SignInLinkInvalid:
        return _link_problem(request, "invalid")
    if request.method == "GET":
        return render(request, "portal/residents/sign_in_continue.html")
    request.session.cycle_key()
    request.session[SESSION_EMAIL] = email
    return redirect("portal:account")


def account(request: HttpRequest) -> HttpResponse:
    email = _resident_email(request)
    if not email:
        return redirect("portal:account_sign_in")
    return render(request, "portal/residents/account.html", {"email": email, "records": resident_records(email=email)})


def account_record(request: HttpRequest, reference: str) -> HttpResponse:
    email = _resident_email(request)
    if not email:
        return redirect("portal:account_sign_in")
    record = resident_record(email=email, reference=reference)
    if record is None:
        raise Http404("No such record among yours")
    resident_record_viewed(
        record_type=record.record_type, record_id=record.record_id, reference=record.reference, how="signed in"
    )
    return render(request, "portal/residents/track_result.html", {"record": record, "signed_in": True})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_EMAIL, None)
    return render(request, "portal/residents/signed_out.html")
