"""Wall-clock times in London on the nights the clocks change (2027: forward 28 March, back 31 October)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact
from servicefirst.core.forms import LocalDateTimeField
from servicefirst.core.localtime import local_moment, local_time_skipped
from tests.factories import CouncilServiceFactory

UTC = datetime.UTC


def utc(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "typed", "meant"),
    [
        # Just after the clocks went back (01:30 GMT): 01:27 three minutes ago, not an hour and three minutes.
        (utc(2027, 10, 31, 1, 30), (2027, 10, 31, 1, 27), utc(2027, 10, 31, 1, 27)),
        # Still in the first 01:00-02:00 (01:20 BST): 01:10 is ten minutes ago, BST.
        (utc(2027, 10, 31, 0, 20), (2027, 10, 31, 1, 10), utc(2027, 10, 31, 0, 10)),
        # At 01:10 GMT, 01:50 can only be the first showing, forty minutes before the clocks went back.
        (utc(2027, 10, 31, 1, 10), (2027, 10, 31, 1, 50), utc(2027, 10, 31, 0, 50)),
        # Typed the next morning, the hour is the later showing, the nearer one.
        (utc(2027, 10, 31, 9, 0), (2027, 10, 31, 1, 30), utc(2027, 10, 31, 1, 30)),
        # Any other time is simply London's: BST in summer, GMT in winter.
        (utc(2027, 7, 1, 12, 0), (2027, 7, 1, 9, 0), utc(2027, 7, 1, 8, 0)),
        (utc(2027, 12, 1, 12, 0), (2027, 12, 1, 9, 0), utc(2027, 12, 1, 9, 0)),
    ],
)
def test_a_time_the_clocks_showed_twice_is_the_showing_nearer_now(now, typed, meant):
    with time_machine.travel(now, tick=False):
        assert local_moment(datetime.datetime(*typed)) == meant
        assert not local_time_skipped(datetime.datetime(*typed))


def test_the_hour_the_clocks_skip_is_known_and_refused_by_forms():
    skipped = datetime.datetime(2027, 3, 28, 1, 30)
    assert local_time_skipped(skipped)
    assert not local_time_skipped(datetime.datetime(2027, 3, 28, 2, 0))
    assert not local_time_skipped(datetime.datetime(2027, 3, 28, 0, 59))
    field = LocalDateTimeField(input_formats=["%d/%m/%Y %H:%M"])
    with pytest.raises(ValidationError, match="There was no 01:30 on 28 March 2027: the clocks went forward an hour"):
        field.clean("28/03/2027 01:30")
    assert field.clean("28/03/2027 02:30") == utc(2027, 3, 28, 1, 30)


@pytest.mark.django_db
def test_an_officer_logs_a_call_in_the_hour_the_clocks_go_back(staff, client_for):
    bins = CouncilServiceFactory(name="Missed bin collection")
    with time_machine.travel(utc(2027, 10, 31, 1, 30), tick=False):
        # Signed in that night: a session from the real today may have expired by then.
        response = client_for(staff[Role.OFFICER]).post(
            reverse("contacts:log"),
            {
                "customer_id": "anonymous",
                "channel": "phone",
                "direction": "inbound",
                "council_service_id": bins.pk,
                "reason": "Bin not collected",
                "outcome": "resolved_first_contact",
                "started_at": "31/10/2027 01:27:00",
                "ended_at": "31/10/2027 01:30:00",
                "action_owner": "officer",
            },
        )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.started_at, contact.ended_at) == (utc(2027, 10, 31, 1, 27), utc(2027, 10, 31, 1, 30))
