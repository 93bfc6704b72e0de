"""Files people upload (meeting materials, contribution attachments): checked by content, stored
under random names outside the static files, and served only as downloads.

It lives in core, the bottom layer, so that every app can use it.
"""

import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An office file is a zip; refuse archives that would unpack into something absurd (zip bombs).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ARCHIVE_MEMBERS = 5_000


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
PNG = FileKind("png", "image/png", "PNG")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
)
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
ACCEPTED = (PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _not_accepted() -> ValidationError:
    return _refuse(
        _("This file is not a PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG document."), "file_type"
    )


def _office_kind(upload: UploadedFile) -> FileKind:
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        raise _not_accepted() from None
    with archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        packed = sum(member.compress_size for member in members) or 1
        if (
            len(members) > MAX_ARCHIVE_MEMBERS
            or unpacked > MAX_UNPACKED_BYTES
            or unpacked / packed > MAX_COMPRESSION_RATIO
        ):
            raise _refuse(
                _("This document would unpack to an unreasonable size and was refused."),
                "zip_bomb",
            )
        names = {member.filename for member in members}
        if "mimetype" in names:
            declared = archive.read("mimetype").decode("ascii", "replace").strip()
            for kind in (ODT, ODS):
                if declared == kind.content_type:
                    return kind
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    raise _not_accepted()


#: Markers of a web page or script: a file that carries them next to its own format is a
#: polyglot, which a browser or a mail client may run as HTML.
_ACTIVE_MARKERS = (
    b"<html",
    b"<script",
    b"<!doctype",
    b"<body",
    b"<iframe",
    b"<svg",
    b"<object",
    b"<embed",
    b"javascript:",
)
#: PDF actions that run code or other programs when the file is opened.
_PDF_ACTIVE = (b"/javascript", b"/launch", b"/js ", b"/js(", b"/js<")
#: How each recognised kind must end: a file that does not was truncated or has a tail added.
_ENDINGS = {PDF: b"%%EOF", PNG: b"IEND", JPEG: b"\xff\xd9"}
_CHUNK = 64 * 1024
_OVERLAP = 32


def _whole(upload: UploadedFile, kind: FileKind) -> FileKind:
    """Read the whole file, not only its first bytes: refuse polyglots and truncated files."""
    markers = _ACTIVE_MARKERS + (_PDF_ACTIVE if kind is PDF else ())
    upload.seek(0)
    carry, tail = b"", b""
    while chunk := upload.read(_CHUNK):
        window = (carry + chunk).lower()
        if any(marker in window for marker in markers):
            upload.seek(0)
            raise _refuse(
                _(
                    "This file also carries web page code or scripts (HTML, JavaScript), "
                    "which the portal does not accept. Save it again as a plain %(kind)s."
                )
                % {"kind": kind.label},
                "file_active_content",
            )
        carry = window[-_OVERLAP:]
        tail = (tail + chunk)[-1024:]
    upload.seek(0)
    if _ENDINGS[kind] not in tail.rstrip(b"\x00\r\n \t"):
        raise _refuse(
            _("This %(kind)s file is incomplete (it does not end as one does). Save it again.")
            % {"kind": kind.label},
            "file_truncated",
        )
    return kind


def file_kind(upload: UploadedFile) -> FileKind:
    """Recognise an uploaded file by its content, never by its name; refuse anything else."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise _refuse(_("The file is larger than 10 MB."), "file_size")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return _whole(upload, PDF)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _whole(upload, PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return _whole(upload, JPEG)
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
        return kind
    raise _not_accepted()


def random_name(folder: str, kind: FileKind) -> str:
    """A storage name that says nothing of the person's file name and cannot be guessed."""
    return f"{folder}/{uuid.uuid4().hex}.{kind.extension}"


def download_response(file, *, filename: str, content_type: str) -> FileResponse:
    """Serve a stored file as a download (never shown inline), with the original name."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
