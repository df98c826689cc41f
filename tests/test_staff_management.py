"""The administrators' Staff pages (issue 22): adding staff who set their own password from a link, changing roles,
deactivating, resetting passwords and second factors, unlocking, and API tokens; each change audited, and always an
administrator left."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import ALL_SCOPES
from servicefirst.accounts.services import api_token_create
from servicefirst.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "lantern orchard pebble"
STAFF_PAGES_GET = ("staff:list", "staff:add")


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def admin_client(staff, client_for):
    return client_for(staff[Role.ADMINISTRATOR])


def _link_in(message) -> str:
    return re.search(r"http://testserver(/staff/set-password/\S+/)", message.body)[1]


def _last_event(**filters) -> AuditEvent:
    return AuditEvent.objects.filter(**filters).order_by("-pk").first()


def _sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def test_an_administrator_adds_a_member_of_staff_who_sets_their_own_password(
    staff, admin_client, client_service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("staff:add"),
            {
                "first_name": "Amara",
                "last_name": "Okafor",
                "email": "a.okafor@council.example",
                "username": "a.okafor",
                "role": Role.CLIENT_SERVICE_OFFICER,
                "client_service": client_service.pk,
            },
        )
    member = User.objects.get(username="a.okafor")
    assert response.status_code == 302 and response.url == reverse("staff:member", args=[member.pk])
    assert (member.role, member.client_service, member.has_usable_password()) == (
        Role.CLIENT_SERVICE_OFFICER,
        client_service,
        False,
    )
    event = _last_event(record_type="user", record_id=str(member.pk))
    assert (event.action, event.actor) == ("created", staff[Role.ADMINISTRATOR])
    assert "Client service officer" in event.detail

    [message] = mail.outbox
    assert message.to == ["a.okafor@council.example"]
    link = _link_in(message)
    # Django moves the token out of the address into the session before showing the form.
    form_page = Client()
    form_url = form_page.get(link).url
    page = form_page.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert page.status_code == 302 and page.url == reverse("accounts:login")
    assert _last_event(record_id=str(member.pk)).detail == "password set through a link"
    _sign_in("a.okafor", NEW_PASSWORD)
    # The link worked once.
    assert "This link does not work" in Client().get(link, follow=True).content.decode()


def test_adding_keeps_what_was_typed_and_names_the_field(admin_client):
    response = admin_client.post(
        reverse("staff:add"),
        {"first_name": "Ben", "last_name": "Ahmed", "email": "b.ahmed@council.example", "username": "officer"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'value="b.ahmed@council.example"' in page
    assert 'href="#id_role_0"' in page

    response = admin_client.post(
        reverse("staff:add"),
        {
            "first_name": "Ben",
            "last_name": "Ahmed",
            "email": "b.ahmed@council.example",
            "username": "Officer",
            "role": Role.CLIENT_SERVICE_OFFICER,
        },
    )
    page = response.content.decode()
    assert "Someone already has that username" in page
    assert "Choose the client service this client service officer works for" in page
    assert not User.objects.filter(username="Officer").exists()


def test_an_administrator_changes_a_role_and_it_is_audited_old_to_new(staff, admin_client):
    officer = staff[Role.OFFICER]
    response = admin_client.post(
        reverse("staff:role", args=[officer.pk]), {"role": Role.TEAM_MANAGER, "role_seen": Role.OFFICER}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.role == Role.TEAM_MANAGER
    event = _last_event(record_type="user", record_id=str(officer.pk))
    assert (event.action, event.actor, event.detail) == (
        "updated",
        staff[Role.ADMINISTRATOR],
        "role Customer service officer → Team manager",
    )


def test_a_role_changed_by_someone_else_meanwhile_is_not_overwritten(staff, admin_client):
    officer = staff[Role.OFFICER]
    officer.role = Role.COMPLAINTS_OFFICER
    officer.save()
    response = admin_client.post(
        reverse("staff:role", args=[officer.pk]), {"role": Role.TEAM_MANAGER, "role_seen": Role.OFFICER}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed this person&#x27;s role to Complaints officer meanwhile" in page
    officer.refresh_from_db()
    assert officer.role == Role.COMPLAINTS_OFFICER
    # The role now held is the one seen, so sending the form again is a deliberate choice.
    assert f'name="role_seen" value="{Role.COMPLAINTS_OFFICER}"' in page


def test_the_last_administrator_cannot_demote_or_deactivate_themselves(staff, admin_client):
    administrator = staff[Role.ADMINISTRATOR]
    before = AuditEvent.objects.count()
    response = admin_client.post(
        reverse("staff:role", args=[administrator.pk]), {"role": Role.OFFICER, "role_seen": Role.ADMINISTRATOR}
    )
    assert "is the only administrator" in response.content.decode()
    response = admin_client.post(reverse("staff:active", args=[administrator.pk]), {"active": "no"}, follow=True)
    assert "is the only administrator" in response.content.decode()
    administrator.refresh_from_db()
    assert (administrator.role, administrator.is_active) == (Role.ADMINISTRATOR, True)
    assert not AuditEvent.objects.filter(pk__gt=before, record_type="user", action="updated").exists()


def test_an_administrator_may_step_down_when_another_remains(staff, admin_client):
    administrator = staff[Role.ADMINISTRATOR]
    UserFactory(role=Role.ADMINISTRATOR)
    response = admin_client.post(
        reverse("staff:role", args=[administrator.pk]), {"role": Role.OFFICER, "role_seen": Role.ADMINISTRATOR}
    )
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.role == Role.OFFICER
    # Their next page already follows the new role.
    assert admin_client.get(reverse("staff:list")).status_code == 403


def test_an_administrator_issues_a_token_shown_once_and_revokes_it_so_the_api_refuses_it(staff, admin_client):
    officer = staff[Role.OFFICER]
    response = admin_client.post(
        reverse("staff:token_new", args=[officer.pk]),
        {"name": "Telephony integration", "scopes": ["customers:read"], "days": "30"},
        follow=True,
    )
    page = response.content.decode()
    key = re.search(r"<code>([^<]+)</code>", page)[1]
    assert response["Cache-Control"] == "no-store"
    assert key not in admin_client.get(reverse("staff:member", args=[officer.pk])).content.decode()
    token = officer.api_tokens.get()
    assert _last_event(record_type="api_token").detail.startswith("for officer: customers:read")

    api = Client(headers={"Authorization": f"Bearer {key}"})
    assert api.get("/api/customers", {"q": "smith"}).status_code == 200
    response = admin_client.post(reverse("staff:token_revoke", args=[officer.pk, token.pk]))
    assert response.status_code == 302
    assert api.get("/api/customers", {"q": "smith"}).status_code == 401
    event = _last_event(record_type="api_token", record_id=str(token.pk))
    assert (event.action, event.actor, event.detail) == (
        "updated",
        staff[Role.ADMINISTRATOR],
        "revoked; it belonged to officer",
    )


def test_a_token_issued_with_bad_input_names_the_field_and_keeps_what_was_typed(staff, admin_client):
    officer = staff[Role.OFFICER]
    response = admin_client.post(
        reverse("staff:token_new", args=[officer.pk]), {"name": "Telephony", "scopes": [], "days": "400"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one thing the token may do" in page
    assert 'value="Telephony"' in page
    assert not officer.api_tokens.exists()


def test_deactivating_signs_the_person_out_and_stops_their_tokens(staff, admin_client, client_for):
    officer = staff[Role.OFFICER]
    their_client = client_for(officer)
    _, key = api_token_create(user=officer, name="test", scopes=ALL_SCOPES)
    api = Client(headers={"Authorization": f"Bearer {key}"})
    assert api.get("/api/customers", {"q": "smith"}).status_code == 200
    admin_client.post(reverse("staff:active", args=[officer.pk]), {"active": "no"})
    assert their_client.get(reverse("core:home")).status_code == 302
    assert api.get("/api/customers", {"q": "smith"}).status_code == 401
    assert _last_event(record_id=str(officer.pk)).detail.startswith("deactivated")
    admin_client.post(reverse("staff:active", args=[officer.pk]), {"active": "yes"})
    officer.refresh_from_db()
    assert officer.is_active
    assert _last_event(record_id=str(officer.pk)).detail == "reactivated"


def test_resetting_a_password_signs_the_person_out_and_emails_a_link(
    staff, admin_client, django_capture_on_commit_callbacks
):
    officer = staff[Role.OFFICER]
    their_client = _sign_in("officer", PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("staff:password_reset", args=[officer.pk]))
    assert their_client.get(reverse("core:home")).status_code == 302
    officer.refresh_from_db()
    assert not officer.has_usable_password()
    [message] = mail.outbox
    assert message.to == [officer.email]
    assert _last_event(record_id=str(officer.pk)).detail.startswith("password reset: signed out")
    form_page = Client()
    form_url = form_page.get(_link_in(message)).url
    form_page.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    _sign_in("officer", NEW_PASSWORD)


def test_an_administrator_unlocks_an_account_and_resets_an_authenticator_app(staff, admin_client, settings):
    officer = staff[Role.OFFICER]
    AccessAttempt.objects.create(
        username="officer",
        ip_address="192.0.2.7",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)
    page = admin_client.get(reverse("staff:member", args=[officer.pk])).content.decode()
    assert "Locked out after too many wrong passwords" in page
    admin_client.post(reverse("staff:unlock", args=[officer.pk]))
    assert not AccessAttempt.objects.filter(username="officer").exists()
    assert _last_event(action="unlocked").actor == staff[Role.ADMINISTRATOR]
    admin_client.post(reverse("staff:second_factor_reset", args=[officer.pk]))
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert _last_event(record_id=str(officer.pk)).detail.startswith("second factor removed")


def test_the_staff_list_shows_role_sign_in_and_status(staff, admin_client):
    page = admin_client.get(reverse("staff:list")).content.decode()
    for role in Role:
        assert staff[role].display_name in page
    assert "portal" not in re.findall(r"<td class=\"govuk-table__cell\">([^<]*)</td>", page)


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_other_roles_are_refused_every_change(role, staff, client_for):
    client = client_for(staff[role])
    officer = staff[Role.OFFICER]
    token, _ = api_token_create(user=officer, name="test", scopes=["customers:read"])
    for name in STAFF_PAGES_GET:
        assert client.get(reverse(name)).status_code == 403
    posts = {
        reverse("staff:role", args=[officer.pk]): {"role": Role.ADMINISTRATOR, "role_seen": officer.role},
        reverse("staff:active", args=[officer.pk]): {"active": "no"},
        reverse("staff:password_reset", args=[officer.pk]): {},
        reverse("staff:token_new", args=[officer.pk]): {"name": "x", "scopes": ["customers:read"], "days": "1"},
        reverse("staff:token_revoke", args=[officer.pk, token.pk]): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    officer.refresh_from_db()
    token.refresh_from_db()
    assert (officer.role, officer.is_active, token.revoked_at) == (Role.OFFICER, True, None)


def test_a_superuser_may_manage_staff_whatever_their_role(client_for):
    superuser = UserFactory(role=Role.OFFICER, is_superuser=True)
    assert client_for(superuser).get(reverse("staff:list")).status_code == 200
