from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from servicefirst.core.access import capability_required
from servicefirst.core.disclosure import SUPPRESSED, disclosure_note
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
    return render(request, "core/500.html", status=500)
