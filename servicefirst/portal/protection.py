"""What keeps the public forms usable by residents and useless to robots: a honeypot field and rate limits.

Rate limits count in the cache (django-ratelimit): per process with development's local-memory cache, shared
across servers with Redis (`REDIS_URL`), which production must run (settings refuse DEBUG=0 without it). Behind a
proxy the client's address is read from X-Forwarded-For with TRUSTED_PROXY_COUNT (core/addresses.py).
"""

from collections.abc import Callable
from functools import wraps

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage, is_ratelimited

# A field people never see or fill (hidden by CSS and from assistive technology); robots fill every field.
HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    """Add to a public form; a filled honeypot fails validation with a message a robot cannot act on."""

    website = forms.CharField(required=False, label="Leave this field empty", max_length=200)

    def clean_website(self) -> str:
        value = self.cleaned_data.get(HONEYPOT_FIELD, "")
        if value:
            raise forms.ValidationError("There is a problem with this form. Try again.")
        return value


def public_rate_limit(*, group: str, rate: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Limits a view per client address (e.g. rate="10/m"); over the limit the resident gets a GOV.UK
    'too many requests' page with status 429 and nothing is saved."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods and is_ratelimited(
                request, group=group, key="ip", rate=rate, method=list(methods), increment=True
            ):
                return render(request, "portal/too_many_requests.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _failure_counters(group: str, subject: str, per_subject: str, per_address: str) -> tuple[tuple[str, str], ...]:
    # The subject rides in the group, which django-ratelimit hashes into its cache key with the address.
    return ((f"{group}:{subject}", per_subject), (group, per_address))


def lookup_failures_exceeded(
    *, request: HttpRequest, group: str, subject: str, per_subject: str, per_address: str
) -> bool:
    """Whether this address has failed to look up `subject` `per_subject` times (e.g. "5/15m"), or anything
    `per_address` times. Only failures count: at a library or a service centre behind one address, residents
    who find what they look for, or send the form half-filled, never use up each other's tries. A cache that
    cannot be read counts as over the limit."""
    for counter, rate in _failure_counters(group, subject, per_subject, per_address):
        usage = get_usage(request, group=counter, key="ip", rate=rate, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def lookup_failure_count(*, request: HttpRequest, group: str, subject: str, per_subject: str, per_address: str) -> None:
    for counter, rate in _failure_counters(group, subject, per_subject, per_address):
        get_usage(request, group=counter, key="ip", rate=rate, increment=True)
