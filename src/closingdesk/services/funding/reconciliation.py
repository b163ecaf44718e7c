"""The reconciliation: per purchaser expected against received, money not placed, exceptions.

What `closingdesk reconcile`, the funding API and the funding page show. It is read in one
transaction and computed by the domain (:mod:`closingdesk.domain.funding.payments`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.funding_repository import (
    StoredFile,
    StoredTransaction,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.funding import funding_exceptions as exc
from closingdesk.domain.funding.exception_decisions import ExceptionDecision, closing_decision
from closingdesk.domain.funding.funding_exceptions import Payer
from closingdesk.domain.funding.matching import ExpectedPayment
from closingdesk.domain.funding.matching_evidence import SHORT_REASON
from closingdesk.domain.funding.payment_reference import payment_reference
from closingdesk.domain.funding.payments import KINDS, FundingException, Reconciliation
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.funding.funding_state import expected_payments, reconciliation_of, wire_of
from closingdesk.services.funding.wire_actions import actions_by_line


@dataclass(frozen=True)
class FundingReport:
    offering: Offering
    result: Reconciliation
    names: dict[int, str]  # purchaser id -> name
    transactions: dict[int, StoredTransaction]
    decisions: tuple[ExceptionDecision, ...] = ()  # on exceptions (accept a late wire, ...)
    files: tuple[StoredFile, ...] = ()  # the bank files imported, with their warnings
    actions: dict[int, tuple[str, ...]] = field(default_factory=dict)  # by transaction id

    def actions_of(self, txn_id: int | None) -> tuple[str, ...]:
        """What a person may do with this line now (see domain.funding.wire_actions)."""
        return () if txn_id is None else self.actions.get(txn_id, ())

    def decision(self, exception: FundingException) -> ExceptionDecision | None:
        """The decision that closed this exception, if any."""
        return closing_decision(exception, self.decisions)

    def holds_settlement(self, exception: FundingException) -> bool:
        """Whether this exception holds its purchaser's settlement (open, about one)."""
        return exception.purchaser_id is not None and self.decision(exception) is None

    def name(self, purchaser_id: int | None) -> str | None:
        return None if purchaser_id is None else self.names.get(purchaser_id)


def funding_report(engine: Engine, *, offering: str | None) -> FundingReport:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchasers = uow.purchasers.list(found.id)
        store = uow.funding
        stored = store.transactions(found.id)
        files = tuple(store.files(found.id))
        decisions = tuple(uow.decisions.of_offering(found.id))
    expected = expected_payments(found, purchasers)
    result = reconciliation_of(found, purchasers, [wire_of(s) for s in stored], expected)
    result = _shortfalls_named(result, expected, {s.id: s for s in stored})
    names = {p.id: p.name for p in purchasers}
    transactions = {s.id: s for s in stored}
    actions = actions_by_line(transactions, result.exceptions, decisions)
    return FundingReport(
        found, result, names, transactions, decisions=decisions, files=files, actions=actions
    )


def _shortfalls_named(
    result: Reconciliation, expected: list[ExpectedPayment], stored: dict[int, StoredTransaction]
) -> Reconciliation:
    """An unmatched wire that a clear name alone ties to one purchaser, for less than their
    price, is shown as ``short`` against that purchaser rather than ``unknown`` (it still
    funds no one until a person matches it)."""
    prices = {e.purchaser_id: e for e in expected}
    exceptions = []
    for found in result.exceptions:
        txn = stored.get(found.txn_id) if found.kind == "unknown" and found.txn_id else None
        named = [c for c in txn.candidates if SHORT_REASON in c.reasons] if txn else []
        if txn is None or len(named) != 1 or named[0].purchaser_id not in prices:
            exceptions.append(found)
            continue
        e = prices[named[0].purchaser_id]
        payer = Payer(e.purchaser_id, e.name, e.amount, e.currency)
        exceptions.append(exc.short(payer, received=txn.bank.amount, last_txn=txn.id))
    exceptions.sort(key=lambda e: KINDS.index(e.kind))
    return replace(result, exceptions=tuple(exceptions))


def report_document(report: FundingReport) -> dict[str, Any]:
    """The reconciliation as the JSON contract writes it (money as Decimal, printed as text)."""
    r = report.result
    return {
        "offering": report.offering.slug,
        "currency": report.offering.terms.currency,
        "totals": {
            "expected": r.total_expected,
            "received": r.total_received,
            "purchasers": len(r.purchasers),
            "funded": r.funded_count,
            "unmatched": len(r.unmatched),
            "exceptions": len(r.exceptions),
        },
        "purchasers": [
            {
                "id": f.purchaser_id,
                "name": report.name(f.purchaser_id),
                "reference": payment_reference(report.offering.slug, f.purchaser_id),
                "expected": f.expected,
                "received": f.received,
                "state": f.state,
            }
            for f in r.purchasers
        ],
        "unmatched": [
            transaction_document(report, report.transactions[w.txn_id]) for w in r.unmatched
        ],
        "exceptions": [
            {
                "kind": e.kind,
                "purchaser_id": e.purchaser_id,
                "purchaser": report.name(e.purchaser_id),
                "transaction_id": e.txn_id,
                "amount": e.amount,
                "what": e.what,
                "next_step": e.next_step,
                "holds_settlement": report.holds_settlement(e),
                "decision": decision_document(report.decision(e)),
                "actions": list(report.actions_of(e.txn_id)),
            }
            for e in r.exceptions
        ],
        "bank_files": [
            {"id": f.id, "source": f.source, "format": f.format, "warnings": list(f.warnings)}
            for f in report.files
        ],
    }


def decision_document(decision: ExceptionDecision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "kind": decision.kind,
        "reason": decision.reason,
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at,
    }


def transaction_document(report: FundingReport, stored: StoredTransaction) -> dict[str, Any]:
    b = stored.bank
    return {
        "id": stored.id,
        "direction": b.direction,
        "amount": b.amount,
        "currency": b.currency,
        "value_date": b.value_date.isoformat(),
        "value_time": b.value_time.isoformat() if b.value_time else None,
        "originator": b.originator,
        "remittance": b.remittance,
        "bank_reference": b.bank_reference,
        "imad": b.imad,
        "end_to_end_id": b.end_to_end_id,
        "purchaser_id": stored.purchaser_id,
        "matched_by": stored.matched_by,
        "actions": list(report.actions_of(stored.id)),
        "candidates": [
            {
                "purchaser_id": c.purchaser_id,
                "name": report.name(c.purchaser_id),
                "score": c.score,
                "reasons": list(c.reasons),
            }
            for c in stored.candidates
        ],
    }
