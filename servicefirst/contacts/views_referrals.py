from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from servicefirst.accounts.roles import Role
from servicefirst.audit.services import records_list_audit
from servicefirst.contacts.forms import DeclineForm
from servicefirst.contacts.models import ReferralStatus
from servicefirst.contacts.selectors import (
    referral_get,
    referral_waited,
    referrals_awaiting_authorisation,
    referrals_received,
)
from servicefirst.contacts.services import AlreadyDecided, referral_authorise, referral_decline, referral_open
from servicefirst.core.access import capability_required
from servicefirst.core.forms import form_refused
from servicefirst.core.versions import StaleVersion
from servicefirst.organisation.selectors import client_service_list


@capability_required("clientservice.work")
def referrals(request: HttpRequest) -> HttpResponse:
    """Referrals that reached client services; a client service officer sees only their own service's."""
    service = request.GET.get("service", "")
    service_id = int(service) if service.isdigit() else None
    shown = _listed(request, referrals_received(user=request.user, client_service_id=service_id)[:200])
    return render(
        request,
        "contacts/referrals.html",
        {
            "referrals": shown,
            "services": client_service_list() if request.user.role != Role.CLIENT_SERVICE_OFFICER else None,
            "service_id": service_id,
            "can_authorise": request.user.can("referral.authorise"),
        },
    )


def _listed(request: HttpRequest, referrals) -> list:
    """The referrals to show, with the list audited: each names its customer."""
    shown = list(referrals)
    records_list_audit(viewer=request.user, record_type="referral", ids=[referral.pk for referral in shown])
    return shown


@capability_required("referral.authorise")
def referrals_to_authorise(request: HttpRequest) -> HttpResponse:
    shown = _listed(request, referrals_awaiting_authorisation())
    rows = [(referral, referral_waited(referral=referral)) for referral in shown]
    return render(request, "contacts/referrals_to_authorise.html", {"rows": rows})


@capability_required("referral.authorise")
def referral_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        referral = referral_open(viewer=request.user, referral_id=pk, changing=request.method == "POST")
    except ObjectDoesNotExist:
        raise Http404 from None
    form = DeclineForm()
    if request.method == "POST" and referral.status == ReferralStatus.PENDING_AUTHORISATION:
        version = request.POST.get("version", "")
        seen = int(version) if version.isdigit() else None
        typed = {"decline_reason": request.POST.get("decline_reason", "")}
        try:
            if request.POST.get("decision") == "authorise":
                referral_authorise(manager=request.user, referral_id=pk, version=seen)
                messages.success(request, f"Referral to {referral.client_service.name} authorised and sent")
                return redirect("contacts:referrals_to_authorise")
            form = DeclineForm(request.POST)
            if form.is_valid():
                referral_decline(
                    manager=request.user, referral_id=pk, reason=form.cleaned_data["decline_reason"], version=seen
                )
                messages.success(request, f"Referral to {referral.client_service.name} declined")
                return redirect("contacts:referrals_to_authorise")
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        except AlreadyDecided as decided:
            status = decided.referral.get_status_display().lower()
            form = form_refused(
                DeclineForm, typed=typed, message=f"Another manager decided first: the referral is {status}"
            )
            referral = referral_get(referral_id=pk)
        except StaleVersion:
            form = form_refused(
                DeclineForm,
                typed=typed,
                message="The referral changed while you were looking at it. Check it again before deciding",
            )
            referral = referral_get(referral_id=pk)
    context = {"referral": referral, "form": form, "waited": referral_waited(referral=referral)}
    return render(request, "contacts/referral_decide.html", context)
