import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact, ReferralRule, ReferralStatus
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_contacts import log_contact, referral_reason, wrap_up_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


def post(client: Client, body) -> object:
    return client.post("/api/contacts", json.dumps(body), content_type="application/json")


def body(**fields) -> dict:
    started = timezone.now() - datetime.timedelta(minutes=4)
    return {
        "channel": "phone",
        "started_at": started.isoformat(),
        "ended_at": (started + datetime.timedelta(seconds=150)).isoformat(),
        "outcome": "resolved_first_contact",
        "reason": "Bin not collected",
        **fields,
    }


def test_logging_a_contact_answers_201_with_the_contact(api_for, staff, bins):
    customer = make_customer(staff[Role.OFFICER])
    response = post(
        api_for(Role.OFFICER),
        body(customer_id=customer.pk, council_service_id=bins.pk, wrap_up_code_id=wrap_up_code().pk),
    )
    assert response.status_code == 201
    data = response.json()
    contact = Contact.objects.get()
    assert data["id"] == contact.pk
    assert data["reference"] == contact.reference
    assert data["duration_seconds"] == 150
    assert data["officer"] == Role.OFFICER.value
    assert data["is_repeat"] is False
    assert contact.customer == customer


def test_a_second_contact_is_flagged_as_a_repeat(api_for, staff, bins):
    customer = make_customer(staff[Role.OFFICER])
    api = api_for(Role.OFFICER)
    first = post(api, body(customer_id=customer.pk, council_service_id=bins.pk)).json()
    second = post(api, body(customer_id=customer.pk, council_service_id=bins.pk)).json()
    assert (second["is_repeat"], second["repeat_of_id"]) == (True, first["id"])


def test_anonymous_contact_without_an_end_ends_now(api_for, bins):
    payload = body(council_service_id=bins.pk)
    del payload["ended_at"]
    response = post(api_for(Role.OFFICER), payload)
    assert response.status_code == 201
    assert response.json()["customer_id"] is None


def test_a_broken_rule_answers_422_naming_the_field(api_for, bins):
    response = post(api_for(Role.OFFICER), body(council_service_id=bins.pk, is_avoidable=True))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "avoidable_reason_id", "message": "Select why the contact was avoidable"}
    ]
    assert not Contact.objects.exists()


def test_a_malformed_body_answers_422_naming_the_field(api_for, bins):
    response = post(api_for(Role.OFFICER), body(council_service_id=bins.pk, channel="pigeon"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "channel"


def test_end_before_start_answers_422(api_for, bins):
    started = timezone.now() - datetime.timedelta(hours=1)
    response = post(
        api_for(Role.OFFICER),
        body(
            council_service_id=bins.pk,
            started_at=started.isoformat(),
            ended_at=(started - datetime.timedelta(minutes=1)).isoformat(),
        ),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ended_at"


def test_a_referral_through_the_api_follows_the_services_rule(api_for, bins, client_service):
    ReferralRule.objects.create(client_service=client_service, needs_authorisation=True)
    response = post(
        api_for(Role.OFFICER),
        body(council_service_id=bins.pk, outcome="referred", referral_reason_id=referral_reason().pk),
    )
    assert response.status_code == 201
    assert Contact.objects.get().referrals.get().status == ReferralStatus.PENDING_AUTHORISATION


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLIENT_SERVICE_OFFICER])
def test_roles_that_may_not_log_get_403(api_for, bins, role):
    response = post(api_for(role), body(council_service_id=bins.pk))
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_no_token_gets_401(bins):
    assert post(Client(), body(council_service_id=bins.pk)).status_code == 401
    assert Client().get("/api/contacts/1").status_code == 401


def test_reading_a_contact(api_for, staff, bins):
    contact = log_contact(staff[Role.OFFICER], council_service_id=bins.pk)
    response = api_for(Role.TEAM_MANAGER).get(f"/api/contacts/{contact.pk}")
    assert response.status_code == 200
    assert response.json()["reference"] == contact.reference
    assert api_for(Role.OFFICER).get("/api/contacts/999999").status_code == 404


def test_a_client_service_officer_reads_only_contacts_referred_to_their_service(api_for, staff, bins):
    unreferred = log_contact(staff[Role.OFFICER], council_service_id=bins.pk)
    referred = log_contact(
        staff[Role.OFFICER], council_service_id=bins.pk, outcome="referred", referral_reason_id=referral_reason().pk
    )
    api = api_for(Role.CLIENT_SERVICE_OFFICER)
    assert api.get(f"/api/contacts/{unreferred.pk}").status_code == 403
    assert api.get(f"/api/contacts/{referred.pk}").status_code == 200
    assert api_for(Role.COUNCILLOR).get(f"/api/contacts/{referred.pk}").status_code == 403


def test_logging_stays_lean(api_for, staff, bins, django_assert_max_num_queries):
    customer = make_customer(staff[Role.OFFICER])
    api = api_for(Role.OFFICER)
    post(api, body(customer_id=customer.pk, council_service_id=bins.pk))
    # The customer lock, the earlier contact, the insert, the day's and the month's figures, and a savepoint each
    # way; the token and the service come from the cache.
    with django_assert_max_num_queries(7):
        assert post(api, body(customer_id=customer.pk, council_service_id=bins.pk)).status_code == 201


def test_the_answer_to_a_post_is_the_contact_as_read_back(api_for, staff, bins):
    customer = make_customer(staff[Role.OFFICER])
    api = api_for(Role.OFFICER)
    post(api, body(customer_id=customer.pk, council_service_id=bins.pk))
    created = post(
        api,
        body(
            customer_id=customer.pk,
            council_service_id=bins.pk,
            channel="email",
            direction="inbound",
            wrap_up_code_id=wrap_up_code().pk,
            outcome="referred",
            referral_reason_id=referral_reason().pk,
        ),
    ).json()
    assert created["is_repeat"] is True
    assert created == api.get(f"/api/contacts/{created['id']}").json()


def test_the_endpoints_are_in_the_openapi_document():
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/contacts"]
    assert "get" in paths["/api/contacts/{contact_id}"]
