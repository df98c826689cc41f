"""The hand-written statements in core.db behave as the ORM would, on both databases."""

import datetime

import pytest
import time_machine
from django.db.models.signals import post_save
from django.utils import timezone

from servicefirst.audit.models import AuditEvent
from servicefirst.core.db import CountsAdded, counts_add, row_insert, row_lock, row_neighbours
from servicefirst.performance.models import RequestDayFact

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2027, 3, 28, 0, 30, tzinfo=datetime.UTC)  # half an hour before the clocks go forward


def _event(user, at, record_id="1", action="viewed"):
    # `at` is stamped on insert (auto_now_add), as `save()` would, so the clock is set to the moment wanted.
    with time_machine.travel(at, tick=False):
        event = AuditEvent(actor=user, action=action, record_type="customer", record_id=record_id)
        row_insert(event)
    return event


def test_a_row_inserted_has_its_id_its_defaults_and_its_signals(staff):
    user = next(iter(staff.values()))
    saved = []

    def heard(sender, instance, created, **kwargs):
        saved.append((instance.pk, created))

    post_save.connect(heard, sender=AuditEvent, dispatch_uid="test-core-db")
    try:
        event = _event(user, AT)
    finally:
        post_save.disconnect(dispatch_uid="test-core-db", sender=AuditEvent)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert saved == [(event.pk, True)]
    assert (stored.at, stored.via, stored.record_label) == (AT, "web", "")
    assert not event._state.adding


def test_a_lock_says_whether_the_row_exists(staff):
    user = next(iter(staff.values()))
    assert row_lock(model=type(user), pk=user.pk) is True
    assert row_lock(model=type(user), pk=user.pk + 1000) is False


def test_the_rows_either_side_are_found_within_the_bounds_and_by_id_on_a_tie(staff):
    user = next(iter(staff.values()))
    hour = datetime.timedelta(hours=1)
    earliest = _event(user, AT - 2 * hour)
    first_at_top = _event(user, AT)
    second_at_top = _event(user, AT)
    first_after = _event(user, AT + hour)
    second_after = _event(user, AT + hour)
    _event(user, AT, record_id="2")
    _event(user, AT, action="updated")

    def around(since, at, until):
        return row_neighbours(
            model=AuditEvent,
            equal={"record_id": "1", "action": "viewed"},
            moment="at",
            since=since,
            at=at,
            until=until,
        )

    assert around(AT - hour, AT, AT + 2 * hour) == (second_at_top.pk, first_after.pk)
    assert first_at_top.pk != second_at_top.pk
    assert around(AT - 2 * hour, AT - 2 * hour, AT - hour) == (earliest.pk, None)
    assert around(AT - hour - hour / 2, AT - hour, AT + hour) == (None, first_at_top.pk)
    # `until` is left out: the row at it is not after.
    assert around(AT + hour, AT + hour, AT + 2 * hour)[1] is None
    # The same instant written in London time (BST after the change) is the same moment.
    london = (AT + hour).astimezone(timezone.get_default_timezone())
    assert around(london, london, london + hour) == (second_after.pk, None)


def test_counts_are_added_to_and_rows_made_as_needed():
    day = datetime.date(2028, 2, 29)

    def add(site, resolved, on_time):
        return CountsAdded(
            model=RequestDayFact,
            key=("day", "client_service_key", "site_key"),
            counts=("resolved", "resolved_on_time"),
            row=(day, 7, site),
            added={"resolved": resolved, "resolved_on_time": on_time},
        )

    counts_add(add(1, 1, 1))
    counts_add(add(1, 2, 0), add(2, 1, 1))
    counts_add(add(1, -1, 0))
    rows = RequestDayFact.objects.order_by("site_key").values_list("site_key", "resolved", "resolved_on_time")
    assert list(rows) == [(1, 2, 1), (2, 1, 1)]
