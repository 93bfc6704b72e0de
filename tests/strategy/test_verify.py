"""/verificar/ checks a PDF's seal and its SHA-256 apart, and refuses what is not a PDF."""

import hashlib
import io
import subprocess

import pytest

from strategy import forms, services
from strategy.models import Release
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(secretariat, representative, vision, django_capture_on_commit_callbacks):
    factories.approve(vision, editor=representative, approver=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        release = services.release_publish(
            actor=secretariat,
            deliverable=vision.deliverable,
            label="v1.0",
            kind="final",
            visibility="public",
        )
    release.render.refresh_from_db()
    return release


def verify(client, content, name="documento.pdf"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post("/verificar/", {"pdf": upload})


def test_the_published_sha256_is_that_of_the_sealed_file(published, tmp_path):
    content = published.render.pdf.read()
    assert hashlib.sha256(content).hexdigest() == published.render.sha256
    target = tmp_path / "versao.pdf"
    target.write_bytes(content)
    report = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report


def test_a_release_pdf_passes_both_checks(client, published):
    response = verify(client, published.render.pdf.read())
    result = response.context["result"]
    assert result["seal"].valid
    assert result["releases"] == [published]
    page = response.content.decode()
    assert "Selo válido" in page
    assert "idêntico à versão oficial" in page


def test_one_changed_byte_fails_both_checks(client, published):
    content = bytearray(published.render.pdf.read())
    content[len(content) // 3] ^= 0x01
    response = verify(client, bytes(content))
    result = response.context["result"]
    assert not result["seal"].valid
    assert result["releases"] == []
    page = response.content.decode()
    assert "O selo não é válido" in page
    assert "alterado depois de ser assinado" in page


def test_a_pdf_without_a_seal_is_told_so(client, vision):
    from strategy import pdf

    content = pdf.render(services.current_text_snapshot(vision.deliverable)).content
    response = verify(client, content)
    assert not response.context["result"]["seal"].sealed
    assert "não tem selo digital" in response.content.decode()


def test_a_file_that_is_not_a_pdf_is_refused_with_a_clear_message(client, published):
    response = verify(client, b"GIF89a\x01\x00 imagem", name="foto.pdf")
    assert response.status_code == 200
    assert response.context["result"] is None
    assert "não é um PDF" in response.content.decode()


def test_an_oversized_upload_is_refused(client, published, monkeypatch):
    monkeypatch.setattr(forms, "MAX_VERIFY_BYTES", 1000)
    response = verify(client, published.render.pdf.read())
    assert response.context["result"] is None
    assert "mais de 50 MB" in response.content.decode()


def test_a_members_only_release_is_not_named_to_the_public(client, published):
    Release.objects.filter(pk=published.pk).update(visibility="members")
    response = verify(client, published.render.pdf.read())
    assert response.context["result"]["releases"] == []
    assert "não é pública" in response.content.decode()
