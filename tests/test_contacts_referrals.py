"""Referrals to client services: the authorisation rule, decisions, and who sees them."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.contacts.models import Referral, ReferralRule, ReferralStatus
from servicefirst.contacts.reports import referral_reasons_report
from servicefirst.contacts.selectors import Waited, referrals_received
from servicefirst.contacts.services import AlreadyDecided, referral_authorise, referral_decline
from servicefirst.core.versions import StaleVersion
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_audit import audit_last_pk
from tests.factories_contacts import log_contact, referral_reason

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(staff):
    return staff[Role.OFFICER]


@pytest.fixture
def manager(staff):
    return staff[Role.TEAM_MANAGER]


@pytest.fixture
def customer(officer):
    return make_customer(officer, first_name="Amara", last_name="Okafor")


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


@pytest.fixture
def parking(other_client_service):
    return CouncilServiceFactory(name="Parking permits", client_service=other_client_service)


@pytest.fixture
def bins_need_authorisation(client_service):
    return ReferralRule.objects.create(client_service=client_service, needs_authorisation=True)


def refer(officer, customer, service, reason="specialist-advice"):
    contact = log_contact(
        officer,
        customer_id=customer.pk,
        council_service_id=service.pk,
        outcome="referred",
        referral_reason_id=referral_reason(reason).pk,
        referral_detail="Crew missed the whole street",
    )
    return contact.referrals.get()


def test_a_referral_needs_its_reason(officer, customer, bins):
    with pytest.raises(ValidationError) as excinfo:
        log_contact(officer, customer_id=customer.pk, council_service_id=bins.pk, outcome="referred")
    assert "referral_reason_id" in excinfo.value.message_dict


def test_without_a_rule_the_referral_goes_straight_to_the_client_service(
    officer, customer, bins, client_service, staff
):
    referral = refer(officer, customer, bins)
    assert referral.status == ReferralStatus.SENT
    assert referral.client_service == client_service
    assert referral.sent_at is not None
    assert list(referrals_received(user=staff[Role.CLIENT_SERVICE_OFFICER])) == [referral]


def test_a_rule_that_does_not_ask_for_authorisation_sends_it_straight(officer, customer, bins, client_service):
    ReferralRule.objects.create(client_service=client_service, needs_authorisation=False)
    assert refer(officer, customer, bins).status == ReferralStatus.SENT


def test_a_referral_needing_authorisation_does_not_reach_the_client_service_until_approved(
    officer, manager, customer, bins, bins_need_authorisation, staff, client_for
):
    referral = refer(officer, customer, bins)
    cso = staff[Role.CLIENT_SERVICE_OFFICER]
    cso_client = client_for(cso)
    assert referral.status == ReferralStatus.PENDING_AUTHORISATION
    assert not referrals_received(user=cso).exists()
    assert "Okafor" not in cso_client.get(reverse("contacts:referrals")).content.decode()
    assert cso_client.get(reverse("contacts:detail", args=[referral.contact_id])).status_code == 403
    assert cso_client.get(reverse("customers:detail", args=[customer.pk])).status_code == 403

    referral_authorise(manager=manager, referral_id=referral.pk)

    referral.refresh_from_db()
    assert (referral.status, referral.decided_by) == (ReferralStatus.SENT, manager)
    assert list(referrals_received(user=cso)) == [referral]
    assert "Okafor" in cso_client.get(reverse("contacts:referrals")).content.decode()
    assert cso_client.get(reverse("contacts:detail", args=[referral.contact_id])).status_code == 200
    assert cso_client.get(reverse("customers:detail", args=[customer.pk])).status_code == 200


def test_only_team_managers_and_the_head_of_service_may_authorise(
    officer, customer, bins, bins_need_authorisation, staff
):
    referral = refer(officer, customer, bins)
    for role in (Role.OFFICER, Role.CLIENT_SERVICE_OFFICER, Role.ADMINISTRATOR, Role.COUNCILLOR):
        with pytest.raises(PermissionDenied):
            referral_authorise(manager=staff[role], referral_id=referral.pk)
    referral_authorise(manager=staff[Role.HEAD_OF_SERVICE], referral_id=referral.pk)


def test_declining_needs_a_reason_and_the_service_never_sees_it(
    officer, manager, customer, bins, bins_need_authorisation, staff
):
    referral = refer(officer, customer, bins)
    with pytest.raises(ValidationError) as excinfo:
        referral_decline(manager=manager, referral_id=referral.pk, reason="   ")
    assert "decline_reason" in excinfo.value.message_dict
    referral_decline(manager=manager, referral_id=referral.pk, reason="The front office can answer this")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "The front office can answer this"
    assert not referrals_received(user=staff[Role.CLIENT_SERVICE_OFFICER]).exists()


def test_a_decided_referral_cannot_be_decided_again(officer, manager, customer, bins, bins_need_authorisation):
    referral = refer(officer, customer, bins)
    referral_decline(manager=manager, referral_id=referral.pk, reason="Not needed")
    with pytest.raises(AlreadyDecided):
        referral_authorise(manager=manager, referral_id=referral.pk)
    assert Referral.objects.get().status == ReferralStatus.DECLINED


def test_a_decision_against_an_older_version_is_refused(officer, manager, customer, bins, bins_need_authorisation):
    referral = refer(officer, customer, bins)
    seen = referral.version
    # Someone else's change to the referral since this manager loaded it.
    Referral.objects.filter(pk=referral.pk).update(version=seen + 1)
    with pytest.raises(StaleVersion):
        referral_authorise(manager=manager, referral_id=referral.pk, version=seen)
    with pytest.raises(StaleVersion):
        referral_decline(manager=manager, referral_id=referral.pk, reason="Not needed", version=seen)
    assert Referral.objects.get().status == ReferralStatus.PENDING_AUTHORISATION
    referral_authorise(manager=manager, referral_id=referral.pk, version=seen + 1)
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_the_decision_page_sends_the_version_it_showed(
    officer, manager, customer, bins, bins_need_authorisation, client_for
):
    referral = refer(officer, customer, bins)
    url = reverse("contacts:referral_decide", args=[referral.pk])
    page = client_for(manager).get(url).content.decode()
    assert f'name="version" value="{referral.version}"' in page
    Referral.objects.filter(pk=referral.pk).update(version=referral.version + 1)
    response = client_for(manager).post(url, {"decision": "authorise", "version": referral.version})
    assert "The referral changed while you were looking at it" in response.content.decode()
    declined = client_for(manager).post(
        url, {"decision": "decline", "decline_reason": "The front office can answer this", "version": referral.version}
    )
    assert "The referral changed while you were looking at it" in declined.content.decode()
    assert "The front office can answer this" in declined.content.decode()
    assert Referral.objects.get().status == ReferralStatus.PENDING_AUTHORISATION


def test_manager_authorises_on_the_page(officer, manager, customer, bins, bins_need_authorisation, client_for):
    referral = refer(officer, customer, bins)
    page = client_for(manager).get(reverse("contacts:referrals_to_authorise")).content.decode()
    assert reverse("contacts:referral_decide", args=[referral.pk]) in page
    response = client_for(manager).post(
        reverse("contacts:referral_decide", args=[referral.pk]), {"decision": "authorise"}
    )
    assert response.status_code == 302
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_declining_on_the_page_without_a_reason_shows_the_error(
    officer, manager, customer, bins, bins_need_authorisation, client_for
):
    referral = refer(officer, customer, bins)
    url = reverse("contacts:referral_decide", args=[referral.pk])
    page = client_for(manager).post(url, {"decision": "decline", "decline_reason": ""}).content.decode()
    assert "govuk-error-summary" in page
    assert "Enter why the referral is declined" in page
    assert Referral.objects.get().status == ReferralStatus.PENDING_AUTHORISATION
    client_for(manager).post(url, {"decision": "decline", "decline_reason": "Not for them"})
    assert Referral.objects.get().status == ReferralStatus.DECLINED


def test_a_client_service_officer_sees_only_referrals_to_their_own_service(
    officer, customer, bins, parking, staff, client_for, other_client_service
):
    ours = refer(officer, customer, bins)
    theirs = refer(officer, make_customer(officer, first_name="Zeynep", last_name="Yilmaz"), parking)
    cso = staff[Role.CLIENT_SERVICE_OFFICER]
    assert list(referrals_received(user=cso)) == [ours]
    assert list(referrals_received(user=cso, client_service_id=other_client_service.pk)) == [ours]
    page = client_for(cso).get(reverse("contacts:referrals")).content.decode()
    assert "Okafor" in page
    assert "Yilmaz" not in page
    assert client_for(cso).get(reverse("contacts:detail", args=[theirs.contact_id])).status_code == 403
    parking_officer = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=other_client_service)
    assert list(referrals_received(user=parking_officer)) == [theirs]


def test_referral_reasons_report_counts_by_service_and_reason(
    officer, manager, customer, bins, parking, bins_need_authorisation, staff, client_for
):
    refer(officer, customer, bins)
    declined = refer(officer, customer, bins)
    referral_decline(manager=manager, referral_id=declined.pk, reason="No")
    refer(officer, customer, bins, reason="visit-needed")
    refer(officer, customer, parking)

    report = {row.client_service: row for row in referral_reasons_report()}
    waste = report["Waste and recycling"]
    assert waste.referred == 3
    specialist = next(r for r in waste.reasons if r.reason == "Needs specialist advice")
    assert (specialist.referred, specialist.awaiting_authorisation, specialist.declined, specialist.sent) == (
        2,
        1,
        1,
        0,
    )
    assert report["Parking services"].referred == 1

    page = client_for(staff[Role.COUNCILLOR]).get(reverse("contacts:referrals_report")).content.decode()
    assert "Needs a visit or inspection" in page
    assert "Okafor" not in page


def test_a_referral_another_manager_decided_cannot_be_decided_again_on_the_page(
    officer, manager, customer, bins, bins_need_authorisation, staff, client_for
):
    referral = refer(officer, customer, bins)
    url = reverse("contacts:referral_decide", args=[referral.pk])
    head = client_for(staff[Role.HEAD_OF_SERVICE])
    assert "Authorise and send" in head.get(url).content.decode()
    referral_authorise(manager=manager, referral_id=referral.pk)
    page = head.post(url, {"decision": "decline", "decline_reason": "Not for them"}).content.decode()
    assert "Authorise and send" not in page
    assert Referral.objects.get().status == ReferralStatus.SENT


# A team manager decides a referral on the page: whose it is, for what, why, from whom and how long it has waited.
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def waiting(officer, customer, bins, bins_need_authorisation):
    """Two referrals waiting: one made on Friday 4 December 2026 at 16:00, one on Monday 7 December at 09:00."""
    other = make_customer(officer, first_name="Tomasz", last_name="Nowak")
    with time_machine.travel(_at(2026, 12, 4, 16, 0), tick=False):
        older = refer(officer, customer, bins)
    with time_machine.travel(_at(2026, 12, 7, 9, 0), tick=False):
        newer = refer(officer, other, bins, reason="visit-needed")
    return older, newer


def test_the_list_shows_the_customer_service_detail_who_and_how_long_oldest_first(
    waiting, officer, manager, customer, client_for
):
    with time_machine.travel(_at(2026, 12, 7, 11, 30), tick=False):
        client = client_for(manager)
        before = audit_last_pk()
        page = client.get(reverse("contacts:referrals_to_authorise")).content.decode()
    assert page.index("Amara Okafor") < page.index("Tomasz Nowak")
    assert f'href="{reverse("customers:detail", args=[customer.pk])}"' in page
    assert customer.reference in page
    assert "Missed bin collection" in page
    assert "Crew missed the whole street" in page
    assert escape(officer.display_name) in page
    assert "4 Dec 2026 16:00" in page
    # Friday afternoon's has waited Monday; this morning's, two and a half hours.
    assert "1 working day<" in page
    assert "2 hours<" in page
    events = AuditEvent.objects.filter(pk__gt=before)
    assert [(e.action, e.record_type, e.shown) for e in events] == [("listed", "referral", 2)]


def test_the_decision_page_shows_the_context_and_audits_one_read_naming_the_customer(
    waiting, officer, manager, customer, client_for
):
    older, _ = waiting
    with time_machine.travel(_at(2026, 12, 10, 10, 0), tick=False):
        client = client_for(manager)
        before = audit_last_pk()
        page = client.get(reverse("contacts:referral_decide", args=[older.pk])).content.decode()
    assert "Amara Okafor" in page
    assert f'href="{reverse("customers:detail", args=[customer.pk])}"' in page
    assert "Missed bin collection" in page
    assert "Crew missed the whole street" in page
    assert f"{escape(officer.display_name)}, 4 Dec 2026 16:00" in page
    # Monday to Thursday.
    assert "4 working days" in page
    (event,) = AuditEvent.objects.filter(pk__gt=before)
    assert (event.action, event.record_type, event.record_id) == ("viewed", "referral", str(older.pk))
    assert event.detail == f"Customer {customer.reference}"


@pytest.mark.parametrize(
    ("role", "may_decide"),
    [
        (Role.TEAM_MANAGER, True),
        (Role.HEAD_OF_SERVICE, True),
        (Role.OFFICER, False),
        (Role.CLIENT_SERVICE_OFFICER, False),
        (Role.ADMINISTRATOR, False),
        (Role.COUNCILLOR, False),
    ],
)
def test_only_roles_that_may_decide_see_the_referrals_waiting(waiting, staff, client_for, role, may_decide):
    older, _ = waiting
    client = client_for(staff[role])
    for url in (reverse("contacts:referrals_to_authorise"), reverse("contacts:referral_decide", args=[older.pk])):
        response = client.get(url)
        assert response.status_code == (200 if may_decide else 403), url
        assert ("Amara Okafor" in response.content.decode()) is may_decide


@pytest.mark.parametrize(
    ("waited", "text"),
    [
        (Waited(0, 0), "Less than an hour"),
        (Waited(0, 1), "1 hour"),
        (Waited(0, 5), "5 hours"),
        (Waited(3, 80), "3 working days"),
    ],
)
def test_how_long_a_referral_has_waited_reads(waited, text):
    assert str(waited) == text
