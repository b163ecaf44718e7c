"""Decisions on funding exceptions: accept a late wire, acknowledge a bank's return.

An open exception on a purchaser's wires holds their settlement
(:mod:`closingdesk.domain.funding.exception_decisions`); these record, with a reason and in the
event log, the decision that closes one. Each holds the wire's and the purchaser's rows
from before it reads them until it commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.funding.exception_decisions import (
    DECISIONS,
    ExceptionDecision,
    open_exceptions,
)
from closingdesk.domain.funding.funding_exceptions import FundingException
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.funding.funding_state import reconciliation_of
from closingdesk.services.funding.wire_actions import facts_of, open_kinds_of, refuse_unless_allowed

EVENTS = {
    "accept_late": "funding.late_accepted",
    "acknowledge_return": "funding.return_acknowledged",
}


@dataclass(frozen=True)
class Decided:
    decision: ExceptionDecision
    exception: str  # the exception's words, as it stood when it was decided


def accept_late_wire(
    engine: Engine, txn_id: int, *, reason: str, offering: str | None, actor: str, now: datetime
) -> Decided:
    """The company accepts a wire that came after the close of business: it counts."""
    return _decide(engine, "accept_late", txn_id, reason, offering, actor, now)


def acknowledge_return(
    engine: Engine, txn_id: int, *, reason: str, offering: str | None, actor: str, now: datetime
) -> Decided:
    """The bank's return (or the sender's recall) of a purchaser's wire is acknowledged."""
    return _decide(engine, "acknowledge_return", txn_id, reason, offering, actor, now)


def _decide(
    engine: Engine,
    kind: str,
    txn_id: int,
    reason: str,
    offering: str | None,
    actor: str,
    now: datetime,
) -> Decided:
    why = " ".join(reason.split())
    if not why:
        raise InvalidInput(f"a decision to {DECISIONS[kind][1]} needs a reason (--reason)")
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        funding = uow.funding
        txn = funding.get(found.id, txn_id, lock=True)
        if txn is None:
            raise NotFound(f"no bank transaction {txn_id} in offering {found.slug}")
        purchaser = None
        if txn.purchaser_id is not None:
            purchaser = uow.purchasers.get(txn.purchaser_id, lock=True)
        decisions = uow.decisions
        exceptions: list[FundingException] = []
        if purchaser is not None:
            wires = funding.wires(found.id, {purchaser.id})
            result = reconciliation_of(found, [purchaser], wires)
            exceptions = open_exceptions(result.exceptions, decisions.of_wire(found.id, txn_id))
        kinds = open_kinds_of(txn_id, exceptions, [])
        facts = facts_of(txn, returned=funding.is_returned(txn_id), open_kinds=kinds)
        refuse_unless_allowed(kind, facts)
        if purchaser is None:  # the rule refused it already
            raise Conflict(f"wire {txn_id} is matched to no purchaser")
        [closed] = [e for e in exceptions if e.kind == DECISIONS[kind][0] and e.txn_id == txn_id]
        at = stamp(now)
        decision = ExceptionDecision(kind, txn_id, purchaser.id, why, actor, at)
        decisions.add(found.id, decision)
        payload = {
            "transaction_id": txn_id,
            "purchaser_id": purchaser.id,
            "decision": kind,
            "exception": closed.kind,
            "what": closed.what,
            "reason": why,
        }
        entry = (EVENTS[kind], f"purchaser:{purchaser.id}", payload)
        uow.events.append(at=at, actor=actor, entries=[entry])
        uow.commit()
    return Decided(decision, closed.what)
