"""The one hook mechanism, and the per-customer participant contract built on it: what each app holds about a
person reaches the single view, the access check and the export without the customers app naming the app."""

import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.contacts.models import ReferralRule
from servicefirst.core import hooks
from servicefirst.customers.selectors import customer_may_view
from servicefirst.customers.services import customer_export, customer_records_move
from servicefirst.customers.timeline import CUSTOMER_PARTICIPANTS, Participant, TimelineEntry, participants
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_contacts import log_contact, referral_reason
from tests.factories_servicerequests import make_service_request

HOOK = "test_hook"
# When the new app says the repair was reported: any moment will do, so a fixed one.
REPAIR_REPORTED = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)


def test_registrants_come_in_order_then_as_registered_and_once_each():
    def first():
        return "first"

    def second():
        return "second"

    def early():
        return "early"

    with (
        hooks.register_temporarily(HOOK, first),
        hooks.register_temporarily(HOOK, second),
        hooks.register_temporarily(HOOK, early, order=-1),
    ):
        hooks.register(HOOK, first)
        assert hooks.get_hooks(HOOK) == [early, first, second]
        assert hooks.hooks_call(HOOK) == ["early", "first", "second"]
    assert hooks.get_hooks(HOOK) == []


def test_a_value_that_carries_its_own_order_is_placed_by_it():
    from servicefirst.core.registry import NAVIGATION, NavigationItem, navigation_items

    item = NavigationItem("Between customers and contacts", "core:home", "dashboard.view", order=12)
    with hooks.register_temporarily(NAVIGATION, item):
        labels = [i.label for i in navigation_items()]
        assert labels.index("Customers") < labels.index(item.label) < labels.index("Log a contact")
    assert item not in navigation_items()


@hooks.register_temporarily(HOOK, lambda: "decorated")
def test_register_temporarily_decorates_a_test():
    assert hooks.hooks_call(HOOK) == ["decorated"]


def test_a_failing_registrant_stops_the_screen_unless_it_isolates_them(caplog):
    def broken():
        raise RuntimeError("this app cannot answer")

    def working():
        return "answer"

    with hooks.register_temporarily(HOOK, broken), hooks.register_temporarily(HOOK, working):
        with pytest.raises(RuntimeError):
            hooks.hooks_call(HOOK)
        with caplog.at_level(logging.ERROR, logger="servicefirst.core.hooks"):
            assert hooks.hooks_call(HOOK, isolate=True) == ["answer"]
    assert "broken failed" in caplog.text


def test_every_app_that_holds_records_about_a_person_is_a_participant():
    assert [p.name for p in participants()] == [
        "record-changes",
        "contacts",
        "agreed-actions",
        "referrals",
        "service-requests",
        "messages",
        "satisfaction",
        "complaints",
        "inbound-emails",
    ]


@pytest.fixture
def housing_records():
    """What a new app (housing repairs, say) would register, without the customers app naming it."""
    held: dict[int, int] = {}

    def timeline(*, customer_id: int):
        if customer_id in held:
            yield TimelineEntry(
                at=REPAIR_REPORTED, kind="Housing repair", title="Leaking roof", client_service_id=held[customer_id]
            )

    def holds_work_for(*, customer_id: int, client_service_id: int) -> bool:
        return held.get(customer_id) == client_service_id

    def export(*, customer_id: int) -> list[dict]:
        return [{"job": "Leaking roof", "client_service_id": held[customer_id]}] if customer_id in held else []

    def move(*, from_customer_id: int, to_customer_id: int, ids=None) -> list[int]:
        if from_customer_id not in held:
            return []
        held[to_customer_id] = held.pop(from_customer_id)
        return [1]

    participant = Participant(
        "housing-repairs",
        "Housing repairs",
        export=export,
        move=move,
        timeline=timeline,
        holds_work_for=holds_work_for,
    )
    with hooks.register_temporarily(CUSTOMER_PARTICIPANTS, participant):
        yield held


@pytest.mark.django_db
def test_a_new_participant_reaches_the_single_view_the_access_check_and_the_export(
    housing_records, staff, client_for, client_service
):
    customer = make_customer(staff[Role.OFFICER])
    cso = staff[Role.CLIENT_SERVICE_OFFICER]
    assert not customer_may_view(viewer=cso, customer=customer)
    assert customer_export(viewer=staff[Role.HEAD_OF_SERVICE], customer_id=customer.pk)["Housing repairs"] == []

    housing_records[customer.pk] = client_service.pk
    assert customer_may_view(viewer=cso, customer=customer)
    page = client_for(cso).get(reverse("customers:detail", args=[customer.pk]))
    assert page.status_code == 200
    assert "Leaking roof" in page.content.decode()
    exported = customer_export(viewer=staff[Role.HEAD_OF_SERVICE], customer_id=customer.pk)
    assert exported["Housing repairs"] == [{"job": "Leaking roof", "client_service_id": client_service.pk}]


