"""The deal room's purchasers table and the offering's totals (queries in
adapters.store.purchaser_queries, read here in the caller's unit of work)."""

from __future__ import annotations

from decimal import Decimal

from closingdesk.adapters.store import purchaser_queries as queries
from closingdesk.adapters.store.purchaser_queries import MISSING, SORTS, AllocationTotals, PageQuery
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.book.purchaser import Purchaser

__all__ = [
    "MISSING",
    "SORTS",
    "AllocationTotals",
    "PageQuery",
    "allocation_totals",
    "purchaser_page",
    "shares_of",
]


def purchaser_page(
    uow: UnitOfWork, offering_id: int, query: PageQuery
) -> tuple[list[Purchaser], int]:
    """One page of the purchasers table, and how many purchasers match in all."""
    return queries.purchaser_page(uow.connection, offering_id, query)


def allocation_totals(
    uow: UnitOfWork, offering_id: int, *, warrant_coverage: Decimal
) -> AllocationTotals:
    return queries.allocation_totals(uow.connection, offering_id, warrant_coverage=warrant_coverage)


def shares_of(uow: UnitOfWork, offering_id: int, *, done: str | None = None) -> list[int]:
    """Each purchaser's shares (of those with ``done`` ticked, if given)."""
    return queries.shares_of(uow.connection, offering_id, done=done)
