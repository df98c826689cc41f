from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from servicefirst.core.access import capability_required
from servicefirst.core.forms import form_stale_keep
from servicefirst.core.versions import StaleVersion
from servicefirst.customers.forms import CustomerForm, CustomerSearchForm
from servicefirst.customers.models import Customer
from servicefirst.customers.selectors import (
    customer_action_links,
    customer_detail,
    customer_possible_duplicates,
    customer_timeline,
)
from servicefirst.customers.services import (
    CustomerData,
    customer_create,
    customer_data_from,
    customer_open,
    customer_search_open,
    customer_update,
    customers_list_audit,
)


@capability_required("customer.search")
def search(request: HttpRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = customer_search_open(viewer=request.user, query=form.cleaned_data["q"])
        if results.message:
            form.add_error("q", results.message)
    context = {"form": form, "results": results, "can_edit": request.user.can("customer.edit")}
    if not request.headers.get("HX-Request"):
        return render(request, "customers/search.html", context)
    if form.errors:
        # The error summary and the field's error sit above the results, so the form is swapped with them.
        response = render(request, "customers/_search.html", context)
        response.headers["HX-Retarget"], response.headers["HX-Reswap"] = "#customer-search", "outerHTML"
        return response
    return render(request, "customers/_results.html", context)


def _data_from_form(form: CustomerForm) -> CustomerData:
    return CustomerData(**{name: form.cleaned_data[name] for name in CustomerData.field_names()})


def _add_errors(form: CustomerForm, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(None if field not in form.fields else field, messages_)


@capability_required("customer.edit")
def create(request: HttpRequest) -> HttpResponse:
    form = CustomerForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = _data_from_form(form)
        if request.POST.get("confirm_new") != "yes":
            duplicates = customer_possible_duplicates(data=data)
            if duplicates:
                ids = [duplicate.pk for duplicate in duplicates]
                customers_list_audit(viewer=request.user, ids=ids, detail="Possible duplicates of a new record")
        if not duplicates:
            try:
                customer = customer_create(actor=request.user, data=data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Customer {customer.reference} created")
                return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/form.html", {"form": form, "creating": True, "duplicates": duplicates})


@capability_required("customer.view")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        customer_open(viewer=request.user, customer_id=pk)
    except Customer.DoesNotExist:
        raise Http404 from None
    customer = customer_detail(customer_id=pk)
    timeline = customer_timeline(viewer=request.user, customer=customer)
    return render(
        request,
        "customers/detail.html",
        {
            "customer": customer,
            "timeline": timeline,
            "open_count": sum(1 for e in timeline if e.is_open),
            "can_edit": request.user.can("customer.edit"),
            "actions": customer_action_links(viewer=request.user, customer=customer),
        },
    )


@capability_required("customer.edit")
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        customer = customer_open(viewer=request.user, customer_id=pk, changing=request.method == "POST")
    except Customer.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        form = CustomerForm(request.POST)
        if form.is_valid():
            try:
                customer_update(
                    actor=request.user,
                    customer_id=pk,
                    data=_data_from_form(form),
                    version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            except StaleVersion as stale:
                form_stale_keep(
                    form,
                    version=stale.version,
                    message="Someone else changed this record while you were editing it. Check your changes "
                    f"against the current record and save again (it is now at version {stale.version}).",
                )
            else:
                messages.success(request, f"Customer {customer.reference} updated")
                return redirect("customers:detail", pk=pk)
    else:
        initial = vars(customer_data_from(customer)) | {"version": customer.version}
        form = CustomerForm(initial=initial)
    return render(request, "customers/form.html", {"form": form, "customer": customer, "creating": False})
