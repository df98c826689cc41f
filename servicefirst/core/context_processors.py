from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from servicefirst.core.registry import navigation_items


def council(request: HttpRequest) -> dict:
    context: dict = {"council_name": settings.COUNCIL_NAME, "council_phone": settings.COUNCIL_PHONE}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items = []
        for item in navigation_items():
            if user.can(item.capability):
                url = reverse(item.url_name)
                items.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
        context["staff_navigation"] = items
    return context
