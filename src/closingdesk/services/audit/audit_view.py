"""Reading the event log a page at a time, newest first, for the deal room.

``audit.audit_log`` reads the whole log (what ``audit verify`` and the CLI need); a page of
the log shown in a browser is read with LIMIT/OFFSET instead, filtered by kind and subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, func, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.repositories import event_from_row
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.problems import InvalidInput

MAX_PER_PAGE = 500


@dataclass(frozen=True)
class EventQuery:
    kind: str | None = None  # exactly this kind, e.g. "book.imported"
    subject: str | None = None  # exactly this subject, e.g. "purchaser:12"
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class EventPage:
    events: list[ChainedEvent]
    total: int
    kinds: list[str]  # every kind in the log, for a filter
    query: EventQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def event_page(engine: Engine, query: EventQuery) -> EventPage:
    if query.page < 1 or not 1 <= query.per_page <= MAX_PER_PAGE:
        raise InvalidInput(f"page must be 1 or more and per_page between 1 and {MAX_PER_PAGE}")
    c = t.events.c
    conditions: list[ColumnElement[bool]] = []
    if query.kind:
        conditions.append(c.kind == query.kind)
    if query.subject:
        conditions.append(c.subject == query.subject)
    rows = (
        select(t.events)
        .where(*conditions)
        .order_by(c.seq.desc())
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
    )
    with UnitOfWork(engine, read_only=True) as uow:
        events = [event_from_row(row) for row in uow.connection.execute(rows)]
        counted = select(func.count()).select_from(t.events).where(*conditions)
        total = uow.connection.execute(counted).scalar_one()
        kinds = list(uow.connection.execute(select(c.kind).distinct().order_by(c.kind)).scalars())
    return EventPage(events, int(total), kinds, query)
