"""Writes the facts the dashboard and statements read (`ContactDayFact`, `ContactMonthFact`, `RequestDayFact`).

Each contact, answer and resolution adds its counts to its fact rows with upserts inside the writer's own
transaction (joined without a savepoint: the writer's rollback undoes them too), so figures are current the
moment the change commits, and two officers adding to the same row never lose a count: the database adds to
the stored value rather than writing back one read earlier. `facts_rebuild` starts
again from the source rows, for data loaded in bulk past these services (the generated borough). Contacts are
keyed by council service, not client service, so moving a service to another client service needs no rebuild.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from servicefirst.contacts.selectors import CONTACT_FACT_FIELDS, ContactOutcome, contact_fact_rows
from servicefirst.core.db import CountsAdded, counts_add
from servicefirst.performance.models import CONTACT_COUNTS, ContactDayFact, ContactMonthFact, RequestDayFact
from servicefirst.satisfaction.selectors import SATISFIED_FROM, answer_fact_rows
from servicefirst.servicerequests.selectors import resolution_fact_rows

_REBUILD_BATCH = 5000
_PROGRESS_EVERY = 100_000

DAY_KEY = ("day", "channel", "site_key", "council_service_key")
MONTH_KEY = ("month", "channel", "site_key", "council_service_key")
REQUEST_KEY = ("day", "client_service_key", "site_key")
REQUEST_COUNTS = ("resolved", "resolved_on_time")


@dataclass(frozen=True)
class RebuildTotals:
    contacts: int
    answers: int
    resolutions: int
    contact_facts: int
    request_facts: int


def _contact_key(started_at: datetime.datetime, channel: str, site_id: int | None, service_id: int | None):
    local = timezone.localtime(started_at)
    return (local.date(), channel, site_id or 0, service_id or 0), local.hour


# What a contact is counted from: the contacts app's fields, and whether a customer was named, which decides
# whether the contact could ever be a repeat.
FACT_FIELDS = (*CONTACT_FACT_FIELDS, "customer_id")


def _contact_counts(row: tuple) -> tuple[tuple, dict[str, int]]:
    """The one place each contact measure's parts are decided (definitions in `performance.definitions`).

    Resolvable: every contact but a failed or abandoned one, which ended before anyone could resolve anything.
    Referrals, service requests and signposting stay in: the front office handled them and did not resolve them
    there and then, which is what first-contact resolution counts against. Identified: a customer was named, so a
    later contact could be matched to this one as a repeat; an anonymous contact never can be.
    """
    started_at, ended_at, channel, site_id, service_id, outcome, is_avoidable, is_repeat, customer_id = row
    key, hour = _contact_key(started_at, channel, site_id, service_id)
    spent = ended_at - started_at
    return key, {
        "contacts": 1,
        "resolvable": int(outcome != ContactOutcome.FAILED),
        "identified": int(customer_id is not None),
        "resolved_first_contact": int(outcome == ContactOutcome.RESOLVED_FIRST_CONTACT),
        "avoidable": int(is_avoidable),
        "repeats": int(is_repeat),
        "microseconds": (spent.days * 86400 + spent.seconds) * 1_000_000 + spent.microseconds,
        f"h{hour:02d}": 1,
    }


def _answer_counts(row: tuple) -> tuple[tuple, dict[str, int]]:
    started_at, channel, site_id, service_id, rating = row
    key, _ = _contact_key(started_at, channel, site_id, service_id)
    return key, {"answers": 1, "satisfied": int(rating >= SATISFIED_FROM)}


def _resolution_counts(row: tuple, change: int = 1) -> tuple[tuple, dict[str, int]]:
    resolved_at, due_on, client_service_id, site_id = row
    resolved_on = timezone.localdate(resolved_at)
    key = (resolved_on, client_service_id, site_id or 0)
    return key, {"resolved": change, "resolved_on_time": change * int(resolved_on <= due_on)}


@transaction.atomic(savepoint=False)
def contact_facts_add(*, contact) -> None:
    """Counts a newly logged contact."""
    key, added = _contact_counts(
        (
            contact.started_at,
            contact.ended_at,
            contact.channel,
            contact.site_id,
            contact.council_service_id,
            contact.outcome,
            contact.is_avoidable,
            contact.is_repeat,
            contact.customer_id,
        )
    )
    _contact_facts_upsert(key, added)


@transaction.atomic(savepoint=False)
def contact_repeat_facts_add(*, contact) -> None:
    """Counts as a repeat a contact counted before it became one."""
    key, _ = _contact_key(contact.started_at, contact.channel, contact.site_id, contact.council_service_id)
    _contact_facts_upsert(key, {"repeats": 1})


@transaction.atomic(savepoint=False)
def contact_named_facts_add(*, contact) -> None:
    """Counts as identified (and a repeat, if it now is one) a contact counted before its customer was named."""
    key, _ = _contact_key(contact.started_at, contact.channel, contact.site_id, contact.council_service_id)
    _contact_facts_upsert(key, {"identified": 1, "repeats": int(contact.is_repeat)})


def _month(key: tuple) -> tuple:
    return (key[0].replace(day=1), *key[1:])


def _contact_facts_upsert(key: tuple, added: dict[str, int]) -> None:
    # Both rows in one call: one round trip on every contact logged, where the database allows it.
    counts_add(
        CountsAdded(model=ContactDayFact, key=DAY_KEY, counts=CONTACT_COUNTS, row=key, added=added),
        CountsAdded(model=ContactMonthFact, key=MONTH_KEY, counts=CONTACT_COUNTS, row=_month(key), added=added),
    )


@transaction.atomic(savepoint=False)
def answer_facts_add(*, contact, rating: int) -> None:
    """Counts a satisfaction answer against the day, channel, site and service of the contact it is about."""
    key, added = _answer_counts(
        (contact.started_at, contact.channel, contact.site_id, contact.council_service_id, rating)
    )
    _contact_facts_upsert(key, added)


@transaction.atomic(savepoint=False)
def resolution_facts_change(*, service_request, resolved_at: datetime.datetime, change: int) -> None:
    """Counts a resolution (`change` 1), or takes back one when the request is reopened (`change` -1)."""
    key, added = _resolution_counts(
        (resolved_at, service_request.due_on, service_request.client_service_id, service_request.site_id), change
    )
    counts_add(CountsAdded(model=RequestDayFact, key=REQUEST_KEY, counts=REQUEST_COUNTS, row=key, added=added))


def _add_up(
    rows: Iterable[tuple], counts, *, what: str, log: Callable[[str], None]
) -> tuple[dict[tuple, Counter], int]:
    summed: dict[tuple, Counter] = defaultdict(Counter)
    seen = 0
    log(f"Counting {what}…")
    for row in rows:
        key, added = counts(row)
        summed[key].update(added)
        seen += 1
        # A borough's million contacts take minutes; a line every so often shows the rebuild is moving.
        if seen % _PROGRESS_EVERY == 0:
            log(f"  {seen:,} {what} so far")
    log(f"  {seen:,} {what}")
    return summed, seen


def _write(model: type[Model], key: tuple[str, ...], summed: dict[tuple, Counter]) -> int:
    model.objects.bulk_create(
        (model(**dict(zip(key, k, strict=True)), **added) for k, added in summed.items()), batch_size=_REBUILD_BATCH
    )
    return len(summed)


def _quiet(_line: str) -> None:
    """The rebuild's progress goes nowhere unless a caller (the command) asks to see it."""


