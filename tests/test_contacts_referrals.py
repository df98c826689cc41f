"""Referrals to client services: the authorisation rule, decisions, and who sees them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Referral, ReferralRule, ReferralStatus
from servicefirst.contacts.reports import referral_reasons_report
from servicefirst.contacts.selectors import referrals_received
from servicefirst.contacts.services import AlreadyDecided, referral_authorise, referral_decline
from servicefirst.core.versions import StaleVersion
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
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
