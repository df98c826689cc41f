"""The officer's page for keying a customer's answer, the follow-up link that reaches it, and the admin."""

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.contacts.followups import contact_followup_links
from servicefirst.satisfaction.models import CaptureMethod, DissatisfactionReason, SurveyResponse
from tests.factories import SiteFactory
from tests.factories_satisfaction import call, kiosk, reason

pytestmark = pytest.mark.django_db


def test_the_saved_contact_offers_the_satisfaction_question(staff):
    contact = call(officer=staff[Role.OFFICER])
    links = dict(contact_followup_links(contact=contact))
    url = links["Record the customer's satisfaction"]
    assert url.startswith("/staff/satisfaction/contacts/?contact=")


def test_an_officer_keys_the_answer_once(staff, client_for):
    officer = staff[Role.OFFICER]
    contact = call(officer=officer)
    client = client_for(officer)
    lookup = client.get(f"/staff/satisfaction/contacts/?contact={contact.pk}")
    assert lookup["Location"] == f"/staff/satisfaction/contacts/{contact.pk}/"
    page = client.get(lookup["Location"])
    assert "How satisfied was the customer" in page.content.decode()
    saved = client.post(lookup["Location"], {"rating": "5", "comment": "Lovely"})
    assert saved.status_code == 302
    answer = SurveyResponse.objects.get()
    assert (answer.captured_by, answer.recorded_by, answer.comment) == (CaptureMethod.OFFICER, officer, "Lovely")
    again = client.post(lookup["Location"], {"rating": "1"})
    assert "cannot be recorded again" in again.content.decode()
    assert SurveyResponse.objects.get().rating == 5


def test_a_dissatisfied_answer_needs_a_reason_on_the_page(staff, client_for):
    officer = staff[Role.OFFICER]
    contact = call(officer=officer)
    response = client_for(officer).post(f"/staff/satisfaction/contacts/{contact.pk}/", {"rating": "2"})
    assert response.status_code == 400
    assert "Select the main reason you were dissatisfied" in response.content.decode()
    client_for(officer).post(f"/staff/satisfaction/contacts/{contact.pk}/", {"rating": "2", "reason_id": reason().pk})
    assert SurveyResponse.objects.get().reason == reason()


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLIENT_SERVICE_OFFICER])
def test_roles_without_the_capability_cannot_key_answers(staff, client_for, role):
    contact = call()
    assert client_for(staff[role]).get(f"/staff/satisfaction/contacts/{contact.pk}/").status_code == 403
    assert client_for(staff[Role.OFFICER]).get("/staff/satisfaction/contacts/999999/").status_code == 404


def test_administrators_manage_reasons_and_see_kiosks_without_the_token_hash(staff, client_for):
    admin = client_for(staff[Role.ADMINISTRATOR])
    admin.post(
        reverse("admin:satisfaction_dissatisfactionreason_add"),
        {"label": "Building too cold", "category": "Premises", "is_active": "on"},
    )
    assert DissatisfactionReason.objects.filter(label="Building too cold").exists()
    device, _token = kiosk(site=SiteFactory())
    page = admin.get(reverse("admin:satisfaction_kioskdevice_change", args=[device.pk])).content.decode()
    assert "Reception" in page
    assert device.token_hash not in page
    assert admin.get(reverse("admin:satisfaction_kioskdevice_add")).status_code == 403
    response = client_for(staff[Role.TEAM_MANAGER]).get(reverse("admin:satisfaction_dissatisfactionreason_changelist"))
    assert response.status_code == 302
