"""The company's countersignature: many agreements in one action, each with its evidence.

Every purchaser who signed (and is not countersigned yet) is countersigned on the agreement
version they signed; ``company_signed`` is set and each gets an "agreement.countersigned"
event. Anyone else is skipped with every reason. The executed counterparts are then made
(:func:`closingdesk.services.signing.executed_counterparts.execute_counterparts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.problems import NotFound
from closingdesk.domain.signing.consent import CONSENT_VERSION
from closingdesk.domain.signing.signatures import Evidence, event_payload
from closingdesk.domain.signing.signing_rules import company_reasons
from closingdesk.domain.text_safety import refuse_unsafe
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.signing.executed_counterparts import execute_counterparts
from closingdesk.services.signing.signatories import company_signatory


@dataclass(frozen=True)
class CountersignResult:
    countersigned: list[int]
    skipped: list[tuple[int, list[str]]]  # purchaser id, every reason
    executed_document_ids: list[int]  # the executed PDFs made
    certificate_document_ids: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # countersigned, not executed


def countersign(
    engine: Engine,
    *,
    offering: str | None,
    purchaser_ids: list[int] | None,
    evidence: Evidence,
    actor: str,
    now: datetime,
    signatory: str | None = None,
    signer_name: str = "",
    signer_title: str = "",
    tsa_url: str | None = None,
) -> CountersignResult:
    """Countersign the purchasers given (None: all) that can be; then execute their agreements.

    The signer is one of the terms' authorised signatories: ``signatory`` (a name or its
    number), else ``signer_name``, else the one linked to the actor's user account; a typed
    ``signer_title`` must be theirs. Call from synchronous code: signing the PDFs runs its
    own event loop."""
    typed = {"signer name": signer_name or "", "signer title": signer_title or ""}
    refuse_unsafe(typed, message="say who countersigns for the company; nothing was signed")
    who = company_signatory(
        engine, offering, signatory or signer_name, actor=actor, title=signer_title
    )
    signing = _Countersigning(who.name, who.title, evidence, actor, now)
    try:
        slug, countersigned, skipped = _countersign(engine, offering, purchaser_ids, signing)
    except IntegrityError:  # another countersigning of the same purchasers went first
        slug, countersigned, skipped = _countersign(engine, offering, purchaser_ids, signing)
    execution = execute_counterparts(
        engine, offering=slug, purchaser_ids=countersigned, tsa_url=tsa_url, actor=actor, now=now
    )
    return CountersignResult(
        countersigned,
        skipped,
        execution.executed_document_ids,
        execution.certificate_document_ids,
        execution.failed,
    )


@dataclass(frozen=True)
class _Countersigning:
    name: str
    title: str
    evidence: Evidence
    actor: str
    now: datetime


def _countersign(
    engine: Engine,
    offering: str | None,
    purchaser_ids: Sequence[int] | None,
    signing: _Countersigning,
) -> tuple[str, list[int], list[tuple[int, list[str]]]]:
    at = stamp(signing.now)
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        purchasers = _purchasers(uow, found.id, found.slug, purchaser_ids)
        store = uow.signatures
        ids = [p.id for p in purchasers]
        agreements, signatures = store.newest_agreements(ids), store.signatures_of(ids)
        countersigned, skipped, entries = [], [], []
        for p in purchasers:
            theirs = signatures.get((p.id, "purchaser"))
            signed_sha = None if theirs is None else theirs.document_sha256
            agreement = agreements.get(p.id)
            reasons = company_reasons(p.checklist, agreement, purchaser_signed_sha256=signed_sha)
            if reasons or theirs is None or agreement is None:
                skipped.append((p.id, reasons))
                continue
            record = store.add_signature(
                {
                    "purchaser_id": p.id,
                    "side": "company",
                    "method": "electronic",
                    "document_id": theirs.document_id,
                    "document_sha256": theirs.document_sha256,
                    "signer_name": signing.name,
                    "signer_title": signing.title,
                    "typed_signature": signing.name,
                    "consent_version": CONSENT_VERSION,
                    "ip": signing.evidence.ip,
                    "user_agent": signing.evidence.user_agent,
                    "signed_at": at,
                    "actor": signing.actor,
                }
            )
            countersigned.append(p.id)
            payload = event_payload(record, version=agreement.version)
            entries.append(("agreement.countersigned", f"purchaser:{p.id}", payload))
        uow.purchasers.set_checklist(countersigned, "company_signed", done=True)
        uow.events.append(at=at, actor=signing.actor, entries=entries)
        uow.commit()
    return found.slug, countersigned, skipped


def _purchasers(
    uow: UnitOfWork, offering_id: int, slug: str, ids: Sequence[int] | None
) -> list[Purchaser]:
    """The purchasers to countersign, their rows held until the commit (read after the
    lock): a second countersigning at the same time waits, then finds them countersigned."""
    if ids is not None:
        uow.purchasers.lock(ids)
    everyone = uow.purchasers.list(offering_id, lock=ids is None)
    if ids is None:
        return everyone
    by_id = {p.id: p for p in everyone}
    unknown = sorted(set(ids) - by_id.keys())
    if unknown:
        listed = ", ".join(str(i) for i in unknown)
        raise NotFound(f"no purchaser {listed} in offering {slug}; nothing was countersigned")
    return [by_id[i] for i in dict.fromkeys(ids)]
