"""Signatures: one side's signature of a purchaser's agreement, and signature pages sent back.

A purchaser signs electronically on their page (a typed signature, after the ESIGN / UETA
consent) or returns a signed signature page (a scan or a fax) that counsel accepts; the
company countersigns. Each side signs a purchaser's agreement at most once, and a signature
names the exact agreement version (its document id and SHA-256) it signs. A conformed
signature ("/s/ Name") is how the executed counterpart shows it.

>>> conformed("Jane Roe")
'/s/ Jane Roe'
>>> same_signature("  jane   ROE ", "Jane Roe"), same_signature("J. Roe", "Jane Roe")
(True, False)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from closingdesk.domain.signing_evidence import SigningEvidence

SIDES = ("purchaser", "company")
METHODS = ("electronic", "signature_page")  # as stored; the evidence says "signature page"
PAGE_STATUSES = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class Evidence:
    """Where a signature came from, as the server saw the request."""

    ip: str | None
    user_agent: str | None


@dataclass(frozen=True)
class SignatureRecord:
    id: int
    purchaser_id: int
    side: str  # one of SIDES
    method: str  # one of METHODS
    document_id: int  # the agreement version signed
    document_sha256: str  # of exactly the bytes the signer was shown
    signer_name: str
    signer_title: str | None
    typed_signature: str | None  # the adopted signature; None for a signature page
    consent_version: str | None
    link_id: int | None  # the purchaser link it came through
    sent_to: str | None  # the e-mail address that link was sent to
    ip: str | None
    user_agent: str | None
    signed_at: str  # ISO 8601 UTC, as stored
    actor: str
    signature_page_id: int | None = None  # the accepted page, for method "signature_page"

    @property
    def signed_at_utc(self) -> datetime:
        return datetime.fromisoformat(self.signed_at)

    @property
    def conformed(self) -> str:
        """The signature as the executed counterpart shows it on the "By:" line."""
        return conformed(self.typed_signature or self.signer_name)

    def evidence(self) -> SigningEvidence:
        """This signature as an event of a certificate of completion."""
        return SigningEvidence(
            who=self.signer_name,
            role=self.side,
            method=self.method.replace("_", " "),
            at=self.signed_at_utc,
            document_sha256=self.document_sha256,
            title=self.signer_title,
            ip=self.ip,
            user_agent=self.user_agent,
            consent_version=self.consent_version,
            link_id=self.link_id,
            sent_to=self.sent_to,
        )


@dataclass(frozen=True)
class SignaturePageRecord:
    """A signed signature page sent back, bound to the agreement version it belongs to."""

    id: int
    purchaser_id: int
    document_id: int
    file_name: str
    sha256: str
    size: int
    status: str  # one of PAGE_STATUSES
    reason: str | None  # why it was rejected
    added_by: str
    added_at: str
    reviewed_by: str | None
    reviewed_at: str | None


def event_payload(record: SignatureRecord, *, version: int) -> dict[str, Any]:
    """A signature's whole evidence, as its event records it."""
    fields = {k: v for k, v in asdict(record).items() if k not in ("id", "actor")}
    return {"signature_id": record.id, "version": version, **fields}


def conformed(signature: str) -> str:
    return f"/s/ {' '.join(signature.split())}"


def same_signature(typed: str, name: str) -> bool:
    """A typed signature adopts a name when they are the same words, whatever the case."""
    return typed.split() != [] and _words(typed) == _words(name)


def _words(text: str) -> list[str]:
    return text.casefold().split()
