"""Queries the deal room needs at 100,000 purchasers: a filtered, sorted page, and totals.

Both are done by the database (LIMIT/OFFSET, COUNT, SUM) rather than by loading every
purchaser, so a page of the purchasers table costs the same at 5 and at 100,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.repositories import purchaser_from_row
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.checklist import CHECKLIST, STATES, state_of

SORTS = ("id", "name", "shares", "updated")
_C = t.purchasers.c
# The dashboard's "needs attention" items: what each counts, and what the table narrows to.
MISSING: dict[str, ColumnElement[bool]] = {
    "missing_dwac": or_(_C.dtc_participant.is_(None), _C.dtc_account.is_(None)),
    "missing_address": _C.address.is_(None),
    "missing_email": _C.email.is_(None),
}


@dataclass(frozen=True)
class PageQuery:
    search: str | None = None  # part of the name or e-mail, any case
    state: str | None = None  # "new" or a checklist key: the purchaser's current state
    sort: str = "id"
    descending: bool = False
    page: int = 1
    per_page: int = 50
    attention: str | None = None  # one of MISSING: only the purchasers that item counts


@dataclass(frozen=True)
class AllocationTotals:
    purchasers: int
    shares: int
    warrant_shares: int
    done: dict[str, int]  # checklist item -> purchasers who have it
    shares_where: dict[str, int]  # checklist item -> shares of purchasers who have it
    states: dict[str, int]
    missing_dwac: int
    missing_address: int
    missing_email: int


def _state_condition(state: str) -> ColumnElement[bool]:
    """Purchasers whose run of done items from the start ends exactly at ``state``."""
    c = t.purchasers.c
    if state == "new":
        return c[CHECKLIST[0]].is_(False)
    index = CHECKLIST.index(state)
    done = [c[key].is_(True) for key in CHECKLIST[: index + 1]]
    following = CHECKLIST[index + 1 : index + 2]
    return and_(*done, *(c[key].is_(False) for key in following))


def _filters(offering_id: int, query: PageQuery) -> list[ColumnElement[bool]]:
    c = t.purchasers.c
    conditions: list[ColumnElement[bool]] = [c.offering_id == offering_id]
    if query.search:
        text = query.search.strip().casefold()
        needle = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                c.name_key.like(needle, escape="\\"),
                func.lower(c.email).like(needle, escape="\\"),
            )
        )
    if query.state:
        conditions.append(_state_condition(query.state))
    if query.attention:
        conditions.append(MISSING[query.attention])
    return conditions


def purchaser_page(
    connection: Connection, offering_id: int, query: PageQuery
) -> tuple[list[Purchaser], int]:
    c = t.purchasers.c
    conditions = _filters(offering_id, query)
    order_column = {"id": c.id, "name": c.name_key, "shares": c.shares, "updated": c.updated_at}[
        query.sort
    ]
    # the id breaks ties in the same direction, so one index serves the whole ORDER BY
    tie = c.id.desc() if query.descending else c.id.asc()
    order = [order_column.desc() if query.descending else order_column.asc(), tie]
    rows = connection.execute(
        select(t.purchasers)
        .where(*conditions)
        .order_by(*order)
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
    )
    total = connection.execute(
        select(func.count()).select_from(t.purchasers).where(*conditions)
    ).scalar_one()
    return [purchaser_from_row(r) for r in rows], int(total)


def _flag_sum(key: str) -> Any:
    return func.coalesce(func.sum(case((t.purchasers.c[key].is_(True), 1), else_=0)), 0)


def _flag_shares(key: str) -> Any:
    c = t.purchasers.c
    return func.coalesce(func.sum(case((c[key].is_(True), c.shares), else_=0)), 0)


def allocation_totals(
    connection: Connection, offering_id: int, *, warrant_coverage: Decimal
) -> AllocationTotals:
    c = t.purchasers.c
    numerator, denominator = warrant_coverage.as_integer_ratio()
    # warrant shares = the book's own count, else shares x coverage rounded down (integer
    # division of positive integers rounds down on SQLite and PostgreSQL alike)
    warrants = case(
        (c.warrant_shares.is_not(None), c.warrant_shares),
        else_=(c.shares * numerator) / denominator,
    )
    columns: list[Any] = [
        func.count(),
        func.coalesce(func.sum(c.shares), 0),
        func.coalesce(func.sum(warrants), 0),
        *(_flag_sum(key) for key in CHECKLIST),
        *(_flag_shares(key) for key in CHECKLIST),
        func.coalesce(
            func.sum(case((or_(c.dtc_participant.is_(None), c.dtc_account.is_(None)), 1), else_=0)),
            0,
        ),
        func.coalesce(func.sum(case((c.address.is_(None), 1), else_=0)), 0),
        func.coalesce(func.sum(case((c.email.is_(None), 1), else_=0)), 0),
    ]
    row = connection.execute(select(*columns).where(c.offering_id == offering_id)).one()
    n = len(CHECKLIST)
    done = dict(zip(CHECKLIST, map(int, row[3 : 3 + n]), strict=True))
    shares_where = dict(zip(CHECKLIST, map(int, row[3 + n : 3 + 2 * n]), strict=True))
    return AllocationTotals(
        purchasers=int(row[0]),
        shares=int(row[1]),
        warrant_shares=int(row[2]),
        done=done,
        shares_where=shares_where,
        states=_states(connection, offering_id),
        missing_dwac=int(row[3 + 2 * n]),
        missing_address=int(row[4 + 2 * n]),
        missing_email=int(row[5 + 2 * n]),
    )


def _states(connection: Connection, offering_id: int) -> dict[str, int]:
    c = t.purchasers.c
    flags: Sequence[Any] = [c[key] for key in CHECKLIST]
    query = select(*flags, func.count()).where(c.offering_id == offering_id).group_by(*flags)
    counts = dict.fromkeys(STATES, 0)
    for row in connection.execute(query):
        checklist = {key: bool(value) for key, value in zip(CHECKLIST, row[:-1], strict=True)}
        counts[state_of(checklist)] += int(row[-1])
    return counts


def shares_of(connection: Connection, offering_id: int, *, done: str | None = None) -> list[int]:
    """Each purchaser's share count (of those with ``done`` ticked), to total per purchaser."""
    c = t.purchasers.c
    query = select(c.shares).where(c.offering_id == offering_id)
    if done is not None:
        query = query.where(c[done].is_(True))
    return [int(n) for n in connection.execute(query).scalars()]
