"""Staff pages: keying a customer's answer, registering and revoking kiosks, and the results."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from servicefirst.audit.services import records_list_audit
from servicefirst.contacts.services import contact_open
from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import SUPPRESSED, disclosure_for, disclosure_note
from servicefirst.core.exports import FORMATS, table_download
from servicefirst.organisation.selectors import site_list
from servicefirst.satisfaction import reports
from servicefirst.satisfaction.forms import KioskRegisterForm, KioskStartForm, ResultsPeriodForm, SurveyForm
from servicefirst.satisfaction.models import CaptureMethod
from servicefirst.satisfaction.selectors import kiosk_device_for_token, kiosk_devices, response_for_contact
from servicefirst.satisfaction.services import kiosk_device_register, kiosk_device_revoke, survey_record
from servicefirst.satisfaction.views_public import KIOSK_COOKIE, KIOSK_COOKIE_SALT

# Browsers keep a cookie for at most 400 days; a kiosk is re-registered long before that matters.
_KIOSK_COOKIE_AGE = 400 * 24 * 60 * 60
_DRILL_PAGE_SIZE = 50


def _add_errors(form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


@capability_required("satisfaction.record")
def contact_lookup(request: HttpRequest) -> HttpResponse:
    """Where the saved-contact banner's follow-up link lands: it names the contact as ?contact=<id>."""
    contact = request.GET.get("contact", "")
    if not contact.isdigit():
        raise Http404("No contact named")
    return redirect("satisfaction:record", contact_id=int(contact))


