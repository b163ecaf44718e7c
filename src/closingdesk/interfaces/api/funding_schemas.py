"""Funding as the API takes and answers it: the reconciliation, bank imports, decisions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from closingdesk.domain.funding.wire_actions import ACTIONS
from closingdesk.interfaces.api.schemas import NO_NUL, VISIBLE, Money
from closingdesk.services.funding.bank_import import BankImport
from closingdesk.services.funding.bank_voids import VoidedLine
from closingdesk.services.funding.funding_decisions import WireDecision
from closingdesk.services.funding.reconciliation import FundingReport, report_document

Text = Field(default=None, max_length=500, pattern=NO_NUL)
Actions: Any = Field(
    default_factory=list,
    description="what may be done with this line now (match, unmatch, refund, accept_late, "
    "acknowledge_return, void): the same rule the CLI and the funding page follow",
    json_schema_extra={"items": {"enum": list(ACTIONS)}},
)


class FundingTotalsPublic(BaseModel):
    expected: Money
    received: Money
    purchasers: int
    funded: int
    unmatched: int
    exceptions: int


class PurchaserFundingPublic(BaseModel):
    id: int
    name: str | None
    reference: str = Field(description="what the purchaser quotes on the wire")
    expected: Money
    received: Money
    state: str = Field(json_schema_extra={"enum": ["unpaid", "short", "funded", "over"]})


class CandidatePublic(BaseModel):
    purchaser_id: int
    name: str | None
    score: int
    reasons: list[str]


class TransactionPublic(BaseModel):
    id: int
    direction: str
    amount: Money
    currency: str
    value_date: str
    value_time: str | None
    originator: str | None
    remittance: str
    bank_reference: str | None
    imad: str | None
    end_to_end_id: str | None
    purchaser_id: int | None
    matched_by: str | None
    actions: list[str] = Actions
    candidates: list[CandidatePublic]


class ExceptionDecisionPublic(BaseModel):
    kind: str = Field(json_schema_extra={"enum": ["accept_late", "acknowledge_return"]})
    reason: str
    decided_by: str
    decided_at: str


class ExceptionDecisionCreate(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=VISIBLE)


class FundingExceptionPublic(BaseModel):
    kind: str = Field(
        json_schema_extra={
            "enum": ["short", "over", "duplicate", "unknown", "wrong_currency", "late", "returned"]
        }
    )
    purchaser_id: int | None
    purchaser: str | None
    transaction_id: int | None
    amount: Money
    what: str
    next_step: str
    holds_settlement: bool = Field(
        description="open and about a purchaser: their settlement waits for the money to be "
        "put right or a decision"
    )
    decision: ExceptionDecisionPublic | None = Field(
        default=None, description="the decision that closed it (accept a late wire, ...)"
    )
    actions: list[str] = Actions


class BankFilePublic(BaseModel):
    id: int
    source: str
    format: str
    warnings: list[str]  # e.g. control figures that disagreed, imported on request


class ReconciliationPublic(BaseModel):
    offering: str
    currency: str
    totals: FundingTotalsPublic
    purchasers: list[PurchaserFundingPublic]
    unmatched: list[TransactionPublic]
    exceptions: list[FundingExceptionPublic]
    bank_files: list[BankFilePublic]


def reconciliation_public(report: FundingReport) -> ReconciliationPublic:
    return ReconciliationPublic.model_validate(report_document(report))


class BankImportPublic(BaseModel):
    offering: str
    source: str
    format: str
    file_id: int
    added: int
    already_imported: int
    matched: int
    to_review: int
    funded: list[int]
    skipped_accounts: dict[str, int]
    warnings: list[str]


def bank_import_public(result: BankImport) -> BankImportPublic:
    return BankImportPublic(
        offering=result.offering.slug,
        source=result.source,
        format=result.format,
        file_id=result.file_id,
        added=result.added,
        already_imported=result.already_imported,
        matched=result.matched,
        to_review=result.to_review,
        funded=list(result.funded),
        skipped_accounts=result.skipped_accounts,
        warnings=[str(w) for w in result.warnings],
    )


class MatchCreate(BaseModel):
    purchaser_id: int = Field(ge=1, le=2**31 - 1)
    reason: str | None = Text


class UnmatchCreate(BaseModel):
    reason: str | None = Text


class RefundCreate(BaseModel):
    reference: str = Field(min_length=1, max_length=200, pattern=VISIBLE)
    amount: Money | None = Field(default=None, description="default: all that is left")
    reason: str | None = Text


class VoidCreate(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, pattern=VISIBLE)


class VoidedLinePublic(BaseModel):
    transaction_id: int
    amount: str  # as it was stored
    currency: str
    reason: str


def voided_line_public(line: VoidedLine) -> VoidedLinePublic:
    return VoidedLinePublic(
        transaction_id=line.transaction_id,
        amount=line.amount,
        currency=line.currency,
        reason=line.reason,
    )


class WireDecisionPublic(BaseModel):
    transaction_id: int
    purchaser_id: int | None
    funded: list[int]
    no_longer_funded: list[int]


def wire_decision_public(decision: WireDecision) -> WireDecisionPublic:
    return WireDecisionPublic(
        transaction_id=decision.transaction_id,
        purchaser_id=decision.purchaser_id,
        funded=list(decision.funded),
        no_longer_funded=list(decision.no_longer_funded),
    )
