"""Digitally signing PDFs with pyHanko: PAdES baseline B-B, or B-T with a timestamp authority.

The company's signature goes into one signature field ("CompanySignature", invisible unless a
box is given) as a detached CAdES signature (SubFilter ETSI.CAdES.detached) over SHA-256,
with the signer's certificate and the installation CA's certificate embedded. Given the same
PDF, key and signing time, B-B output is the same bytes every time (RSA PKCS#1 v1.5 is
deterministic and the new revision's document id is derived from the input); a timestamp
(B-T) comes from the authority and differs each time.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import pem, tsp, x509
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.sign.general import as_signing_certificate_v2
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from closingdesk.adapters.signing.identity import SigningIdentity, load_private_key

FIELD_NAME = "CompanySignature"
# Room for the CMS signature, as hex: the signer's and the CA's certificates, the RSA-3072
# signature and the signed attributes take under 4 KB of DER; a timestamp token about 6 KB.
RESERVED = 16_384
RESERVED_WITH_TIMESTAMP = 32_768
TSA_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class SigningKey:
    """An unlocked identity, ready to sign many PDFs: see :func:`unlock`."""

    signer: signers.Signer
    name: str  # the certificate's common name


def unlock(identity: SigningIdentity, secret: bytes) -> SigningKey:
    """Decrypt the identity's key (slow: ~0.1 s) once, to sign any number of PDFs."""
    key = load_private_key(identity.private_key_pem, secret)
    certificate = asn1_certificate(identity.certificate_pem)
    ca_certificate = asn1_certificate(identity.ca_certificate_pem)
    signer = _PreloadedSigner(key, certificate, ca_certificate)
    return SigningKey(signer, str(certificate.subject.native["common_name"]))


def sign_pdf(
    pdf: bytes,
    key: SigningKey,
    *,
    at: datetime,
    tsa_url: str | None = None,
    reason: str = "Executed counterpart",
    box: tuple[int, int, int, int] | None = None,
) -> bytes:
    """The PDF with the company's signature added as an incremental update.

    ``box`` (x1, y1, x2, y2 in points, on the last page) makes the signature visible.
    """
    return sign_many([pdf], key, at=at, tsa_url=tsa_url, reason=reason, box=box)[0]


def sign_many(
    pdfs: Sequence[bytes],
    key: SigningKey,
    *,
    at: datetime,
    tsa_url: str | None = None,
    reason: str = "Executed counterpart",
    box: tuple[int, int, int, int] | None = None,
) -> list[bytes]:
    """Each PDF signed, in order, in one event loop."""
    signer = _signer_at(key, at=at, tsa_url=tsa_url, reason=reason, box=box)
    reserved = RESERVED if tsa_url is None else RESERVED_WITH_TIMESTAMP

    async def sign_all() -> list[bytes]:
        signed = []
        for pdf in pdfs:
            output = await signer.async_sign_pdf(_writer(pdf, at), bytes_reserved=reserved)
            signed.append(output.getvalue())
        return signed

    return asyncio.run(sign_all())


def asn1_certificate(certificate_pem: bytes) -> x509.Certificate:
    """A PEM certificate as the asn1crypto object pyHanko works with."""
    _, _, der = pem.unarmor(certificate_pem)
    return x509.Certificate.load(der)


def timestamper(tsa_url: str) -> timestamps.TimeStamper:
    """The RFC 3161 client that makes a signature PAdES B-T."""
    return timestamps.HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_SECONDS)


def _signer_at(
    key: SigningKey,
    *,
    at: datetime,
    tsa_url: str | None,
    reason: str,
    box: tuple[int, int, int, int] | None,
) -> _PdfSignerAt:
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=key.name,
    )
    spec = None if box is None else fields.SigFieldSpec(FIELD_NAME, on_page=-1, box=box)
    return _PdfSignerAt(
        metadata,
        key.signer,
        at=at,
        timestamper=None if tsa_url is None else timestamper(tsa_url),
        new_field_spec=spec,
    )


class _WriterAt(IncrementalPdfFileWriter):
    """pyHanko stamps the document information's ModDate with the clock as it writes; the
    signing time is stamped instead, so that the same PDF signed at the same time is the
    same bytes (and the file does not claim a second time of its own)."""

    def __init__(self, pdf: bytes, at: datetime) -> None:
        super().__init__(BytesIO(pdf))
        self._at = at

    def _update_meta(self) -> None:
        super()._update_meta()  # type: ignore[no-untyped-call]
        info = self._info.get_object() if self._info is not None else None  # type: ignore[no-untyped-call]
        if info is not None and "/ModDate" in info:
            info["/ModDate"] = generic.pdf_date(self._at)


def _writer(pdf: bytes, at: datetime) -> IncrementalPdfFileWriter:
    writer = _WriterAt(pdf, at)
    # pyHanko gives the new revision a random second id; derive it from the input instead,
    # so that the same PDF signed at the same time is the same bytes.
    digest = hashlib.sha256(pdf).digest()
    try:
        first = bytes(writer.prev.trailer["/ID"][0].original_bytes)
    except KeyError:
        first = digest[16:]
    ids = (generic.ByteStringObject(first), generic.ByteStringObject(digest[:16]))
    writer._document_id = generic.ArrayObject(ids)
    return writer


class _PdfSignerAt(signers.PdfSigner):
    """A PdfSigner whose signing time (the signature's /M) is given, not read from the clock."""

    def __init__(self, *args: Any, at: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._at = at

    def init_signing_session(
        self, pdf_out: Any, existing_fields_only: bool = False
    ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._at
        return session


class _PreloadedSigner(signers.SimpleSigner):
    """A SimpleSigner made fast enough to sign thousands of PDFs: pyHanko's re-parses (and
    re-checks) the RSA key for every signature, ~80 ms for RSA-3072; this one keeps it."""

    def __init__(self, key: RSAPrivateKey, certificate: Any, ca_certificate: Any) -> None:
        chain = SimpleCertificateStore.from_certs([ca_certificate])  # type: ignore[no-untyped-call]
        super().__init__(
            signing_cert=certificate,
            signing_key=translate_pyca_cryptography_key_to_asn1(key),
            cert_registry=chain,
        )
        self._key = key
        self.signed_attr_prov_spec = _PadesSignedAttributes(certificate)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mechanism != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        return self.sign_raw(data, digest_algorithm)


class _PadesSignedAttributes(SignedAttributeProviderSpec):
    """PAdES's one signed attribute besides content type and digest: signing-certificate-v2.

    Built once and kept parsed: asn1crypto re-encodes a freshly built one on every dump
    (~3.5 ms, several dumps a signature)."""

    def __init__(self, certificate: x509.Certificate) -> None:
        built = tsp.SigningCertificateV2.load(as_signing_certificate_v2(certificate).dump())
        self._provider = _Fixed("signing_certificate_v2", built)

    def signed_attr_providers(
        self, data_digest: bytes, digest_algorithm: str
    ) -> Iterable[CMSAttributeProvider]:
        return [self._provider]


class _Fixed(CMSAttributeProvider):
    def __init__(self, attribute_type: str, value: Any) -> None:
        self.attribute_type = attribute_type
        self._value = value

    async def build_attr_value(self, dry_run: bool = False) -> Any:
        return self._value
