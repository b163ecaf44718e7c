"""Where the closing stands: every purchaser's checklist and the offering's totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.checklist import CHECKLIST, STATES
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.services.book.offerings import resolve_offering


@dataclass(frozen=True)
class Totals:
    purchasers: int
    shares: int
    purchase_price: Decimal
    warrant_shares: int
    checklist: dict[str, int]  # item -> how many purchasers have it done
    states: dict[str, int]


@dataclass(frozen=True)
class ClosingStatus:
    offering: Offering
    purchasers: list[Purchaser]
    totals: Totals


def closing_status(engine: Engine, *, offering: str | None) -> ClosingStatus:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchasers = uow.purchasers.list(found.id)
    return ClosingStatus(found, purchasers, totals_of(found, purchasers))


def totals_of(offering: Offering, purchasers: list[Purchaser]) -> Totals:
    terms = offering.terms
    done = Counter(key for p in purchasers for key in CHECKLIST if p.checklist[key])
    states = Counter(p.state for p in purchasers)
    return Totals(
        purchasers=len(purchasers),
        shares=sum(p.shares for p in purchasers),
        purchase_price=sum((p.purchase_price(terms) for p in purchasers), Decimal("0.00")),
        warrant_shares=sum(p.warrant_shares(terms) for p in purchasers),
        checklist={key: done[key] for key in CHECKLIST},
        states={state: states[state] for state in STATES},
    )
