from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from servicefirst.audit.services import records_list_audit
from servicefirst.contacts.followups import contact_followup_links
from servicefirst.contacts.forms import ANONYMOUS, ContactLogForm, CustomerLookupForm
from servicefirst.contacts.selectors import (
    agreed_action_get,
    agreed_actions_open_for,
    agreed_actions_open_for_team,
    contact_get,
)
from servicefirst.contacts.services import (
    ActionOwner,
    ContactData,
    agreed_action_complete,
    agreed_action_may_complete,
    contact_log,
    contact_open,
    contact_validate,
)
from servicefirst.core.access import capability_required
from servicefirst.customers.selectors import customer_detail, customer_search
from servicefirst.customers.services import customer_open, customer_search_open
from servicefirst.customers.timeline import timeline_entries


def _open_items(request: HttpRequest, customer_id: int | None) -> dict:
    """The chosen customer and their open items, shown beside the form while the officer logs the contact. A
    posted form shows again the customer its page showed, so only the page's first showing is audited."""
    if customer_id is None:
        return {"customer": None, "open_items": []}
    try:
        customer = customer_open(viewer=request.user, customer_id=customer_id, changing=request.method == "POST")
    except ObjectDoesNotExist:
        return {"customer": None, "open_items": []}
    items = [e for e in timeline_entries(customer_id=customer_id) if e.is_open]
    return {"customer": customer, "open_items": items}


def _chosen_customer(value: str):
    if not value.isdigit():
        return None
    try:
        return customer_detail(customer_id=int(value))
    except ObjectDoesNotExist:
        return None


def _customer_choices(request: HttpRequest, query: str, chosen: str) -> dict:
    """Search results as radios, keeping the chosen customer listed even when a new search would drop them. The
    search is audited when it is made, not again when a posted form shows its answer once more."""
    results = None
    if query.strip() and request.method == "POST":
        results = customer_search(query=query)
    elif query.strip():
        results = customer_search_open(viewer=request.user, query=query)
    customers = list(results.customers) if results else []
    selected = _chosen_customer(chosen)
    if selected is not None and all(c.pk != selected.pk for c in customers):
        customers.insert(0, selected)
    return {
        "results": results,
        "customers": customers,
        "chosen": chosen,
        "anonymous": ANONYMOUS,
        "query": query,
    }


def _data_from_form(form: ContactLogForm) -> ContactData:
    values = {name: form.cleaned_data.get(name) for name in ContactData.field_names() if name in form.fields}
    for name in ("channel", "direction", "outcome", "reason", "referral_detail", "action_what"):
        values[name] = values.get(name) or ""
    values["action_owner"] = values.get("action_owner") or ActionOwner.OFFICER
    values["is_avoidable"] = bool(values.get("is_avoidable"))
    values["ended_at"] = values.get("ended_at") or timezone.now().replace(microsecond=0)
    return ContactData(**values)


def _add_errors(form: ContactLogForm, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        name = field if field in form.fields else None
        if name is None or name not in form.errors:
            form.add_error(name, field_messages)


def _all_problems(form: ContactLogForm) -> None:
    """Adds the service's rules to the form's own errors, so the officer sees every problem at once."""
    try:
        contact_validate(data=_data_from_form(form))
    except ValidationError as error:
        _add_errors(form, error)


@capability_required("contact.log")
def log(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "") if request.method == "GET" else request.POST.get("searched", "")
    lookup = CustomerLookupForm({"q": query})
    lookup.is_valid()
    if request.method == "POST":
        form = ContactLogForm(request.POST)
        if form.is_valid():
            try:
                contact = contact_log(officer=request.user, data=_data_from_form(form))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _saved_message(contact))
                return redirect(f"{request.path}?saved={contact.pk}")
        else:
            _all_problems(form)
        chosen = request.POST.get("customer_id", "")
    else:
        form = ContactLogForm.opened_now()
        # Other screens (the single view, a queue) may open the log with their customer already chosen.
        chosen = request.GET.get("customer_id", "")
        # A new call starts with the search, so the cursor waits there; after an error the error summary has it.
        lookup.fields["q"].widget.attrs["autofocus"] = True
    started = form.cleaned_data.get("started_at") if form.is_bound else None
    saved = _saved_contact(request)
    context = {
        "form": form,
        "lookup": lookup,
        "elapsed": int((timezone.now() - started).total_seconds()) if started else 0,
        "saved": saved,
        "followups": contact_followup_links(contact=saved) if saved else [],
        **_customer_choices(request, lookup.cleaned_data.get("q", ""), chosen),
        **_open_items(request, int(chosen) if chosen.isdigit() else None),
    }
    return render(request, "contacts/log.html", context)


def _saved_message(contact) -> str:
    message = f"Contact {contact.reference} saved"
    if contact.is_repeat:
        message += ": a repeat contact about the same service"
    return message


def _saved_contact(request: HttpRequest):
    saved = request.GET.get("saved", "")
    if not saved.isdigit():
        return None
    try:
        contact = contact_get(contact_id=int(saved))
    except ObjectDoesNotExist:
        return None
    return contact if contact.officer_id == request.user.pk else None


@capability_required("contact.log")
def log_customers(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "contacts/_customer_choices.html",
        _customer_choices(request, request.GET.get("q", "")[:200], request.GET.get("customer_id", "")),
    )


@capability_required("contact.log")
def log_open_items(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("customer_id", "")
    return render(request, "contacts/_open_items.html", _open_items(request, int(chosen) if chosen.isdigit() else None))


@capability_required("customer.view")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        contact = contact_open(viewer=request.user, contact_id=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    return render(
        request,
        "contacts/detail.html",
        {
            "contact": contact,
            "referrals": contact.referrals.select_related("client_service", "reason", "decided_by"),
            "actions": _with_permission(
                request, contact.agreed_actions.select_related("owner_officer", "owner_client_service", "completed_by")
            ),
            "today": timezone.localdate(),
        },
    )


def _with_permission(request: HttpRequest, actions) -> list:
    return [(a, agreed_action_may_complete(user=request.user, action=a)) for a in actions]


def _actions_shown(request: HttpRequest, actions) -> list:
    """The actions as rows, with the list audited: each names the customer it was agreed with."""
    rows = _with_permission(request, actions)
    records_list_audit(viewer=request.user, record_type="agreed_action", ids=[action.pk for action, _ in rows])
    return rows


@capability_required("customer.view")
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "contacts/actions.html",
        {
            "rows": _actions_shown(request, agreed_actions_open_for(user=request.user)),
            "team": False,
            "today": timezone.localdate(),
            "can_see_team": request.user.can("referral.authorise"),
        },
    )


@capability_required("referral.authorise")
def team_actions(request: HttpRequest) -> HttpResponse:
    overdue_only = request.GET.get("show") != "all"
    return render(
        request,
        "contacts/actions.html",
        {
            "rows": _actions_shown(request, agreed_actions_open_for_team(overdue_only=overdue_only)[:500]),
            "team": True,
            "overdue_only": overdue_only,
            "today": timezone.localdate(),
        },
    )


@require_POST
@capability_required("customer.view")
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        action = agreed_action_get(action_id=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    agreed_action_complete(user=request.user, action_id=action.pk)
    messages.success(request, f"Action completed: {action.what}")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("contacts:my_actions")
