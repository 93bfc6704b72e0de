"""Seal PDFs with the portal's certificate (PAdES, pyHanko) and check such a seal.

The seal is added as an incremental update, so the sealed file keeps every byte of the original
(its PDF/A metadata, tags and attachments) and only appends the signature. The certificate and
its key come from a PKCS#12 file (``PORTAL_SEAL_PKCS12`` and ``PORTAL_SEAL_PASSPHRASE``); without
one, a self-signed development certificate is made under ``var/seal/``.
"""

import asyncio
import datetime
import hashlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

SEAL_FIELD = "SeloDoPortal"
DEVELOPMENT_NAME = "Portal Smart Cities (certificado de desenvolvimento)"


class SealUnavailable(RuntimeError):
    """The sealing certificate cannot be read (wrong path or passphrase)."""


def make_development_certificate(path: Path, passphrase: str = "") -> None:
    """Write a self-signed sealing certificate and its key as PKCS#12 (development only)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Portal Smart Cities"),
            x509.NameAttribute(NameOID.COMMON_NAME, DEVELOPMENT_NAME),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed, so that a process never reads a half-written file.
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"selo", key, certificate, None, encryption_algorithm=encryption
        )
    )
    partial.chmod(0o600)
    partial.replace(path)


@cache
def _signer(path: str, passphrase: str) -> signers.SimpleSigner:
    file = Path(path)
    if not file.exists():
        if not settings.PORTAL_SEAL_IS_DEVELOPMENT:
            raise SealUnavailable(f"The sealing certificate {path} does not exist.")
        logger.warning("No sealing certificate configured: making a development one at %s", path)
        make_development_certificate(file, passphrase)
    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=str(file), passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:
        raise SealUnavailable(f"The sealing certificate {path} cannot be read.")
    return signer


def portal_signer() -> signers.SimpleSigner:
    """The portal's signer, from the configured PKCS#12 (made for development when absent)."""
    return _signer(settings.PORTAL_SEAL_PKCS12, settings.PORTAL_SEAL_PASSPHRASE)


def portal_certificate() -> asn1_x509.Certificate:
    return portal_signer().signing_cert


def _outside_any_event_loop[T](work: Callable[[], T]) -> T:
    """Run ``work`` (pyHanko's sync API calls asyncio.run) in a thread of its own when this
    thread already runs an event loop (an async server, a browser test driving the portal)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def seal_pdf(content: bytes, *, reason: str, location: str = "Portugal") -> bytes:
    """Append the portal's PAdES seal to a PDF; the original bytes are kept as they were."""
    writer = IncrementalPdfFileWriter(BytesIO(content), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    output = BytesIO()
    signer = signers.PdfSigner(
        metadata,
        signer=portal_signer(),
        new_field_spec=fields.SigFieldSpec(sig_field_name=SEAL_FIELD),
    )
    _outside_any_event_loop(lambda: signer.sign_pdf(writer, output=output))
    return output.getvalue()


@dataclass(frozen=True)
class SealCheck:
    """What the check of a PDF's seal found."""

    sealed: bool  # the file carries a signature at all
    intact: bool = False  # the signed bytes are unchanged and the signature is mathematically valid
    by_portal: bool = False  # made with the portal's sealing certificate
    whole_file: bool = False  # nothing was added to the file after sealing
    signed_at: datetime.datetime | None = None
    signer: str = ""

    @property
    def valid(self) -> bool:
        return self.sealed and self.intact and self.by_portal and self.whole_file


def check_seal(content: bytes) -> SealCheck:
    """Check the last signature of a PDF against the portal's sealing certificate."""
    try:
        reader = PdfFileReader(BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError):
        return SealCheck(sealed=False)
    if not signatures:
        return SealCheck(sealed=False)
    signature = signatures[-1]
    portal = portal_certificate()
    context = ValidationContext(trust_roots=[portal], allow_fetching=False)
    try:
        status = _outside_any_event_loop(lambda: validate_pdf_signature(signature, context))
    except Exception:  # a malformed signature is reported as not intact, never raised
        logger.info("A PDF's signature could not be validated", exc_info=True)
        return SealCheck(sealed=True)
    signer_certificate = status.signing_cert
    return SealCheck(
        sealed=True,
        intact=bool(status.intact and status.valid),
        by_portal=signer_certificate is not None
        and _fingerprint(signer_certificate) == _fingerprint(portal),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signed_at=status.signer_reported_dt,
        signer=signer_certificate.subject.human_friendly if signer_certificate else "",
    )


def _fingerprint(certificate: asn1_x509.Certificate) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()
