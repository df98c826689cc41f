import datetime

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.core import hooks
from servicefirst.customers.models import Customer
from servicefirst.customers.timeline import CUSTOMER_PARTICIPANTS, Participant, TimelineEntry
from tests.factories import make_customer

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "person",
    "first_name": "Amara",
    "last_name": "Okafor",
    "date_of_birth_day": "27",
    "date_of_birth_month": "3",
    "date_of_birth_year": "1985",
    "address_line_1": "10 Mare Street",
    "town": "London",
    "postcode": "e8 1ea",
    "mobile_phone": "07911 123456",
    "email": "amara@example.com",
    "preferred_channel": "text",
    "preferred_language": "Igbo",
    "accessibility_needs": ["interpreter", "call_back"],
}


@pytest.fixture
def registered_source():
    """A participant as another app would register it, with the entries a test adds, removed after the test."""
    entries: list[TimelineEntry] = []

    def source(*, customer_id: int):
        return [e for e in entries if e.detail == str(customer_id)]

    def holds_work_for(*, customer_id: int, client_service_id: int) -> bool:
        return any(e.client_service_id == client_service_id for e in source(customer_id=customer_id))

    def export(*, customer_id: int) -> list[dict]:
        return [{"title": e.title} for e in source(customer_id=customer_id)]

    def move(*, from_customer_id: int, to_customer_id: int, ids=None) -> list[int]:
        return []

    participant = Participant(
        "test-source", "Test records", export=export, move=move, timeline=source, holds_work_for=holds_work_for
    )
    with hooks.register_temporarily(CUSTOMER_PARTICIPANTS, participant):
        yield entries


def test_officer_creates_a_customer_and_sees_the_single_view(officer_client):
    response = officer_client.post(reverse("customers:create"), VALID, follow=True)
    customer = Customer.objects.get()
    assert response.redirect_chain[-1][0] == reverse("customers:detail", args=[customer.pk])
    page = response.content.decode()
    for text in ("Amara Okafor", customer.reference, "E8 1EA", "07911 123456", "Igbo", "Needs a call back"):
        assert text in page