@transaction.atomic
def facts_rebuild(*, log: Callable[[str], None] = _quiet) -> RebuildTotals:
    """Throws the facts away and counts every contact, answer and resolution again, telling `log` how far it has
    got."""
    for model in (ContactDayFact, ContactMonthFact, RequestDayFact):
        model.objects.all().delete()
    contact_rows = contact_fact_rows().values_list(*FACT_FIELDS)
    contact_sums, contacts = _add_up(
        contact_rows.iterator(chunk_size=_REBUILD_BATCH), _contact_counts, what="contacts", log=log
    )
    answer_sums, answers = _add_up(
        answer_fact_rows().iterator(chunk_size=_REBUILD_BATCH), _answer_counts, what="survey answers", log=log
    )
    for key, added in answer_sums.items():
        contact_sums[key].update(added)
    month_sums: dict[tuple, Counter] = defaultdict(Counter)
    for key, added in contact_sums.items():
        month_sums[_month(key)].update(added)
    request_sums, resolutions = _add_up(
        resolution_fact_rows().iterator(chunk_size=_REBUILD_BATCH),
        _resolution_counts,
        what="resolved requests",
        log=log,
    )
    log("Writing the facts…")
    _write(ContactMonthFact, MONTH_KEY, month_sums)
    return RebuildTotals(
        contacts=contacts,
        answers=answers,
        resolutions=resolutions,
        contact_facts=_write(ContactDayFact, DAY_KEY, contact_sums),
        request_facts=_write(RequestDayFact, REQUEST_KEY, request_sums),
    )
