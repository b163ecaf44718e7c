"""Who is ready to settle, who is not and why (every reason), and who already settled."""

from __future__ import annotations

from dataclasses import dataclass

from closingdesk.adapters.store.funding_repository import FundingRepository
from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering import Offering
from closingdesk.domain.problems import NotFound
from closingdesk.domain.purchaser import Purchaser
from closingdesk.domain.settlement import settlement_problems
from closingdesk.services.funding_state import reconciliation_of


@dataclass(frozen=True)
class NotReady:
    purchaser_id: int
    name: str
    reasons: tuple[str, ...]


def readiness(
    uow: UnitOfWork, offering: Offering, *, purchaser_id: int | None = None
) -> tuple[list[Purchaser], list[NotReady], list[int]]:
    everyone = uow.purchasers.list(offering.id)
    purchasers = [p for p in everyone if purchaser_id in (None, p.id)]
    if purchaser_id is not None and not purchasers:
        raise NotFound(f"no purchaser {purchaser_id} in offering {offering.slug}")
    instructed = SettlementRepository(uow.connection).instructed(offering.id)
    funding = FundingRepository(uow.connection).wires(offering.id)
    received = {
        f.purchaser_id: f.received
        for f in reconciliation_of(offering, everyone, funding).purchasers
    }
    ready: list[Purchaser] = []
    not_ready: list[NotReady] = []
    for p in purchasers:
        if p.id in instructed:
            continue
        problems = settlement_problems(p, offering.terms, received=received[p.id])
        if problems:
            reasons = tuple(
                pr.what if pr.where != "terms" else f"terms: {pr.what}" for pr in problems
            )
            not_ready.append(NotReady(p.id, p.name, reasons))
        else:
            ready.append(p)
    return ready, not_ready, sorted(p.id for p in purchasers if p.id in instructed)