def test_bad_input_shows_the_error_summary_and_keeps_what_was_typed(officer_client):
    data = VALID | {"postcode": "NOT A POSTCODE", "date_of_birth_day": "31", "date_of_birth_month": "2"}
    response = officer_client.post(reverse("customers:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date of birth must be a real date" in page
    # The summary's link must land on the day box, so the officer's cursor goes where the error is.
    assert 'href="#id_date_of_birth_0"' in page
    assert 'id="id_date_of_birth_0"' in page
    assert 'value="Amara"' in page
    assert 'value="07911 123456"' in page
    assert not Customer.objects.exists()


def test_service_rules_reach_the_page_as_field_errors(officer_client):
    response = officer_client.post(reverse("customers:create"), VALID | {"postcode": "E8"})
    page = response.content.decode()
    assert "Enter a real postcode, like E8 1EA" in page
    assert 'href="#id_postcode"' in page
    assert "govuk-input--error" in page


@pytest.mark.parametrize(
    "junk",
    [
        {"kind": "robot"},
        {"date_of_birth_day": "x", "date_of_birth_month": "y", "date_of_birth_year": "z"},
        {"date_of_birth_year": "99999999999999999999"},
        {"first_name": "x" * 5000},
        {"accessibility_needs": ["<script>"]},
        {"preferred_channel": "pigeon"},
        {"version": "not-a-number"},
        {"email": "\x00@example.com"},
    ],
)
def test_no_input_makes_the_form_fail(officer_client, junk):
    response = officer_client.post(reverse("customers:create"), VALID | junk)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_viewing_a_customer_is_audited(staff, client_for):
    customer = make_customer(staff[Role.OFFICER])
    client_for(staff[Role.TEAM_MANAGER]).get(reverse("customers:detail", args=[customer.pk]))
    event = AuditEvent.objects.get(action="viewed")
    assert (event.actor, event.record_label) == (staff[Role.TEAM_MANAGER], customer.reference)


def test_administrator_sees_the_audit_log_and_others_do_not(staff, client_for):
    customer = make_customer(staff[Role.OFFICER])
    client_for(staff[Role.OFFICER]).get(reverse("customers:detail", args=[customer.pk]))
    page = client_for(staff[Role.ADMINISTRATOR]).get(reverse("audit:list"), {"record": customer.reference})
    assert customer.reference in page.content.decode()
    assert client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("audit:list")).status_code == 403


def test_timeline_shows_registered_sources_open_items_first(staff, client_for, registered_source):
    customer = make_customer(staff[Role.OFFICER])
    now = datetime.datetime.now(tz=datetime.UTC)
    registered_source += [
        TimelineEntry(at=now, kind="Contact", title="Closed call", detail=str(customer.pk)),
        TimelineEntry(
            at=now - datetime.timedelta(days=30),
            kind="Service request",
            title="Missed bin SR-1",
            is_open=True,
            status="In progress",
            detail=str(customer.pk),
        ),
    ]
    page = client_for(staff[Role.OFFICER]).get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert page.index("Missed bin SR-1") < page.index("Closed call") < page.index("Record created")
    assert "1 open item" in page


def test_client_service_officer_sees_only_customers_and_work_of_their_service(
    staff, client_for, registered_source, client_service, other_client_service
):
    theirs, others = make_customer(staff[Role.OFFICER]), make_customer(staff[Role.OFFICER], last_name="Jones")
    now = datetime.datetime.now(tz=datetime.UTC)
    registered_source += [
        TimelineEntry(
            at=now, kind="Request", title="Bin request", client_service_id=client_service.pk, detail=str(theirs.pk)
        ),
        TimelineEntry(
            at=now,
            kind="Request",
            title="Parking request",
            client_service_id=other_client_service.pk,
            detail=str(theirs.pk),
        ),
        TimelineEntry(
            at=now, kind="Request", title="Permit", client_service_id=other_client_service.pk, detail=str(others.pk)
        ),
    ]
    cso = client_for(staff[Role.CLIENT_SERVICE_OFFICER])
    page = cso.get(reverse("customers:detail", args=[theirs.pk]))
    assert page.status_code == 200
    assert "Bin request" in page.content.decode()
    assert "Parking request" not in page.content.decode()
    assert cso.get(reverse("customers:detail", args=[others.pk])).status_code == 403
    assert not AuditEvent.objects.filter(record_id=str(others.pk), action="viewed").exists()


def test_missing_customer_is_404(officer_client):
    assert officer_client.get(reverse("customers:detail", args=[999999])).status_code == 404


def test_edit_shows_a_conflict_without_losing_the_typing(staff, client_for):
    customer = make_customer(staff[Role.OFFICER])
    form_data = {"kind": "person", "first_name": "Johnny", "last_name": "Smith", "version": "1"}
    client_for(staff[Role.TEAM_MANAGER]).post(
        reverse("customers:edit", args=[customer.pk]), form_data | {"first_name": "Jon"}
    )
    response = client_for(staff[Role.OFFICER]).post(reverse("customers:edit", args=[customer.pk]), form_data)
    page = response.content.decode()
    assert "Someone else changed this record" in page
    assert 'value="Johnny"' in page
    customer.refresh_from_db()
    assert customer.first_name == "Jon"


def test_search_page_finds_and_links_to_the_customer(officer_client, staff):
    customer = make_customer(staff[Role.OFFICER], postcode="N1 1AA", address_line_1="1 Upper St", town="London")
    page = officer_client.get(reverse("customers:search"), {"q": "n11aa"}).content.decode()
    assert reverse("customers:detail", args=[customer.pk]) in page


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("85", "Date of birth must include a year with 4 numbers"),
        ("0001", "Enter a date from 1 January 1900 to 31 December 2999"),
        ("3000", "Enter a date from 1 January 1900 to 31 December 2999"),
    ],
)
def test_a_year_the_records_cannot_hold_is_refused_and_what_was_typed_kept(officer_client, year, message):
    data = VALID | {"date_of_birth_day": "3", "date_of_birth_month": "4", "date_of_birth_year": year}
    response = officer_client.post(reverse("customers:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert f'value="{year}"' in page
