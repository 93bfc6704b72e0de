"""The portal's PAdES seal: made with the configured PKCS#12 (or a development one), appended
incrementally so the PDF keeps its PDF/A metadata, reported valid by pdfsig, and checked."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from core import sealing
from strategy import pdf


@pytest.fixture(scope="module")
def plain_pdf():
    snapshot = {
        "deliverable": {
            "slug": "estrategia",
            "letter": "a",
            "title": "Estratégia",
            "short_title": "E",
        },
        "label": "v0.1",
        "final": False,
        "issued_on": "2026-01-01",
        "group": "Grupo de Trabalho",
        "legal_basis": "Despacho n.º 1369-A/2022",
        "principles": [],
        "sections": [
            {
                "id": 1,
                "number": "1",
                "depth": 0,
                "title": "Visão",
                "body": "Coesão.",
                "principles": [],
            }
        ],
    }
    return pdf.render(snapshot).content


@pytest.fixture(scope="module")
def sealed(plain_pdf):
    return sealing.seal_pdf(plain_pdf, reason="Teste")


def test_the_seal_is_appended_without_changing_a_byte_of_the_original(plain_pdf, sealed):
    assert sealed.startswith(plain_pdf)
    assert len(sealed) > len(plain_pdf)


def test_the_sealed_pdf_keeps_its_pdf_a_metadata_and_structure(sealed, tmp_path):
    reader = PdfReader(io.BytesIO(sealed))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert "pdfaid" in xmp.stream.get_data().decode()
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    widget = reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    assert widget["/F"] & 4  # printable, as PDF/A requires of every annotation
    target = tmp_path / "selado.pdf"
    target.write_bytes(sealed)
    assert subprocess.run(["qpdf", "--check", str(target)], capture_output=True).returncode == 0


def test_pdfsig_reports_the_seal_valid(sealed, tmp_path):
    target = tmp_path / "selado.pdf"
    target.write_bytes(sealed)
    report = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report
    assert "Total document signed" in report
    assert "ETSI.CAdES.detached" in report  # PAdES


def test_the_check_accepts_the_portals_seal(sealed):
    check = sealing.check_seal(sealed)
    assert check.valid
    assert check.signed_at is not None


def test_the_check_finds_one_changed_byte(plain_pdf, sealed):
    tampered = bytearray(sealed)
    tampered[len(plain_pdf) // 2] ^= 0x01
    check = sealing.check_seal(bytes(tampered))
    assert check.sealed
    assert not check.intact
    assert not check.valid


def test_the_check_finds_content_added_after_sealing(sealed):
    check = sealing.check_seal(sealed + b"\n% acrescentado\n")
    assert check.intact
    assert not check.whole_file
    assert not check.valid


def test_an_unsealed_pdf_and_garbage_have_no_seal(plain_pdf):
    assert not sealing.check_seal(plain_pdf).sealed
    assert not sealing.check_seal(b"isto nao e um PDF").sealed


def test_a_seal_made_with_another_certificate_is_not_the_portals(plain_pdf, settings, tmp_path):
    portal = settings.PORTAL_SEAL_PKCS12
    other = tmp_path / "outro.p12"
    sealing.make_development_certificate(other)
    settings.PORTAL_SEAL_PKCS12 = str(other)
    forged = sealing.seal_pdf(plain_pdf, reason="Falso")
    settings.PORTAL_SEAL_PKCS12 = portal
    check = sealing.check_seal(forged)
    assert check.intact
    assert not check.by_portal
    assert not check.valid


def test_a_configured_certificate_with_a_passphrase_is_used(plain_pdf, settings, tmp_path):
    configured = tmp_path / "selo-qualificado.p12"
    sealing.make_development_certificate(configured, "frase secreta")
    settings.PORTAL_SEAL_PKCS12 = str(configured)
    settings.PORTAL_SEAL_PASSPHRASE = "frase secreta"
    settings.PORTAL_SEAL_IS_DEVELOPMENT = False
    assert sealing.check_seal(sealing.seal_pdf(plain_pdf, reason="Teste")).valid


def test_a_configured_certificate_that_is_missing_is_an_error_not_a_new_one(settings, tmp_path):
    settings.PORTAL_SEAL_PKCS12 = str(tmp_path / "nao-existe.p12")
    settings.PORTAL_SEAL_IS_DEVELOPMENT = False
    with pytest.raises(sealing.SealUnavailable):
        sealing.portal_signer()
    assert not (tmp_path / "nao-existe.p12").exists()
