"""The optional account: an emailed sign-in link that works once and expires, and a list of only that email's
requests and complaints. Asking for a link never says whether an address is known."""

import re
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from servicefirst.accounts.roles import Role
from servicefirst.portal.models import SignInLinkUse
from servicefirst.portal.services_residents import SIGN_IN_SALT, sign_in_link_send
from tests.factories import UserFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_servicerequests import make_service_request

pytestmark = pytest.mark.django_db
TASK = "servicefirst.portal.tasks.resident_sign_in_send"

LINK = re.compile(r"http://testserver(/account/sign-in/[^/\s]+/)")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """The link is sent by a background task; here it runs at once, as a worker would."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def records(db):
    officer = UserFactory(role=Role.OFFICER)
    mary = make_customer(officer, email="mary@example.com", last_name="Jones")
    other = make_customer(officer, email="other@example.com", last_name="Other")
    return {
        "mine": make_service_request(actor=officer, customer=mary.pk),
        "my_complaint": make_complaint(actor=officer, customer=mary),
        "theirs": make_service_request(actor=officer, customer=other.pk),
    }


def ask_for_link(client: Client, email: str):
    return client.post(reverse("portal:account_sign_in"), {"email": email, "website": ""})


def link_from(mail) -> str:
    return LINK.search(mail.body).group(1)


def test_a_known_and_an_unknown_address_get_the_same_answer(records, mailoutbox):
    known = ask_for_link(Client(), "Mary@Example.com")
    unknown = ask_for_link(Client(), "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("portal:account_sign_in_sent")
    page = Client().get(known.url).content.decode()
    assert "If that address has requests with us, we have sent a link" in page
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["mary@example.com"]


def test_asking_for_a_link_queues_the_same_work_for_a_known_and_an_unknown_address(records, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ask_for_link(Client(), "Mary@Example.com")
    ask_for_link(Client(), "nobody@example.com")
    # Nothing is looked up or sent in the request: each asks the worker, and only the worker knows who is known.
    assert mailoutbox == []
    queued = list(DBTaskResult.objects.order_by("enqueued_at").values_list("task_path", "args_kwargs"))
    assert queued == [
        (TASK, {"args": [], "kwargs": {"email": "Mary@Example.com", "site": "http://testserver/"}}),
        (TASK, {"args": [], "kwargs": {"email": "nobody@example.com", "site": "http://testserver/"}}),
    ]
    assert [sign_in_link_send(**kwargs["kwargs"]) for _, kwargs in queued] == [True, False]
    assert [mail.to for mail in mailoutbox] == [["mary@example.com"]]


def test_the_link_signs_in_once_and_lists_only_that_emails_records(records, mailoutbox):
    ask_for_link(Client(), "mary@example.com")
    link = link_from(mailoutbox[0])
    client = Client()
    assert client.get(link).status_code == 200
    assert SignInLinkUse.objects.count() == 0
    assert client.post(link).url == reverse("portal:account")
    page = client.get(reverse("portal:account")).content.decode()
    assert records["mine"].reference in page
    assert records["my_complaint"].reference in page
    assert records["theirs"].reference not in page
    detail = client.get(reverse("portal:account_record", args=[records["mine"].reference]))
    assert detail.status_code == 200 and "What happens next" in detail.content.decode()
    assert client.get(reverse("portal:account_record", args=[records["theirs"].reference])).status_code == 404

    again = Client().post(link)
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    assert "already been used" in Client().get(link).content.decode()


def _link_signed_minutes_ago(minutes: int, nonce: str) -> str:
    class SignedEarlier(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - minutes * 60)

    token = SignedEarlier(salt=SIGN_IN_SALT).sign_object({"e": "mary@example.com", "n": nonce})
    return reverse("portal:account_sign_in_link", args=[token])


def test_a_link_expires_after_30_minutes(records):
    response = Client().post(_link_signed_minutes_ago(31, "late"))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert SignInLinkUse.objects.count() == 0
    assert Client().post(_link_signed_minutes_ago(29, "in-time")).url == reverse("portal:account")


def test_an_altered_link_does_not_work(records, mailoutbox):
    ask_for_link(Client(), "mary@example.com")
    link = link_from(mailoutbox[0])
    response = Client().post(link[:-3] + "xx/")
    assert response.status_code == 410
    assert "This link does not work" in response.content.decode()


def test_a_different_email_sees_nothing_of_marys(records, mailoutbox):
    ask_for_link(Client(), "other@example.com")
    client = Client()
    client.post(link_from(mailoutbox[0]))
    page = client.get(reverse("portal:account")).content.decode()
    assert records["theirs"].reference in page
    assert records["mine"].reference not in page
    assert records["my_complaint"].reference not in page


def test_without_signing_in_the_account_sends_you_to_sign_in(records):
    assert Client().get(reverse("portal:account")).url == reverse("portal:account_sign_in")
    assert Client().get(reverse("portal:account_record", args=[records["mine"].reference])).url == reverse(
        "portal:account_sign_in"
    )


def test_signing_out_forgets_the_resident(records, mailoutbox):
    ask_for_link(Client(), "mary@example.com")
    client = Client()
    client.post(link_from(mailoutbox[0]))
    client.post(reverse("portal:account_sign_out"))
    assert client.get(reverse("portal:account")).url == reverse("portal:account_sign_in")


def test_signing_in_is_not_a_staff_sign_in(records, mailoutbox):
    ask_for_link(Client(), "mary@example.com")
    client = Client()
    client.post(link_from(mailoutbox[0]))
    assert client.get("/staff/").status_code == 302


def test_honeypot_and_rate_limit_on_asking_for_links(records, mailoutbox):
    response = Client().post(reverse("portal:account_sign_in"), {"email": "mary@example.com", "website": "spam"})
    assert response.status_code == 200
    assert len(mailoutbox) == 0
    cache.clear()
    client = Client()
    for _ in range(5):
        ask_for_link(client, "mary@example.com")
    assert ask_for_link(client, "mary@example.com").status_code == 429
    assert len(mailoutbox) == 5


def test_an_invalid_email_is_a_field_error_that_keeps_the_value():
    page = (
        Client().post(reverse("portal:account_sign_in"), {"email": "mary-at-example", "website": ""}).content.decode()
    )
    assert "Enter an email address in the correct format" in page
    assert 'value="mary-at-example"' in page
