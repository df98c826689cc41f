"""Complaint-handling reports: aggregates only, so councillors may read them; no customer or officer is named.

Small counts are hidden from those without `reports.exact`, and always in the annual report, which is published."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from servicefirst.complaints.forms_reports import ReportPeriodForm, default_period
from servicefirst.complaints.report_tables import comparison_note, headline, report_sections, report_tables
from servicefirst.complaints.reports import complaints_report
from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import Disclosure, disclosure_for, disclosure_note, disclosure_public
from servicefirst.core.exports import FORMATS, table_download

_PERIOD_FIELDS = ("basis", "year", "date_from", "date_to")


def _context(request: HttpRequest, disclosure: Disclosure) -> dict:
    """The report for the period asked for. After bad input the errors show with the default period's figures,
    named as such, and the input stays in the form."""
    form = ReportPeriodForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    period = form.period() if valid else default_period()
    report = complaints_report(period=period)
    tables = report_tables(report, disclosure=disclosure)
    headline_rows = headline(report, disclosure=disclosure)
    statutory = {
        "adults": [
            disclosure.count(report.statutory.adults.current),
            disclosure.count(report.statutory.adults.previous),
        ],
        "children": [
            disclosure.count(report.statutory.children.current),
            disclosure.count(report.statutory.children.previous),
        ],
    }
    query = urlencode([(k, v) for k, v in request.GET.items() if k.startswith(_PERIOD_FIELDS)]) if valid else ""
    return {
        "form": form,
        "valid": valid,
        "report": report,
        "tables": tables,
        "sections": report_sections(tables),
        "headline": headline_rows,
        "statutory": statutory,
        "comparison_note": comparison_note(report),
        "note": disclosure_note([*(row for t in tables for row in t.rows), *headline_rows, *statutory.values()]),
        "period_query": query,
        "period_prefix": f"{query}&" if query else "",
    }


@capability_required("reports.view")
def reports(request: HttpRequest) -> HttpResponse:
    context = _context(request, disclosure_for(request.user))
    export_format = request.GET.get("format", "")
    if context["valid"] and export_format in FORMATS:
        return table_download(
            tables=[t.table for t in context["tables"]],
            export_format=export_format,
            filename=f"complaints-{context['report'].period.slug}",
            table=request.GET.get("table", ""),
        )
    return render(request, "complaints/reports/index.html", context)


@capability_required("reports.view")
def annual(request: HttpRequest) -> HttpResponse:
    """The annual report of complaint handling for the Standards Committee, laid out to print."""
    return render(request, "complaints/reports/annual.html", _context(request, disclosure_public()))


@capability_required("reports.view")
def annual_pdf(request: HttpRequest) -> HttpResponse:
    context = _context(request, disclosure_public())
    if not context["valid"]:
        return render(request, "complaints/reports/annual.html", context)
    # Loading WeasyPrint parses fonts and styles; only the PDF needs it, not every process start.
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = render_to_string("complaints/reports/annual_pdf.html", context, request=request)
    # The template carries its own styles; refusing every fetch keeps the renderer off the network and files.
    pdf = weasyprint.HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=URLFetcher(allowed_protocols=["data"])
    ).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"complaints-annual-report-{context['report'].period.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
