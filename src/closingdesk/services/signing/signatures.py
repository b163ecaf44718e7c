"""Signing agreements: the purchaser's page, signature pages sent back, the countersignature.

A purchaser signs the exact agreement PDF they were shown, electronically (consent, name,
title, a typed signature) or by a signed signature page that counsel accepts; either way
``purchaser_signed`` is set and the evidence is kept. The company then countersigns, and
each agreement signed by both sides becomes an executed, digitally signed counterpart with
a certificate of completion (:mod:`closingdesk.services.signing.executed_counterparts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.people.team import PurchaserLink
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Problem
from closingdesk.domain.signing.signatures import (
    Evidence,
    SignaturePageRecord,
    SignatureRecord,
    entity_signer_problems,
    event_payload,
)
from closingdesk.domain.signing.signing_rules import (
    CHANGED,
    AgreementVersion,
    consent_problems,
    name_problems,
    purchaser_reasons,
    version_problems,
)
from closingdesk.domain.text_safety import refuse_unsafe
from closingdesk.services.clock import stamp
from closingdesk.services.documents.documents_view import DocumentInfo
from closingdesk.services.signing.countersigning import CountersignResult, countersign
from closingdesk.services.signing.executed_counterparts import executed_documents
from closingdesk.services.signing.signature_pages import add_signature_page, review_signature_page
from closingdesk.services.signing.signature_pages_view import (
    signature_page_content,
    signature_pages,
)
from closingdesk.services.signing.signing_view import SigningView, signing_view

NOT_SIGNED = "the agreement cannot be signed now; nothing was signed"

__all__ = [
    "CountersignResult",
    "DocumentInfo",
    "Evidence",
    "SignaturePageRecord",
    "SignatureRecord",
    "SigningView",
    "add_signature_page",
    "countersign",
    "executed_documents",
    "review_signature_page",
    "sign_electronically",
    "signature_page_content",
    "signature_pages",
    "signing_view",
]


def sign_electronically(
    engine: Engine,
    *,
    purchaser_id: int,
    link_id: int,
    document_id: int,
    document_sha256: str,
    consent_version: str,
    signer_name: str,
    signer_title: str | None,
    typed_signature: str,
    evidence: Evidence,
    now: datetime,
) -> SignatureRecord:
    """The purchaser's electronic signature of the agreement PDF they were shown; signing
    again (even twice at once) changes nothing and returns the signature recorded first."""
    request = _Request(
        purchaser_id, link_id, document_id, document_sha256, consent_version,
        " ".join(signer_name.split()), " ".join((signer_title or "").split()) or None,
        " ".join(typed_signature.split()), evidence,
    )  # fmt: skip
    given = {"signer name": request.signer_name, "signer title": request.signer_title}
    given["signature"] = request.typed_signature
    refuse_unsafe(given, message="the signature is incomplete; nothing was signed")
    try:
        return _sign(engine, request, now)
    except IntegrityError:  # a concurrent submission was recorded first
        with UnitOfWork(engine, read_only=True) as uow:
            existing = uow.signatures.signature(purchaser_id, "purchaser")
        if existing is None:
            raise
        return existing


@dataclass(frozen=True)
class _Request:
    purchaser_id: int
    link_id: int
    document_id: int
    document_sha256: str
    consent_version: str
    signer_name: str
    signer_title: str | None
    typed_signature: str
    evidence: Evidence


def _sign(engine: Engine, request: _Request, now: datetime) -> SignatureRecord:
    with UnitOfWork(engine) as uow:
        store = uow.signatures
        store.lock_purchaser(request.purchaser_id)
        purchaser = uow.purchasers.get(request.purchaser_id)
        if purchaser is None:
            raise NotFound(f"no purchaser {request.purchaser_id}")
        existing = store.signature(purchaser.id, "purchaser")
        if existing is not None:
            return existing
        empty = name_problems(request.signer_name, request.typed_signature)
        if request.signer_title is None and purchaser.signer_title:  # the book names it
            request = replace(request, signer_title=purchaser.signer_title)
        named = {p.where for p in empty}  # an empty name is said once
        entity = entity_signer_problems(purchaser.name, request.signer_name, request.signer_title)
        empty += [p for p in entity if p.where not in named]
        if empty:
            raise InvalidInput("the signature is incomplete; nothing was signed", empty)
        found = uow.people.link(request.link_id)
        link = None if found is None else found[0]
        agreement = store.newest_agreement(purchaser.id)
        problems = _problems(request, purchaser.checklist, agreement, link, now=now)
        if problems or agreement is None or link is None:
            changed = any(p.what == CHANGED for p in problems)
            raise Conflict(CHANGED if changed else NOT_SIGNED, problems)
        at = stamp(now)
        record = store.add_signature(
            {
                "purchaser_id": purchaser.id,
                "side": "purchaser",
                "method": "electronic",
                "document_id": agreement.document_id,
                "document_sha256": agreement.sha256,
                "signer_name": request.signer_name,
                "signer_title": request.signer_title,
                "typed_signature": request.typed_signature,
                "consent_version": request.consent_version,
                "link_id": link.id,
                "sent_to": link.sent_to,
                "ip": request.evidence.ip,
                "user_agent": request.evidence.user_agent,
                "signed_at": at,
                "actor": f"link:{link.id}",
            }
        )
        uow.purchasers.set_checklist([purchaser.id], "purchaser_signed", done=True)
        payload = event_payload(record, version=agreement.version)
        entry = ("agreement.signed", f"purchaser:{purchaser.id}", payload)
        uow.events.append(at=at, actor=record.actor, entries=[entry])
        uow.commit()
    return record


def _problems(
    request: _Request,
    checklist: Mapping[str, bool],
    agreement: AgreementVersion | None,
    link: PurchaserLink | None,
    *,
    now: datetime,
) -> list[Problem]:
    """Every reason this signature cannot be recorded."""
    problems = [Problem("agreement", r) for r in purchaser_reasons(checklist, agreement)]
    if agreement is not None:
        problems += version_problems(
            agreement, document_id=request.document_id, sha256=request.document_sha256
        )
    problems += consent_problems(
        request.consent_version,
        signer_name=request.signer_name,
        typed_signature=request.typed_signature,
    )
    if link is None or link.purchaser_id != request.purchaser_id or link.revoked_at is not None:
        problems.append(Problem("link", "this link is not valid for this purchaser"))
    elif link.expires_at <= stamp(now):
        problems.append(Problem("link", "this link has expired; ask for a new one"))
    return problems
