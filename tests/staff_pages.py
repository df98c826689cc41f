"""Every staff page the URL resolver knows, with a path to open it: the role matrix and the second-factor tests
try each one, so a page added later is covered without a change here."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Values for each kind of path part: none of these records exist.
SAMPLES = {"reference": "SR-2026-999999"}
SAMPLE_BY_URL = {
    "complaints:detail": "staff/complaints/CMP-2026-999999/",
    "performance:statement": "staff/performance/statements/nobody/2026-11/",
}


def staff_pages() -> dict[str, str]:
    """Every staff page outside Django's admin, by URL name, with a path to open it."""
    found = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if route.startswith("staff/") and not route.startswith("staff/admin/"):
                    found[name] = SAMPLE_BY_URL.get(name) or re.sub(
                        r"<(?:\w+:)?(\w+)>", lambda m: SAMPLES.get(m[1], "999999"), route
                    )

    walk(get_resolver(), "", None)
    return found
