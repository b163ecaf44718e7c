"""Signing evidence: who signed which exact document, when, how, and from where.

One record per signing event, kept as the proof a court or an auditor would ask for: the
signer's name and title, their side (purchaser or company), the method (an electronic
signature adopted on the purchaser's page, or a signed signature page sent back), the time
(UTC, the server's clock), the IP address and user agent, the SHA-256 of exactly the
document they saw, the version of the ESIGN/UETA consent they gave, and the link and the
e-mail address it was sent to. A completion gathers a document's events for its certificate.

>>> from datetime import datetime, UTC
>>> seen = "ab" * 32
>>> evidence = SigningEvidence(
...     who="Jane Roe", title="Managing Member", role="purchaser", method="electronic",
...     at=datetime(2002, 3, 12, 17, 5, tzinfo=UTC), document_sha256=seen,
...     consent_version="esign-1",
... )
>>> check(evidence, document_sha256=seen)
[]
>>> [p.what for p in check(evidence, document_sha256="cd" * 32)]
['signed a different version of the document (abababababab...)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from closingdesk.domain.problems import Problem

SIGNER_ROLES = ("purchaser", "company")
METHODS = ("electronic", "signature page")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SigningEvidence:
    who: str  # the signer's name, as adopted
    role: str  # one of SIGNER_ROLES
    method: str  # one of METHODS
    at: datetime  # aware; shown in UTC
    document_sha256: str  # of exactly the bytes the signer saw
    title: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    consent_version: str | None = None  # required for an electronic signature
    link_id: int | None = None  # the purchaser's link it came through
    sent_to: str | None = None  # the e-mail address that link was sent to


@dataclass(frozen=True)
class Completion:
    """What a certificate of completion states about one document."""

    document_name: str
    document_sha256: str
    events: tuple[SigningEvidence, ...]
    generated_at: datetime
    offering: str | None = None
    executed_sha256: str | None = None  # of the digitally signed PDF, when a separate file
    certificate_fingerprint: str | None = None  # SHA-256 of the company's signing certificate
    exhibit_b_sha256: str | None = None  # of the prospectus supplement attached as Exhibit B


def check(evidence: SigningEvidence, *, document_sha256: str) -> list[Problem]:
    """Every problem with one event's evidence, for the document it claims to sign."""
    where = f"{evidence.role} signature by {evidence.who or '(no name)'}"
    found = [
        (not evidence.who.strip(), "the signer's name is missing"),
        (evidence.role not in SIGNER_ROLES, f"role must be one of {', '.join(SIGNER_ROLES)}"),
        (evidence.method not in METHODS, f"method must be one of {', '.join(METHODS)}"),
        (evidence.at.tzinfo is None, "the time must carry a time zone"),
        (not _SHA256.fullmatch(evidence.document_sha256), "the document hash is not a SHA-256"),
        (
            evidence.method == "electronic" and not evidence.consent_version,
            "an electronic signature needs the version of the consent given",
        ),
        (
            evidence.document_sha256 != document_sha256,
            f"signed a different version of the document ({evidence.document_sha256[:12]}...)",
        ),
    ]
    return [Problem(where, what) for failed, what in found if failed]


def check_completion(completion: Completion) -> list[Problem]:
    """Every problem with every event of a completion; none when all are in order."""
    return [
        problem
        for evidence in completion.events
        for problem in check(evidence, document_sha256=completion.document_sha256)
    ]
