"""Purchasers' own links as the API takes and answers them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from closingdesk.domain.people.team import PurchaserLink
from closingdesk.services.signing.links import MAX_LINK_DAYS


class LinkCreate(BaseModel):
    sent_to: str | None = Field(
        default=None,
        max_length=320,
        pattern=r"^[^@ \t\r\n\x00]+@[^@ \t\r\n\x00]+$",
        description="the e-mail address the link is sent to, for the record",
    )
    lifetime_days: int = Field(
        default=14, ge=1, le=MAX_LINK_DAYS, description="days until it expires"
    )


class LinkPublic(BaseModel):
    id: int
    purchaser_id: int
    sent_to: str | None
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class LinkIssuedPublic(LinkPublic):
    url: str = Field(description="the purchaser's page; shown only now, never stored")


class LinksPublic(BaseModel):
    data: list[LinkPublic]
    count: int


def link_public(link: PurchaserLink) -> LinkPublic:
    return LinkPublic(
        id=link.id,
        purchaser_id=link.purchaser_id,
        sent_to=link.sent_to,
        created_by=link.created_by,
        created_at=datetime.fromisoformat(link.created_at),
        expires_at=datetime.fromisoformat(link.expires_at),
        revoked_at=datetime.fromisoformat(link.revoked_at) if link.revoked_at else None,
    )


def link_issued_public(link: PurchaserLink, url: str) -> LinkIssuedPublic:
    return LinkIssuedPublic(**link_public(link).model_dump(), url=url)


def links_public(links: list[PurchaserLink]) -> LinksPublic:
    return LinksPublic(data=[link_public(link) for link in links], count=len(links))
