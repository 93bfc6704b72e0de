"""Attachments: at most five, 10 MB each, recognised by content, stored under random names
outside the static files, and downloaded only by those who may read the contribution."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions.models import Attachment
from core import uploads

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def upload(client, contribution, content: bytes, name="relatorio.pdf"):
    return client.post(
        f"/contributos/{contribution.pk}/anexos/",
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"0" * (uploads.MAX_UNPACKED_BYTES + 1))
    return buffer.getvalue()


def test_a_contact_attaches_a_pdf_stored_under_a_random_name(
    client, contact, draft, media_root, settings
):
    client.force_login(contact)
    response = upload(client, draft, PDF, name="Relatório final.pdf")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Relatório final.pdf"
    assert (attachment.kind_label, attachment.content_type) == ("PDF", "application/pdf")
    assert attachment.file.name.startswith("contributos/")
    assert "Relat" not in attachment.file.name
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == PDF
    assert not str(stored).startswith(str(settings.STATICFILES_DIRS[0]))


def test_the_attachment_is_downloaded_as_an_attachment_with_nosniff(
    client, contact, representative, draft
):
    client.force_login(contact)
    upload(client, draft, PDF)
    attachment = Attachment.objects.get()
    for reader in (contact,):
        client.force_login(reader)
        response = client.get(attachment.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF


def test_members_download_attachments_of_submitted_contributions(
    client, contact, representative, draft
):
    from contributions import services

    client.force_login(contact)
    upload(client, draft, PDF)
    attachment = Attachment.objects.get()
    client.force_login(representative)
    assert client.get(attachment.get_absolute_url()).status_code == 404  # still a draft
    services.contribution_submit(actor=contact, contribution=draft)
    assert client.get(attachment.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["other_contact", "specialist", "government"])
def test_anyone_else_gets_404_on_the_attachment(client, request, contact, draft, persona):
    client.force_login(contact)
    upload(client, draft, PDF)
    attachment = Attachment.objects.get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_an_attachment_is_reached_only_through_its_own_contribution(
    client, contact, other_contact, draft, open_call
):
    from tests import factories

    client.force_login(contact)
    upload(client, draft, PDF)
    attachment = Attachment.objects.get()
    theirs = factories.initiative(actor=other_contact, call=open_call)
    client.force_login(other_contact)
    assert client.get(f"/contributos/{theirs.pk}/anexos/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"MZ\x90\x00\x03 a Windows executable renamed", "file_type"),
        (b"#!/bin/sh\necho renamed script\n", "file_type"),
        (b"<html><script>alert(1)</script></html>", "file_type"),
        (b"%PDF-" + b"0" * uploads.MAX_UPLOAD_BYTES, "file_size"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_stored(
    client, contact, draft, media_root, content, code
):
    client.force_login(contact)
    response = upload(client, draft, content)
    assert response.status_code == 400
    assert [e.code for e in response.context["attachment_form"].errors.as_data()["file"]] == [code]
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_zip_bomb_disguised_as_a_docx_is_refused(client, contact, draft, media_root):
    client.force_login(contact)
    response = upload(client, draft, zip_bomb(), name="proposta.docx")
    assert [e.code for e in response.context["attachment_form"].errors.as_data()["file"]] == [
        "zip_bomb"
    ]
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_sixth_attachment_is_refused(client, contact, draft, media_root):
    client.force_login(contact)
    for n in range(5):
        assert upload(client, draft, PDF, name=f"anexo-{n}.pdf").status_code == 302
    response = upload(client, draft, PDF, name="anexo-6.pdf")
    assert response.status_code == 400
    assert [e.code for e in response.context["attachment_form"].errors.as_data()["file"]] == [
        "too_many_attachments"
    ]
    assert Attachment.objects.count() == 5
    assert len(stored_files(media_root)) == 5


def test_no_attachment_is_added_once_submitted(client, contact, submitted, media_root):
    client.force_login(contact)
    response = upload(client, submitted, PDF)
    assert response.status_code == 400
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_member_cannot_attach_files(client, representative, submitted):
    client.force_login(representative)
    assert upload(client, submitted, PDF).status_code == 403
    assert not Attachment.objects.exists()


def test_the_contact_removes_an_attachment_from_a_draft_after_confirming(
    client, contact, draft, media_root, django_capture_on_commit_callbacks
):
    client.force_login(contact)
    upload(client, draft, PDF)
    attachment = Attachment.objects.get()
    url = f"/contributos/{draft.pk}/anexos/{attachment.pk}/remover/"
    assert client.get(url).status_code == 200
    assert Attachment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_an_attachment_of_a_submitted_contribution_stays(client, contact, draft):
    from contributions import services

    client.force_login(contact)
    upload(client, draft, PDF)
    attachment = Attachment.objects.get()
    services.contribution_submit(actor=contact, contribution=draft)
    client.post(f"/contributos/{draft.pk}/anexos/{attachment.pk}/remover/")
    assert Attachment.objects.exists()
