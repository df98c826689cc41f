"""The address a request came from, for lockouts and the audit log.

Behind proxies REMOTE_ADDR is the nearest proxy's address, so the client's is read from X-Forwarded-For: each
proxy appends the address it was reached from, so with TRUSTED_PROXY_COUNT proxies the client is that many places
from the right. Entries further left were written by the client itself and could be anything, so they are never
read: a client cannot choose the address it is counted under."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"
