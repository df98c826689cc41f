"""Administrators keep the customer care standards; checklist versions are shown but never changed."""

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.mysteryshopping.models import Checklist, Standard
from tests.factories_mysteryshopping import schedule_shop, standards

pytestmark = pytest.mark.django_db


def test_the_default_standards_are_there_from_the_start():
    assert set(Standard.objects.values_list("text", flat=True)) >= {
        "Phone answered within 20 seconds",
        "Officer gave their name",
        "Visitor seen within 15 minutes",
        "Email answered within 5 working days",
        "Accurate information given",
        "Polite and helpful",
    }


def test_an_administrator_adds_a_standard_for_chosen_channels(staff, client_for):
    admin = client_for(staff[Role.ADMINISTRATOR])
    assert admin.get(reverse("admin:mysteryshopping_standard_changelist")).status_code == 200
    response = admin.post(
        reverse("admin:mysteryshopping_standard_add"),
        {
            "text": "Offered a call back",
            "code": "offered-call-back",
            "channels": ["phone", "webchat"],
            "weight": "2",
            "order": "70",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Standard.objects.get(code="offered-call-back").channels == ["phone", "webchat"]


def test_a_standard_needs_a_channel_and_a_weight_from_one_to_ten(staff, client_for):
    response = client_for(staff[Role.ADMINISTRATOR]).post(
        reverse("admin:mysteryshopping_standard_add"),
        {"text": "Smiled", "code": "smiled", "weight": "11", "order": "1"},
    )
    assert response.status_code == 200
    assert "Select at least one channel" in response.content.decode()
    assert not Standard.objects.filter(code="smiled").exists()


def test_checklist_versions_can_be_read_but_not_changed(staff, client_for):
    standards(("Polite and helpful", 2, None))
    schedule_shop()
    checklist = Checklist.objects.get()
    admin = client_for(staff[Role.ADMINISTRATOR])
    page = admin.get(reverse("admin:mysteryshopping_checklist_change", args=[checklist.pk])).content.decode()
    assert "Polite and helpful" in page
    assert admin.get(reverse("admin:mysteryshopping_checklist_add")).status_code == 403
    admin.post(reverse("admin:mysteryshopping_checklist_delete", args=[checklist.pk]), {"post": "yes"})
    assert Checklist.objects.filter(pk=checklist.pk).exists()


def test_a_standard_a_checklist_uses_cannot_be_deleted(staff, client_for):
    (polite,) = standards(("Polite and helpful", 2, None))
    schedule_shop()
    client_for(staff[Role.ADMINISTRATOR]).post(
        reverse("admin:mysteryshopping_standard_delete", args=[polite.pk]), {"post": "yes"}
    )
    assert Standard.objects.filter(pk=polite.pk).exists()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.COUNCILLOR])
def test_other_roles_do_not_reach_the_admin(staff, client_for, role):
    response = client_for(staff[role]).get(reverse("admin:mysteryshopping_standard_changelist"))
    assert response.status_code == 302
