"""Client service statements for the monthly liaison meeting: aggregates only, so councillors may read them,
with small counts hidden from those without `reports.exact`."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import disclosure_for, disclosure_note
from servicefirst.core.exports import FORMATS, table_download
from servicefirst.organisation.selectors import client_service_list, client_services_by_code
from servicefirst.performance.forms_statements import StatementChooseForm
from servicefirst.performance.selectors_statements import month_current, month_parse, statement_build, statement_tables


@capability_required("reports.view")
def statement_list(request: HttpRequest) -> HttpResponse:
    form = StatementChooseForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect(
            "performance:statement", code=form.cleaned_data["client_service"], month=form.chosen_month().slug
        )
    current = month_current()
    context = {
        "form": form,
        "services": client_service_list().order_by("directorate__name", "name"),
        "current": current,
        "previous": current.previous(),
    }
    return render(request, "performance/statements/list.html", context)


@capability_required("reports.view")
def statement_detail(request: HttpRequest, code: str, month: str) -> HttpResponse:
    chosen = month_parse(month)
    client_service = client_services_by_code(codes={code}).get(code)
    if chosen is None or client_service is None:
        raise Http404("No statement for that client service and month")
    statement = statement_build(client_service=client_service, month=chosen)
    tables = statement_tables(statement, disclosure=disclosure_for(request.user))
    export_format = request.GET.get("format", "")
    if export_format in FORMATS:
        return table_download(
            tables=tables,
            export_format=export_format,
            filename=f"statement-{client_service.code}-{chosen.slug}",
            table=request.GET.get("table", ""),
        )
    context = {
        "statement": statement,
        "tables": tables,
        "previous": chosen.previous(),
        "note": disclosure_note(row for table in tables for row in table.rows),
    }
    return render(request, "performance/statements/detail.html", context)
