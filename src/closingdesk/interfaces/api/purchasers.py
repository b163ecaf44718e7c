"""One purchaser: their data and checklist, their documents, their events, their links."""

from __future__ import annotations

from fastapi import APIRouter

from closingdesk.interfaces.api.link_schemas import LinksPublic, links_public
from closingdesk.interfaces.api.purchaser_schemas import (
    DocumentsPublic,
    EventsPublic,
    PerPage,
    PurchaserPublic,
    documents_public,
    events_public,
    purchaser_public,
)
from closingdesk.interfaces.api.schemas import Id, PageNumber, errors
from closingdesk.interfaces.http.deps import ApiReader, EngineDep
from closingdesk.services.audit.audit_view import EventQuery, event_page
from closingdesk.services.deal_room import purchaser_detail
from closingdesk.services.documents.documents_view import documents_of
from closingdesk.services.signing.links import links_of

router = APIRouter(tags=["purchasers"])


@router.get("/purchasers/{id}", response_model=PurchaserPublic, responses=errors(404, 422))
def read_purchaser(id: Id, user: ApiReader, engine: EngineDep) -> PurchaserPublic:
    return purchaser_public(*purchaser_detail(engine, id))


@router.get("/purchasers/{id}/events", response_model=EventsPublic, responses=errors(404, 422))
def read_purchaser_events(
    id: Id, user: ApiReader, engine: EngineDep, page: PageNumber = 1, per_page: PerPage = 50
) -> EventsPublic:
    """The events about this purchaser, newest first."""
    purchaser_detail(engine, id)  # 404 for an unknown purchaser
    query = EventQuery(subject=f"purchaser:{id}", page=page, per_page=per_page)
    return events_public(event_page(engine, query))


@router.get(
    "/purchasers/{id}/documents", response_model=DocumentsPublic, responses=errors(404, 422)
)
def read_purchaser_documents(id: Id, user: ApiReader, engine: EngineDep) -> DocumentsPublic:
    """Every stored version of the purchaser's documents, newest first."""
    purchaser_detail(engine, id)  # 404 for an unknown purchaser
    return documents_public(documents_of(engine, id))


@router.get("/purchasers/{id}/links", response_model=LinksPublic, responses=errors(404, 422))
def read_purchaser_links(id: Id, user: ApiReader, engine: EngineDep) -> LinksPublic:
    """The purchaser's own links: when each was made, expires, or was revoked (never the URL,
    which is shown only once, when the link is made)."""
    purchaser_detail(engine, id)
    return links_public(links_of(engine, id))
