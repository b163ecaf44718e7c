"""Detached CMS (PKCS#7) signatures over any bytes, with the offering's key (pyHanko).

Used for audit checkpoints: the signature is a standard CMS SignedData with the signer's
and the CA's certificates inside, so anyone can check it without closingdesk, e.g.
``openssl cms -verify -binary -inform DER -in sig.p7s -content statement.json
-CAfile ca.pem -purpose any``. With a timestamp authority the signature also carries an
RFC 3161 timestamp token (the authority's word for when it existed).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from closingdesk.adapters.signing.pades import SigningKey, asn1_certificate, timestamper


@dataclass(frozen=True)
class DetachedVerdict:
    intact: bool  # the signature covers exactly these bytes
    trusted: bool  # its certificate chains to the given CA and was valid
    signer_fingerprint: str  # SHA-256 of the signer's certificate, lowercase hex
    # the timestamp authority's time, when time-stamped (the token intact and valid; the
    # authority itself is not among the roots trusted here: check it with its own root)
    timestamp: datetime | None
    problem: str | None


def sign_detached(content: bytes, key: SigningKey, *, tsa_url: str | None = None) -> bytes:
    """The DER of a detached CMS signature of content (SHA-256)."""
    stamper = None if tsa_url is None else timestamper(tsa_url)
    signed = asyncio.run(
        key.signer.async_sign_general_data(content, "sha256", detached=True, timestamper=stamper)
    )
    return bytes(signed.dump())


def verify_detached(
    content: bytes, signature: bytes, *, ca_certificate_pem: bytes, signed_at: datetime
) -> DetachedVerdict:
    """Whether signature is a valid signature of content by a certificate of that CA that
    was valid at signed_at (the time the signed content states)."""
    try:
        info = cms.ContentInfo.load(signature)
        signed_data = info["content"]
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
    except (ValueError, KeyError, IndexError, TypeError):
        return DetachedVerdict(False, False, "", None, "the signature is not a CMS signature")
    context = ValidationContext(
        trust_roots=[asn1_certificate(ca_certificate_pem)],
        allow_fetching=False,
        moment=signed_at,
    )
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                content,
                signed_data,
                signer_validation_context=context,
                ts_validation_context=context,
            )
        )
    except Exception as error:
        return DetachedVerdict(False, False, "", None, f"the signature cannot be checked: {error}")
    fingerprint = status.signing_cert.sha256.hex()
    token = status.timestamp_validity
    when = token.timestamp if token is not None and token.intact and token.valid else None
    problem = None
    if token is not None and when is None:
        problem = "its timestamp token does not match the signature (altered)"
    elif not status.intact:
        problem = "the signature does not cover this content (altered)"
    elif not status.valid:
        problem = "the signature is not valid"
    elif not status.trusted:
        problem = "the signer's certificate does not chain to this database's CA"
    return DetachedVerdict(
        status.intact and status.valid, status.trusted, fingerprint, when, problem
    )
