from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from servicefirst.audit.services import records_list_audit
from servicefirst.core.access import capability_required
from servicefirst.customers.selectors import customer_search
from servicefirst.customers.services import customer_search_open
from servicefirst.inbound.forms import CustomerFindForm, MatchForm
from servicefirst.inbound.models import InboundStatus
from servicefirst.inbound.selectors import inbound_email_attachments, inbound_emails_to_match
from servicefirst.inbound.services import inbound_attachment_open, inbound_email_match, inbound_email_open


@capability_required("contact.log")
def to_match(request: HttpRequest) -> HttpResponse:
    emails = list(inbound_emails_to_match()[:200])
    records_list_audit(viewer=request.user, record_type="inbound_email", ids=[email.pk for email in emails])
    return render(request, "inbound/to_match.html", {"emails": emails})


def _customers_for(request: HttpRequest, default: str):
    """The customers the officer searched for (a chosen one is searched again from the hidden query). The search
    is audited when its answer is first shown, not again when the match is posted."""
    find = CustomerFindForm(request.GET or request.POST or {"q": default})
    query = find.data.get("q", default)[:200] if find.is_valid() else default
    results = None
    if query and request.method == "POST":
        results = customer_search(query=query)
    elif query:
        results = customer_search_open(viewer=request.user, query=query)
    return find, query, results


@capability_required("contact.log")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        email = inbound_email_open(viewer=request.user, inbound_email_id=pk, changing=request.method == "POST")
    except ObjectDoesNotExist:
        raise Http404 from None
    find, query, results = _customers_for(request, email.from_address)
    customers = results.customers if results else []
    form = MatchForm(customers=customers)
    if request.method == "POST" and email.status == InboundStatus.TO_MATCH:
        form = MatchForm(request.POST, customers=customers)
        if form.is_valid():
            try:
                inbound_email_match(
                    actor=request.user, inbound_email_id=email.pk, customer_id=form.cleaned_data["customer_id"]
                )
                return redirect("inbound:detail", pk=email.pk)
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
    return render(
        request,
        "inbound/detail.html",
        {
            "email": email,
            "attachments": inbound_email_attachments(email=email),
            "find": find,
            "query": query,
            "results": results,
            "form": form,
            "can_match": email.status == InboundStatus.TO_MATCH,
        },
    )


@capability_required("customer.view")
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    try:
        stored, file = inbound_attachment_open(viewer=request.user, attachment_id=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=stored.filename, content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
