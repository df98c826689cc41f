import datetime

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from servicefirst.audit.services import records_list_audit
from servicefirst.complaints import forms as f
from servicefirst.complaints.models import Complaint, ComplaintStage, ComplaintStatus, FeedbackKind
from servicefirst.complaints.selectors import (
    complaint_caseload,
    complaint_current_stage,
    complaint_events,
    complaint_learning_actions,
    complaint_may_view,
    complaint_stages,
)
from servicefirst.complaints.services import (
    ComplaintData,
    complaint_acknowledge,
    complaint_assign,
    complaint_check,
    complaint_close,
    complaint_escalate,
    complaint_extend,
    complaint_ombudsman_decision,
    complaint_open,
    complaint_panel_record,
    complaint_plan_agree,
    complaint_record,
    complaint_reopen,
    complaint_respond,
    learning_action_complete,
)
from servicefirst.core.access import capability_required
from servicefirst.core.forms import form_stale_keep
from servicefirst.core.validation import id_param
from servicefirst.core.versions import StaleVersion
from servicefirst.customers.services import customer_open

CASELOAD_PAGE_SIZE = 50


def _add_errors(form, error: ValidationError) -> None:
    for name, field_messages in error.message_dict.items():
        if name in form.errors:
            # The field's own check already said what is wrong with what was typed.
            continue
        form.add_error(name if name in form.fields else None, field_messages)


def _received_at(day: datetime.date | None) -> datetime.datetime | None:
    """A past day's letter counts as received at the start of that working day; today's is received now."""
    if day is None or day == timezone.localdate():
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@capability_required("complaint.record")
def record(request: HttpRequest) -> HttpResponse:
    customer_id, contact_id = id_param(request.GET.get("customer", "")), id_param(request.GET.get("contact", ""))
    customer = None
    if customer_id is not None:
        try:
            # The page names the customer: a read of their record, audited once, when first shown.
            customer = customer_open(viewer=request.user, customer_id=customer_id, changing=request.method == "POST")
        except ObjectDoesNotExist:
            raise Http404 from None
    form = f.RecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        complete = form.is_valid()
        cleaned = form.cleaned_data
        service, theme = cleaned.get("council_service"), cleaned.get("theme")
        data = ComplaintData(
            kind=cleaned.get("kind") or "",
            procedure=cleaned.get("procedure") or "",
            summary=cleaned.get("summary", ""),
            details=cleaned.get("details", ""),
            channel=cleaned.get("channel") or "",
            customer_id=customer_id,
            contact_id=contact_id,
            council_service_id=service.pk if service else None,
            theme_id=theme.pk if theme else None,
            received_at=_received_at(cleaned.get("received_on")),
        )
        try:
            if not complete:
                complaint_check(data=data)
            else:
                complaint = complaint_record(actor=request.user, data=data)
                messages.success(request, _recorded_message(complaint))
                if complaint_may_view(viewer=request.user, complaint=complaint):
                    return redirect("complaints:detail", reference=complaint.reference)
                if customer is not None:
                    return redirect("customers:detail", pk=customer.pk)
                return redirect("complaints:record")
        except ValidationError as error:
            _add_errors(form, error)
    return render(request, "complaints/record.html", {"form": form, "customer": customer})


def _recorded_message(complaint: Complaint) -> str:
    if complaint.kind != FeedbackKind.COMPLAINT:
        return f"{complaint.get_kind_display()} {complaint.reference} recorded"
    team = complaint.team.name if complaint.team else "the complaints team"
    return (
        f"Complaint {complaint.reference} recorded and sent to the {team}. "
        f"It will be acknowledged by {complaint.due_on:%-d %B %Y}."
    )


_ACTIONS = (
    "acknowledge",
    "assign",
    "extend",
    "plan",
    "panel",
    "respond",
    "escalate",
    "decision",
    "close",
    "reopen",
)


def _detail_forms(request: HttpRequest, complaint: Complaint, stage: ComplaintStage | None) -> dict:
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {"version": complaint.version}

    def bound(name: str) -> dict:
        return {"data": request.POST if action == name else None, "prefix": name, "initial": initial}

    panel = {"met_on": stage.panel_met_on, "report_on": stage.panel_report_on} if stage else {}

    return {
        "acknowledge_form": f.AcknowledgeForm(**bound("acknowledge")),
        "assign_form": f.AssignForm(
            team=complaint.team,
            **(bound("assign") | {"initial": initial | {"assigned_officer": complaint.assigned_officer_id}}),
        ),
        "extend_form": f.ExtendForm(**bound("extend")),
        "plan_form": f.PlanForm(**bound("plan")),
        "panel_form": f.PanelForm(**(bound("panel") | {"initial": initial | panel})),
        "respond_form": f.RespondForm(**bound("respond")),
        "escalate_form": f.EscalateForm(**bound("escalate")),
        "decision_form": f.DecisionForm(**bound("decision")),
        "close_form": f.CloseForm(**bound("close")),
        "reopen_form": f.ReopenForm(**bound("reopen")),
    }


