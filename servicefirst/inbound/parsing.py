"""Reading an email's parts with the standard library's `email` package (the modern default policy)."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr
from html.parser import HTMLParser

from django.utils import timezone

_MESSAGE_ID_MAX = 255
_SUBJECT_MAX = 500
_BODY_MAX = 100_000
_SKIPPED_HTML = frozenset({"script", "style", "head", "title", "template"})
_BLOCK_HTML = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"})


class _TextOnly(HTMLParser):
    """Keeps the words of an HTML email and drops everything else; the HTML is never rendered."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_HTML:
            self._skipping += 1
        elif tag in _BLOCK_HTML:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_HTML and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCK_HTML:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line).strip()


@dataclass
class Attachment:
    filename: str
    data: bytes


@dataclass
class ParsedEmail:
    message_id: str
    from_address: str
    subject: str
    received_at: datetime
    body_text: str
    attachments: list[Attachment] = field(default_factory=list)


def _message_id(message: EmailMessage, raw: bytes) -> str:
    found = (message.get("Message-ID") or "").strip()
    if found and len(found) <= _MESSAGE_ID_MAX:
        return found
    # Without a usable Message-ID the bytes themselves identify the message, so a re-read still finds it.
    return f"sha256:{hashlib.sha256(raw).hexdigest()}"


def _received_at(message: EmailMessage) -> datetime:
    now = timezone.now()
    try:
        sent = message["Date"].datetime if message["Date"] else None
    except (AttributeError, TypeError, ValueError):
        sent = None
    if sent is None or timezone.is_naive(sent) or sent > now:
        return now
    return sent


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        content = part.get_payload(decode=True).decode("utf-8", errors="replace")
    text = html_to_text(content) if part.get_content_subtype() == "html" else content.strip()
    return text[:_BODY_MAX]


def _attachments(message: EmailMessage) -> list[Attachment]:
    found = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        if data is None:
            data = part.as_bytes()
        found.append(Attachment(filename=(part.get_filename() or "unnamed")[:255], data=data))
    return found


def email_parse(raw: bytes) -> ParsedEmail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    _, address = parseaddr(str(message.get("From", "")))
    return ParsedEmail(
        message_id=_message_id(message, raw),
        from_address=address.strip().lower()[:254],
        subject=" ".join(str(message.get("Subject", "")).split())[:_SUBJECT_MAX],
        received_at=_received_at(message),
        body_text=_body(message),
        attachments=_attachments(message),
    )
