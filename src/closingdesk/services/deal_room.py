"""What the deal room shows: the offering at a glance, and the purchasers table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.book.totals import price_of_total_shares, rounds_per_purchaser, total_price
from closingdesk.domain.checklist import STATES
from closingdesk.domain.offering.deadlines import close_of_business, seconds_left
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.views.purchasers import (
    MISSING,
    SORTS,
    AllocationTotals,
    PageQuery,
    allocation_totals,
    purchaser_page,
    shares_of,
)

MAX_PER_PAGE = 500


@dataclass(frozen=True)
class Attention:
    """Something on the closing that a person must look at."""

    kind: str
    count: int
    message: str


@dataclass(frozen=True)
class OfferingSummary:
    offering: Offering
    totals: AllocationTotals
    committed: Decimal  # every purchaser's Purchase Price
    signed: Decimal  # of purchasers who have signed
    funded: Decimal  # of purchasers whose wires add up exactly
    close_of_business: datetime
    seconds_left: int
    attention: list[Attention]


def offering_summary(engine: Engine, *, offering: str | None, now: datetime) -> OfferingSummary:
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        terms = found.terms
        totals = allocation_totals(uow, found.id, warrant_coverage=terms.warrant_coverage)
        money = {
            item: _money(uow, found, totals, item) for item in (None, "purchaser_signed", "funded")
        }
    deadline = close_of_business(terms)
    return OfferingSummary(
        offering=found,
        totals=totals,
        committed=money[None],
        signed=money["purchaser_signed"],
        funded=money["funded"],
        close_of_business=deadline,
        seconds_left=seconds_left(deadline, now),
        attention=_attention(totals),
    )


def _money(
    uow: UnitOfWork, offering: Offering, totals: AllocationTotals, done: str | None
) -> Decimal:
    """The Purchase Prices of every purchaser (with ``done`` ticked), exact to the cent."""
    price = offering.terms.price_per_share
    if rounds_per_purchaser(price):
        return total_price(shares_of(uow, offering.id, done=done), price)
    shares = totals.shares if done is None else totals.shares_where[done]
    return price_of_total_shares(shares, price)


def _attention(totals: AllocationTotals) -> list[Attention]:
    found = [
        Attention(
            "missing_dwac",
            totals.missing_dwac,
            "purchasers without complete DWAC instructions (DTC participant, account)",
        ),
        Attention("missing_address", totals.missing_address, "purchasers without a notice address"),
        Attention(
            "missing_email",
            totals.missing_email,
            "purchasers without an e-mail address (no link can be sent)",
        ),
    ]
    return [a for a in found if a.count]


@dataclass(frozen=True)
class PurchaserPage:
    offering: Offering
    purchasers: list[Purchaser]
    total: int
    query: PageQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def purchaser_table(engine: Engine, *, offering: str | None, query: PageQuery) -> PurchaserPage:
    problems = _check_query(query)
    if problems:
        raise InvalidInput("the purchasers table cannot be shown so: " + "; ".join(problems))
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        purchasers, total = purchaser_page(uow, found.id, query)
    return PurchaserPage(found, purchasers, total, query)


def _check_query(query: PageQuery) -> list[str]:
    problems = []
    if query.sort not in SORTS:
        problems.append(f"sort must be one of {', '.join(SORTS)}")
    if query.state is not None and query.state not in STATES:
        problems.append(f"state must be one of {', '.join(STATES)}")
    if query.attention is not None and query.attention not in MISSING:
        problems.append(f"attention must be one of {', '.join(MISSING)}")
    if query.page < 1:
        problems.append("page must be 1 or more")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        problems.append(f"per_page must be between 1 and {MAX_PER_PAGE}")
    return problems


def purchaser_detail(engine: Engine, purchaser_id: int) -> tuple[Offering, Purchaser]:
    """One purchaser of any offering, with their offering."""
    with UnitOfWork(engine, read_only=True) as uow:
        purchaser = uow.purchasers.get(purchaser_id)
        offering = uow.offerings.get(purchaser.offering_id) if purchaser else None
    if purchaser is None or offering is None:
        raise NotFound(f"no purchaser {purchaser_id}")
    return offering, purchaser