def _run(action: str, user, complaint: Complaint, form) -> str:
    data = form.cleaned_data
    common = {"actor": user, "complaint_id": complaint.pk, "version": data["version"]}
    match action:
        case "acknowledge":
            done = complaint_acknowledge(**common, note=data["note"])
            return f"Acknowledged. The response is due by {done.due_on:%-d %B %Y}"
        case "assign":
            complaint_assign(**common, officer_id=data["assigned_officer"].pk)
            return "Officer assigned"
        case "extend":
            done = complaint_extend(
                **common,
                extend_to=data["extend_to"],
                reason=data["reason"],
                beyond_limit_reason=data["beyond_limit_reason"],
            )
            return f"Response extended to {data['extend_to']:%-d %B %Y}; the customer has been told"
        case "plan":
            complaint_plan_agree(**common, respond_by=data["respond_by"], note=data["note"])
            return f"Plan recorded: the response is due by {data['respond_by']:%-d %B %Y}"
        case "panel":
            done = complaint_panel_record(**common, met_on=data["met_on"], report_on=data["report_on"])
            return f"Review panel recorded: the council next owes by {done.due_on:%-d %B %Y}"
        case "respond":
            complaint_respond(
                **common,
                outcome=data["outcome"],
                response=data["response"],
                remedies=form.remedy_list(),
                learning_actions=form.learning_list(),
            )
            return "Response recorded"
        case "escalate":
            done = complaint_escalate(
                **common,
                reason=data["reason"],
                ombudsman=data["ombudsman"],
                ombudsman_reference=data["ombudsman_reference"],
            )
            if done.status == ComplaintStatus.WITH_OMBUDSMAN:
                return f"Referral to the {done.get_ombudsman_display()} recorded"
            return f"Escalated to stage {done.current_stage}: acknowledge by {done.due_on:%-d %B %Y}"
        case "decision":
            complaint_ombudsman_decision(
                **common, decision=data["decision"], decided_on=data["decided_on"], note=data["note"]
            )
            return "The Ombudsman's decision is recorded and the complaint closed"
        case "close":
            complaint_close(**common, note=data["note"])
            return "Closed"
        case _:
            complaint_reopen(**common, reason=data["reason"])
            return "Reopened"


def _act(request: HttpRequest, complaint: Complaint, forms: dict) -> str | None:
    """Carries out the posted action; returns the message to show, or None when a form has errors."""
    action = request.POST.get("action", "")
    if action == "learning_done":
        return _learning_done(request, complaint)
    form = forms.get(f"{action}_form")
    if action not in _ACTIONS or form is None or not form.is_valid():
        return None
    try:
        return _run(action, request.user, complaint, form)
    except ValidationError as error:
        _add_errors(form, error)
    except StaleVersion as stale:
        form_stale_keep(form, version=stale.version, message=f"{stale}. Check the latest details and try again.")
    return None


def _learning_done(request: HttpRequest, complaint: Complaint) -> str | None:
    action_id = request.POST.get("learning_action", "")
    action = complaint_learning_actions(complaint=complaint).filter(pk=int(action_id) if action_id.isdigit() else 0)
    if not action.exists():
        raise Http404
    try:
        learning_action_complete(actor=request.user, action_id=action.get().pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    return "Learning action marked done"


@capability_required("complaint.handle")
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        complaint = complaint_open(viewer=request.user, reference=reference, changing=request.method == "POST")
    except (Complaint.DoesNotExist, PermissionDenied):
        # A statutory complaint outside the viewer's team is as invisible as one that does not exist.
        raise Http404 from None
    # Read once: an action that succeeds redirects, and one refused changed nothing, so the stage still holds.
    stage = complaint_current_stage(complaint=complaint)
    forms = _detail_forms(request, complaint, stage)
    if request.method == "POST" and (done := _act(request, complaint, forms)) is not None:
        messages.success(request, done)
        return redirect("complaints:detail", reference=complaint.reference)
    context = {
        "complaint": complaint,
        "stage": stage,
        "stages": complaint_stages(complaint=complaint),
        "remedies": list(complaint.remedies.all()),
        "learning_actions": complaint_learning_actions(complaint=complaint),
        "events": complaint_events(complaint=complaint),
        "is_complaint": complaint.kind == FeedbackKind.COMPLAINT,
        "has_errors": any(form.errors for form in forms.values()),
        "action_forms": list(forms.values()),
        **forms,
    }
    return render(request, "complaints/detail.html", context)


@capability_required("complaint.handle")
def caseload(request: HttpRequest) -> HttpResponse:
    filter_form = f.CaseloadFilterForm(request.GET or None)
    complaints = complaint_caseload(viewer=request.user, **filter_form.filters(viewer=request.user))
    page = Paginator(complaints, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read once, for the audit and the page
    records_list_audit(viewer=request.user, record_type="complaint", ids=[complaint.pk for complaint in page])
    context = {"filter_form": filter_form, "page": page, "today": timezone.localdate()}
    return render(request, "complaints/caseload.html", context)
