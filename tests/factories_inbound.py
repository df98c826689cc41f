"""Mailboxes backed by a real maildir on disk, and emails built with the standard library."""

import mailbox as mailbox_lib
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils import timezone

from servicefirst.inbound.models import Mailbox
from tests.factories import ContactPointFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def email_mailbox(tmp_path, *, services=(), name: str = "contact-centre") -> tuple[Mailbox, mailbox_lib.Maildir]:
    """A maildir mailbox receiving the council's published contact address, which covers these services."""
    maildir = mailbox_lib.Maildir(tmp_path / name, create=True)
    contact_point = ContactPointFactory(kind="email", value=f"{name}@council.example", label="Contact us by email")
    contact_point.services.add(*services)
    box = Mailbox.objects.create(
        name=name, kind=Mailbox.Kind.MAILDIR, maildir_path=str(tmp_path / name), contact_point=contact_point
    )
    return box, maildir


def email_message(
    *,
    sender: str = "jane.doe@example.org",
    subject: str = "My bin",
    text: str | None = "My bin was missed again.",
    html: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> EmailMessage:
    """attachments: (filename, bytes, "maintype/subtype" the sender claims)."""
    message = EmailMessage()
    message["From"] = f"Jane Doe <{sender}>"
    message["To"] = "contact-centre@council.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = make_msgid(domain="example.org")
    if text is not None:
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    for filename, data, claimed in attachments:
        maintype, subtype = claimed.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def deliver(maildir: mailbox_lib.Maildir, message: EmailMessage) -> None:
    maildir.add(message.as_bytes())
