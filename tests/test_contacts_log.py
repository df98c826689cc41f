"""Logging a contact: the rules every channel (screen and API) relies on."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact, WrapUpCode
from servicefirst.contacts.services import contact_log
from tests.factories import CouncilServiceFactory, SiteFactory, UserFactory, make_customer
from tests.factories_contacts import avoidable_reason, contact_data, log_contact, referral_reason, wrap_up_code

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer(staff):
    return staff[Role.OFFICER]


@pytest.fixture
def customer(officer):
    return make_customer(officer)


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


@pytest.fixture
def parking(other_client_service):
    return CouncilServiceFactory(name="Parking permits", client_service=other_client_service)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_contact_records_who_what_and_when(officer, customer, bins):
    contact = log_contact(
        officer, customer_id=customer.pk, council_service_id=bins.pk, wrap_up_code_id=wrap_up_code().pk
    )
    contact.refresh_from_db()
    assert contact.officer == officer
    assert contact.customer == customer
    assert contact.council_service == bins
    assert contact.duration_seconds == 240
    assert contact.wrap_up_code.code == "information-given"
    assert not contact.is_repeat
    assert contact.reference == f"CT-{contact.pk:07d}"


def test_anonymous_caller_is_logged_without_a_customer(officer, bins):
    contact = log_contact(officer, customer_id=None, council_service_id=bins.pk, outcome="signposted")
    assert contact.customer is None


def test_second_contact_about_the_same_service_within_the_window_is_a_repeat(officer, customer, bins):
    now = timezone.now()
    first = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - 27 * DAY)
    second = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - DAY)
    assert second.is_repeat
    assert second.repeat_of == first
    assert not Contact.objects.get(pk=first.pk).is_repeat


def test_a_repeat_points_at_the_latest_earlier_contact(officer, customer, bins):
    now = timezone.now()
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - 10 * DAY)
    middle = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - 5 * DAY)
    last = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - DAY)
    assert last.repeat_of == middle


def test_contact_outside_the_window_is_not_a_repeat(officer, customer, bins):
    now = timezone.now()
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - 30 * DAY)
    later = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - DAY)
    assert not later.is_repeat
    assert later.repeat_of is None


def test_the_window_is_configurable(officer, customer, bins, settings):
    settings.CONTACT_REPEAT_WINDOW_DAYS = 7
    now = timezone.now()
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - 9 * DAY)
    later = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, started_at=now - DAY)
    assert not later.is_repeat


def test_contact_about_a_different_service_is_not_a_repeat(officer, customer, bins, parking):
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk)
    other = log_contact(officer, customer_id=customer.pk, council_service_id=parking.pk)
    assert not other.is_repeat


def test_another_customer_about_the_same_service_is_not_a_repeat(officer, customer, bins):
    neighbour = make_customer(officer, first_name="Amara", last_name="Okafor")
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk)
    other = log_contact(officer, customer_id=neighbour.pk, council_service_id=bins.pk)
    assert not other.is_repeat


def test_anonymous_callers_are_never_repeats(officer, bins):
    log_contact(officer, council_service_id=bins.pk)
    assert not log_contact(officer, council_service_id=bins.pk).is_repeat


def test_our_own_call_to_the_customer_is_not_a_repeat(officer, customer, bins):
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk)
    outbound = log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, direction="outbound")
    assert not outbound.is_repeat


def test_end_before_start_is_refused(officer, bins):
    start = timezone.now() - DAY
    with pytest.raises(ValidationError) as excinfo:
        log_contact(
            officer, council_service_id=bins.pk, started_at=start, ended_at=start - datetime.timedelta(seconds=1)
        )
    assert "ended_at" in errors_of(excinfo)


def test_end_equal_to_start_is_allowed(officer, bins):
    start = timezone.now() - DAY
    assert log_contact(officer, council_service_id=bins.pk, started_at=start, ended_at=start).duration_seconds == 0


def test_a_contact_longer_than_eight_hours_is_refused(officer, bins):
    start = timezone.now() - 2 * DAY
    with pytest.raises(ValidationError) as excinfo:
        log_contact(
            officer,
            council_service_id=bins.pk,
            started_at=start,
            ended_at=start + datetime.timedelta(hours=8, seconds=1),
        )
    assert "8 hours" in errors_of(excinfo)["ended_at"][0]
    assert log_contact(
        officer, council_service_id=bins.pk, started_at=start, ended_at=start + datetime.timedelta(hours=8)
    )


def test_a_start_in_the_future_is_refused(officer, bins):
    start = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, started_at=start, ended_at=start)
    assert "started_at" in errors_of(excinfo)


def test_a_time_without_a_zone_is_read_as_london_time(officer, bins):
    contact = log_contact(
        officer,
        council_service_id=bins.pk,
        started_at=datetime.datetime(2026, 7, 1, 10, 0),
        ended_at=datetime.datetime(2026, 7, 1, 10, 5),
    )
    assert contact.started_at == datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)


def test_avoidable_contact_needs_its_reason(officer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, is_avoidable=True)
    assert "avoidable_reason_id" in errors_of(excinfo)
    contact = log_contact(
        officer, council_service_id=bins.pk, is_avoidable=True, avoidable_reason_id=avoidable_reason().pk
    )
    assert contact.avoidable_reason.label == "Chasing progress"


def test_a_reason_is_dropped_when_the_contact_is_not_avoidable(officer, bins):
    contact = log_contact(
        officer, council_service_id=bins.pk, is_avoidable=False, avoidable_reason_id=avoidable_reason().pk
    )
    assert contact.avoidable_reason is None


def test_service_is_needed_unless_the_contact_failed(officer):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=None)
    assert "council_service_id" in errors_of(excinfo)
    assert log_contact(officer, council_service_id=None, outcome="failed", reason="").outcome == "failed"


def test_face_to_face_needs_the_site(officer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, channel="face_to_face")
    assert "site_id" in errors_of(excinfo)
    site = SiteFactory()
    assert log_contact(officer, council_service_id=bins.pk, channel="face_to_face", site_id=site.pk).site == site


@pytest.mark.parametrize("channel", ["bsl_video_relay", "text_relay", "webchat", "social_media", "letter", "web_form"])
def test_every_channel_can_be_logged(officer, bins, channel):
    assert log_contact(officer, council_service_id=bins.pk, channel=channel).channel == channel


def test_unknown_records_are_refused_by_field(officer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=999_999, wrap_up_code_id=999_999)
    assert set(errors_of(excinfo)) == {"council_service_id", "wrap_up_code_id"}
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, customer_id=999_999, council_service_id=bins.pk)
    assert "customer_id" in errors_of(excinfo)
    assert not Contact.objects.exists()


def test_every_unknown_record_is_named_at_once(officer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(
            officer,
            council_service_id=999_999,
            wrap_up_code_id=999_999,
            is_avoidable=True,
            avoidable_reason_id=999_999,
            contact_point_id=999_999,
        )
    assert set(errors_of(excinfo)) == {
        "council_service_id",
        "wrap_up_code_id",
        "avoidable_reason_id",
        "contact_point_id",
    }
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, channel="face_to_face", site_id=999_999)
    assert set(errors_of(excinfo)) == {"site_id"}


def test_a_known_service_and_codes_pass_together(officer, bins):
    contact = log_contact(
        officer,
        council_service_id=bins.pk,
        wrap_up_code_id=wrap_up_code().pk,
        is_avoidable=True,
        avoidable_reason_id=avoidable_reason().pk,
    )
    assert (contact.wrap_up_code_id, contact.avoidable_reason_id) == (wrap_up_code().pk, avoidable_reason().pk)


def test_an_inactive_wrap_up_code_cannot_be_chosen(officer, bins):
    code = wrap_up_code()
    code.is_active = False
    code.save()
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, wrap_up_code_id=code.pk)
    assert "wrap_up_code_id" in errors_of(excinfo)


def test_bad_choices_are_refused_by_field(officer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, channel="pigeon", outcome="", direction="sideways")
    assert {"channel", "outcome", "direction"} <= set(errors_of(excinfo))


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLIENT_SERVICE_OFFICER])
def test_roles_without_the_capability_cannot_log(staff, role, bins):
    with pytest.raises(PermissionDenied):
        log_contact(staff[role], council_service_id=bins.pk)


def test_an_agreed_action_needs_a_due_date_and_a_known_customer(officer, customer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, action_what="Call back with the crew's answer")
    assert {"action_what", "action_due_on"} <= set(errors_of(excinfo))
    due = timezone.localdate() + DAY
    contact = log_contact(
        officer, customer_id=customer.pk, council_service_id=bins.pk, action_what="Call back", action_due_on=due
    )
    action = contact.agreed_actions.get()
    assert (action.owner_officer, action.owner_client_service, action.due_on) == (officer, None, due)


def test_an_action_for_the_client_service_goes_to_the_service_of_the_contact(officer, customer, bins, client_service):
    contact = log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=bins.pk,
        action_what="Send a crew back",
        action_owner="client_service",
        action_due_on=timezone.localdate() + DAY,
    )
    action = contact.agreed_actions.get()
    assert (action.owner_officer, action.owner_client_service) == (None, client_service)


@pytest.mark.django_db(transaction=True)
def test_two_contacts_logged_at_once_agree_on_which_repeats_which(client_service):
    first_officer, second_officer = UserFactory(role=Role.OFFICER), UserFactory(role=Role.OFFICER)
    customer = make_customer(first_officer)
    bins = CouncilServiceFactory(client_service=client_service)
    start = threading.Barrier(2)
    started_at = timezone.now() - datetime.timedelta(minutes=10)

    def log(officer) -> None:
        data = contact_data(customer_id=customer.pk, council_service_id=bins.pk, started_at=started_at)
        start.wait()
        try:
            contact_log(officer=officer, data=data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log, args=(officer,)) for officer in (first_officer, second_officer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    contacts = list(Contact.objects.order_by("id"))
    assert len(contacts) == 2
    assert [c.is_repeat for c in contacts] == [False, True]
    assert contacts[1].repeat_of == contacts[0]


def test_a_code_withdrawn_after_it_was_used_is_refused_at_once(officer, bins):
    code = wrap_up_code()
    log_contact(officer, council_service_id=bins.pk, wrap_up_code_id=code.pk)
    code.is_active = False
    code.save()
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, council_service_id=bins.pk, wrap_up_code_id=code.pk)
    assert set(errors_of(excinfo)) == {"wrap_up_code_id"}


def test_a_code_added_where_this_process_cannot_hear_is_still_accepted(officer, bins):
    log_contact(officer, council_service_id=bins.pk, wrap_up_code_id=wrap_up_code().pk)
    # bulk_create sends no signal, as a change made by another app server would not reach this one.
    added = WrapUpCode.objects.bulk_create([WrapUpCode(code="new-code", label="New code")])[0]
    assert log_contact(officer, council_service_id=bins.pk, wrap_up_code_id=added.pk).wrap_up_code_id == added.pk


def test_a_service_moved_to_another_client_service_refers_there_at_once(officer, customer, bins, other_client_service):
    log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk)
    bins.client_service = other_client_service
    bins.save()
    contact = log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=bins.pk,
        outcome="referred",
        referral_reason_id=referral_reason().pk,
    )
    assert contact.referrals.get().client_service == other_client_service