@capability_required("satisfaction.record")
def record(request: HttpRequest, contact_id: int) -> HttpResponse:
    """An officer keys the customer's answer to the post-contact question, asked on the phone or at the desk."""
    try:
        # The contact and any answer the customer gave about it: a read of personal data, audited when shown.
        contact = contact_open(viewer=request.user, contact_id=contact_id, changing=request.method == "POST")
    except ObjectDoesNotExist:
        raise Http404("No such contact") from None
    existing = response_for_contact(contact_id=contact.pk)
    form = SurveyForm(request.POST or None, officer=True)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            survey_record(
                contact_id=contact.pk, captured_by=CaptureMethod.OFFICER, recorded_by=request.user, **form.answer()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Satisfaction recorded for {contact.reference}")
            return redirect("satisfaction:record", contact_id=contact.pk)
    existing = existing or response_for_contact(contact_id=contact.pk)
    context = {"contact": contact, "existing": existing, "form": form}
    return render(request, "satisfaction/record.html", context, status=400 if form.errors else 200)


@never_cache
@capability_required("kiosk.manage")
def kiosks(request: HttpRequest) -> HttpResponse:
    form = KioskRegisterForm(request.POST or None, sites=site_list().filter(is_active=True))
    if request.method == "POST" and form.is_valid():
        try:
            device, token = kiosk_device_register(
                actor=request.user, site_id=form.cleaned_data["site_id"], name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            # The token is on this page only: it is not stored, so it cannot be shown again.
            return render(request, "satisfaction/kiosk_registered.html", {"device": device, "token": token})
    context = {"form": form, "devices": kiosk_devices()}
    return render(request, "satisfaction/kiosks.html", context, status=400 if form.errors else 200)


@require_POST
@capability_required("kiosk.manage")
def kiosk_revoke(request: HttpRequest, device_id: int) -> HttpResponse:
    try:
        device = kiosk_device_revoke(actor=request.user, device_id=device_id)
    except ObjectDoesNotExist:
        raise Http404("No such kiosk") from None
    messages.success(request, f"Kiosk {device} revoked: it no longer records answers")
    return redirect("satisfaction:kiosks")


@never_cache
@capability_required("kiosk.manage")
def kiosk_start(request: HttpRequest) -> HttpResponse:
    """Turns this browser into the kiosk: stores the token in a signed cookie and signs the manager out, so the
    public using the kiosk cannot reach staff pages from it."""
    form = KioskStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        if kiosk_device_for_token(token=token) is None:
            form.add_error("token", "That token does not belong to an active kiosk")
        else:
            logout(request)
            kiosk_url = reverse("satisfaction_public:kiosk")
            response = redirect(kiosk_url)
            response.set_signed_cookie(
                KIOSK_COOKIE,
                token,
                salt=KIOSK_COOKIE_SALT,
                max_age=_KIOSK_COOKIE_AGE,
                path=kiosk_url,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return response
    return render(request, "satisfaction/kiosk_start.html", {"form": form}, status=400 if form.errors else 200)


def _period(request: HttpRequest) -> tuple[ResultsPeriodForm, dict]:
    form = ResultsPeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, {"date_from": form.cleaned_data["date_from"], "date_to": form.cleaned_data["date_to"]}
    return form, {}


def _period_query(request: HttpRequest) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k.startswith(("date_from", "date_to"))])


@capability_required("reports.view")
def results(request: HttpRequest) -> HttpResponse:
    """Aggregates only, so councillors may read them; figures about named officers are left out for them, and small
    counts are hidden from those without `reports.exact`."""
    form, period = _period(request)
    disclosure = disclosure_for(request.user)
    tables = []
    for dimension in reports.dimensions_for(request.user):
        rows = reports.result_rows(dimension=dimension, **period)
        hidden = reports.result_rows_hidden(rows, disclosure=disclosure)
        tables.append(reports.ResultTable(dimension=dimension, rows=rows, hidden=hidden))
    reasons = reports.reason_rows(**period)
    reasons_hidden = reports.reason_rows_hidden(reasons, disclosure=disclosure)
    downloads = [t.table() for t in tables] + [reports.reasons_table(reasons, reasons_hidden)]
    export_format = request.GET.get("format", "")
    if export_format in FORMATS:
        return table_download(
            tables=downloads, export_format=export_format, filename="satisfaction", table=request.GET.get("table", "")
        )
    period_query = _period_query(request)
    overall = reports.overall(**period)
    overall_hidden = reports.overall_hidden(overall, disclosure=disclosure)
    rows = [row for table in downloads for row in table.rows]
    context = {
        "form": form,
        "overall": overall,
        "overall_hidden": overall_hidden,
        "note": disclosure_note([*rows, [SUPPRESSED] if overall_hidden else []]),
        "tables": [(t, d.slug) for t, d in zip(tables, downloads[:-1], strict=True)],
        "reasons": [(row, n in reasons_hidden) for n, row in enumerate(reasons)],
        "reasons_slug": downloads[-1].slug,
        "period_query": f"{period_query}&" if period_query else "",
        "may_drill": request.user.can("customer.view"),
        "may_manage_kiosks": request.user.can("kiosk.manage"),
    }
    return render(request, "satisfaction/results.html", context)


@capability_required("customer.view")
def results_answers(request: HttpRequest) -> HttpResponse:
    """The contacts behind one row of the results. It names customers and officers, so it is for staff who
    may see personal data, never councillors, and each look is audited."""
    if not request.user.can("reports.view"):
        raise PermissionDenied("reports.view")
    dimension, key = request.GET.get("by", ""), request.GET.get("key", "")
    named = reports.DIMENSIONS.get(dimension)
    if named is not None and named.names_staff and not reports.sees_named_staff(request.user):
        raise PermissionDenied("reports.view")
    form, period = _period(request)
    answers = reports.drill_down(dimension=dimension, key=key, **period)
    if answers is None:
        raise Http404("No such row")
    page = Paginator(answers, _DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read once, for the audit and the page
    records_list_audit(
        viewer=request.user,
        record_type="survey_response",
        ids=[answer.pk for answer in page],
        detail=f"Page {page.number} of the answers behind the results row {dimension}:{key}",
    )
    title = named.heading if named else "Reason for dissatisfaction"
    context = {"page": page, "form": form, "title": title, "period_query": _period_query(request)}
    return render(request, "satisfaction/results_answers.html", context)
