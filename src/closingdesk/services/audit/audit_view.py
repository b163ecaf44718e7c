"""Reading the event log a page at a time, newest first, for the deal room.

``audit.audit_log`` reads the whole log (what ``audit verify`` and the CLI need); a page of
the log shown in a browser is read with LIMIT/OFFSET instead, filtered by kind and subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.problems import InvalidInput
from closingdesk.views.audit import event_kinds, events_newest_first

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
    with UnitOfWork(engine, read_only=True) as uow:
        events, total = events_newest_first(
            uow,
            kind=query.kind,
            subject=query.subject,
            limit=query.per_page,
            offset=(query.page - 1) * query.per_page,
        )
        kinds = event_kinds(uow)
    return EventPage(events, total, kinds, query)
