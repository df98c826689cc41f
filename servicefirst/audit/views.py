from collections.abc import Iterator

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from servicefirst.audit.forms import AuditFilterForm
from servicefirst.audit.selectors import audit_events
from servicefirst.audit.services import AuditAction, audit_record, records_list_audit
from servicefirst.core.access import capability_required
from servicefirst.core.exports import rows_csv_stream

PAGE_SIZE = 50
_EXPORT_HEADERS = (
    "When (UK time)",
    "Username",
    "Name",
    "Action",
    "Kind of record",
    "Record id",
    "Record",
    "Through",
    "Query",
    "Shown",
    "Ids shown",
    "Detail",
)


def _export_rows(events) -> Iterator[tuple]:
    for event in events.iterator(chunk_size=2000):
        yield (
            timezone.localtime(event.at).isoformat(),
            event.actor.username,
            event.actor.display_name,
            event.get_action_display(),
            event.record_type,
            event.record_id,
            event.record_label,
            event.via,
            event.query,
            event.shown,
            event.record_ids.strip(","),
            event.detail,
        )


def _filters_said(form: AuditFilterForm) -> str:
    return urlencode({name: value for name, value in form.data.items() if value and name not in ("page", "format")})


@capability_required("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    if form.is_bound and form.errors:
        context = {"form": form, "page": None, "retention_days": settings.AUDIT_RETENTION_DAYS}
        return render(request, "audit/list.html", context, status=400)
    events = audit_events(**filters)
    if request.GET.get("format") == "csv":
        # The export is itself a read of the log: one event saying what was taken and how much of it.
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORTED,
            record_type="audit_event",
            record_id="",
            detail="Audit log export as CSV",
            query=_filters_said(form),
            shown=events.count(),
        )
        response = StreamingHttpResponse(
            rows_csv_stream(headers=_EXPORT_HEADERS, rows=_export_rows(events)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="audit-log-{timezone.localdate():%Y-%m-%d}.csv"'
        return response
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read once, for the audit and the page
    records_list_audit(
        viewer=request.user, record_type="audit_event", ids=[event.pk for event in page], query=_filters_said(form)
    )
    context = {
        "form": form,
        "page": page,
        "export_query": urlencode({**{k: v for k, v in form.data.items() if k != "page"}, "format": "csv"}),
        "retention_days": settings.AUDIT_RETENTION_DAYS,
    }
    return render(request, "audit/list.html", context)
