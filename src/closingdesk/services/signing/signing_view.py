"""What the purchaser's page shows about signing: the agreement PDF to sign (its version and
hash), where the closing stands, and every reason signing is not possible now."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import NotFound
from closingdesk.domain.signing.signatures import SignaturePageRecord, SignatureRecord
from closingdesk.domain.signing.signing_rules import purchaser_reasons


@dataclass(frozen=True)
class SigningView:
    """What the purchaser's page needs to offer (or refuse) signing."""

    purchaser_id: int
    agreement_document_id: int | None  # the newest agreement PDF
    agreement_version: int | None
    agreement_sha256: str | None  # SHA-256 of exactly those PDF bytes
    prospectus_delivered: bool
    purchaser_signed: bool
    company_signed: bool
    can_sign: bool
    reasons: list[str]  # every reason signing is not possible now, in words
    signature: SignatureRecord | None  # the purchaser's signature, once signed
    pending_page: SignaturePageRecord | None = None  # a signature page awaiting counsel


def signing_view(engine: Engine, *, purchaser_id: int) -> SigningView:
    with UnitOfWork(engine, read_only=True) as uow:
        purchaser = uow.purchasers.get(purchaser_id)
        if purchaser is None:
            raise NotFound(f"no purchaser {purchaser_id}")
        store = uow.signatures
        agreement = store.newest_agreement(purchaser_id)
        signature = store.signature(purchaser_id, "purchaser")
        pending = store.pending_page(purchaser_id)
    checklist = purchaser.checklist
    reasons = purchaser_reasons(checklist, agreement)
    return SigningView(
        purchaser_id=purchaser_id,
        agreement_document_id=None if agreement is None else agreement.document_id,
        agreement_version=None if agreement is None else agreement.version,
        agreement_sha256=None if agreement is None else agreement.sha256,
        prospectus_delivered=checklist["prospectus_delivered"],
        purchaser_signed=checklist["purchaser_signed"],
        company_signed=checklist["company_signed"],
        can_sign=not reasons,
        reasons=reasons,
        signature=signature,
        pending_page=pending,
    )
