import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact
from servicefirst.core.channels import ContactChannel
from servicefirst.inbound.models import InboundEmail, InboundStatus, Mailbox
from servicefirst.inbound.services import inbound_email_match, mailbox_poll
from servicefirst.inbound.tasks import mailbox_poll_task
from servicefirst.servicerequests.models import ServiceRequestEvent
from servicefirst.servicerequests.services import service_request_status_update
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_inbound import deliver, email_mailbox, email_message
from tests.factories_servicerequests import make_service_request


@pytest.fixture
def inbound(db, tmp_path, settings):
    settings.INBOUND_STORAGE_DIR = tmp_path / "private"
    general = CouncilServiceFactory(name="General enquiries")
    waste = CouncilServiceFactory(name="Missed bin collection")
    box, maildir = email_mailbox(tmp_path, services=[general])
    return box, maildir, general, waste


def test_reply_with_a_reference_threads_onto_the_customers_open_request(inbound):
    box, maildir, _, waste = inbound
    jane = make_customer(first_name="Jane", last_name="Doe", email="jane.doe@example.org")
    request = make_service_request(council_service=waste, customer=jane.pk)
    deliver(maildir, email_message(subject=f"Re: your request {request.reference}", text="Still not emptied."))

    assert mailbox_poll(mailbox_id=box.pk) == 1

    email = InboundEmail.objects.get()
    assert email.status == InboundStatus.THREADED
    assert email.service_request == request and email.customer == jane
    note = request.events.get(kind=ServiceRequestEvent.Kind.NOTE)
    assert "Still not emptied." in note.note and "jane.doe@example.org" in note.note
    # Internal: a public update would send the customer their own email back.
    assert note.visibility == ServiceRequestEvent.Visibility.INTERNAL
    contact = email.contact
    assert contact.channel == ContactChannel.EMAIL and contact.customer == jane
    assert contact.council_service == waste and contact.contact_point == box.contact_point
    assert contact.reason == f"Re: your request {request.reference}"


def test_known_sender_without_a_reference_is_matched_to_the_mailbox_service(inbound):
    box, maildir, general, _ = inbound
    jane = make_customer(first_name="Jane", last_name="Doe", email="Jane.Doe@example.org")
    deliver(maildir, email_message(sender="JANE.DOE@example.org", subject="Council tax question"))

    mailbox_poll(mailbox_id=box.pk)

    email = InboundEmail.objects.get()
    assert email.status == InboundStatus.MATCHED and email.service_request is None
    assert email.contact.customer == jane and email.contact.council_service == general


def test_a_closed_request_or_another_customers_request_is_not_threaded(inbound):
    box, maildir, _, waste = inbound
    jane = make_customer(first_name="Jane", last_name="Doe", email="jane.doe@example.org")
    other = make_customer(first_name="Sam", last_name="Other", email="sam@example.org")
    theirs = make_service_request(council_service=waste, customer=other.pk)
    finished = make_service_request(council_service=waste, customer=jane.pk)
    service_request_status_update(
        actor=UserFactory(role=Role.TEAM_MANAGER), request_id=finished.pk, status="resolved", note="Emptied"
    )
    deliver(maildir, email_message(subject=f"About {theirs.reference}"))
    deliver(maildir, email_message(subject=f"About {finished.reference}"))

    mailbox_poll(mailbox_id=box.pk)

    assert set(InboundEmail.objects.values_list("status", flat=True)) == {InboundStatus.MATCHED}
    assert not ServiceRequestEvent.objects.filter(kind=ServiceRequestEvent.Kind.NOTE).exists()


def test_new_address_makes_a_contact_to_match_by_hand_and_matching_sets_the_customer(inbound, staff):
    box, maildir, _, _ = inbound
    deliver(maildir, email_message(sender="stranger@example.net", subject="Help please"))

    mailbox_poll(mailbox_id=box.pk)

    email = InboundEmail.objects.get()
    assert email.status == InboundStatus.TO_MATCH and email.customer is None
    assert email.contact.customer is None and email.contact.channel == ContactChannel.EMAIL

    customer = make_customer(first_name="Stan", last_name="Ranger")
    inbound_email_match(actor=staff[Role.OFFICER], inbound_email_id=email.pk, customer_id=customer.pk)

    email.refresh_from_db()
    assert email.status == InboundStatus.MATCHED and email.customer == customer
    assert email.matched_by == staff[Role.OFFICER]
    assert Contact.objects.get(pk=email.contact_id).customer == customer
    with pytest.raises(ValidationError):
        inbound_email_match(actor=staff[Role.OFFICER], inbound_email_id=email.pk, customer_id=customer.pk)


