"""What Qualimark accepts as an uploaded document, and under which name it keeps it.

An application's documents and the attachments of a comment on a report are checked alike.

A file is accepted when its extension is one of the allowed types AND its first bytes say
the same: the extension alone is what the uploader claims, the bytes are what the file is.
The content type stored is the one of the type found, never the one the browser sent.
"""

import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from qualimark.errors import DomainError


class InvalidUpload(DomainError):
    code = "invalid_upload"


PDF = b"%PDF"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
ZIP = b"PK\x03\x04"  # DOCX and XLSX are zip packages


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    magic: bytes


FILE_TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF", "application/pdf", PDF),
    ".png": FileType("PNG", "image/png", PNG),
    ".jpg": FileType("JPEG", "image/jpeg", JPEG),
    ".jpeg": FileType("JPEG", "image/jpeg", JPEG),
    ".docx": FileType(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
    ),
    ".xlsx": FileType(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ZIP,
    ),
}

# What the portal's file input offers (the browser's filter; the rules above still apply).
ACCEPT = ",".join(FILE_TYPES)
NAME_LENGTH = 200
# Characters that mean something to a file system or a Content-Disposition header.
UNSAFE = set('<>:"/\\|?*;')


@dataclass(frozen=True)
class CheckedUpload:
    original_name: str
    stored_name: str
    content_type: str
    size: int


def max_bytes() -> int:
    return int(settings.QUALIMARK_UPLOAD_MAX_MB) * 1024 * 1024


def clean_file_name(name: str) -> str:
    """The name as the uploader gave it, without a path, control or unsafe characters."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/")).rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in UNSAFE)
    base = " ".join(base.split()).strip(" .")
    if len(base) > NAME_LENGTH:
        suffix = PurePosixPath(base).suffix[:10]
        base = base[: NAME_LENGTH - len(suffix)] + suffix
    return base


def check_upload(
    upload: UploadedFile, *, error: type[DomainError] = InvalidUpload
) -> CheckedUpload:
    """Refuse an empty, too large or not allowed file with `error`; say what the file is."""
    original = clean_file_name(upload.name or "")
    extension = PurePosixPath(original).suffix.lower()
    file_type = FILE_TYPES.get(extension)
    if file_type is None:
        raise error(
            _(
                "%(name)s is not an accepted type of document: "
                "upload a PDF, PNG, JPEG, DOCX or XLSX file."
            )
            % {"name": original or _("The file")}
        )
    size = upload.size or 0
    if size == 0:
        raise error(_("%(name)s is empty.") % {"name": original})
    if size > max_bytes():
        raise error(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": original, "limit": settings.QUALIMARK_UPLOAD_MAX_MB}
        )
    if not _first_bytes(upload, len(file_type.magic)).startswith(file_type.magic):
        raise error(
            _("%(name)s is not a real %(type)s file: its content does not match its name.")
            % {"name": original, "type": file_type.label}
        )
    return CheckedUpload(
        original_name=original,
        # A random stored name: nothing the uploader typed reaches the file system.
        stored_name=f"{uuid.uuid4().hex}{extension}",
        content_type=file_type.content_type,
        size=size,
    )


def _first_bytes(upload: UploadedFile, count: int) -> bytes:
    upload.seek(0)
    head = upload.read(count)
    upload.seek(0)
    return head if isinstance(head, bytes) else head.encode()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; none is fine."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]
