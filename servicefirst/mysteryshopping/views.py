from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from servicefirst.core.access import capability_required
from servicefirst.core.exports import FORMATS, table_download
from servicefirst.core.forms import form_stale_keep
from servicefirst.core.versions import StaleVersion
from servicefirst.mysteryshopping.forms import ScheduleForm, ScoreForm
from servicefirst.mysteryshopping.models import MysteryShop, ShopStatus
from servicefirst.mysteryshopping.reports import site_results, standard_results
from servicefirst.mysteryshopping.selectors import (
    shop_get,
    shop_questions,
    shops_finished,
    shops_overdue_count,
    shops_scheduled,
)
from servicefirst.mysteryshopping.services import (
    ShopData,
    mystery_shop_answers_validate,
    mystery_shop_cancel,
    mystery_shop_schedule,
    mystery_shop_score,
    mystery_shop_validate,
)

MANAGE = "mysteryshopping.manage"


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        name = field if field in form.fields else None
        if name is None or name not in form.errors:
            form.add_error(name, field_messages)


@capability_required(MANAGE)
def shops(request: HttpRequest) -> HttpResponse:
    finished = Paginator(shops_finished(), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "mysteryshopping/shops.html",
        {
            "scheduled": shops_scheduled(),
            "page": finished,
            "overdue": shops_overdue_count(),
            "today": timezone.localdate(),
        },
    )


def _shop_data(form: ScheduleForm) -> ShopData:
    values = {name: form.cleaned_data.get(name) for name in ShopData.field_names()}
    for name in ("channel", "shopper", "scenario"):
        values[name] = values.get(name) or ""
    return ShopData(**values)


@capability_required(MANAGE)
def schedule(request: HttpRequest) -> HttpResponse:
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                shop = mystery_shop_schedule(scheduler=request.user, data=_shop_data(form))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Mystery shop {shop.reference} scheduled for {shop.scheduled_for:%-d %B %Y}")
                return redirect("mysteryshopping:shops")
        else:
            # Show the service's rules beside the form's own, so every problem is listed at once.
            try:
                mystery_shop_validate(data=_shop_data(form))
            except ValidationError as error:
                _add_errors(form, error)
    return render(request, "mysteryshopping/schedule.html", {"form": form})


def _shop_or_404(pk: int) -> MysteryShop:
    try:
        return shop_get(shop_id=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@capability_required(MANAGE)
def shop(request: HttpRequest, pk: int) -> HttpResponse:
    """The shop's details and its scoring form; scoring a done shop again corrects its answers."""
    shop = _shop_or_404(pk)
    questions = shop_questions(shop=shop)
    form = ScoreForm(request.POST or None, shop=shop, questions=questions)
    if request.method == "POST" and shop.status != ShopStatus.CANCELLED:
        if form.is_valid():
            try:
                mystery_shop_score(
                    scorer=request.user,
                    shop_id=shop.pk,
                    answers=form.answers(),
                    notes=form.notes(),
                    done_on=form.cleaned_data["done_on"],
                    version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            except StaleVersion as stale:
                _keep_answers_for_resave(form, stale.record)
                shop = _shop_or_404(pk)
            else:
                saved = shop_get(shop_id=shop.pk)
                messages.success(request, f"Mystery shop {saved.reference} scored: {saved.score}%")
                return redirect("mysteryshopping:shop", pk=shop.pk)
        else:
            try:
                mystery_shop_answers_validate(
                    items=[q.item for q in questions],
                    answers=form.answers(),
                    notes=form.notes(),
                    done_on=form.cleaned_data.get("done_on"),
                )
            except ValidationError as error:
                _add_errors(form, error)
    return render(request, "mysteryshopping/shop.html", {"shop": shop, "form": form})


def _keep_answers_for_resave(form: ScoreForm, current: MysteryShop) -> None:
    """Keeps what this person typed and lets them save it over the other person's answers only on purpose."""
    if current.status == ShopStatus.CANCELLED:
        message = "Someone else cancelled this shop while you were answering, so it cannot be scored"
    else:
        message = (
            f"Someone else scored this shop while you were answering (score {current.score}%). "
            "Your answers are below: save again to replace theirs."
        )
    form_stale_keep(form, version=current.version, message=message)


@require_POST
@capability_required(MANAGE)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    shop = _shop_or_404(pk)
    version = request.POST.get("version", "")
    try:
        mystery_shop_cancel(manager=request.user, shop_id=shop.pk, version=int(version) if version.isdigit() else None)
    except (ValidationError, StaleVersion):
        messages.error(request, f"Mystery shop {shop.reference} could not be cancelled: it has changed")
        return redirect("mysteryshopping:shop", pk=shop.pk)
    messages.success(request, f"Mystery shop {shop.reference} cancelled")
    return redirect("mysteryshopping:shops")


def _download_or_page(request: HttpRequest, tables, filename: str, template: str, context: dict) -> HttpResponse:
    export_format = request.GET.get("format", "")
    if export_format in FORMATS:
        return table_download(
            tables=tables, export_format=export_format, filename=filename, table=request.GET.get("table", "")
        )
    return render(request, template, context | {"tables": tables})


@capability_required("reports.view")
def results_sites(request: HttpRequest) -> HttpResponse:
    report = site_results()
    return _download_or_page(
        request, report.tables(), "mystery-shopping-by-site", "mysteryshopping/results_sites.html", {"report": report}
    )


@capability_required("reports.view")
def results_standards(request: HttpRequest) -> HttpResponse:
    report = standard_results()
    return _download_or_page(
        request,
        report.tables(),
        "mystery-shopping-by-standard",
        "mysteryshopping/results_standards.html",
        {"report": report},
    )