@pytest.mark.django_db
def test_each_participants_permission_answer_agrees_with_its_timeline(staff, client_service, other_client_service):
    """`holds_work_for` answers without building the entries; it must say what the entries say."""
    officer = staff[Role.OFFICER]
    bins = CouncilServiceFactory(name="Missed bin collection", client_service=client_service)
    parking = CouncilServiceFactory(name="Parking permits", client_service=other_client_service)
    ReferralRule.objects.create(client_service=other_client_service, needs_authorisation=True)
    customer = make_customer(officer)
    referral = {"outcome": "referred", "referral_reason_id": referral_reason().pk, "referral_detail": "Whole street"}
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, **referral)
    # Waiting for a team manager: the parking service must not see it yet.
    log_contact(officer, customer_id=customer.pk, council_service_id=parking.pk, **referral)
    log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=parking.pk,
        action_what="Call back about the permit",
        action_owner="client_service",
        action_due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    make_service_request(actor=officer, council_service=bins, customer=customer.pk)

    held = {}
    for participant in participants():
        entries = list(participant.timeline(customer_id=customer.pk))
        for service in (client_service, other_client_service):
            answer = participant.holds_work_for(customer_id=customer.pk, client_service_id=service.pk)
            assert answer == any(e.client_service_id == service.pk for e in entries), (participant.name, service)
            held[participant.name, service.name] = answer
    assert {key for key, answer in held.items() if answer} == {
        ("contacts", client_service.name),
        ("referrals", client_service.name),
        ("service-requests", client_service.name),
        ("agreed-actions", other_client_service.name),
    }


@pytest.mark.django_db
def test_the_export_holds_every_record_and_only_those_who_answer_subject_access_may_take_it(staff, client_service):
    officer = staff[Role.OFFICER]
    bins = CouncilServiceFactory(name="Missed bin collection", client_service=client_service)
    customer = make_customer(officer, first_name="Amara", last_name="Okafor")
    contact = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk)
    request = make_service_request(actor=officer, council_service=bins, customer=customer.pk)

    for role in set(Role) - {Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}:
        with pytest.raises(PermissionDenied):
            customer_export(viewer=staff[role], customer_id=customer.pk)
    assert not AuditEvent.objects.filter(detail__contains="exported").exists()

    exported = customer_export(viewer=staff[Role.HEAD_OF_SERVICE], customer_id=customer.pk)
    assert exported["Customer"][0]["last_name"] == "Okafor"
    assert [c["id"] for c in exported["Contacts"]] == [contact.pk]
    [held_request] = exported["Service requests"]
    assert held_request["reference"] == request.reference
    assert held_request["history"], "the request's history is held about the person too"
    assert set(exported) >= {p.label for p in participants()}
    event = AuditEvent.objects.get(detail__contains="exported")
    assert (event.actor, event.record_id) == (staff[Role.HEAD_OF_SERVICE], str(customer.pk))


@pytest.mark.django_db
def test_a_new_participants_records_move_with_the_others(housing_records, staff, client_service):
    officer = staff[Role.OFFICER]
    kept, duplicate = make_customer(officer, first_name="Amara"), make_customer(officer, first_name="Amara")
    housing_records[duplicate.pk] = client_service.pk
    moved = customer_records_move(actor=officer, from_customer_id=duplicate.pk, to_customer_id=kept.pk)
    assert moved["housing-repairs"] == [1]
    assert housing_records == {kept.pk: client_service.pk}


@pytest.mark.django_db
def test_moving_takes_every_participants_records_and_taking_it_back_returns_only_those(staff, client_service):
    officer = staff[Role.OFFICER]
    bins = CouncilServiceFactory(name="Missed bin collection", client_service=client_service)
    kept = make_customer(officer, first_name="Amara", last_name="Okafor")
    duplicate = make_customer(officer, first_name="Amara", last_name="Okafor", email="amara@example.org")
    for customer in (kept, duplicate):
        log_contact(
            officer,
            customer_id=customer.pk,
            council_service_id=bins.pk,
            action_what="Call back",
            action_owner="officer",
            action_due_on=timezone.localdate() + datetime.timedelta(days=3),
        )
        make_service_request(actor=officer, council_service=bins, customer=customer.pk)
        make_complaint(actor=officer, customer=customer)

    def held(customer):
        return {p.name: sorted(row["id"] for row in p.export(customer_id=customer.pk)) for p in participants()}

    before_kept, before_duplicate = held(kept), held(duplicate)
    assert all(before_duplicate[name] for name in ("contacts", "agreed-actions", "service-requests", "complaints"))

    moved = customer_records_move(actor=officer, from_customer_id=duplicate.pk, to_customer_id=kept.pk)
    assert {name: ids for name, ids in held(duplicate).items() if ids} == {}
    assert held(kept) == {name: sorted(before_kept[name] + before_duplicate[name]) for name in before_kept}
    assert {name: ids for name, ids in moved.items() if ids} == {
        name: ids for name, ids in before_duplicate.items() if ids and name not in ("referrals", "satisfaction")
    }
    assert AuditEvent.objects.filter(record_id=str(kept.pk), detail__contains="moved from").exists()

    # A record of the kept customer's made since stays with them when the move is taken back.
    later = make_service_request(actor=officer, council_service=bins, customer=kept.pk)
    customer_records_move(actor=officer, from_customer_id=kept.pk, to_customer_id=duplicate.pk, moved=moved)
    assert held(duplicate) == before_duplicate
    assert held(kept)["service-requests"] == sorted(before_kept["service-requests"] + [later.pk])


@pytest.mark.django_db
def test_moving_records_needs_the_right_to_edit_customers_and_two_customers(staff):
    officer = staff[Role.OFFICER]
    one, other = make_customer(officer), make_customer(officer)
    with pytest.raises(PermissionDenied):
        customer_records_move(actor=staff[Role.COUNCILLOR], from_customer_id=one.pk, to_customer_id=other.pk)
    with pytest.raises(ValidationError):
        customer_records_move(actor=officer, from_customer_id=one.pk, to_customer_id=one.pk)
    with pytest.raises(ValidationError):
        customer_records_move(actor=officer, from_customer_id=one.pk, to_customer_id=other.pk + 1000)
