"""Checking a signed PDF with pyHanko's validation: intact, unchanged since, and by whom.

A verdict says one of five plain things: the PDF is signed and unchanged by a certificate we
trust ("valid"), it was changed after signing ("altered"), it was signed by a certificate
closingdesk does not trust ("untrusted"), it carries no signature ("unsigned"), or it is not
a PDF that can be read ("unreadable"). Trust comes only from the roots passed in: the
installation CA's certificates; nothing is fetched from the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from closingdesk.adapters.signing.pades import asn1_certificate

STATES = ("valid", "altered", "untrusted", "unsigned", "unreadable")


@dataclass(frozen=True)
class Verdict:
    state: str  # one of STATES
    intact: bool  # every signature's bytes are as signed
    trusted: bool  # every signer's certificate chains to a trust root
    covers_whole_document: bool  # nothing was changed after the last signature
    signed_by: str | None  # the last signer's certificate subject
    signer_fingerprint: str | None  # its SHA-256, lowercase hex
    signed_at: datetime | None  # the signing time it states, or its timestamp's
    timestamped: bool  # the last signature has a timestamp from an authority (PAdES B-T)
    signatures: int
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return self.state == "valid"

    @property
    def message(self) -> str:
        return {
            "valid": f"valid: signed by {self.signed_by} and unchanged since",
            "altered": "ALTERED: the document was changed after it was signed",
            "untrusted": f"UNTRUSTED: signed by {self.signed_by}, a certificate not trusted here",
            "unsigned": "NOT SIGNED: the document carries no digital signature",
            "unreadable": "UNREADABLE: this is not a PDF that can be read",
        }[self.state]


def verify_pdf(pdf: bytes, trust_roots: Sequence[bytes]) -> Verdict:
    """Check every signature in the PDF against the trust roots (PEM certificates)."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        return _verdict("unreadable", problems=[f"the file cannot be read as a PDF: {error}"])
    try:
        signatures = reader.embedded_regular_signatures
    except (PdfError, ValueError, KeyError, TypeError) as error:
        return _verdict("altered", problems=[f"a signature in it is damaged: {error}"])
    if not signatures:
        return _verdict("unsigned", problems=["the document carries no digital signature"])
    roots = [asn1_certificate(root) for root in trust_roots]
    last = len(signatures) - 1
    checks = [_check(signature, roots, last=n == last) for n, signature in enumerate(signatures)]
    return _judge([status for status, _ in checks], [p for _, found in checks for p in found])


def _judge(statuses: list[PdfSignatureStatus | None], problems: list[str]) -> Verdict:
    """One verdict for the document from the status of each of its signatures, in order."""
    last = statuses[-1]
    intact = all(s is not None and s.intact and s.valid and _token_ok(s) for s in statuses)
    trusted = all(s is not None and s.trusted for s in statuses)
    whole = last is not None and _unchanged_after(last, allowed=ModificationLevel.LTA_UPDATES)
    permitted = all(s is not None and s.docmdp_ok is not False for s in statuses)
    unchanged = intact and whole and permitted
    return Verdict(
        state="altered" if not unchanged else ("valid" if trusted else "untrusted"),
        intact=intact,
        trusted=trusted,
        covers_whole_document=whole,
        signed_by=None if last is None else _subject(last),
        signer_fingerprint=None if last is None else _fingerprint(last),
        signed_at=None if last is None else _signed_at(last),
        timestamped=last is not None and _timestamp_trusted(last),
        signatures=len(statuses),
        problems=tuple(problems),
    )


def _check(
    signature: EmbeddedPdfSignature, roots: list[object], *, last: bool
) -> tuple[PdfSignatureStatus | None, list[str]]:
    name = signature.field_name
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        return None, [f"signature {name}: cannot be checked, it is damaged ({error})"]
    problems = []
    if not status.intact:
        problems.append(f"signature {name}: the signed bytes were changed after signing")
    elif not status.valid:
        problems.append(f"signature {name}: the signature does not match the signer's key")
    elif not status.trusted:
        problems.append(f"signature {name}: signed by {_subject(status)}, {_distrust(status)}")
    token = status.timestamp_validity
    if token is not None and not (token.intact and token.valid):
        problems.append(f"signature {name}: its timestamp does not match the signature")
    allowed = ModificationLevel.LTA_UPDATES if last else ModificationLevel.FORM_FILLING
    if not _unchanged_after(status, allowed=allowed):
        problems.append(f"signature {name}: the document was changed after this signature")
    elif status.docmdp_ok is False:
        problems.append(f"signature {name}: its certification forbids the changes made after it")
    return status, problems


def _distrust(status: PdfSignatureStatus) -> str:
    reason = getattr(status.trust_problem_indic, "name", "GENERIC")
    return _DISTRUST.get(reason, f"a certificate not trusted here ({reason})")


_DISTRUST = {
    "NO_CERTIFICATE_CHAIN_FOUND": "a certificate not issued by a CA trusted here",
    "EXPIRED": "whose certificate has expired",
    "OUT_OF_BOUNDS_NO_POE": "whose certificate has expired or is not valid yet (with no trusted "
    "timestamp, PAdES B-T, to prove it was signed while it was valid)",
    "NOT_YET_VALID": "whose certificate is not valid yet",
    "REVOKED_NO_POE": "whose certificate was revoked",
    "REVOKED_CA_NO_POE": "whose CA's certificate was revoked",
}


def _unchanged_after(status: PdfSignatureStatus, *, allowed: ModificationLevel) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    level = status.modification_level
    return (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level <= allowed
    )


def _subject(status: PdfSignatureStatus) -> str:
    """The certificate's common name, else its whole subject."""
    subject = status.signing_cert.subject
    return str(subject.native.get("common_name") or subject.human_friendly)


def _fingerprint(status: PdfSignatureStatus) -> str:
    return hashlib.sha256(status.signing_cert.dump()).hexdigest()


def _token_ok(status: PdfSignatureStatus) -> bool:
    token = status.timestamp_validity
    return token is None or (token.intact and token.valid)


def _timestamp_trusted(status: PdfSignatureStatus) -> bool:
    token = status.timestamp_validity
    return token is not None and token.intact and token.valid and token.trusted


def _signed_at(status: PdfSignatureStatus) -> datetime | None:
    if _timestamp_trusted(status) and status.timestamp_validity is not None:
        return status.timestamp_validity.timestamp
    return status.signer_reported_dt


def _verdict(state: str, *, problems: list[str]) -> Verdict:
    return Verdict(
        state=state,
        intact=False,
        trusted=False,
        covers_whole_document=False,
        signed_by=None,
        signer_fingerprint=None,
        signed_at=None,
        timestamped=False,
        signatures=0,
        problems=tuple(problems),
    )
