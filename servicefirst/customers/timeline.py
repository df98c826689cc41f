"""The per-customer participant contract, and the single view's buttons: two hooks other apps add to in their
`hooks.py` (see `core.hooks`), so the single view, the access check and the export never import them.

Each app that holds records about a person registers a `Participant` for each kind of record:

    hooks.register(CUSTOMER_PARTICIPANTS, Participant(
        name="service-requests", label="Service requests",
        export=service_requests_export,            # (*, customer_id) -> list of dicts, for subject access
        move=customer_rows_mover(ServiceRequest),  # (*, from_customer_id, to_customer_id, ids=None) -> ids moved
        timeline=service_request_entries,          # (*, customer_id) -> entries on the single view
        holds_work_for=service_requests_held,      # (*, customer_id, client_service_id) -> bool, for access
    ))

Each timeline entry names the client service it belongs to (or None for front-office items), which is how
client service officers are limited to their own service's work; `holds_work_for` answers the same question
without building the entries, and must agree with them. An entry that only some may see carries `visible_to`,
asked with the viewer. `move` is what a merge does to the participant's records (all of one customer's, or, to
take a merge back, only the ids it moved then); records held through a contact move with it
(`moved_with_their_contacts`). A participant must say how its records move: there is no default.
"""

import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model

from servicefirst.core import hooks

CUSTOMER_PARTICIPANTS = "customer_participants"
CUSTOMER_ACTIONS = "customer_actions"


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


def holds_no_client_service_work(*, customer_id: int, client_service_id: int) -> bool:
    """For records that are the front office's alone (feedback, complaints, the record's own history)."""
    return False


def moved_with_their_contacts(
    *, from_customer_id: int, to_customer_id: int, ids: Collection[int] | None = None
) -> list[int]:
    """For records that name the customer only through a contact (referrals, satisfaction answers)."""
    return []


def customer_rows_mover(model: type[Model]) -> Callable[..., list[int]]:
    """The `move` of a participant whose rows name the customer in a `customer` field: moves one customer's rows
    to another customer (only those in `ids`, when given) and answers the ids moved, which a merge keeps so that
    it can be taken back."""

    def move(*, from_customer_id: int, to_customer_id: int, ids: Collection[int] | None = None) -> list[int]:
        rows = model.objects.filter(customer_id=from_customer_id)
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        moved = sorted(rows.values_list("pk", flat=True))
        model.objects.filter(pk__in=moved).update(customer_id=to_customer_id)
        return moved

    return move


def no_timeline_entries(*, customer_id: int) -> Iterable[TimelineEntry]:
    """For records held about a person that the single view shows through others (an email, through its contact)."""
    return ()


@dataclass(frozen=True)
class Participant:
    """One kind of record an app holds about a customer, and what it answers about them."""

    name: str
    label: str
    export: Callable[..., list[dict[str, Any]]]
    move: Callable[..., list[int]]
    timeline: Callable[..., Iterable[TimelineEntry]] = no_timeline_entries
    holds_work_for: Callable[..., bool] = holds_no_client_service_work


def participants() -> list[Participant]:
    return hooks.get_hooks(CUSTOMER_PARTICIPANTS)


def timeline_entries(*, customer_id: int) -> list[TimelineEntry]:
    """Every participant's entries: open items first (soonest due first), then the rest newest first."""
    entries = [entry for p in participants() for entry in p.timeline(customer_id=customer_id)]
    open_items = sorted(
        (e for e in entries if e.is_open), key=lambda e: (e.due or datetime.date.max, -e.at.timestamp())
    )
    closed = sorted((e for e in entries if not e.is_open), key=lambda e: e.at, reverse=True)
    return open_items + closed


def customer_holds_work_for(*, customer_id: int, client_service_id: int) -> bool:
    return any(p.holds_work_for(customer_id=customer_id, client_service_id=client_service_id) for p in participants())


def customer_records_moved(
    *, from_customer_id: int, to_customer_id: int, moved: dict[str, list[int]] | None = None
) -> dict[str, list[int]]:
    """Every participant's records moved from one customer to another, by participant name: all of them, or,
    given what a merge moved, only those (taking the merge back). Called by `customers.services` only."""
    return {
        p.name: p.move(
            from_customer_id=from_customer_id,
            to_customer_id=to_customer_id,
            ids=None if moved is None else moved.get(p.name, []),
        )
        for p in participants()
    }


def customer_records(*, customer_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every participant's records about the customer, by the participant's label."""
    return {p.label: p.export(customer_id=customer_id) for p in participants()}


@dataclass(frozen=True)
class CustomerAction:
    """A button on the single view that starts work for the customer in another app ("Log a contact")."""

    label: str
    url_name: str
    capability: str
    # The query parameter that carries the customer's id to the other app's page.
    customer_param: str = "customer"
    order: int = 100


def customer_actions() -> list[CustomerAction]:
    return hooks.get_hooks(CUSTOMER_ACTIONS)
