"""Purchasers, their documents and their events as the API answers them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field

from closingdesk.domain.audit.event_chain import ChainedEvent
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.interfaces.api.schemas import Money, Page
from closingdesk.services.audit.audit_view import MAX_PER_PAGE as EVENTS_PER_PAGE
from closingdesk.services.audit.audit_view import EventPage
from closingdesk.services.deal_room import PurchaserPage
from closingdesk.services.documents.documents_view import DocumentInfo

STAMP_EXAMPLE = "2002-03-12T16:00:00.000000Z"


class PurchaserPublic(BaseModel):
    id: int
    offering: str = Field(description="the offering's slug")
    name: str
    shares: int
    purchase_price: Money
    warrant_shares: int
    state: str
    checklist: dict[str, bool] = Field(description="each checklist item, done or not")
    email: str | None
    attention: str | None
    address: list[str]
    fax: str | None
    dtc_participant: str | None
    dtc_account: str | None
    dtc_reference: str | None
    signer_name: str | None
    signer_title: str | None


class PurchasersPublic(Page):
    data: list[PurchaserPublic]


def purchaser_public(offering: Offering, p: Purchaser) -> PurchaserPublic:
    terms = offering.terms
    return PurchaserPublic(
        id=p.id,
        offering=offering.slug,
        name=p.name,
        shares=p.shares,
        purchase_price=p.purchase_price(terms),
        warrant_shares=p.warrant_shares(terms),
        state=p.state,
        checklist=dict(p.checklist),
        email=p.email,
        attention=p.attention,
        address=list(p.address),
        fax=p.fax,
        dtc_participant=p.dtc_participant,
        dtc_account=p.dtc_account,
        dtc_reference=p.dtc_reference,
        signer_name=p.signer_name,
        signer_title=p.signer_title,
    )


def purchasers_public(page: PurchaserPage) -> PurchasersPublic:
    return PurchasersPublic(
        data=[purchaser_public(page.offering, p) for p in page.purchasers],
        count=page.total,
        page=page.query.page,
        per_page=page.query.per_page,
        pages=page.pages,
    )


class DocumentPublic(BaseModel):
    id: int
    purchaser_id: int | None
    kind: str = Field(examples=["agreement"])
    format: str = Field(examples=["txt"])
    version: int
    file_name: str
    sha256: str
    size: int = Field(description="bytes")
    created_at: datetime
    download: str = Field(description="where to GET its bytes")


class DocumentsPublic(BaseModel):
    data: list[DocumentPublic]
    count: int


def document_public(d: DocumentInfo) -> DocumentPublic:
    return DocumentPublic(
        id=d.id,
        purchaser_id=d.purchaser_id,
        kind=d.kind,
        format=d.format,
        version=d.version,
        file_name=d.file_name,
        sha256=d.sha256,
        size=d.size,
        created_at=datetime.fromisoformat(d.created_at),
        download=f"/api/v1/documents/{d.id}",
    )


def documents_public(documents: list[DocumentInfo]) -> DocumentsPublic:
    return DocumentsPublic(data=[document_public(d) for d in documents], count=len(documents))


class EventPublic(BaseModel):
    """One event of the hash chain, with every value its hash covers as stored."""

    seq: int
    at: str = Field(description="ISO 8601 UTC, exactly as hashed", examples=[STAMP_EXAMPLE])
    actor: str = Field(examples=["user:agent@closing.example"])
    kind: str = Field(examples=["book.imported"])
    subject: str = Field(examples=["purchaser:12"])
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class EventsPublic(Page):
    data: list[EventPublic]


# The event log's own limit, so a wrong per_page is refused by the schema, not the service.
PerPage = Annotated[int, Query(ge=1, le=EVENTS_PER_PAGE)]


def events_public(page: EventPage) -> EventsPublic:
    return EventsPublic(
        data=[event_public(e) for e in page.events],
        count=page.total,
        page=page.query.page,
        per_page=page.query.per_page,
        pages=page.pages,
    )


def event_public(e: ChainedEvent) -> EventPublic:
    return EventPublic(
        seq=e.seq,
        at=e.at,
        actor=e.actor,
        kind=e.kind,
        subject=e.subject,
        payload=dict(e.payload),
        prev_hash=e.prev_hash,
        hash=e.hash,
    )
