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

A purchaser that is not a natural person (a fund, a partnership, a company, a trust) signs
through an individual, whose name and title the signature must give ("By: /s/ Jane Roe,
Managing Member"); the entity's own name is not a signer. closingdesk tells an entity from
an individual by the legal-form words in the purchaser's name (:data:`ENTITY_WORDS`:
Fund, L.P., LLC, Ltd., Inc., Corp., Trust, Partners...), the way the name is written in
the purchaser book; a name without one is taken as an individual's.

>>> is_entity("Pinecrest Small Cap Value Fund"), is_entity("Alpha Fund, L.P.")
(True, True)
>>> is_entity("Jane Roe"), is_entity("Åsa Lindqvist Björkman")
(False, False)
>>> is_entity("Bluewater Retirement Plan")
True
>>> fund = "Pinecrest Small Cap Value Fund"
>>> [p.where for p in entity_signer_problems(fund, fund, None)]
['signer name', 'signer title']
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from closingdesk.domain.problems import Problem
from closingdesk.domain.signing.signing_evidence import SigningEvidence

# Legal-form words: one of them, as a whole word of the name, makes the purchaser an entity.
ENTITY_WORDS = frozenset(
    (
        "fund",
        "funds",
        "lp",
        "l.p",
        "llp",
        "l.l.p",
        "llc",
        "l.l.c",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "company",
        "co",
        "plc",
        "trust",
        "trustee",
        "trustees",
        "partners",
        "partnership",
        "holdings",
        "capital",
        "management",
        "advisors",
        "advisers",
        "investments",
        "investors",
        "group",
        "bank",
        "gmbh",
        "ag",
        "sa",
        "s.a",
        "nv",
        "n.v",
        "bv",
        "b.v",
        "foundation",
        "association",
        "pension",
        "endowment",
        "university",
        "ulc",
        "plan",
    )
)
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


def is_entity(name: str) -> bool:
    """Whether the purchaser named is not a natural person (see :data:`ENTITY_WORDS`)."""
    words = re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?", name.casefold())
    return any(w.rstrip(".") in ENTITY_WORDS for w in words)


def entity_signer_problems(
    purchaser_name: str, signer_name: str | None, signer_title: str | None
) -> list[Problem]:
    """For an entity: the individual signing and their title are needed."""
    if not is_entity(purchaser_name):
        return []
    problems = []
    name = " ".join((signer_name or "").split())
    if not name or same_signature(name, purchaser_name):
        what = (
            f"the individual who signs for {purchaser_name} is needed, not the name of the entity"
        )
        problems.append(Problem("signer name", what))
    if not " ".join((signer_title or "").split()):
        what = f"the title of the individual who signs for {purchaser_name} is needed"
        problems.append(Problem("signer title", what))
    return problems
