"""Administrators manage the codes officers pick and each client service's referral rule."""

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import ReferralRule, WrapUpCode

pytestmark = pytest.mark.django_db

MODELS = ["wrapupcode", "avoidablereason", "referralreason", "referralrule"]


@pytest.mark.parametrize("model", MODELS)
def test_administrators_manage_the_contact_settings(staff, client_for, model):
    admin = client_for(staff[Role.ADMINISTRATOR])
    assert admin.get(reverse(f"admin:contacts_{model}_changelist")).status_code == 200
    assert admin.get(reverse(f"admin:contacts_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_other_roles_do_not_reach_them(staff, client_for, model):
    response = client_for(staff[Role.TEAM_MANAGER]).get(reverse(f"admin:contacts_{model}_changelist"))
    assert response.status_code == 302


def test_an_administrator_adds_a_wrap_up_code_and_a_referral_rule(staff, client_for, client_service):
    admin = client_for(staff[Role.ADMINISTRATOR])
    admin.post(
        reverse("admin:contacts_wrapupcode_add"), {"code": "blue-badge", "label": "Blue badge", "is_active": "on"}
    )
    admin.post(
        reverse("admin:contacts_referralrule_add"),
        {"client_service": client_service.pk, "needs_authorisation": "on"},
    )
    assert WrapUpCode.objects.filter(code="blue-badge").exists()
    assert ReferralRule.objects.get().client_service == client_service
