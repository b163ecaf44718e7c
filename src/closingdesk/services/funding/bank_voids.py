"""Voiding a stored bank line: an admin takes a line that should never have been stored
(an absurd amount from an old import, a test file) out of funding, with a reason.

The line stays in the store, marked voided, with who voided it, when and why, and a
``bank.voided`` event records it; funding, reconciliation and settlement no longer see
it. A line matched to a purchaser, or linked to a return, is refused: undo the match
first (``closingdesk funding unmatch``), so that its own rules run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.clock import stamp
from closingdesk.services.funding.wire_actions import raw_facts, refuse_unless_allowed


@dataclass(frozen=True)
class VoidedLine:
    transaction_id: int
    amount: str  # as stored
    currency: str
    reason: str


def void_bank_line(
    engine: Engine, txn_id: int, *, offering: str | None, actor: str, now: datetime, reason: str
) -> VoidedLine:
    if not reason.strip():
        raise InvalidInput("voiding a bank line needs a reason (--reason)")
    with UnitOfWork(engine) as uow:
        found = resolve_offering(uow, offering)
        store = uow.funding
        line = store.raw_line(found.id, txn_id, lock=True)
        if line is None:
            raise NotFound(f"no bank transaction {txn_id} in offering {found.slug}")
        if line.voided:
            raise Conflict(f"transaction {txn_id} is already voided")
        refuse_unless_allowed("void", raw_facts(line))
        at = stamp(now)
        store.set_void(txn_id, at=at, by=actor, reason=reason.strip())
        # a line that may be voided is matched to no one and returns nothing: it moved
        # nobody's funding, so nobody's `funded` is read or written again
        payload = {
            "transaction_id": txn_id,
            "amount": line.amount,
            "currency": line.currency,
            "direction": line.direction,
            "reason": reason.strip(),
        }
        uow.events.append(
            at=at, actor=actor, entries=[("bank.voided", f"offering:{found.id}", payload)]
        )
        uow.commit()
    return VoidedLine(txn_id, line.amount, line.currency, reason.strip())
