"""The daily and monthly facts the dashboard reads: kept current as contacts are logged, answered and their
requests resolved or reopened, always equal to counting every row again, and read by whole months plus
ragged days without changing a figure."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from servicefirst.accounts.roles import Role
from servicefirst.performance.dashboard import figures
from servicefirst.performance.dashboard.figures import Filters
from servicefirst.performance.models import ContactDayFact, ContactMonthFact, RequestDayFact
from servicefirst.performance.services_facts import facts_rebuild
from servicefirst.servicerequests.services import service_request_status_update
from tests.concurrency import run_at_once
from tests.factories import ClientServiceFactory, CouncilServiceFactory, SiteFactory, UserFactory
from tests.factories_contacts import log_contact
from tests.factories_satisfaction import answer
from tests.factories_servicerequests import make_service_request

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC


def facts() -> dict[str, list[dict]]:
    """Every fact row but those a reopened request left at nought, which count nothing either way."""

    def rows(model, key):
        kept = (model_to_dict(row, exclude=["id"]) for row in model.objects.all())
        kept = [row for row in kept if any(value for name, value in row.items() if name not in key)]
        return sorted(kept, key=lambda r: [r[k] for k in key])

    return {
        "days": rows(ContactDayFact, ("day", "channel", "site_key", "council_service_key")),
        "months": rows(ContactMonthFact, ("month", "channel", "site_key", "council_service_key")),
        "requests": rows(RequestDayFact, ("day", "client_service_key", "site_key")),
    }


@pytest.fixture
def services(db):
    waste = ClientServiceFactory(name="Refuse", code="refuse-facts")
    return {
        "bins": CouncilServiceFactory(name="Missed bins", client_service=waste, sla_working_days=2),
        "permits": CouncilServiceFactory(name="Parking permits", sla_working_days=10),
        "site": SiteFactory(name="Apex House", code="apex-facts"),
    }


def contact_at(officer, started_at: datetime.datetime, minutes: int = 4, **fields):
    return log_contact(
        officer, started_at=started_at, ended_at=started_at + datetime.timedelta(minutes=minutes), **fields
    )


@pytest.mark.django_db
def test_facts_kept_as_work_is_done_equal_counting_every_row_again(services):
    officer = UserFactory(role=Role.OFFICER)
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    bins, permits, site = services["bins"], services["permits"], services["site"]
    made = [
        # 23:30 in UTC on 30 June is half past midnight on 1 July in London: July's day, July's month, hour 00.
        contact_at(officer, datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC), council_service_id=bins.pk),
        contact_at(officer, datetime.datetime(2026, 6, 30, 9, 5, tzinfo=LONDON), 7, council_service_id=bins.pk),
        contact_at(officer, datetime.datetime(2026, 6, 30, 9, 40, tzinfo=LONDON), council_service_id=bins.pk),
        contact_at(
            officer,
            datetime.datetime(2026, 7, 2, 14, 0, tzinfo=LONDON),
            12,
            channel="face_to_face",
            site_id=site.pk,
            council_service_id=permits.pk,
            outcome="signposted",
        ),
        contact_at(officer, datetime.datetime(2026, 7, 2, 16, 0, tzinfo=LONDON), outcome="failed"),
    ]
    answer(made[0], 5)
    answer(made[3], 2)
    kept = make_service_request(council_service=bins, contact=made[1].pk)
    reopened = make_service_request(council_service=permits, contact=made[3].pk)
    for request in (kept, reopened):
        service_request_status_update(actor=head, request_id=request.pk, status="resolved", note="Done")
    service_request_status_update(actor=head, request_id=reopened.pk, status="reopened", note="Not done after all")

    current = facts()
    facts_rebuild()
    assert facts() == current

    july_first = ContactDayFact.objects.get(day=datetime.date(2026, 7, 1))
    assert (july_first.contacts, july_first.h00, july_first.answers, july_first.satisfied) == (1, 1, 1, 1)
    june = ContactMonthFact.objects.get(month=datetime.date(2026, 6, 1))
    assert (june.contacts, june.h09, june.microseconds) == (2, 2, 11 * 60 * 1_000_000)
    assert ContactMonthFact.objects.get(month=datetime.date(2026, 7, 1), site_key=site.pk).answers == 1
    assert ContactDayFact.objects.get(council_service_key=0).contacts == 1
    resolved = {(row["client_service_key"], row["resolved"]) for row in current["requests"]}
    assert resolved == {(bins.client_service_id, 1)}


@pytest.mark.parametrize(
    ("date_from", "date_to", "months"),
    [
        (
            datetime.date(2026, 1, 1),
            datetime.date(2026, 12, 31),
            (datetime.date(2026, 1, 1), datetime.date(2026, 12, 1)),
        ),
        (datetime.date(2026, 1, 15), datetime.date(2026, 2, 10), None),
        (datetime.date(2026, 1, 31), datetime.date(2026, 3, 2), (datetime.date(2026, 2, 1), datetime.date(2026, 2, 1))),
        (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29), (datetime.date(2028, 2, 1), datetime.date(2028, 2, 1))),
        (datetime.date(2028, 2, 1), datetime.date(2028, 2, 28), None),
        (
            datetime.date(2026, 12, 1),
            datetime.date(2027, 1, 31),
            (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1)),
        ),
    ],
)
def test_a_period_is_read_as_its_whole_months_and_the_days_either_side(date_from, date_to, months):
    assert figures.whole_months(date_from, date_to) == months


@pytest.mark.django_db
def test_whole_months_and_ragged_days_give_the_same_figures_as_counting_contacts(services):
    officer = UserFactory(role=Role.OFFICER)
    starts = [
        datetime.datetime(2026, 1, 30, 10, 0, tzinfo=LONDON),
        datetime.datetime(2026, 1, 31, 11, 0, tzinfo=LONDON),
        datetime.datetime(2026, 2, 1, 0, 15, tzinfo=LONDON),
        datetime.datetime(2026, 2, 14, 12, 0, tzinfo=LONDON),
        datetime.datetime(2026, 2, 28, 23, 45, tzinfo=LONDON),
        datetime.datetime(2026, 3, 1, 9, 0, tzinfo=LONDON),
        datetime.datetime(2026, 3, 2, 17, 30, tzinfo=LONDON),
        datetime.datetime(2026, 3, 3, 9, 0, tzinfo=LONDON),
    ]
    made = [
        contact_at(officer, start, 3 + index, council_service_id=services["bins"].pk)
        for index, start in enumerate(starts)
    ]
    period = Filters(date_from=datetime.date(2026, 1, 31), date_to=datetime.date(2026, 3, 2))
    inside = [c for c in made if period.date_from <= c.started_at.astimezone(LONDON).date() <= period.date_to]
    assert len(inside) == 6

    groups = figures.contact_groups(period)
    counted = figures.contact_figures(groups)
    assert counted.contacts == 6
    assert counted.total_seconds == sum(round((c.ended_at - c.started_at).total_seconds()) for c in inside)
    by_hour = {bar.label[:2]: bar.count for bar in figures.contacts_by_hour(groups) if bar.count}
    assert by_hour == {"00": 1, "09": 1, "11": 1, "12": 1, "17": 1, "23": 1}


@pytest.mark.django_db(transaction=True)
def test_two_officers_logging_into_the_same_fact_at_once_are_both_counted(services):
    officers = [UserFactory(role=Role.OFFICER) for _ in range(4)]
    start = datetime.datetime(2026, 5, 6, 10, 0, tzinfo=LONDON)

    def logging(officer):
        return lambda: contact_at(officer, start, council_service_id=services["bins"].pk).pk

    logged = run_at_once(*(logging(officer) for officer in officers), expected=Exception, describe=repr)
    assert all(isinstance(pk, int) for pk in logged), logged
    day = ContactDayFact.objects.get(day=start.date())
    month = ContactMonthFact.objects.get(month=start.date().replace(day=1))
    assert (day.contacts, day.h10, month.contacts) == (4, 4, 4)


@pytest.mark.django_db
def test_a_request_keeps_the_site_of_the_contact_it_was_raised_from(services):
    officer = UserFactory(role=Role.OFFICER)
    visit = contact_at(
        officer,
        datetime.datetime(2026, 5, 6, 10, 0, tzinfo=LONDON),
        channel="face_to_face",
        site_id=services["site"].pk,
        council_service_id=services["bins"].pk,
    )
    at_the_desk = make_service_request(council_service=services["bins"], contact=visit.pk)
    online = make_service_request(council_service=services["bins"])
    assert (at_the_desk.site_id, online.site_id) == (services["site"].pk, None)
    open_at_site = figures.open_requests(
        Filters(datetime.date(2026, 5, 1), datetime.date(2026, 5, 31), site_id=services["site"].pk)
    )
    assert list(open_at_site.values_list("pk", flat=True)) == [at_the_desk.pk]


@pytest.mark.django_db
def test_the_rebuild_command_says_what_it_is_counting_as_it_goes(services):
    officer = UserFactory(role=Role.OFFICER)
    for hour in (9, 10):
        contact_at(officer, datetime.datetime(2026, 6, 30, hour, tzinfo=LONDON), council_service_id=services["bins"].pk)
    out = io.StringIO()

    call_command("performance_facts_rebuild", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[:2] == ["Counting contacts…", "  2 contacts"]
    assert "Counting survey answers…" in lines and "Counting resolved requests…" in lines
    assert lines[-1].startswith("Counted 2 contacts, 0 answers and 0 resolved requests")
