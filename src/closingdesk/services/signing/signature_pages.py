"""Signed signature pages sent back (a scan or a fax), and counsel's review of them.

The form lets a purchaser sign on paper and return the page electronically. The page is
bound to the exact agreement version it belongs to; once counsel accepts it, it is the
purchaser's signature (method "signature_page") and ``purchaser_signed`` is set.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.store.signature_repository import SignatureRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound, Problem
from closingdesk.domain.signing.scanned_pages import kind_of, page_file_problems
from closingdesk.domain.signing.signatures import (
    SignaturePageRecord,
    entity_signer_problems,
    event_payload,
)
from closingdesk.domain.signing.signing_rules import purchaser_reasons, version_problems
from closingdesk.domain.text_safety import refuse_unsafe
from closingdesk.services.clock import stamp

WRONG_VERSION = "the signature page is for the wrong version of the agreement"


def add_signature_page(
    engine: Engine,
    *,
    purchaser_id: int,
    document_id: int,
    file_name: str,
    content: bytes,
    actor: str,
    now: datetime,
) -> SignaturePageRecord:
    """A signed page of the agreement version ``document_id``, pending counsel's review."""
    problems = page_file_problems(file_name, content)
    if problems:
        raise InvalidInput("the signature page cannot be used; nothing was added", problems)
    with UnitOfWork(engine) as uow:
        store = uow.signatures
        purchaser = _locked(uow, store, purchaser_id)
        if purchaser.checklist["purchaser_signed"]:
            raise Conflict(f"purchaser {purchaser_id} has already signed; nothing was added")
        if store.pending_page(purchaser_id) is not None:
            raise Conflict("a signature page is already waiting for review: accept or reject it")
        agreement = store.newest_agreement(purchaser_id)
        wrong = version_problems(agreement, document_id=document_id, sha256=None)
        if wrong or agreement is None:
            raise Conflict(f"{WRONG_VERSION}; nothing was added", wrong)
        at = stamp(now)
        sha256 = hashlib.sha256(content).hexdigest()
        page_id = store.add_page(
            {
                "purchaser_id": purchaser_id,
                "document_id": document_id,
                "file_name": file_name,
                "content": content,
                "sha256": sha256,
                "status": "pending",
                "added_by": actor,
                "added_at": at,
            }
        )
        payload = {
            "page_id": page_id,
            "document_id": document_id,
            "version": agreement.version,
            "file_name": file_name,
            "file_kind": kind_of(content),
            "sha256": sha256,
            "size": len(content),
        }
        entry = ("signature_page.added", f"purchaser:{purchaser_id}", payload)
        uow.events.append(at=at, actor=actor, entries=[entry])
        page = store.page(page_id)
        uow.commit()
    if page is None:
        raise RuntimeError(f"signature page {page_id} vanished as it was added")
    return page


def review_signature_page(
    engine: Engine,
    *,
    purchaser_id: int,
    accept: bool,
    reason: str | None,
    actor: str,
    now: datetime,
    signer_name: str | None = None,
    signer_title: str | None = None,
) -> SignaturePageRecord:
    """Counsel accepts the pending page (the purchaser has signed) or rejects it, saying why.

    Accepting names who signed the page, as counsel reads it (else the book's signer); for an
    entity purchaser the individual's name and title are required."""
    reason = " ".join((reason or "").split()) or None
    refuse_unsafe({"reason": reason})
    if not accept and reason is None:
        raise InvalidInput("say why the signature page is rejected (--reason)")
    with UnitOfWork(engine) as uow:
        store = uow.signatures
        purchaser = _locked(uow, store, purchaser_id)
        page = store.pending_page(purchaser_id)
        if page is None:
            raise NotFound(f"no signature page of purchaser {purchaser_id} is waiting for review")
        at = stamp(now)
        review = {"reviewed_by": actor, "reviewed_at": at, "reason": None if accept else reason}
        store.review_page(page.id, {**review, "status": "accepted" if accept else "rejected"})
        kind = "signature_page.accepted" if accept else "signature_page.rejected"
        payload: dict[str, object] = {"page_id": page.id, "reason": reason}
        entries = [(kind, f"purchaser:{purchaser_id}", payload)]
        if accept:
            signer = _page_signer(purchaser, signer_name, signer_title)
            entries.append(_accept(store, purchaser, page, signer, actor=actor, at=at))
            uow.purchasers.set_checklist([purchaser_id], "purchaser_signed", done=True)
        uow.events.append(at=at, actor=actor, entries=entries)
        reviewed = store.page(page.id)
        uow.commit()
    if reviewed is None:
        raise RuntimeError(f"signature page {page.id} vanished as it was reviewed")
    return reviewed


def _accept(
    store: SignatureRepository,
    purchaser: Purchaser,
    page: SignaturePageRecord,
    signer: tuple[str, str | None],
    *,
    actor: str,
    at: str,
) -> tuple[str, str, dict[str, object]]:
    """The purchaser's signature by this page; its "agreement.signed" event entry."""
    agreement = store.newest_agreement(purchaser.id)
    problems = [Problem("agreement", r) for r in purchaser_reasons(purchaser.checklist, agreement)]
    problems += version_problems(agreement, document_id=page.document_id, sha256=None)
    if problems or agreement is None:
        raise Conflict("the signature page cannot be accepted; nothing was changed", problems)
    record = store.add_signature(
        {
            "purchaser_id": purchaser.id,
            "side": "purchaser",
            "method": "signature_page",
            "document_id": agreement.document_id,
            "document_sha256": agreement.sha256,
            "signer_name": signer[0],
            "signer_title": signer[1],
            "signature_page_id": page.id,
            "signed_at": at,
            "actor": actor,
        }
    )
    payload = event_payload(record, version=agreement.version)
    return ("agreement.signed", f"purchaser:{purchaser.id}", payload)


def _page_signer(
    purchaser: Purchaser, name: str | None, title: str | None
) -> tuple[str, str | None]:
    """Who signed the page: as counsel gives it, else the book's signer, else the purchaser."""
    name = " ".join((name or "").split()) or purchaser.signer_name or purchaser.name
    title = " ".join((title or "").split()) or purchaser.signer_title
    problems = entity_signer_problems(purchaser.name, name, title)
    if problems:
        raise InvalidInput(
            "say who signed the page for the entity (--signer-name, --signer-title); "
            "nothing was accepted",
            problems,
        )
    return name, title


def _locked(uow: UnitOfWork, store: SignatureRepository, purchaser_id: int) -> Purchaser:
    store.lock_purchaser(purchaser_id)
    purchaser = uow.purchasers.get(purchaser_id)
    if purchaser is None:
        raise NotFound(f"no purchaser {purchaser_id}")
    return purchaser
