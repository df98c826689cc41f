from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from servicefirst.catalogue.forms import ServiceFilterForm
from servicefirst.catalogue.models import CouncilService
from servicefirst.catalogue.selectors import council_service_get, council_service_list
from servicefirst.core.access import capability_required
from servicefirst.organisation.selectors import client_service_visible_to


@capability_required("catalogue.view")
def index(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    page = Paginator(council_service_list(**form.filters()), 50).get_page(request.GET.get("page"))
    return render(request, "catalogue/index.html", {"form": form, "page": page})


@capability_required("catalogue.view")
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        service = council_service_get(pk=pk)
    except CouncilService.DoesNotExist:
        raise Http404 from None
    context = {
        "service": service,
        "client_service_visible": client_service_visible_to(user=request.user, client_service=service.client_service),
    }
    return render(request, "catalogue/service.html", context)
