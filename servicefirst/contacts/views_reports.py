import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from servicefirst.contacts.reports import (
    actions_report,
    actions_report_shown,
    contacts_report,
    contacts_report_shown,
    referral_reasons_report,
    referral_reasons_shown,
)
from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import disclosure_for, disclosure_note
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
    directorates, total = actions_report_shown(report, disclosure=disclosure_for(request.user))
    rows = [total.cells, *(row.cells for d in directorates for row in [*d.services, d.total])]
    context = {"form": form, "directorates": directorates, "total": total, "note": disclosure_note(rows)}
    return render(request, "contacts/report_actions.html", context)


@capability_required("reports.view")
def referral_reasons(request: HttpRequest) -> HttpResponse:
    form, date_from, date_to = _period(request)
    report = referral_reasons_report(referred_from=date_from, referred_to=date_to)
    services = referral_reasons_shown(report, disclosure=disclosure_for(request.user))
    rows = [[s.referred] for s in services] + [row.cells for s in services for row in s.reasons]
    context = {"form": form, "services": services, "note": disclosure_note(rows)}
    return render(request, "contacts/report_referrals.html", context)


@capability_required("reports.view")
def contacts(request: HttpRequest) -> HttpResponse:
    form, date_from, date_to = _period(request)
    rows = contacts_report_shown(
        contacts_report(started_from=date_from, started_to=date_to), disclosure=disclosure_for(request.user)
    )
    note = disclosure_note([r.contacts] for r in rows)
    return render(request, "contacts/report_contacts.html", {"form": form, "rows": rows, "note": note})
