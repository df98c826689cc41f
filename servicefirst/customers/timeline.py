"""The customer timeline: a registry that other apps add sources to, so the single view never imports them.

An app registers a source from its AppConfig.ready():

    from servicefirst.customers.timeline import TimelineEntry, timeline_source

    @timeline_source("service-requests")
    def service_requests(*, customer_id: int) -> Iterable[TimelineEntry]: ...

Each entry names the client service it belongs to (or None for front-office items), which is how
client service officers are limited to their own service's work. An entry that only some may see carries
`visible_to`, asked with the viewer.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.core.registry import Ordered

TimelineSource = Callable[..., Iterable["TimelineEntry"]]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str
    title: str
    client_service_id: int | None = None
    is_open: bool = False
    status: str = ""
    detail: str = ""
    by: str = ""
    url: str | None = None
    due: datetime.date | None = None
    # For an entry only some may see (a statutory social-care complaint): asked with the viewer, as the sources
    # are asked for a customer's entries without knowing who is looking.
    visible_to: Callable[[AbstractBaseUser], bool] | None = field(default=None, compare=False)


_sources: dict[str, TimelineSource] = {}


def timeline_source(name: str) -> Callable[[TimelineSource], TimelineSource]:
    def decorator(source: TimelineSource) -> TimelineSource:
        _sources[name] = source
        return source

    return decorator


def timeline_source_remove(name: str) -> None:
    _sources.pop(name, None)


def timeline_entries(*, customer_id: int) -> list[TimelineEntry]:
    """Every source's entries: open items first (soonest due first), then the rest newest first."""
    entries = [entry for source in _sources.values() for entry in source(customer_id=customer_id)]
    open_items = sorted(
        (e for e in entries if e.is_open), key=lambda e: (e.due or datetime.date.max, -e.at.timestamp())
    )
    closed = sorted((e for e in entries if not e.is_open), key=lambda e: e.at, reverse=True)
    return open_items + closed


@dataclass(frozen=True)
class CustomerAction:
    """A button on the single view that starts work for the customer in another app ("Log a contact")."""

    label: str
    url_name: str
    capability: str
    # The query parameter that carries the customer's id to the other app's page.
    customer_param: str = "customer"
    order: int = 100


_actions: Ordered[CustomerAction] = Ordered()


def customer_action_register(action: CustomerAction) -> None:
    _actions.add(action)


def customer_actions() -> list[CustomerAction]:
    return _actions.items()
