"""A second factor for staff (issue 15, item 1): administrators and the head of service cannot reach any staff page,
the admin included, on a password alone; they set up an authenticator app at their first sign-in and get recovery
codes, each of which works once; wrong codes are throttled and audited; for other roles it is a choice, and once
chosen it is asked for."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib import admin as django_admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.demo.second_factor import demo_second_factors_load
from servicefirst.signin.services import second_factor_enrol_begin, second_factor_enrol_confirm
from tests.factories import PASSWORD, UserFactory
from tests.staff_pages import staff_pages

pytestmark = pytest.mark.django_db

REQUIRED = (Role.ADMINISTRATOR, Role.HEAD_OF_SERVICE)
# The steps of signing in themselves, which a half-signed-in person must be able to open.
SIGN_IN_STEPS = {"accounts:login", "accounts:logout", "signin:verify", "signin:enrol"}


def code_now(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def password_signed_in(user) -> Client:
    client = Client()
    assert client.post("/staff/sign-in/", {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = second_factor_enrol_begin(user=user)
    return second_factor_enrol_confirm(user=user, code=code_now(device), address="test", via="web")


def every_page() -> list[str]:
    """Every staff page the resolver knows, and every page of Django's admin it lists."""
    pages = ["/" + path for name, path in staff_pages().items() if name not in SIGN_IN_STEPS]
    admin_pages = ["/staff/admin/"] + [
        f"/staff/admin/{model._meta.app_label}/{model._meta.model_name}/{page}"
        for model in django_admin.site._registry
        for page in ("", "add/")
    ]
    return pages + admin_pages


@pytest.mark.parametrize("role", REQUIRED)
@pytest.mark.parametrize("has_app", [False, True], ids=["no app yet", "app set up"])
def test_a_required_role_reaches_no_staff_page_on_a_password_alone(role, has_app):
    user = UserFactory(role=role)
    if has_app:
        enrolled(user)
    client = password_signed_in(user)
    step = reverse("signin:verify" if has_app else "signin:enrol")
    # A GET even of pages that only take a POST: the second-factor step comes before any view.
    for path in every_page():
        response = client.get(path)
        assert response.status_code == 302, (path, response.status_code)
        assert response["Location"].startswith(f"{step}?next="), (path, response["Location"])


def test_first_sign_in_sets_up_an_app_then_shows_ten_recovery_codes_once():
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    client = password_signed_in(head)
    response = client.get(reverse("customers:search"))
    assert response["Location"] == f"{reverse('signin:enrol')}?next=%2Fstaff%2Fcustomers%2F"
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "Set up your authenticator app" in page
    device = TOTPDevice.objects.get(user=head, confirmed=False)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page  # for those who cannot scan

    wrong = client.post(response["Location"], {"code": "000000" if code_now(device) != "000000" else "111111"})
    assert "There is a problem" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        confirmed = client.post(response["Location"], {"code": code_now(device), "next": "/staff/customers/"})
    assert confirmed["Location"].startswith(reverse("signin:recovery_codes"))
    codes_page = client.get(confirmed["Location"]).content.decode()
    codes = head.staticdevice_set.get().token_set.values_list("token", flat=True)
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    assert client.get(reverse("signin:recovery_codes")).content.decode().count("<code>") == 0
    assert client.get(reverse("customers:search")).status_code == 200
    assert AuditEvent.objects.filter(actor=head, action="2fa_enrolled").count() == 1
    assert AuditEvent.objects.filter(actor=head, action="2fa_failed").count() == 1


def test_the_code_from_the_app_lets_the_head_in_and_wrong_codes_are_throttled_and_audited():
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        device, _ = enrolled(head)
        clock.shift(timedelta(seconds=60))
        client = password_signed_in(head)
        verify = reverse("signin:verify")
        wrong = "000001" if code_now(device) != "000001" else "000002"
        assert "The code is not right" in client.post(verify, {"code": wrong}).content.decode()
        # Even the right code, straight after a wrong one, waits its turn (django-otp doubles the wait each time).
        assert "Too many wrong codes. Wait 1 second" in client.post(verify, {"code": code_now(device)}).content.decode()
        clock.shift(timedelta(seconds=2))
        response = client.post(verify, {"code": code_now(device), "next": "/staff/customers/"})
        assert response["Location"] == "/staff/customers/"
        assert client.get("/staff/customers/").status_code == 200
    failures = AuditEvent.objects.filter(actor=head, action="2fa_failed")
    assert failures.count() == 2 and failures.filter(detail__contains="throttled").count() == 1
    assert AuditEvent.objects.filter(actor=head, action="signed_in", detail__contains="authenticator code").exists()


