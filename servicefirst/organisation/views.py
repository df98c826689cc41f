from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from servicefirst.core.access import capability_required
from servicefirst.organisation.models import ClientService, Site
from servicefirst.organisation.selectors import (
    client_service_get,
    client_service_visible_to,
    directorate_list,
    site_bank_holidays_upcoming,
    site_closures_upcoming,
    site_days,
    site_get,
    site_is_open,
    site_list,
    site_opening_on,
    site_weekly_hours,
)


@capability_required("organisation.view")
def index(request: HttpRequest) -> HttpResponse:
    directorates = list(directorate_list())
    visible = {
        service.pk
        for directorate in directorates
        for service in directorate.client_services.all()
        if client_service_visible_to(user=request.user, client_service=service)
    }
    return render(request, "organisation/index.html", {"directorates": directorates, "visible": visible})


@capability_required("organisation.view")
def client_service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        service = client_service_get(pk=pk)
    except ClientService.DoesNotExist:
        raise Http404 from None
    if not client_service_visible_to(user=request.user, client_service=service):
        raise PermissionDenied
    return render(request, "organisation/client_service.html", {"service": service})


@capability_required("organisation.view")
def sites(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    rows = [
        {"site": site, "open_now": site_is_open(site=site, at=now), "today": site_opening_on(site=site, day=today)}
        for site in site_list()
    ]
    return render(request, "organisation/sites.html", {"rows": rows, "now": now})


@capability_required("organisation.view")
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        site = site_get(pk=pk)
    except Site.DoesNotExist:
        raise Http404 from None
    now = timezone.now()
    today = timezone.localdate(now)
    context = {
        "site": site,
        "now": now,
        "open_now": site_is_open(site=site, at=now),
        "weekly_hours": site_weekly_hours(site=site),
        "next_days": site_days(site=site, start=today, days=7),
        "closures": site_closures_upcoming(site=site, today=today),
        "bank_holidays": site_bank_holidays_upcoming(site=site, today=today),
    }
    return render(request, "organisation/site.html", context)
