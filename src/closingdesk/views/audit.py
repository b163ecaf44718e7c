"""The event log a page at a time, and the tables `audit verify` compares with it."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.replay_queries import purchaser_rows, settled_rows, wire_rows
from closingdesk.adapters.store.repositories import event_from_row
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.audit.replay import PurchaserRow, SettledRow, WireRow


def events_newest_first(
    uow: UnitOfWork, *, kind: str | None, subject: str | None, limit: int, offset: int
) -> tuple[list[ChainedEvent], int]:
    """A page of the events of exactly this kind and subject (if given), and how many in all."""
    c = t.events.c
    conditions: list[ColumnElement[bool]] = []
    if kind:
        conditions.append(c.kind == kind)
    if subject:
        conditions.append(c.subject == subject)
    rows = select(t.events).where(*conditions).order_by(c.seq.desc()).limit(limit).offset(offset)
    events = [event_from_row(row) for row in uow.connection.execute(rows)]
    counted = select(func.count()).select_from(t.events).where(*conditions)
    return events, int(uow.connection.execute(counted).scalar_one())


def event_kinds(uow: UnitOfWork) -> list[str]:
    """Every kind in the log, in order, for a filter."""
    c = t.events.c
    return list(uow.connection.execute(select(c.kind).distinct().order_by(c.kind)).scalars())


def replayed_tables(
    uow: UnitOfWork,
) -> tuple[list[PurchaserRow], list[WireRow], list[SettledRow]]:
    """The purchasers, wires and settled rows as the tables hold them now."""
    connection = uow.connection
    return purchaser_rows(connection), wire_rows(connection), settled_rows(connection)
