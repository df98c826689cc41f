"""The records the audit tests open: one of every kind that holds personal data, all about John Smith where
they can be (`tests/test_audit_reads.py`, `tests/test_audit_visits.py`)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.contacts.models import ReferralRule, ReferralStatus
from servicefirst.inbound.models import InboundEmail
from servicefirst.inbound.services import mailbox_poll
from servicefirst.notifications.services import message_create_for_event
from servicefirst.open311.models import Open311Submission
from servicefirst.portal.tasks import resident_sign_in_send
from tests.factories import CouncilServiceFactory, SiteFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_contacts import log_contact, referral_reason
from tests.factories_inbound import PDF_BYTES, deliver, email_mailbox, email_message
from tests.factories_satisfaction import answer, visit
from tests.factories_servicerequests import make_service_request

R = Role


@dataclass
class World:
    """One of every record that holds personal data, all about John Smith where they can be."""

    john: object
    contact: object
    action: object
    referral_sent: object
    referral_pending: object
    service_request: object
    complaint: object
    message: object
    survey: object
    site: object
    email: object
    attachment: object
    submission: object
    task_result: object


def audit_last_pk() -> int:
    """The newest audit event's id, so a test can read the events a request writes after it."""
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def world_make(*, staff, client_service, other_client_service, tmp_path, settings, capture_on_commit) -> World:
    """What each test module's `world` fixture holds, made through the services where there is one."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.INBOUND_STORAGE_DIR = tmp_path / "private"
    officer = staff[R.OFFICER]
    john = make_customer(officer, email="john@example.com", mobile_phone="07911123456", preferred_channel="email")
    bins = CouncilServiceFactory(name="Missed bin collection", client_service=client_service)
    parking = CouncilServiceFactory(name="Parking permits", client_service=other_client_service)
    ReferralRule.objects.create(client_service=other_client_service, needs_authorisation=True)
    site = SiteFactory()
    contact = visit(
        site=site,
        officer=officer,
        customer_id=john.pk,
        council_service_id=bins.pk,
        action_what="Call John back about the bin",
        action_due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    referred = {"outcome": "referred", "referral_reason_id": referral_reason().pk, "referral_detail": "Whole street"}
    sent = log_contact(officer, customer_id=john.pk, council_service_id=bins.pk, **referred).referrals.get()
    pending = log_contact(officer, customer_id=john.pk, council_service_id=parking.pk, **referred).referrals.get()
    assert (sent.status, pending.status) == (ReferralStatus.SENT, ReferralStatus.PENDING_AUTHORISATION)
    service_request = make_service_request(actor=officer, council_service=bins, customer=john.pk)
    with capture_on_commit(execute=True):
        message = message_create_for_event(
            event="service_request.raised",
            customer_id=john.pk,
            council_service_id=bins.pk,
            reference=service_request.reference,
            personalisation={"due_date": "4 December 2026"},
        )
    box, maildir = email_mailbox(tmp_path, services=[bins])
    deliver(
        maildir,
        email_message(sender="stranger@example.net", attachments=(("letter.pdf", PDF_BYTES, "application/pdf"),)),
    )
    mailbox_poll(mailbox_id=box.pk)
    email = InboundEmail.objects.get()
    # A resident asked for a sign-in link: the waiting task holds their email address.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with capture_on_commit(execute=True):
        task_result = resident_sign_in_send.enqueue(email="john@example.com", site="http://testserver/")
    return World(
        john=john,
        contact=contact,
        action=contact.agreed_actions.get(),
        referral_sent=sent,
        referral_pending=pending,
        service_request=service_request,
        complaint=make_complaint(actor=officer, customer=john),
        message=message,
        survey=answer(contact, 4, by=officer, comment="Friendly and quick"),
        site=site,
        email=email,
        attachment=email.attachments.get(),
        submission=Open311Submission.objects.create(
            service_request=service_request, client=staff[R.ADMINISTRATOR], email="john@example.com"
        ),
        task_result=task_result.id,
    )


@dataclass
class Event:
    action: str
    record_type: str
    record_id: object = None  # a single record's event
    ids: list | None = None  # a list's or search's: the ids shown, in order
    query: str | None = None


@dataclass
class Read:
    role: Role
    url: str
    events: list[Event]
    params: dict = field(default_factory=dict)
    method: str = "get"
    via: str = "web"
    superuser: bool = False


def period() -> dict:
    """The satisfaction results' period, this week around today, as the GOV.UK date inputs send it."""
    start, end = timezone.localdate() - datetime.timedelta(days=7), timezone.localdate() + datetime.timedelta(days=1)
    return {
        **{f"date_from_{part}": getattr(start, part) for part in ("day", "month", "year")},
        **{f"date_to_{part}": getattr(end, part) for part in ("day", "month", "year")},
    }


def new_customer_like_john() -> dict:
    return {
        "kind": "person",
        "first_name": "John",
        "last_name": "Smith",
        "email": "john@example.com",
        "preferred_channel": "email",
    }


# Each staff page that shows personal data, by URL name; the role opening it; what it must write.
