from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from servicefirst.audit.models import AuditEvent
from servicefirst.audit.selectors import audit_events
from servicefirst.core.access import capability_required


@capability_required("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "record_label": request.GET.get("record", "")[:100],
        "username": request.GET.get("user", "")[:150],
        "action": request.GET.get("action", "") if request.GET.get("action") in AuditEvent.Action.values else "",
    }
    page = Paginator(audit_events(**filters), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/list.html",
        {"page": page, "filters": filters, "actions": AuditEvent.Action.choices},
    )
