"""Who is ready to settle, who is not and why (every reason), and who already settled.

Besides the domain's reasons (:mod:`closingdesk.domain.settlement.readiness`), an open funding
exception on a purchaser's wires holds their settlement until it is decided
(:mod:`closingdesk.domain.funding.exception_decisions`). Settling reads all this with ``lock``:
the purchasers' rows are held until its transaction ends, so a match, unmatch, refund or
decision on their money waits for it, and it never settles on facts changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.store.decision_repository import DecisionRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.funding.exception_decisions import open_exceptions, settlement_holds
from closingdesk.domain.funding.funding_exceptions import FundingException
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import Conflict, NotFound, Problem
from closingdesk.domain.settlement.readiness import TERMS, settlement_problems
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.funding.funding_state import reconciliation_of


@dataclass(frozen=True)
class NotReady:
    purchaser_id: int
    name: str
    reasons: tuple[str, ...]


def readiness(
    uow: UnitOfWork, offering: Offering, *, purchaser_id: int | None = None, lock: bool = False
) -> tuple[list[Purchaser], list[NotReady], list[int]]:
    """``lock``: hold the rows of the purchasers considered until the transaction ends
    (taken before anything else is read)."""
    if lock and purchaser_id is not None:
        uow.purchasers.lock([purchaser_id])
    everyone = uow.purchasers.list(offering.id, lock=lock and purchaser_id is None)
    purchasers = [p for p in everyone if purchaser_id in (None, p.id)]
    if purchaser_id is not None and not purchasers:
        raise NotFound(f"no purchaser {purchaser_id} in offering {offering.slug}")
    instructed = uow.settlements.instructed(offering.id)
    funding = uow.funding.wires(offering.id)
    result = reconciliation_of(offering, everyone, funding)
    received = {f.purchaser_id: f.received for f in result.purchasers}
    held = _open_by_purchaser(result.exceptions, uow.decisions, offering)
    ready: list[Purchaser] = []
    not_ready: list[NotReady] = []
    for p in purchasers:
        if p.id in instructed:
            continue
        problems = settlement_problems(p, offering.terms, received=received[p.id])
        holds = settlement_holds(held.get(p.id, []))
        if problems or holds:
            own = [pr.what for pr in problems if pr.where != TERMS]
            terms = [f"terms: {pr.what}" for pr in problems if pr.where == TERMS]
            reasons = (*own, *holds, *terms)
            not_ready.append(NotReady(p.id, p.name, reasons))
        else:
            ready.append(p)
    return ready, not_ready, sorted(p.id for p in purchasers if p.id in instructed)


def _open_by_purchaser(
    exceptions: tuple[FundingException, ...], decisions: DecisionRepository, offering: Offering
) -> dict[int, list[FundingException]]:
    held: dict[int, list[FundingException]] = {}
    for e in open_exceptions(exceptions, decisions.of_offering(offering.id)):
        if e.purchaser_id is not None:
            held.setdefault(e.purchaser_id, []).append(e)
    return held


def refuse_one_not_ready(purchaser_id: int | None, not_ready: Sequence[NotReady]) -> None:
    """Settling one named purchaser who is not ready is refused, with every reason (exit 1,
    HTTP 409: the request is sound, the closing is not there yet), whatever the interface;
    settling everyone who is ready is not refused by those who are not: they are listed."""
    theirs = [n for n in not_ready if n.purchaser_id == purchaser_id]
    if purchaser_id is None or not theirs:
        return
    problems = [
        Problem(f"purchaser {n.purchaser_id} ({n.name})", "; ".join(n.reasons)) for n in theirs
    ]
    what = f"purchaser {purchaser_id} is not ready to settle; nothing was settled"
    raise Conflict(what, problems)


def refuse_if_not_ready(engine: Engine, *, offering: str | None, purchaser_id: int) -> None:
    """:func:`refuse_one_not_ready` as the store stands now, read before settling starts
    (settling checks again under its locks)."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        _, not_ready, _ = readiness(uow, found, purchaser_id=purchaser_id)
    refuse_one_not_ready(purchaser_id, not_ready)
