import io
import zipfile

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.inbound.models import InboundAttachment
from servicefirst.inbound.services import mailbox_poll
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory, make_customer
from tests.factories_inbound import PDF_BYTES, deliver, email_mailbox, email_message

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _office(main_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override ContentType="{main_type}"/></Types>')
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


DOCX_BYTES = _office("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")


@pytest.fixture
def received(db, tmp_path, settings):
    """Polls one email carrying these attachments; returns its attachments by file name."""
    settings.INBOUND_STORAGE_DIR = tmp_path / "private"
    box, maildir = email_mailbox(tmp_path, services=[CouncilServiceFactory()])

    def receive(*attachments, sender="jane.doe@example.org"):
        deliver(maildir, email_message(sender=sender, attachments=attachments))
        mailbox_poll(mailbox_id=box.pk)
        return {a.filename: a for a in InboundAttachment.objects.filter(email__from_address=sender)}

    return receive


def test_allowed_files_whose_bytes_match_are_stored_privately_under_random_names(received, tmp_path):
    found = received(
        ("letter.pdf", PDF_BYTES, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        ("notes.txt", b"Bin by the gate", "text/plain"),
        ("form.docx", DOCX_BYTES, "application/octet-stream"),
    )

    assert {name: a.status for name, a in found.items()} == dict.fromkeys(found, InboundAttachment.Status.STORED)
    pdf = found["letter.pdf"]
    assert pdf.content_type == "application/pdf" and pdf.size == len(PDF_BYTES)
    assert found["form.docx"].content_type.endswith("wordprocessingml.document")
    stored = tmp_path / "private" / pdf.stored_name
    assert stored.read_bytes() == PDF_BYTES
    assert "letter" not in pdf.stored_name and "." not in pdf.stored_name


@pytest.mark.parametrize(
    ("filename", "data", "claimed", "why"),
    [
        ("setup.exe", EXE_BYTES, "application/octet-stream", "not accepted"),
        ("invoice.pdf", EXE_BYTES, "application/pdf", "do not match"),
        ("photo.png", PDF_BYTES, "image/png", "do not match"),
        ("fake.docx", b"PK\x03\x04not really a zip", "application/octet-stream", "do not match"),
        ("script.html", b"<script>alert(1)</script>", "text/html", "not accepted"),
        ("binary.txt", b"abc\x00def", "text/plain", "do not match"),
    ],
)
def test_disallowed_or_disguised_files_are_refused_and_recorded(received, tmp_path, filename, data, claimed, why):
    refused = received((filename, data, claimed))[filename]

    assert refused.status == InboundAttachment.Status.REFUSED and why in refused.refused_because
    assert refused.stored_name == ""
    assert not (tmp_path / "private").exists() or not any((tmp_path / "private").iterdir())


def test_an_attachment_over_the_size_limit_is_refused(received, settings):
    settings.INBOUND_ATTACHMENT_MAX_BYTES = 100
    big = PDF_BYTES + b"%" * 200

    found = received(("big.pdf", big, "application/pdf"), ("small.pdf", PDF_BYTES, "application/pdf"))

    assert found["big.pdf"].status == InboundAttachment.Status.REFUSED
    assert "Larger than 100 bytes" in found["big.pdf"].refused_because
    assert found["small.pdf"].status == InboundAttachment.Status.STORED


def test_attachments_beyond_the_emails_limit_are_refused(received, settings):
    settings.INBOUND_EMAIL_MAX_BYTES = len(PDF_BYTES) * 2 - 1

    found = received(("one.pdf", PDF_BYTES, "application/pdf"), ("two.pdf", PDF_BYTES, "application/pdf"))

    assert found["one.pdf"].status == InboundAttachment.Status.STORED
    assert found["two.pdf"].status == InboundAttachment.Status.REFUSED
    assert "email's attachments exceed" in found["two.pdf"].refused_because


def test_stored_attachment_is_downloaded_by_staff_as_an_attachment_and_audited(received, staff, client_for):
    make_customer(email="jane.doe@example.org")
    pdf = received(("letter.pdf", PDF_BYTES, "application/pdf"))["letter.pdf"]

    response = client_for(staff[Role.OFFICER]).get(f"/staff/inbound/attachments/{pdf.pk}/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;") and "letter.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert AuditEvent.objects.filter(
        actor=staff[Role.OFFICER], record_type="inbound_attachment", record_id=str(pdf.pk), action="viewed"
    ).exists()


def test_councillors_anonymous_and_other_client_services_cannot_download(received, staff, client_for, client):
    pdf = received(("letter.pdf", PDF_BYTES, "application/pdf"), sender="stranger@example.net")["letter.pdf"]
    url = f"/staff/inbound/attachments/{pdf.pk}/"

    assert client_for(staff[Role.COUNCILLOR]).get(url).status_code == 403
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/staff/sign-in/")
    outsider = UserFactory(role=Role.CLIENT_SERVICE_OFFICER, client_service=ClientServiceFactory(code="elsewhere"))
    assert client_for(outsider).get(url).status_code == 403
    assert not AuditEvent.objects.filter(record_type="inbound_attachment").exists()


def test_a_refused_attachment_cannot_be_downloaded(received, staff, client_for):
    refused = received(("setup.exe", EXE_BYTES, "application/octet-stream"))["setup.exe"]

    assert client_for(staff[Role.OFFICER]).get(f"/staff/inbound/attachments/{refused.pk}/").status_code == 404
