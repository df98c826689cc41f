"""Reading the council's mailboxes into contacts, and matching by hand what could not be matched.

Each message is received in its own transaction: a message that fails is logged and left for the next poll,
and never stops the ones after it. A message already received (the same Message-ID in the same mailbox) is
skipped, so polling again, or two workers polling at once, never makes a second contact.
"""

import datetime
import hashlib
import imaplib
import logging
import os
import re
import ssl
from collections.abc import Iterator
from mailbox import Maildir

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from servicefirst.accounts.services import mailbox_user_get
from servicefirst.audit.services import AuditAction, audit_record, record_open
from servicefirst.contacts.selectors import ContactDirection, ContactOutcome
from servicefirst.contacts.services import ContactData, contact_customer_set, contact_log
from servicefirst.core.channels import ContactChannel
from servicefirst.customers.selectors import customer_detail, customer_match, customer_may_view
from servicefirst.inbound.attachments import attachment_check, attachment_save, attachment_storage
from servicefirst.inbound.models import InboundAttachment, InboundEmail, InboundStatus, Mailbox
from servicefirst.inbound.parsing import ParsedEmail, email_parse
from servicefirst.servicerequests.selectors import service_request_get
from servicefirst.servicerequests.services import service_request_note_add

logger = logging.getLogger(__name__)

_REFERENCE = re.compile(r"\bSR-\d{4}-\d{6}\b", re.IGNORECASE)
_REASON_MAX = 2000
_NOTE_MAX = 5000
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# An email is received, not yet worked: "signposted" is the outcome that claims neither a resolution at
# first contact (which would flatter that figure), nor a request raised, nor a referral record.
_OUTCOME = ContactOutcome.SIGNPOSTED


def _thread_target(*, subject: str, address: str, customer_id: int | None):
    """The open request named in the subject, when the sender is its customer: the matched customer, or one
    whose addresses include the sender's (when several customers share the address)."""
    for reference in dict.fromkeys(m.upper() for m in _REFERENCE.findall(subject)):
        try:
            service_request = service_request_get(reference=reference)
        except ObjectDoesNotExist:
            continue
        if not service_request.is_open or service_request.customer_id is None:
            continue
        if service_request.customer_id == customer_id:
            return service_request
        emails = customer_detail(customer_id=service_request.customer_id).email_addresses.all()
        if address and address in {e.email for e in emails}:
            return service_request
    return None


def _reply_note(parsed: ParsedEmail) -> str:
    head = f"Email from {parsed.from_address}, {timezone.localtime(parsed.received_at):%-d %b %Y %H:%M}\n"
    head += f"Subject: {parsed.subject or '(no subject)'}\n\n"
    return (head + (parsed.body_text or "(no text)"))[:_NOTE_MAX]


def _mailbox_service_id(mailbox: Mailbox) -> int | None:
    if mailbox.contact_point_id is None:
        return None
    return mailbox.contact_point.services.order_by("name").values_list("pk", flat=True).first()


def _store_attachments(email: InboundEmail, parsed: ParsedEmail) -> None:
    room = settings.INBOUND_EMAIL_MAX_BYTES
    for attachment in parsed.attachments:
        verdict = attachment_check(filename=attachment.filename, data=attachment.data, room_left=room)
        row = InboundAttachment(email=email, filename=attachment.filename, size=len(attachment.data))
        if verdict.refused_because:
            row.status, row.refused_because = InboundAttachment.Status.REFUSED, verdict.refused_because
        else:
            row.status, row.content_type = InboundAttachment.Status.STORED, verdict.content_type
            row.stored_name = attachment_save(data=attachment.data)
            row.sha256 = hashlib.sha256(attachment.data).hexdigest()
            room -= len(attachment.data)
        row.save()


@transaction.atomic
def inbound_email_receive(*, mailbox: Mailbox, raw: bytes) -> InboundEmail | None:
    """Makes one message an email contact; None when the mailbox already had it."""
    parsed = email_parse(raw)
    if InboundEmail.objects.filter(mailbox=mailbox, message_id=parsed.message_id).exists():
        return None
    customer_id = customer_match(email=parsed.from_address)
    service_request = _thread_target(subject=parsed.subject, address=parsed.from_address, customer_id=customer_id)
    if service_request is not None:
        customer_id = service_request.customer_id
        status = InboundStatus.THREADED
    else:
        status = InboundStatus.MATCHED if customer_id is not None else InboundStatus.TO_MATCH
    try:
        with transaction.atomic():
            email = InboundEmail.objects.create(
                mailbox=mailbox,
                message_id=parsed.message_id,
                from_address=parsed.from_address,
                subject=parsed.subject,
                received_at=parsed.received_at,
                body_text=parsed.body_text,
                customer_id=customer_id,
                service_request=service_request,
                status=status,
            )
    except IntegrityError:
        # Another worker received the same message a moment ago.
        return None
    actor = mailbox_user_get()
    service_id = service_request.council_service_id if service_request else _mailbox_service_id(mailbox)
    if service_id is not None:
        email.contact = contact_log(
            officer=actor,
            data=ContactData(
                channel=ContactChannel.EMAIL,
                direction=ContactDirection.INBOUND,
                customer_id=customer_id,
                council_service_id=service_id,
                reason=(parsed.subject or "(no subject)")[:_REASON_MAX],
                contact_point_id=mailbox.contact_point_id,
                started_at=parsed.received_at,
                ended_at=parsed.received_at,
                outcome=_OUTCOME,
            ),
        )
        email.save(update_fields=["contact"])
    if service_request is not None:
        service_request_note_add(actor=actor, request_id=service_request.pk, note=_reply_note(parsed))
    _store_attachments(email, parsed)
    return email


