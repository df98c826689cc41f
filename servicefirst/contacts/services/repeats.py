"""Repeat contacts: the one rule for which contact a contact repeats, and re-deciding the repeats that a contact
logged out of time order (a letter keyed in late, an import, a customer named later) affects.

A contact repeats the latest inbound contact by the same customer about the same service that started no more
than CONTACT_REPEAT_WINDOW_DAYS calendar days earlier, counted as people count days: on the London calendar,
whatever offset a time was sent with. A call at 18:00 on the 28th day after one at 09:00 is a repeat; one on
the 29th day is not, however few hours separate them.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from servicefirst.contacts.models import Contact, ContactDirection
from servicefirst.core.db import row_neighbours
from servicefirst.core.events import contact_repeat_marked
from servicefirst.core.localtime import day_starts_at

_INBOUND = str(ContactDirection.INBOUND)


def contact_repeat_days() -> int:
    return settings.CONTACT_REPEAT_WINDOW_DAYS


def contact_repeat_since(*, started_at: datetime.datetime) -> datetime.datetime:
    """The earliest start of a contact that one starting at `started_at` repeats: midnight in London, the
    window's number of calendar days before its day."""
    return day_starts_at(timezone.localdate(started_at) - datetime.timedelta(days=contact_repeat_days()))


def contact_repeat_reach(*, started_at: datetime.datetime) -> datetime.datetime:
    """The first moment a contact no longer repeats one that started at `started_at`: the midnight that ends
    the window's last day."""
    return day_starts_at(timezone.localdate(started_at) + datetime.timedelta(days=contact_repeat_days() + 1))


def contact_repeats(*, earlier: datetime.datetime, later: datetime.datetime) -> bool:
    """Whether a contact starting at `later` falls within the repeat window of one that started at `earlier`
    (for the generator, which marks repeats over rows it holds in memory)."""
    return earlier <= later and (timezone.localdate(later) - timezone.localdate(earlier)).days <= contact_repeat_days()


@dataclass(frozen=True)
class RepeatNeighbours:
    """Where a contact falls among the same customer's inbound contacts about the same service."""

    repeat_of: int | None = None  # the contact it repeats
    repeated_by: int | None = None  # the next contact within its window, which now repeats it


def contact_repeat_neighbours(
    *, customer_id: int | None, council_service_id: int | None, direction: str, started_at: datetime.datetime
) -> RepeatNeighbours:
    """The contacts either side of a contact with these details that is about to be saved, in one statement.

    Run after the customer's lock: it must see a contact committed by whoever held the lock.
    """
    if customer_id is None or council_service_id is None or direction != ContactDirection.INBOUND:
        return RepeatNeighbours()
    before, after = row_neighbours(
        model=Contact,
        equal={"customer": customer_id, "council_service": council_service_id, "direction": _INBOUND},
        moment="started_at",
        since=contact_repeat_since(started_at=started_at),
        at=started_at,
        until=contact_repeat_reach(started_at=started_at),
    )
    return RepeatNeighbours(repeat_of=before, repeated_by=after)


def contact_repeats_pass_on(*, contact: Contact, neighbours: RepeatNeighbours) -> None:
    """Makes the next contact within the window of `contact`, saved after it began (a letter keyed in late, an
    import, a customer named later), a repeat of it.

    Only the next one can change: each later contact repeats the one before it, which is nearer. The next one
    may already repeat a contact before this one; it now repeats this, the latest.
    """
    if neighbours.repeated_by is None:
        return
    following = Contact.objects.get(pk=neighbours.repeated_by)
    was_repeat = following.is_repeat
    following.is_repeat, following.repeat_of_id = True, contact.pk
    following.save(update_fields=["is_repeat", "repeat_of"])
    if not was_repeat:
        contact_repeat_marked.send(sender=Contact, contact=following)
