"""Repeat contacts: the window counted in London calendar days on every path, and the repeats a contact logged
out of time order affects decided again (and counted again on the dashboard)."""

import datetime
import json
import zoneinfo

import pytest
import time_machine
from django.db.models import Sum
from django.forms.models import model_to_dict

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact
from servicefirst.contacts.services import contact_customer_set
from servicefirst.performance.models import ContactDayFact, ContactMonthFact
from servicefirst.performance.services_facts import facts_rebuild
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_contacts import log_contact

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def officer(staff):
    return staff[Role.OFFICER]


@pytest.fixture
def customer(officer):
    return make_customer(officer)


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


def at(month: int, day: int, hour: int, minute: int = 0, zone=LONDON) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=zone)


def logged(officer, customer, bins, started_at, **fields) -> Contact:
    return log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=started_at, **fields)


def fact_rows() -> dict[str, list[dict]]:
    def rows(model):
        return sorted((model_to_dict(row, exclude=["id"]) for row in model.objects.all()), key=repr)

    return {"days": rows(ContactDayFact), "months": rows(ContactMonthFact)}


def repeats_counted() -> int:
    return ContactDayFact.objects.aggregate(n=Sum("repeats"))["n"] or 0


@pytest.mark.parametrize(
    ("later", "is_repeat"),
    [
        # 1 November 09:00 is day 0; the 29th is day 28 all day long, however many hours past 28 days.
        (at(11, 29, 18), True),
        (at(11, 29, 23, 59), True),
        (at(11, 30, 0, 1), False),
        (at(11, 30, 8), False),
    ],
)
def test_the_window_is_counted_in_london_calendar_days(officer, customer, bins, later, is_repeat):
    first = logged(officer, customer, bins, at(11, 1, 9))
    contact = logged(officer, customer, bins, later)
    assert contact.is_repeat is is_repeat
    assert contact.repeat_of_id == (first.pk if is_repeat else None)


@pytest.mark.parametrize(
    ("sent", "is_repeat"),
    [
        # 18:00 on Monday 29 June in London (BST), sent three ways: day 28 after 1 June, a repeat.
        ("2026-06-29T18:00:00+01:00", True),
        ("2026-06-29T17:00:00Z", True),
        ("2026-06-30T02:00:00+09:00", True),
        # 00:30 on Tuesday 30 June in London is day 29, though it is still the 29th in UTC.
        ("2026-06-29T23:30:00Z", False),
        ("2026-06-30T00:30:00+01:00", False),
    ],
)
def test_the_api_decides_by_the_london_day_whatever_offset_is_sent(api_for, customer, bins, sent, is_repeat):
    client = api_for(Role.OFFICER)

    def post(started_at: str) -> dict:
        body = {
            "channel": "phone",
            "customer_id": customer.pk,
            "council_service_id": bins.pk,
            "reason": "Bin missed",
            "started_at": started_at,
            "ended_at": started_at,
            "outcome": "resolved_first_contact",
        }
        response = client.post("/api/contacts", json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content
        return response.json()

    first = post("2026-06-01T09:00:00+01:00")
    later = post(sent)
    assert later["is_repeat"] is is_repeat
    assert later["repeat_of_id"] == (first["id"] if is_repeat else None)


def test_an_earlier_contact_logged_late_makes_the_later_one_a_repeat(officer, customer, bins):
    later = logged(officer, customer, bins, at(11, 20, 10))
    assert not later.is_repeat
    letter = logged(officer, customer, bins, at(11, 5, 9), channel="letter")
    later.refresh_from_db()
    assert later.is_repeat and later.repeat_of_id == letter.pk
    # The one logged late is not a repeat of what came after it.
    assert not letter.is_repeat
    assert repeats_counted() == 1
    kept = fact_rows()
    facts_rebuild()
    assert fact_rows() == kept


def test_a_late_contact_between_two_becomes_the_one_the_later_repeats(officer, customer, bins):
    first = logged(officer, customer, bins, at(11, 1, 9))
    third = logged(officer, customer, bins, at(11, 20, 10))
    assert third.repeat_of_id == first.pk
    second = logged(officer, customer, bins, at(11, 10, 9))
    third.refresh_from_db()
    assert second.repeat_of_id == first.pk and third.repeat_of_id == second.pk
    # Third was counted as a repeat already: it is not counted twice.
    assert repeats_counted() == 2
    kept = fact_rows()
    facts_rebuild()
    assert fact_rows() == kept


def test_only_the_next_contact_changes_and_only_within_the_window(officer, customer, bins):
    outside = logged(officer, customer, bins, at(11, 29, 10))
    late = logged(officer, customer, bins, at(10, 31, 9))
    outside.refresh_from_db()
    assert not outside.is_repeat, "29 days after 31 October"
    within = logged(officer, customer, bins, at(11, 28, 10))
    outside.refresh_from_db()
    within.refresh_from_db()
    assert within.repeat_of_id == late.pk and outside.repeat_of_id == within.pk


def test_our_own_call_or_another_service_logged_late_changes_nothing(officer, customer, bins):
    later = logged(officer, customer, bins, at(11, 20, 10))
    logged(officer, customer, bins, at(11, 5, 9), direction="outbound")
    logged(officer, customer, CouncilServiceFactory(name="Parking permits"), at(11, 6, 9))
    later.refresh_from_db()
    assert not later.is_repeat
    assert repeats_counted() == 0


def test_naming_the_customer_of_an_anonymous_contact_decides_its_repeats(officer, customer, bins):
    first = logged(officer, customer, bins, at(11, 1, 9))
    third = logged(officer, customer, bins, at(11, 20, 10))
    email = log_contact(officer, channel="email", council_service_id=bins.pk, started_at=at(11, 10, 9))
    assert not email.is_repeat
    contact_customer_set(officer=officer, contact_id=email.pk, customer_id=customer.pk)
    email.refresh_from_db()
    third.refresh_from_db()
    assert email.is_repeat and email.repeat_of_id == first.pk
    assert third.repeat_of_id == email.pk
    assert repeats_counted() == 2
    kept = fact_rows()
    facts_rebuild()
    assert fact_rows() == kept
