"""The address a request came from, for staff sign-in lockouts, the residents' and Open311's rate limits and the
audit log: one reading of it, so every limit counts the same client.

Behind proxies REMOTE_ADDR is the nearest proxy's address, so the client's is read from X-Forwarded-For: each
proxy appends the address it was reached from, so with TRUSTED_PROXY_COUNT proxies the client is that many places
from the right. Entries further left were written by the client itself and could be anything, so they are never
read: a client cannot choose the address it is counted under."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str:
    # django-axes stores the address in an inet column: anything else would fail on PostgreSQL.
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The client's address, or "" when the request carries none (a request made in code, not over HTTP)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies and (address := _valid(forwarded[-proxies])):
            return address
    return _valid(request.META.get("REMOTE_ADDR") or "")


def client_address_text(request: HttpRequest | None) -> str:
    """The client's address as the audit log words it."""
    return (client_address(request) if request is not None else "") or "unknown address"


def client_address_for_limits(request: HttpRequest) -> str:
    """For django-ratelimit (RATELIMIT_IP_META_KEY). A request with no address at all (a Unix socket with no
    proxy header) counts with every other such request, so it is limited rather than refused with an error."""
    return client_address(request) or "0.0.0.0"  # noqa: S104  an address to count by, not one to listen on
