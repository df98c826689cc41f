from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import disclosure_for
from servicefirst.core.exports import FORMATS, table_download
from servicefirst.performance.dashboard.report import dashboard_build
from servicefirst.performance.definitions import definitions_all
from servicefirst.performance.forms_dashboard import DashboardFilterForm

_FILTER_KEYS = ("date_from", "date_to", "site", "directorate", "client_service")


@capability_required("reports.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    """Aggregates only, and no figure by officer; small counts are hidden from those without `reports.exact`."""
    today = timezone.localdate()
    sent = {k: v for k, v in request.GET.items() if k.startswith(_FILTER_KEYS)}
    form = DashboardFilterForm(sent or None, today=today)
    if form.is_bound and not form.is_valid():
        return render(request, "performance/dashboard/dashboard.html", {"form": form}, status=400)
    report = dashboard_build(form.filters(), disclosure=disclosure_for(request.user), today=today)
    export_format = request.GET.get("format", "")
    if export_format in FORMATS:
        return table_download(
            tables=report.tables,
            export_format=export_format,
            filename=f"performance-{report.filters.date_from}-to-{report.filters.date_to}",
            table=request.GET.get("table", ""),
        )
    query = urlencode(sent)
    context = {
        "form": form,
        "report": report,
        "headline_slug": report.headline_table.slug,
        "query": f"{query}&" if query else "",
    }
    return render(request, "performance/dashboard/dashboard.html", context)


@capability_required("reports.view")
def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "performance/dashboard/definitions.html", {"definitions": definitions_all()})
