"""Uploads are recognised by content, size-limited, and zip bombs refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads


def office(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODT = office(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
    zipfile.ZIP_STORED,
)
DOCX = office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = office({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (b"%PDF-1.7\n...\n%%EOF\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n....\x00\x00\x00\x00IEND\xaeB`\x82", "png"),
        (b"\xff\xd8\xff\xe0....\xff\xd9", "jpg"),
        (ODT, "odt"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
    ],
)
def test_accepted_files_are_recognised_by_content(content, extension):
    upload = SimpleUploadedFile("qualquer-nome.bin", content)
    assert uploads.file_kind(upload).extension == extension


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 executable", b"#!/bin/sh\nrm -rf /", b"<html><script>", office({"a.txt": b"x"})],
)
def test_a_renamed_executable_or_unknown_file_is_refused(content):
    with pytest.raises(ValidationError) as caught:
        uploads.file_kind(SimpleUploadedFile("relatorio.pdf", content))
    assert caught.value.code == "file_type"


def test_a_file_over_10_mb_is_refused():
    big = SimpleUploadedFile("grande.pdf", b"%PDF-" + b"0" * uploads.MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError) as caught:
        uploads.file_kind(big)
    assert caught.value.code == "file_size"


def test_a_zip_bomb_disguised_as_a_document_is_refused():
    bomb = office(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * (50 * 1024 * 1024)}
    )
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        uploads.file_kind(SimpleUploadedFile("bomba.docx", bomb))
    assert caught.value.code == "zip_bomb"


def test_stored_names_are_random_and_keep_only_the_recognised_extension():
    first, second = (
        uploads.random_name("anexos", uploads.PDF),
        uploads.random_name("anexos", uploads.PDF),
    )
    assert first != second
    assert first.startswith("anexos/") and first.endswith(".pdf")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n1 0 obj<<>>endobj\n<html><body><script>alert(1)</script></body></html>\n%%EOF",
        b"%PDF-1.4\n" + b"0" * 200_000 + b"<SCRIPT src=//x.example/a.js>" + b"\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj<</S/Launch/F(cmd.exe)>>endobj\n%%EOF\n",
        b"\x89PNG\r\n\x1a\n....<svg onload=alert(1)>IEND\xaeB`\x82",
        b"\xff\xd8\xff\xe0....<!DOCTYPE html><p>\xff\xd9",
    ],
    ids=[
        "pdf-and-html",
        "html-deep-inside",
        "pdf-javascript",
        "pdf-launch",
        "png-svg",
        "jpeg-html",
    ],
)
def test_a_file_that_is_also_a_web_page_or_runs_code_is_refused(content):
    """The whole content is read: a polyglot is refused even past the first bytes."""
    with pytest.raises(ValidationError) as caught:
        uploads.file_kind(SimpleUploadedFile("relatorio.pdf", content))
    assert caught.value.code == "file_active_content"


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n1 0 obj<<>>endobj\n", b"\x89PNG\r\n\x1a\n....", b"\xff\xd8\xff\xe0...."],
    ids=["pdf", "png", "jpeg"],
)
def test_a_truncated_file_is_refused(content):
    with pytest.raises(ValidationError) as caught:
        uploads.file_kind(SimpleUploadedFile("ficheiro.bin", content))
    assert caught.value.code == "file_truncated"