def _imap_date(moment: datetime.datetime) -> str:
    day = timezone.localtime(moment).date()
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"


def _imap_messages(mailbox: Mailbox) -> Iterator[bytes]:
    password = os.environ.get(mailbox.password_env, "") if mailbox.password_env else ""
    if not password:
        raise ImproperlyConfigured(f"Mailbox {mailbox.name}: set the environment variable {mailbox.password_env!r}")
    # The mailbox is opened read-only and searched by date, not by the \Seen flag: officers reading it in
    # their own mail client must not hide messages from us, and we must not mark theirs as read.
    criteria = "ALL"
    if mailbox.last_polled_at is not None:
        criteria = f"SINCE {_imap_date(mailbox.last_polled_at - datetime.timedelta(days=1))}"
    with imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=ssl.create_default_context(), timeout=60) as imap:
        imap.login(mailbox.username, password)
        imap.select(f'"{mailbox.folder}"', readonly=True)
        _, found = imap.uid("SEARCH", None, criteria)
        for uid in (found[0] or b"").split():
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            for item in fetched:
                if isinstance(item, tuple):
                    yield item[1]


def _maildir_messages(mailbox: Maildir) -> Iterator[bytes]:
    for key in mailbox.iterkeys():
        yield mailbox.get_bytes(key)


def _messages(mailbox: Mailbox) -> Iterator[bytes]:
    if mailbox.kind == Mailbox.Kind.MAILDIR:
        return _maildir_messages(Maildir(mailbox.maildir_path, factory=None, create=False))
    return _imap_messages(mailbox)


def mailbox_poll(*, mailbox_id: int) -> int:
    """Reads a mailbox's messages; returns how many were new."""
    mailbox = Mailbox.objects.select_related("contact_point").get(pk=mailbox_id)
    started, received = timezone.now(), 0
    for raw in _messages(mailbox):
        try:
            received += inbound_email_receive(mailbox=mailbox, raw=raw) is not None
        except Exception:
            # One broken message must not stop the rest; it is tried again on the next poll.
            logger.exception("Mailbox %s: a message could not be received", mailbox.name)
    Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=started)
    return received


def mailboxes_poll(*, name: str = "") -> dict[str, int]:
    mailboxes = Mailbox.objects.filter(is_active=True)
    if name:
        mailboxes = mailboxes.filter(name=name)
    return {mailbox.name: mailbox_poll(mailbox_id=mailbox.pk) for mailbox in mailboxes}


@transaction.atomic
def inbound_email_match(*, actor: AbstractBaseUser, inbound_email_id: int, customer_id: int) -> InboundEmail:
    """An officer names the customer an email came from; a reply naming that customer's open request then
    joins the request's history."""
    if not actor.can("contact.log"):
        raise PermissionDenied("contact.log")
    email = InboundEmail.objects.select_for_update().get(pk=inbound_email_id)
    if email.status != InboundStatus.TO_MATCH:
        raise ValidationError({"customer_id": "This email has already been matched"})
    try:
        customer_detail(customer_id=customer_id)
    except ObjectDoesNotExist:
        raise ValidationError({"customer_id": "Select a customer from the search results"}) from None
    if email.contact_id is not None:
        contact_customer_set(officer=actor, contact_id=email.contact_id, customer_id=customer_id)
    email.customer_id, email.matched_by, email.status = customer_id, actor, InboundStatus.MATCHED
    service_request = _thread_target(subject=email.subject, address="", customer_id=customer_id)
    if service_request is not None:
        parsed = ParsedEmail(email.message_id, email.from_address, email.subject, email.received_at, email.body_text)
        service_request_note_add(actor=actor, request_id=service_request.pk, note=_reply_note(parsed))
        email.service_request, email.status = service_request, InboundStatus.THREADED
    email.save(update_fields=["customer", "matched_by", "status", "service_request"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        record_type="inbound_email",
        record_id=email.pk,
        record_label=email.from_address,
        detail="matched by hand",
    )
    return email


def inbound_email_may_view(*, viewer: AbstractBaseUser, email: InboundEmail) -> bool:
    """Front-office staff see every email; a client service officer one from a customer they may see."""
    if viewer.can("contact.log"):
        return True
    if email.customer_id is None:
        return False
    return customer_may_view(viewer=viewer, customer=customer_detail(customer_id=email.customer_id))


@transaction.atomic
def inbound_email_open(*, viewer: AbstractBaseUser, inbound_email_id: int, changing: bool = False) -> InboundEmail:
    """Fetches an email for display and audits the view (not when `changing`: the match writes its own event)."""
    email = InboundEmail.objects.select_related("mailbox", "contact", "service_request").get(pk=inbound_email_id)
    return record_open(
        viewer=viewer,
        record=email,
        record_type="inbound_email",
        record_id=email.pk,
        record_label=email.from_address,
        may_view=inbound_email_may_view(viewer=viewer, email=email),
        changing=changing,
    )


@transaction.atomic
def inbound_attachment_open(*, viewer: AbstractBaseUser, attachment_id: int):
    """The stored attachment and its open file, for download; the viewing is audited."""
    attachment = InboundAttachment.objects.select_related("email").get(
        pk=attachment_id, status=InboundAttachment.Status.STORED
    )
    record_open(
        viewer=viewer,
        record=attachment,
        record_type="inbound_attachment",
        record_id=attachment.pk,
        record_label=attachment.filename,
        may_view=viewer.can("customer.view") and inbound_email_may_view(viewer=viewer, email=attachment.email),
    )
    return attachment, attachment_storage().open(attachment.stored_name, "rb")
