"""The event log, filterable and paged, and the verdict on its hash chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from closingdesk.interfaces.api.purchaser_schemas import EventsPublic, PerPage, events_public
from closingdesk.interfaces.api.schemas import NO_NUL, PageNumber, errors
from closingdesk.interfaces.http.deps import ApiReader, EngineDep
from closingdesk.services.audit.audit_view import EventQuery, event_page
from closingdesk.services.audit.event_log import verify_chain

router = APIRouter(tags=["audit"])


class ChainVerdictPublic(BaseModel):
    intact: bool
    events: int
    first_bad_seq: int | None
    reason: str | None


@router.get("/audit/events", response_model=EventsPublic, responses=errors(422))
def read_events(
    user: ApiReader,
    engine: EngineDep,
    subject: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description='e.g. "purchaser:3"')
    ] = None,
    kind: Annotated[
        str | None, Query(max_length=60, pattern=NO_NUL, description='e.g. "book.imported"')
    ] = None,
    page: PageNumber = 1,
    per_page: PerPage = 50,
) -> EventsPublic:
    """The event log, newest first, filtered by exact subject and kind."""
    query = EventQuery(kind=kind or None, subject=subject or None, page=page, per_page=per_page)
    return events_public(event_page(engine, query))


@router.get("/audit/verify", response_model=ChainVerdictPublic, responses=errors())
def verify_events(user: ApiReader, engine: EngineDep) -> ChainVerdictPublic:
    """Every hash recomputed: whether the log is intact, or the first event that is not."""
    verdict = verify_chain(engine)
    broken = verdict.broken
    return ChainVerdictPublic(
        intact=verdict.intact,
        events=verdict.events,
        first_bad_seq=broken.seq if broken else None,
        reason=broken.reason if broken else None,
    )
