"""The outbox pages under /staff/notifications/, the "Messages" navigation entry and the timeline entries."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.core.registry import navigation_items
from servicefirst.notifications.services import message_create_for_event, message_open
from tests.factories import CouncilServiceFactory, make_customer

pytestmark = pytest.mark.django_db

MAY_READ = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(name="Missed bin collection", client_service=client_service)


@pytest.fixture
def make_message(django_capture_on_commit_callbacks, bins):
    def make(customer, *, reference="SR-2026-000123", service=bins, personalisation=None):
        with django_capture_on_commit_callbacks(execute=True):
            message = message_create_for_event(
                event="service_request.raised",
                customer_id=customer.pk,
                council_service_id=service.pk,
                reference=reference,
                personalisation={"due_date": "4 December 2026"} if personalisation is None else personalisation,
            )
        message.refresh_from_db()
        return message

    return make


@pytest.fixture
def john(staff):
    return make_customer(
        staff[Role.OFFICER], email="john@example.com", mobile_phone="07911123456", preferred_channel="email"
    )


@pytest.fixture
def ann(staff):
    return make_customer(staff[Role.OFFICER], first_name="Ann", last_name="Lee", mobile_phone="07911123457")


def test_anonymous_users_are_sent_to_sign_in(client, john, make_message):
    message = make_message(john)
    for url in (reverse("notifications:outbox"), reverse("notifications:message", args=[message.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(Role))
def test_only_managers_and_administrators_read_the_outbox(role, staff, client_for, john, make_message):
    message = make_message(john)
    client = client_for(staff[role])
    expected = 200 if role in MAY_READ else 403
    assert client.get(reverse("notifications:outbox")).status_code == expected
    assert client.get(reverse("notifications:message", args=[message.pk])).status_code == expected


@pytest.mark.parametrize("role", list(Role))
def test_messages_appear_in_the_navigation_only_for_those_who_may_read_them(role, staff, client_for):
    assert any(item.label == "Messages" and item.order == 70 for item in navigation_items())
    content = client_for(staff[role]).get(reverse("core:home")).content.decode()
    assert (f'href="{reverse("notifications:outbox")}"' in content) == (role in MAY_READ)


def test_outbox_lists_messages_newest_first_and_filters_them(staff, client_for, john, ann, make_message):
    first = make_message(john, reference="SR-2026-000001")
    failed = make_message(john, reference="SR-2026-000002", personalisation={})
    texted = make_message(ann, reference="SR-2026-000003")
    client = client_for(staff[Role.TEAM_MANAGER])
    url = reverse("notifications:outbox")

    def listed(query=""):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        return [m.pk for m in response.context["page"]]

    assert listed() == [texted.pk, failed.pk, first.pk]
    assert listed("status=failed") == [failed.pk]
    assert listed("status=stored&channel=text") == [texted.pk]
    assert listed(f"customer={john.reference}") == [failed.pk, first.pk]
    assert listed(f"customer={ann.reference.lower()}") == [texted.pk]
    assert listed(f"customer={ann.pk}") == [texted.pk]
    content = client.get(url).content.decode()
    assert "We have received your request: SR-2026-000001" in content
    assert "Not sent" in content


def test_a_mistyped_filter_is_reported_and_the_rest_still_apply(staff, client_for, john, make_message):
    make_message(john)
    response = client_for(staff[Role.TEAM_MANAGER]).get(
        reverse("notifications:outbox") + "?customer=Smith&status=stored&channel=pigeon"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a customer reference like C-000123" in content
    assert "Select email, text message or letter" in content
    assert 'value="Smith"' in content
    assert len(response.context["page"]) == 1


def test_message_page_shows_the_rendered_message_and_records_the_view(staff, client_for, john, make_message):
    message = make_message(john)
    manager = staff[Role.HEAD_OF_SERVICE]
    response = client_for(manager).get(reverse("notifications:message", args=[message.pk]))
    content = response.content.decode()
    assert "We have received your request: SR-2026-000123" in content
    assert "<p>Dear John Smith</p>" in content
    assert "We aim to deal with it by 4 December 2026." in content
    assert "john@example.com" in content
    assert "Stored in the outbox" in content
    assert reverse("customers:detail", args=[john.pk]) in content
    event = AuditEvent.objects.get(record_type="message")
    assert (event.actor, event.action, event.record_id) == (manager, "viewed", str(message.pk))
    assert event.record_label == john.reference


def test_message_page_says_why_a_message_was_not_sent(staff, client_for, john, make_message):
    message = make_message(john, personalisation={})
    content = client_for(staff[Role.ADMINISTRATOR]).get(reverse("notifications:message", args=[message.pk]))
    assert "This message was not sent: Missing personalisation: due_date" in content.content.decode()


def test_message_page_shows_why_another_channel_was_used(staff, client_for, make_message):
    customer = make_customer(staff[Role.OFFICER], mobile_phone="07911123456", preferred_channel="phone")
    message = make_message(customer)
    content = client_for(staff[Role.TEAM_MANAGER]).get(reverse("notifications:message", args=[message.pk]))
    assert "Prefers phone, which cannot carry a written message, so this goes by text message" in (
        content.content.decode()
    )


def test_an_unknown_message_is_not_found(staff, client_for):
    assert client_for(staff[Role.TEAM_MANAGER]).get(reverse("notifications:message", args=[999])).status_code == 404


def test_the_single_view_shows_each_message(staff, client_for, john, make_message):
    make_message(john)
    make_message(john, reference="SR-2026-000124", personalisation={})
    content = client_for(staff[Role.OFFICER]).get(reverse("customers:detail", args=[john.pk])).content.decode()
    assert "Email kept in the outbox: We have received your request: SR-2026-000123" in content
    assert "To john@example.com" in content
    assert "Email not sent: Message about SR-2026-000124" in content
    assert "Missing personalisation: due_date" in content


def test_client_service_officers_see_only_their_services_messages(
    staff, client_for, john, make_message, other_client_service
):
    make_message(john, reference="SR-2026-000001")
    make_message(john, reference="SR-2026-000002", service=CouncilServiceFactory(client_service=other_client_service))
    response = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(reverse("customers:detail", args=[john.pk]))
    assert response.status_code == 200
    titles = [entry.title for entry in response.context["timeline"]]
    assert any("SR-2026-000001" in title for title in titles)
    assert not any("SR-2026-000002" in title for title in titles)


def test_client_service_officers_of_other_services_cannot_open_the_customer(
    staff, client_for, john, make_message, other_client_service
):
    make_message(john, service=CouncilServiceFactory(client_service=other_client_service))
    response = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(reverse("customers:detail", args=[john.pk]))
    assert response.status_code in {403, 404}


@pytest.mark.parametrize("role", list(Role))
def test_opening_a_message_is_refused_without_the_need_and_audited_with_it(role, staff, john, make_message):
    message = make_message(john)
    if role in MAY_READ:
        assert message_open(viewer=staff[role], message_id=message.pk) == message
        assert AuditEvent.objects.filter(action="viewed", record_type="message", actor=staff[role]).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            message_open(viewer=staff[role], message_id=message.pk)
        assert not AuditEvent.objects.filter(action="viewed", record_type="message").exists()