def test_a_recovery_code_works_once():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    _, codes = enrolled(admin)
    first = password_signed_in(admin)
    assert first.post(reverse("signin:verify"), {"code": codes[0].upper()})["Location"] == reverse("core:home")
    assert first.get("/staff/admin/").status_code == 200
    again = password_signed_in(admin)
    assert "not right" in again.post(reverse("signin:verify"), {"code": codes[0]}).content.decode()
    assert again.get("/staff/admin/")["Location"].startswith(reverse("signin:verify"))
    event = AuditEvent.objects.get(actor=admin, action="signed_in", detail__contains="recovery code")
    assert "9 left" in event.detail


def test_someone_with_only_the_password_cannot_put_their_own_app_in_place():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    enrolled(admin)
    client = password_signed_in(admin)
    assert client.get(reverse("signin:enrol"))["Location"].startswith(reverse("signin:verify"))
    assert client.post(reverse("signin:enrol"), {"code": "123456"})["Location"].startswith(reverse("signin:verify"))
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_a_second_factor_is_a_choice_for_an_officer_and_asked_for_once_chosen():
    officer = UserFactory(role=Role.OFFICER)
    client = password_signed_in(officer)
    assert client.get(reverse("customers:search")).status_code == 200
    assert "Not set up (optional for your role)" in client.get(reverse("signin:account")).content.decode()
    client.get(reverse("signin:enrol"))
    device = TOTPDevice.objects.get(user=officer)
    assert client.post(reverse("signin:enrol"), {"code": code_now(device)}).status_code == 302

    later = password_signed_in(officer)
    assert later.get(reverse("customers:search"))["Location"].startswith(reverse("signin:verify"))


def test_the_roles_that_must_use_one_are_configurable(settings):
    settings.STAFF_SECOND_FACTOR_ROLES = [Role.OFFICER.value]
    officer = UserFactory(role=Role.OFFICER)
    assert password_signed_in(officer).get(reverse("core:home"))["Location"].startswith(reverse("signin:enrol"))
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    assert password_signed_in(head).get(reverse("core:home")).status_code == 200


def test_after_the_code_it_goes_on_only_to_this_site():
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    device, _ = enrolled(head)
    client = password_signed_in(head)
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=False):
        response = client.post(reverse("signin:verify"), {"code": code_now(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


def test_an_administrator_resets_a_lost_second_factor_and_it_is_set_up_again():
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    enrolled(head)
    admin = UserFactory(username="the.admin", role=Role.ADMINISTRATOR)
    call_command("second_factor_reset", head.username, "--by", "the.admin")
    assert password_signed_in(head).get(reverse("core:home"))["Location"].startswith(reverse("signin:enrol"))
    assert AuditEvent.objects.filter(actor=admin, record_label=head.username, detail__contains="removed").exists()


def test_new_recovery_codes_replace_the_old_ones_once_verified(client_for):
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    _, old = enrolled(head)
    client = client_for(head)
    page = client.post(reverse("signin:recovery_codes"), follow=True).content.decode()
    new = list(head.staticdevice_set.get().token_set.values_list("token", flat=True))
    assert len(new) == 10 and all(code in page for code in new)
    assert not set(old) & set(new)


def test_the_demo_head_and_administrator_sign_in_with_the_published_demo_key():
    head = UserFactory(username="head", role=Role.HEAD_OF_SERVICE)
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    officer = UserFactory(username="officer", role=Role.OFFICER)
    assert demo_second_factors_load() == ["admin", "head"]
    client = password_signed_in(head)
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("signin:verify"))
    out = StringIO()
    call_command("demo_second_factor_code", stdout=out)
    assert client.post(reverse("signin:verify"), {"code": out.getvalue().strip()})["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_no_one_sets_another_persons_second_factor_in_the_admin():
    # Set up only by their owner, removed only by the audited command.
    assert not {TOTPDevice, StaticDevice} & set(django_admin.site._registry)


def test_a_recovery_code_that_happens_to_be_all_digits_is_still_a_recovery_code():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    enrolled(admin)
    StaticToken.objects.create(device=admin.staticdevice_set.get(), token="23456723")
    client = password_signed_in(admin)
    assert client.post(reverse("signin:verify"), {"code": "2345 6723"})["Location"] == reverse("core:home")
