"""Which attachments are kept, and where.

A file is kept only when its extension is on the allowlist AND its own bytes say it is that kind of file, so a
program renamed `invoice.pdf` is refused. Kept files go to a private directory (never under MEDIA or STATIC, so
no web server serves them) under random names, and leave only through the staff view as downloads.
"""

import io
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

# A DOCX or XLSX names its main part's type in [Content_Types].xml; a larger one is not a document we accept.
_CONTENT_TYPES_MAX = 1_000_000


def _starts(*magic: bytes) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(magic)


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _office(main_part: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > _CONTENT_TYPES_MAX:
                    return False
                return main_part.encode() in archive.read(info)
        except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError):
            return False

    return check


@dataclass(frozen=True)
class Kind:
    content_type: str
    matches: Callable[[bytes], bool]


_PDF = Kind("application/pdf", _starts(b"%PDF-"))
_PNG = Kind("image/png", _starts(b"\x89PNG\r\n\x1a\n"))
_JPEG = Kind("image/jpeg", _starts(b"\xff\xd8\xff"))
_GIF = Kind("image/gif", _starts(b"GIF87a", b"GIF89a"))
_TEXT = Kind("text/plain", _is_text)
_DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _office("wordprocessingml.document.main+xml"),
)
_XLSX = Kind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _office("spreadsheetml.sheet.main+xml")
)
ALLOWED: dict[str, Kind] = {
    ".pdf": _PDF,
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".gif": _GIF,
    ".txt": _TEXT,
    ".docx": _DOCX,
    ".xlsx": _XLSX,
}


@dataclass(frozen=True)
class Verdict:
    content_type: str = ""
    refused_because: str = ""


def attachment_check(*, filename: str, data: bytes, room_left: int) -> Verdict:
    """Whether to keep one attachment; `room_left` is what the email's own limit still allows."""
    if len(data) > settings.INBOUND_ATTACHMENT_MAX_BYTES:
        return Verdict(refused_because=f"Larger than {settings.INBOUND_ATTACHMENT_MAX_BYTES} bytes")
    if len(data) > room_left:
        return Verdict(refused_because=f"The email's attachments exceed {settings.INBOUND_EMAIL_MAX_BYTES} bytes")
    kind = ALLOWED.get(PurePath(filename).suffix.lower())
    if kind is None:
        return Verdict(refused_because="This type of file is not accepted")
    if not kind.matches(data):
        return Verdict(refused_because="The file's contents do not match its name")
    return Verdict(content_type=kind.content_type)


def attachment_storage() -> FileSystemStorage:
    # No base_url: the storage cannot produce a public address for a file.
    return FileSystemStorage(location=settings.INBOUND_STORAGE_DIR, base_url=None, file_permissions_mode=0o600)


def attachment_save(*, data: bytes) -> str:
    """Stores the bytes under a random name with no extension, so nothing treats the file as runnable."""
    return attachment_storage().save(secrets.token_hex(24), ContentFile(data))
