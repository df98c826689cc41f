import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from servicefirst.contacts.reports import actions_report, contacts_report, referral_reasons_report
from servicefirst.core.access import capability_required
from servicefirst.core.forms import PeriodForm


def _period(request: HttpRequest) -> tuple[PeriodForm, datetime.date | None, datetime.date | None]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return form, None, None


@capability_required("reports.view")
def actions(request: HttpRequest) -> HttpResponse:
    form, date_from, date_to = _period(request)
    report = actions_report(agreed_from=date_from, agreed_to=date_to)
    return render(request, "contacts/report_actions.html", {"form": form, "report": report})


@capability_required("reports.view")
def referral_reasons(request: HttpRequest) -> HttpResponse:
    form, date_from, date_to = _period(request)
    report = referral_reasons_report(referred_from=date_from, referred_to=date_to)
    return render(request, "contacts/report_referrals.html", {"form": form, "services": report})


@capability_required("reports.view")
def contacts(request: HttpRequest) -> HttpResponse:
    form, date_from, date_to = _period(request)
    rows = contacts_report(started_from=date_from, started_to=date_to)
    return render(request, "contacts/report_contacts.html", {"form": form, "rows": rows})
