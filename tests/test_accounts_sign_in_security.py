"""Staff sign-in is throttled (issue 15, item 1): failures are counted per account and, separately, per address;
reaching the limit locks that account or address out with a page that says until when, for the cool-off or until
an administrator unlocks it; the admin's sign-in is the same one; and every step is in the audit log."""

import gzip
from datetime import timedelta
from pathlib import Path

import django.contrib.auth
import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import SIGN_IN_USERNAME
from servicefirst.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/staff/sign-in/"
HERE, ELSEWHERE = "198.51.100.7", "203.0.113.9"


def attempt(username: str, password: str, address: str = HERE):
    return Client(REMOTE_ADDR=address).post(SIGN_IN, {"username": username, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("core:home")


@pytest.fixture
def officer():
    return UserFactory(username="a.officer", role=Role.OFFICER)


def test_the_limit_is_five_in_thirty_minutes():
    # The numbers docs/SECURITY.md gives; a change to them should change the guide too.
    assert (settings.AXES_FAILURE_LIMIT, settings.SIGN_IN_ADDRESS_FAILURE_LIMIT) == (5, 20)
    assert settings.AXES_COOLOFF_TIME / timedelta(minutes=1) == 30


def test_an_account_is_locked_after_five_failures_even_with_the_right_password_from_elsewhere(officer):
    for n in range(1, 5):
        response = attempt("a.officer", "wrong-password", address=f"192.0.2.{n}")
        assert response.status_code == 200, n
        assert "Enter a correct username and password" in response.content.decode()
    locked = attempt("a.officer", "wrong-password", address="192.0.2.5")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "You cannot sign in at the moment" in page
    assert "You can try again after" in page
    assert "ask an administrator to unlock your account" in page

    assert attempt("a.officer", PASSWORD, address=ELSEWHERE).status_code == 429
    # Another account from the same addresses is not held up by this one's lockout.
    UserFactory(username="b.officer")
    assert signed_in(attempt("b.officer", PASSWORD, address="192.0.2.5"))


def test_an_address_is_locked_after_twenty_failures_whichever_accounts_they_named(officer):
    # Four tries at each of five names: no account reaches its limit, the address does.
    for n in range(19):
        attempt(("nobody", "a.officer", "b.officer", "admin", "c.officer")[n % 5], "wrong-password")
    colleague = UserFactory(username="d.officer")
    assert attempt("e.officer", "wrong-password").status_code == 429
    assert attempt(colleague.username, PASSWORD).status_code == 429
    # The same account, from another address, signs in: the address was locked, not the account.
    assert signed_in(attempt(colleague.username, PASSWORD, address=ELSEWHERE))
    assert AuditEvent.objects.filter(action="locked_out", record_label="e.officer").exists()


def test_signing_in_between_guesses_does_not_clear_a_colleagues_failures(officer):
    UserFactory(username="insider")
    for _ in range(4):
        attempt("a.officer", "wrong-password")
    # Axes on its own would clear every failure from this address here, the colleague's included.
    assert signed_in(attempt("insider", PASSWORD))
    assert attempt("a.officer", "wrong-password").status_code == 429


def test_a_lockout_ends_after_thirty_minutes_and_refused_attempts_do_not_extend_it(officer):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            attempt("a.officer", "wrong-password")
        clock.shift(timedelta(minutes=20))
        assert attempt("a.officer", "wrong-password").status_code == 429
        clock.shift(timedelta(minutes=9))
        assert attempt("a.officer", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=1, seconds=1))
        assert signed_in(attempt("a.officer", PASSWORD))


def test_a_right_password_before_the_limit_clears_the_count(officer):
    for _ in range(4):
        attempt("a.officer", "wrong-password")
    assert signed_in(attempt("a.officer", PASSWORD))
    for _ in range(4):
        assert attempt("a.officer", "wrong-password").status_code == 200


def test_an_administrator_unlocks_an_account_and_the_unlock_is_audited(officer, client_for):
    for _ in range(5):
        attempt("a.officer", "wrong-password")
    admin = UserFactory(username="the.admin", role=Role.ADMINISTRATOR)
    client = client_for(admin)
    page = client.get(reverse("signin:lockouts")).content.decode()
    assert "Account a.officer" in page and f"Address {HERE}" not in page  # 5 failures lock an account, not an address

    response = client.post(reverse("signin:unlock"), {"kind": "username", "value": "a.officer"}, follow=True)
    assert "Account a.officer unlocked" in response.content.decode()
    # Every failure here named this account, so unlocking it frees the address too.
    assert signed_in(attempt("a.officer", PASSWORD, address=HERE))
    event = AuditEvent.objects.get(action="unlocked")
    assert (event.actor, event.record_label, event.via) == (admin, "a.officer", "web")


def test_only_administrators_may_unlock(officer, client_for):
    for _ in range(5):
        attempt("a.officer", "wrong-password")
    manager = client_for(UserFactory(role=Role.HEAD_OF_SERVICE))
    assert manager.post(reverse("signin:unlock"), {"kind": "username", "value": "a.officer"}).status_code == 403
    assert attempt("a.officer", PASSWORD, address=ELSEWHERE).status_code == 429


def test_the_unlock_command_unlocks_an_address_or_an_account_and_names_the_administrator(officer):
    admin = UserFactory(username="the.admin", role=Role.ADMINISTRATOR)
    for n in range(20):
        attempt(f"nobody{n}", "wrong-password", address=HERE)
    assert attempt("a.officer", PASSWORD, address=HERE).status_code == 429
    call_command("sign_in_unlock", "--address", HERE, "--by", "the.admin")
    assert signed_in(attempt("a.officer", PASSWORD, address=HERE))

    for n in range(5):
        attempt("a.officer", "wrong-password", address=f"192.0.2.{n}")
    assert attempt("a.officer", PASSWORD, address=HERE).status_code == 429
    call_command("sign_in_unlock", "--account", "a.officer", "--by", "the.admin")
    assert signed_in(attempt("a.officer", PASSWORD, address=HERE))
    assert AuditEvent.objects.filter(action="unlocked", actor=admin, via="command").count() == 2


def test_the_unlock_command_must_name_an_administrator(officer):
    with pytest.raises(CommandError, match="active administrator"):
        call_command("sign_in_unlock", "--account", "a.officer", "--by", "a.officer")


def test_the_admin_sign_in_is_the_staff_sign_in():
    admin = UserFactory(username="the.admin", role=Role.ADMINISTRATOR)
    client = Client()
    response = client.get("/staff/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == f"{SIGN_IN}?next=/staff/admin/"
    # The admin's own form cannot be posted to: a post is sent on to the staff sign-in without signing in.
    posted = client.post("/staff/admin/login/", {"username": admin.username, "password": PASSWORD})
    assert posted["Location"].startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_is_locked_with_the_rest():
    UserFactory(username="the.admin", role=Role.ADMINISTRATOR)
    for _ in range(5):
        Client(REMOTE_ADDR=HERE).post(
            f"{SIGN_IN}?next=/staff/admin/", {"username": "the.admin", "password": "wrong-password"}
        )
    response = Client(REMOTE_ADDR=ELSEWHERE).post(
        f"{SIGN_IN}?next=/staff/admin/", {"username": "the.admin", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_every_sign_in_failure_lockout_and_sign_out_is_audited_with_the_address(officer):
    client = Client(REMOTE_ADDR=HERE)
    assert signed_in(client.post(SIGN_IN, {"username": "a.officer", "password": PASSWORD}))
    client.post(reverse("accounts:logout"))
    for _ in range(5):
        attempt("a.officer", "wrong-password")
    attempt("a.officer", "wrong-password")

    events = list(AuditEvent.objects.filter(record_type="user").order_by("id"))
    assert [e.action for e in events] == ["signed_in", "signed_out"] + ["sign_in_failed"] * 5 + [
        "locked_out",
        "sign_in_failed",
    ]
    assert all(e.actor == officer and HERE in e.detail for e in events)
    assert "failure 1 of 5 for the account, 1 of 20 for the address" in events[2].detail
    assert "refused while locked out" in events[-1].detail


def test_a_failure_naming_no_account_is_recorded_against_the_sign_in_user_with_the_name_typed():
    attempt("no.such.person", "wrong-password")
    event = AuditEvent.objects.get(action="sign_in_failed")
    assert event.actor.username == SIGN_IN_USERNAME
    assert event.record_label == "no.such.person"
    assert HERE in event.detail and "no such account" in event.detail
    # The user the failures are recorded against cannot itself be signed in to.
    assert not event.actor.has_usable_password()


def test_the_address_behind_the_proxy_is_the_one_it_saw_not_one_the_client_wrote(officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote the first entry itself; the proxy appended the address it was reached from.
    for n in range(20):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {HERE}").post(
            SIGN_IN, {"username": f"nobody{n}", "password": "wrong-password"}
        )
    assert AuditEvent.objects.filter(action="sign_in_failed", detail__contains=f"from {HERE}").count() == 20
    blocked = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.99, {HERE}")
    assert blocked.post(SIGN_IN, {"username": "a.officer", "password": PASSWORD}).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert signed_in(other.post(SIGN_IN, {"username": "a.officer", "password": PASSWORD}))


def _breached_passwords() -> set[str]:
    path = Path(django.contrib.auth.__file__).parent / "common-passwords.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {line.strip() for line in f}


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("eleven-char", "at least 12 characters"),
        (sorted(p for p in _breached_passwords() if len(p) >= 12)[0], "too common"),
        # Long passphrases of plain words are welcome: no maximum below 64 and no rules on kinds of character.
        ("correct horse battery staple " * 2 + "and a few more words", None),
        ("all lower case words only", None),
    ],
)
def test_passwords_follow_ncsc_length_and_a_breached_list_without_composition_rules(
    password, refused, officer, client_for
):
    client = client_for(officer)
    response = client.post(
        reverse("signin:password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
        follow=True,
    )
    page = response.content.decode()
    officer.refresh_from_db()
    if refused:
        assert "There is a problem" in page and refused in page
        assert officer.check_password(PASSWORD)
    else:
        assert "Your password has been changed" in page
        assert officer.check_password(password)
        assert AuditEvent.objects.filter(actor=officer, action="updated", detail__contains="password changed").exists()
        # Changing the password keeps this session signed in.
        assert client.get(reverse("core:home")).status_code == 200


def test_administrators_find_the_lockouts_page_in_their_menu(client_for):
    admin_home = client_for(UserFactory(role=Role.ADMINISTRATOR)).get(reverse("core:home")).content.decode()
    assert reverse("signin:lockouts") in admin_home
    head_home = client_for(UserFactory(role=Role.HEAD_OF_SERVICE)).get(reverse("core:home")).content.decode()
    assert reverse("signin:lockouts") not in head_home


def test_an_address_that_is_not_one_is_not_used(officer, settings):
    # Without the proxy in front that the setting expects, the header is the client's own: junk is never stored.
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR=HERE, HTTP_X_FORWARDED_FOR="not-an-address\x00")
    assert client.post(SIGN_IN, {"username": "a.officer", "password": "wrong-password"}).status_code == 200
    assert HERE in AuditEvent.objects.get(action="sign_in_failed").detail
