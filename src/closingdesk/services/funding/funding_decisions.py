"""What people decide about wires: match one to a purchaser, undo a match, record a refund.

Each decision is refused when it makes no sense (matching a debit, matching money that is
already matched, refunding more than came in, taking back money a settled purchaser's shares
were paid with), and each is recorded with its actor and reason in the same transaction,
with the `funded` items it moved. Each holds the wire's row and its purchaser's row from
before it reads them until it commits: a settle run or another decision on the same
money waits, then sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from closingdesk.adapters.store.funding_repository import FundingRepository, StoredTransaction
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.funding.payments import Wire
from closingdesk.domain.money import CENT, format_usd
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.domain.settlement.readiness import settled_money_problem
from closingdesk.domain.text_safety import refuse_unsafe
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.funding.funding_state import reconciliation_of, refresh_funded
from closingdesk.services.funding.wire_actions import facts_of, refuse_unless_allowed


@dataclass(frozen=True)
class WireDecision:
    transaction_id: int
    purchaser_id: int | None
    funded: tuple[int, ...]  # purchasers this decision made funded
    no_longer_funded: tuple[int, ...]


def match_wire(
    engine: Engine,
    txn_id: int,
    purchaser_id: int,
    *,
    offering: str | None,
    actor: str,
    now: datetime,
    reason: str | None = None,
) -> WireDecision:
    refuse_unsafe({"reason": reason})
    with UnitOfWork(engine) as uow:
        found, store, txn = _line(uow, offering, txn_id, None)
        purchaser = uow.purchasers.get(purchaser_id, lock=True)
        if purchaser is None or purchaser.offering_id != found.id:
            raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
        refuse_unless_allowed("match", facts_of(txn, returned=store.is_returned(txn_id)))
        at = stamp(now)
        store.set_match(txn_id, purchaser_id=purchaser_id, by=actor, at=at, note=reason)
        payload = {"transaction_id": txn_id, "purchaser_id": purchaser_id, "reason": reason}
        return _finish(
            uow, found, "funding.matched", f"purchaser:{purchaser_id}", payload, actor=actor, at=at
        )


def unmatch_wire(
    engine: Engine,
    txn_id: int,
    *,
    offering: str | None,
    actor: str,
    now: datetime,
    reason: str | None = None,
) -> WireDecision:
    refuse_unsafe({"reason": reason})
    with UnitOfWork(engine) as uow:
        found, store, txn = _line(uow, offering, txn_id, "unmatch")
        if txn.purchaser_id is None:  # the rule refused it already
            raise Conflict(f"transaction {txn_id} is not matched to anyone")
        _keep_settled_money(
            uow, found, txn.purchaser_id, txn_id, lambda w: replace(w, purchaser_id=None)
        )
        at = stamp(now)
        store.set_match(txn_id, purchaser_id=None, by=None, at=None, note=None)
        payload = {"transaction_id": txn_id, "purchaser_id": txn.purchaser_id, "reason": reason}
        return _finish(
            uow,
            found,
            "funding.unmatched",
            f"purchaser:{txn.purchaser_id}",
            payload,
            actor=actor,
            at=at,
        )


def mark_refunded(
    engine: Engine,
    txn_id: int,
    *,
    reference: str,
    offering: str | None,
    actor: str,
    now: datetime,
    amount: Decimal | None = None,
    reason: str | None = None,
) -> WireDecision:
    if not reference.strip():
        raise InvalidInput("a refund needs the reference of the outgoing payment (--reference)")
    refuse_unsafe({"reference": reference, "reason": reason})
    with UnitOfWork(engine) as uow:
        found, store, txn = _line(uow, offering, txn_id, "refund")
        left = txn.bank.amount - txn.refunded_amount
        refund = left if amount is None else amount
        if refund != refund.quantize(CENT):
            raise InvalidInput(f"a refund is a whole number of cents; got {refund}")
        if refund <= 0 or refund > left:
            raise InvalidInput(
                f"a refund of transaction {txn_id} must be more than $0.00 and at most "
                f"{format_usd(left)}, what is left of it; got {format_usd(refund)}"
            )
        if txn.purchaser_id is not None:
            _keep_settled_money(
                uow,
                found,
                txn.purchaser_id,
                txn_id,
                lambda w: replace(w, refunded=w.refunded + refund),
            )
        at = stamp(now)
        store.set_refund(txn_id, amount=txn.refunded_amount + refund, reference=reference)
        payload: dict[str, Any] = {
            "transaction_id": txn_id,
            "amount": str(refund),
            "reference": reference,
            "purchaser_id": txn.purchaser_id,
            "reason": reason,
        }
        subject = f"purchaser:{txn.purchaser_id}" if txn.purchaser_id else f"offering:{found.id}"
        return _finish(uow, found, "funding.refunded", subject, payload, actor=actor, at=at)


def _line(
    uow: UnitOfWork, offering: str | None, txn_id: int, action: str | None
) -> tuple[Offering, FundingRepository, StoredTransaction]:
    """The line, held until commit, once the rule of wire actions allows ``action`` on it
    (None: the caller asks the rule itself)."""
    found = resolve_offering(uow, offering)
    store = uow.funding
    txn = store.get(found.id, txn_id, lock=True)
    if txn is None:
        raise NotFound(f"no bank transaction {txn_id} in offering {found.slug}")
    if action is not None:
        refuse_unless_allowed(action, facts_of(txn, returned=store.is_returned(txn_id)))
    return found, store, txn


def _keep_settled_money(
    uow: UnitOfWork,
    offering: Offering,
    purchaser_id: int,
    txn_id: int,
    change: Callable[[Wire], Wire],
) -> None:
    """Hold the purchaser's row, and refuse a change of wire ``txn_id`` that would take back
    money their settled shares were paid with (as the rows stand now, locked)."""
    purchaser = uow.purchasers.get(purchaser_id, lock=True)
    if purchaser is None or not purchaser.checklist.get("shares_instructed", False):
        return
    wires = uow.funding.wires(offering.id, {purchaser_id})
    changed = [change(w) if w.txn_id == txn_id else w for w in wires]
    [before] = reconciliation_of(offering, [purchaser], wires).purchasers
    [after] = reconciliation_of(offering, [purchaser], changed).purchasers
    problem = settled_money_problem(
        purchaser, offering.terms, received=before.received, after=after.received
    )
    if problem is not None:
        raise Conflict(f"transaction {txn_id}: {problem}")


def _finish(
    uow: UnitOfWork,
    offering: Offering,
    kind: str,
    subject: str,
    payload: dict[str, Any],
    *,
    actor: str,
    at: str,
) -> WireDecision:
    concerned = [] if payload["purchaser_id"] is None else [payload["purchaser_id"]]
    gained, lost = refresh_funded(uow, offering, concerned)  # whose money moved: theirs
    payload = {**payload, "funded": gained, "no_longer_funded": lost}
    uow.events.append(at=at, actor=actor, entries=[(kind, subject, payload)])
    uow.commit()
    pid = payload.get("purchaser_id") if kind != "funding.unmatched" else None
    return WireDecision(payload["transaction_id"], pid, tuple(gained), tuple(lost))
