from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.audit.services import records_list_audit
from servicefirst.catalogue.selectors import council_services_requestable
from servicefirst.contacts.selectors import contact_origin
from servicefirst.core.access import capability_required
from servicefirst.core.forms import form_stale_keep
from servicefirst.core.validation import id_param
from servicefirst.core.versions import StaleVersion
from servicefirst.customers.selectors import customer_address_parts
from servicefirst.customers.services import customer_open
from servicefirst.servicerequests.forms import (
    AssignForm,
    BulkAssignForm,
    MoveForm,
    NoteForm,
    PriorityForm,
    QueueFilterForm,
    RaiseForm,
    ServiceChoiceForm,
    StatusForm,
)
from servicefirst.servicerequests.models import RequestChannel, ServiceRequest
from servicefirst.servicerequests.questions import answers_display
from servicefirst.servicerequests.selectors import (
    question_list,
    question_set_guidance,
    service_request_events,
    service_request_may_work,
    service_request_pauses,
    service_request_queue,
    service_request_queue_rows,
)
from servicefirst.servicerequests.services import (
    RequestData,
    service_request_assign,
    service_request_bulk_assign,
    service_request_check,
    service_request_move,
    service_request_note_add,
    service_request_open,
    service_request_priority_update,
    service_request_raise,
    service_request_status_update,
)

QUEUE_PAGE_SIZE = 50


def _add_errors(form, error: ValidationError) -> None:
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


@capability_required("request.raise")
def raise_request(request: HttpRequest) -> HttpResponse:
    """Raising a request: choose the service (unless the link names one), then answer its questions. With htmx the
    choice swaps the questions into the page in place; without it the same choice loads them as a page."""
    services = council_services_requestable()
    service = None
    if (service_id := id_param(request.GET.get("service", ""))) is not None:
        service = services.filter(pk=service_id).first()
    customer_id, contact_id = id_param(request.GET.get("customer", "")), id_param(request.GET.get("contact", ""))
    customer = None
    if customer_id is not None:
        try:
            # The page names the customer: a read of their record, audited once, when first shown.
            customer = customer_open(viewer=request.user, customer_id=customer_id, changing=request.method == "POST")
        except ObjectDoesNotExist:
            raise Http404 from None
    if service is None:
        choice = ServiceChoiceForm(request.GET if "service" in request.GET else None, services=services)
        choice.is_valid()
        return render(request, "servicerequests/choose_service.html", {"form": choice, "customer": customer})

    origin = None
    if contact_id is not None:
        try:
            origin = contact_origin(contact_id=contact_id)
        except ObjectDoesNotExist:
            raise Http404 from None
    questions = question_list(council_service_id=service.pk)
    form = RaiseForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        # A request for a known customer is most often about where they live (a missed bin), so it starts there.
        known_address=customer_address_parts(customer_id=customer.pk) if customer else None,
        received_from_contact=timezone.localdate(origin.received_at) if origin else None,
        initial={"channel": origin.channel} if origin and origin.channel in RequestChannel.values else None,
    )
    if request.method == "POST":
        complete = form.is_valid()
        data = RequestData(
            council_service_id=service.pk,
            description=form.cleaned_data.get("description", ""),
            channel=form.cleaned_data.get("channel", ""),
            priority=form.cleaned_data.get("priority"),
            answers=form.answers(),
            customer_id=customer_id,
            contact_id=contact_id,
            received_on=form.cleaned_data.get("received_on"),
        )
        try:
            if not complete:
                # Check the rest too, so the officer sees every problem at once rather than one round at a time.
                service_request_check(data=data)
            else:
                service_request = service_request_raise(actor=request.user, data=data)
                messages.success(
                    request,
                    f"Service request {service_request.reference} raised: due by {service_request.due_on:%-d %B %Y}",
                )
                return redirect("servicerequests:detail", reference=service_request.reference)
        except ValidationError as error:
            form.add_service_errors(error)
    context = {
        "form": form,
        "service": service,
        "customer": customer,
        "guidance": question_set_guidance(council_service_id=service.pk),
        # Swapped in by htmx, the questions take the focus the Continue button had, so a keyboard user goes on.
        "swapped_in": request.headers.get("HX-Request") == "true" and request.method == "GET",
    }
    return render(request, "servicerequests/raise.html", context)


def _detail_forms(request: HttpRequest, service_request: ServiceRequest) -> dict:
    action = request.POST.get("action") if request.method == "POST" else None
    version = {"version": service_request.version}
    return {
        "status_form": StatusForm(
            request.POST if action == "status" else None,
            prefix="status",
            current=service_request.status,
            initial=version,
        ),
        "assign_form": AssignForm(
            request.POST if action == "assign" else None,
            prefix="assign",
            client_service_id=service_request.client_service_id,
            initial=version | {"assigned_officer": service_request.assigned_officer_id},
        ),
        "move_form": MoveForm(
            request.POST if action == "move" else None,
            prefix="move",
            current_client_service_id=service_request.client_service_id,
            initial=version,
        ),
        "priority_form": PriorityForm(
            request.POST if action == "priority" else None,
            prefix="priority",
            initial=version | {"priority": service_request.priority},
        ),
        "note_form": NoteForm(request.POST if action == "note" else None, prefix="note"),
    }


