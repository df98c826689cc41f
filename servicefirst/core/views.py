import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import SUPPRESSED, disclosure_note
from servicefirst.core.health import cache_answers, database_answers
from servicefirst.core.middleware import database_unavailable, database_unavailable_response
from servicefirst.core.registry import tile_providers


@capability_required("dashboard.view")
def home(request: HttpRequest) -> HttpResponse:
    tiles = [
        tile
        for capability, provider in tile_providers()
        if request.user.can(capability) and (tile := provider(request.user)) is not None
    ]
    # A tile's detail carries its counts in words, so the marker is looked for there too.
    note = disclosure_note([tile.value, *([SUPPRESSED] if SUPPRESSED in tile.detail else [])] for tile in tiles)
    return render(request, "core/home.html", {"tiles": tiles, "note": note})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    failure = sys.exception()
    if database_unavailable(failure):
        return database_unavailable_response(request, failure)
    return render(request, "core/500.html", status=500)


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For the proxy or load balancer: 200 while the database and cache answer, else 503 so traffic goes to
    another app server. No sign-in and nothing about anyone; each probe is one query and one cache round trip."""
    parts = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(parts.values())
    body = {"status": "ok" if healthy else "unavailable"} | {name: "ok" if up else "down" for name, up in parts.items()}
    return JsonResponse(body, status=200 if healthy else 503)
