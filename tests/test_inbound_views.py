import os

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.core.registry import navigation_items
from servicefirst.inbound.models import InboundEmail, InboundStatus, Mailbox
from servicefirst.inbound.services import mailbox_poll
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_inbound import PDF_BYTES, deliver, email_mailbox, email_message


@pytest.fixture
def unmatched(db, tmp_path, settings):
    settings.INBOUND_STORAGE_DIR = tmp_path / "private"
    box, maildir = email_mailbox(tmp_path, services=[CouncilServiceFactory()])
    html = "<p>Please <b>help</b></p><p>I typed &lt;script&gt;alert(1)&lt;/script&gt; by mistake</p>"
    deliver(
        maildir,
        email_message(
            sender="stranger@example.net",
            subject="Help <i>now</i>",
            text=None,
            html=html,
            attachments=(("letter.pdf", PDF_BYTES, "application/pdf"),),
        ),
    )
    mailbox_poll(mailbox_id=box.pk)
    return InboundEmail.objects.get()


def test_emails_to_match_are_listed_for_front_office_only(unmatched, staff, client_for):
    page = client_for(staff[Role.OFFICER]).get("/staff/inbound/")
    assert page.status_code == 200 and b"stranger@example.net" in page.content

    assert client_for(staff[Role.COUNCILLOR]).get("/staff/inbound/").status_code == 403
    assert client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get("/staff/inbound/").status_code == 403
    item = next(i for i in navigation_items() if i.url_name == "inbound:to_match")
    assert item.capability == "contact.log"


def test_detail_shows_the_text_escaped_links_attachments_and_is_audited(unmatched, staff, client_for):
    page = client_for(staff[Role.OFFICER]).get(f"/staff/inbound/{unmatched.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "I typed &lt;script&gt;alert(1)&lt;/script&gt; by mistake" in html
    assert "<script>alert(1)" not in html and "<i>now</i>" not in html and "<b>help</b>" not in html
    attachment = unmatched.attachments.get()
    assert f'href="/staff/inbound/attachments/{attachment.pk}/"' in html
    assert AuditEvent.objects.filter(record_type="inbound_email", record_id=str(unmatched.pk), action="viewed").exists()


def test_officer_finds_and_matches_the_customer_on_the_page(unmatched, staff, client_for):
    customer = make_customer(first_name="Stanley", last_name="Ranger")
    officer = client_for(staff[Role.OFFICER])

    search = officer.get(f"/staff/inbound/{unmatched.pk}/", {"q": "Stanley Ranger"})
    assert customer.display_name in search.content.decode()
    missing = officer.post(f"/staff/inbound/{unmatched.pk}/", {"q": "Stanley Ranger"})
    assert missing.status_code == 200 and "Select the customer who sent the email" in missing.content.decode()
    assert 'class="govuk-error-summary"' in missing.content.decode()

    done = officer.post(f"/staff/inbound/{unmatched.pk}/", {"q": "Stanley Ranger", "customer_id": customer.pk})

    assert done.status_code == 302
    unmatched.refresh_from_db()
    assert unmatched.status == InboundStatus.MATCHED and unmatched.contact.customer == customer
    assert not officer.get("/staff/inbound/").context["emails"]


def test_a_customer_not_in_the_search_results_cannot_be_posted(unmatched, staff, client_for):
    searched = make_customer(first_name="Stanley", last_name="Ranger")
    other = make_customer(first_name="Olive", last_name="Other")

    page = client_for(staff[Role.OFFICER]).post(
        f"/staff/inbound/{unmatched.pk}/", {"q": "Stanley Ranger", "customer_id": other.pk}
    )

    assert page.status_code == 200 and searched.pk != other.pk
    unmatched.refresh_from_db()
    assert unmatched.status == InboundStatus.TO_MATCH


@pytest.mark.skipif(
    not os.environ.get("INBOUND_TEST_IMAP_HOST"),
    reason="No IMAP server here: set INBOUND_TEST_IMAP_HOST, _PORT, _USER and INBOUND_TEST_IMAP_PASSWORD "
    "to run mailbox_poll against a real IMAP over TLS mailbox (its INBOX receives one test message)",
)
def test_imap_mailbox_is_read_over_tls(db, settings, tmp_path):
    import imaplib
    import ssl
    import time

    settings.INBOUND_STORAGE_DIR = tmp_path / "private"
    host, port = os.environ["INBOUND_TEST_IMAP_HOST"], int(os.environ.get("INBOUND_TEST_IMAP_PORT", "993"))
    user, password = os.environ["INBOUND_TEST_IMAP_USER"], os.environ["INBOUND_TEST_IMAP_PASSWORD"]
    message = email_message(sender="imap-test@example.net")
    with imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context()) as imap:
        imap.login(user, password)
        imap.append("INBOX", None, imaplib.Time2Internaldate(time.time()), message.as_bytes())
    contact_point = email_mailbox(tmp_path, services=[CouncilServiceFactory()])[0].contact_point
    box = Mailbox.objects.create(
        name="imap",
        host=host,
        port=port,
        username=user,
        password_env="INBOUND_TEST_IMAP_PASSWORD",
        contact_point=contact_point,
    )

    mailbox_poll(mailbox_id=box.pk)

    assert InboundEmail.objects.filter(mailbox=box, message_id=message["Message-ID"]).exists()