def test_matching_by_hand_threads_a_reply_onto_that_customers_open_request(inbound, staff):
    box, maildir, _, waste = inbound
    customer = make_customer(first_name="Stan", last_name="Ranger")
    request = make_service_request(council_service=waste, customer=customer.pk)
    deliver(maildir, email_message(sender="new@example.net", subject=f"Re: {request.reference}"))
    mailbox_poll(mailbox_id=box.pk)
    email = InboundEmail.objects.get()
    assert email.status == InboundStatus.TO_MATCH

    inbound_email_match(actor=staff[Role.OFFICER], inbound_email_id=email.pk, customer_id=customer.pk)

    email.refresh_from_db()
    assert email.status == InboundStatus.THREADED and email.service_request == request
    assert request.events.filter(kind=ServiceRequestEvent.Kind.NOTE).count() == 1


def test_councillor_may_not_match_by_hand(inbound, staff):
    from django.core.exceptions import PermissionDenied

    box, maildir, _, _ = inbound
    deliver(maildir, email_message(sender="stranger@example.net"))
    mailbox_poll(mailbox_id=box.pk)
    customer = make_customer()
    with pytest.raises(PermissionDenied):
        inbound_email_match(
            actor=staff[Role.COUNCILLOR], inbound_email_id=InboundEmail.objects.get().pk, customer_id=customer.pk
        )


def test_an_address_shared_by_two_customers_is_left_to_match_by_hand(inbound):
    box, maildir, _, _ = inbound
    make_customer(first_name="Jane", last_name="Doe", email="family@example.org")
    make_customer(first_name="John", last_name="Doe", email="family@example.org")
    deliver(maildir, email_message(sender="family@example.org"))

    mailbox_poll(mailbox_id=box.pk)

    email = InboundEmail.objects.get()
    assert email.status == InboundStatus.TO_MATCH and email.contact.customer is None


def test_shared_address_still_threads_when_it_is_the_requests_customers(inbound):
    box, maildir, _, waste = inbound
    jane = make_customer(first_name="Jane", last_name="Doe", email="family@example.org")
    make_customer(first_name="John", last_name="Doe", email="family@example.org")
    request = make_service_request(council_service=waste, customer=jane.pk)
    deliver(maildir, email_message(sender="family@example.org", subject=f"Re: {request.reference}"))

    mailbox_poll(mailbox_id=box.pk)

    email = InboundEmail.objects.get()
    assert email.status == InboundStatus.THREADED and email.customer == jane


def test_polling_again_adds_nothing(inbound):
    box, maildir, _, _ = inbound
    make_customer(email="jane.doe@example.org")
    deliver(maildir, email_message())
    deliver(maildir, email_message(sender="stranger@example.net"))

    assert mailbox_poll(mailbox_id=box.pk) == 2
    assert mailbox_poll(mailbox_id=box.pk) == 0
    assert mailbox_poll_task.call(box.pk) == 0

    assert InboundEmail.objects.count() == 2
    assert Contact.objects.filter(channel=ContactChannel.EMAIL).count() == 2
    box.refresh_from_db()
    assert box.last_polled_at is not None


def test_html_only_email_is_kept_as_text_without_markup(inbound):
    box, maildir, _, _ = inbound
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><p>Hello <b>council</b></p><p>Use &lt;script&gt; safely</p><img src=x onerror=alert(1)></body></html>"
    )
    deliver(maildir, email_message(text=None, html=html))

    mailbox_poll(mailbox_id=box.pk)

    body = InboundEmail.objects.get().body_text
    assert body == "Hello council\nUse <script> safely"
    assert "alert" not in body and "color" not in body


def test_command_polls_the_named_mailbox(inbound, tmp_path, capsys):
    box, maildir, _, _ = inbound
    other, other_dir = email_mailbox(tmp_path, name="planning")
    deliver(maildir, email_message())
    deliver(other_dir, email_message())

    call_command("mailbox_poll", "--mailbox", "contact-centre")

    assert "contact-centre: 1 new message" in capsys.readouterr().out
    assert InboundEmail.objects.filter(mailbox=box).count() == 1
    assert not InboundEmail.objects.filter(mailbox=other).exists()


def test_imap_mailbox_without_its_password_variable_is_refused(db, monkeypatch):
    monkeypatch.delenv("INBOUND_TEST_NO_SUCH_PASSWORD", raising=False)
    box = Mailbox.objects.create(
        name="imap",
        kind=Mailbox.Kind.IMAP,
        host="imap.example.org",
        username="u",
        password_env="INBOUND_TEST_NO_SUCH_PASSWORD",
    )
    with pytest.raises(ImproperlyConfigured):
        mailbox_poll(mailbox_id=box.pk)
