"""Message templates are managed in the Django admin by administrators."""

import pytest
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.notifications.models import MessageTemplate
from tests.factories import CouncilServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff, client_for):
    return client_for(staff[Role.ADMINISTRATOR])


def test_administrators_see_the_default_templates(admin_client):
    response = admin_client.get(reverse("admin:notifications_messagetemplate_changelist"))
    assert response.status_code == 200
    assert "24 message templates" in response.content.decode()


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_other_roles_cannot_reach_the_templates(role, staff, client_for):
    response = client_for(staff[role]).get(reverse("admin:notifications_messagetemplate_changelist"))
    assert response.status_code == 302
    assert "/staff/admin/login/" in response.url


def test_administrators_add_a_services_own_wording(admin_client, client_service):
    bins = CouncilServiceFactory(name="Missed bin collection", client_service=client_service)
    data = {
        "event": "service_request.raised",
        "council_service": bins.pk,
        "channel": "text",
        "subject": "",
        "body": "Missed bin ((reference)): put it out by 7am on (( collection_day )).",
        "notify_template_id": "",
    }
    response = admin_client.post(reverse("admin:notifications_messagetemplate_add"), data)
    assert response.status_code == 302
    assert MessageTemplate.objects.get(council_service=bins).channel == "text"

    again = admin_client.post(reverse("admin:notifications_messagetemplate_add"), data)
    assert "This service already has a template for this event and channel." in again.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": "Dear ((first name))"}, "Placeholder names use letters, numbers and underscores only"),
        ({"subject": ""}, "Emails and letters need a subject; text messages have none."),
    ],
)
def test_the_admin_refuses_templates_that_cannot_be_sent(admin_client, changes, message):
    data = {"event": "survey.invited", "channel": "email", "subject": "Tell us", "body": "Hi ((name))"} | changes
    response = admin_client.post(reverse("admin:notifications_messagetemplate_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MessageTemplate.objects.filter(event="survey.invited").exists()