def _act(request: HttpRequest, service_request: ServiceRequest, forms: dict) -> str | None:
    """Carries out the posted action; returns the message to show, or None when a form has errors."""
    action = request.POST.get("action")
    form = forms.get(f"{action}_form")
    if form is None or not form.is_valid():
        return None
    try:
        if action == "status":
            changed = service_request_status_update(
                actor=request.user,
                request_id=service_request.pk,
                status=form.cleaned_data["status"],
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
            return f"Status changed to {changed.get_status_display().lower()}"
        if action == "assign":
            service_request_assign(
                actor=request.user,
                request_id=service_request.pk,
                officer_id=form.cleaned_data["assigned_officer"].pk,
                version=form.cleaned_data["version"],
            )
            return "Officer assigned"
        if action == "move":
            moved = service_request_move(
                actor=request.user,
                request_id=service_request.pk,
                client_service_id=form.cleaned_data["client_service"].pk,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
            return f"Moved to the {moved.client_service.name} queue"
        if action == "priority":
            service_request_priority_update(
                actor=request.user,
                request_id=service_request.pk,
                priority=form.cleaned_data["priority"],
                version=form.cleaned_data["version"],
            )
            return "Priority changed"
        service_request_note_add(
            actor=request.user,
            request_id=service_request.pk,
            note=form.cleaned_data["note"],
            visibility=form.cleaned_data["visibility"],
        )
        return "Note added"
    except ValidationError as error:
        _add_errors(form, error)
    except StaleVersion as stale:
        form_stale_keep(form, version=stale.version, message=f"{stale}. Check the request below and try again.")
    return None


@capability_required("customer.view")
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        service_request = service_request_open(
            viewer=request.user, reference=reference, changing=request.method == "POST"
        )
    except (ServiceRequest.DoesNotExist, PermissionDenied):
        # Another service's request is as invisible to a client service officer as one that does not exist.
        raise Http404 from None
    may_work = service_request_may_work(viewer=request.user, service_request=service_request)
    forms = _detail_forms(request, service_request)
    if request.method == "POST":
        if request.POST.get("action") in ("status", "assign", "move", "priority") and not may_work:
            raise PermissionDenied("clientservice.work")
        if (done := _act(request, service_request, forms)) is not None:
            messages.success(request, done)
            return redirect("servicerequests:detail", reference=service_request.reference)
    questions = question_list(council_service_id=service_request.council_service_id)
    context = {
        "service_request": service_request,
        "answers": answers_display(questions=questions, answers=service_request.answers),
        "events": service_request_events(service_request=service_request),
        "pauses": service_request_pauses(service_request=service_request),
        "may_work": may_work,
        "has_errors": any(f.errors for f in forms.values()),
        **forms,
    }
    return render(request, "servicerequests/detail.html", context)


@capability_required("clientservice.work")
def queue(request: HttpRequest) -> HttpResponse:
    own_service_id = request.user.client_service_id if request.user.role == Role.CLIENT_SERVICE_OFFICER else None
    filter_form = QueueFilterForm(request.GET or None, own_service_id=own_service_id)
    filters = filter_form.filters()
    requests = service_request_queue(viewer=request.user, **filters)
    queue_service_id = own_service_id or filters["client_service_id"]
    bulk_form = BulkAssignForm(
        request.POST if request.method == "POST" else None, prefix="bulk", client_service_id=queue_service_id
    )
    if request.method == "POST" and bulk_form.is_valid():
        try:
            assigned = service_request_bulk_assign(
                actor=request.user,
                request_ids=bulk_form.cleaned_data["requests"],
                officer_id=bulk_form.cleaned_data["officer"].pk,
            )
        except ValidationError as error:
            _add_errors(bulk_form, error)
        else:
            officer = bulk_form.cleaned_data["officer"]
            messages.success(
                request,
                f"{len(assigned)} request{'s' if len(assigned) != 1 else ''} assigned to {officer.display_name}",
            )
            return redirect(f"{reverse('servicerequests:queue')}?{request.GET.urlencode()}")
    page = Paginator(requests.values_list("pk", flat=True), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    # A posted bulk assignment that failed shows the page again; the page was audited when first shown.
    if request.method == "GET":
        records_list_audit(viewer=request.user, record_type="service_request", ids=ids)
    page.object_list = service_request_queue_rows(requests=requests, ids=ids)
    ticked = {str(pk) for pk in request.POST.getlist("bulk-requests")}
    context = {"filter_form": filter_form, "bulk_form": bulk_form, "page": page, "ticked": ticked}
    return render(request, "servicerequests/queue.html", context)
