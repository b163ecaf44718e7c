"""Making and revoking a purchaser's own link (the page that needs no account)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.interfaces.api.link_schemas import (
    LinkCreate,
    LinkIssuedPublic,
    LinkPublic,
    link_issued_public,
    link_public,
)
from closingdesk.interfaces.api.schemas import Id, errors
from closingdesk.interfaces.http.deps import ApiRequires, EngineDep, NowDep, SettingsDep, actor_of
from closingdesk.services.deal_room import purchaser_detail
from closingdesk.services.signing.links import create_link, revoke_link

router = APIRouter(tags=["links"])

LinkSender = Annotated[User, Depends(ApiRequires(Permission.SEND_LINKS))]


@router.post(
    "/purchasers/{id}/links",
    status_code=status.HTTP_201_CREATED,
    response_model=LinkIssuedPublic,
    responses=errors(404, 422),
)
def create_purchaser_link(
    id: Id,
    request: Request,
    user: LinkSender,
    engine: EngineDep,
    settings: SettingsDep,
    now: NowDep,
    body: LinkCreate | None = None,
) -> LinkIssuedPublic:
    """A signed, expiring, revocable link to the purchaser's own page."""
    wanted = body or LinkCreate()
    offering, _purchaser = purchaser_detail(engine, id)
    issued = create_link(
        engine,
        id,
        offering=offering.slug,
        link_key=request.app.state.link_key,
        lifetime=timedelta(days=wanted.lifetime_days),
        sent_to=wanted.sent_to,
        actor=actor_of(user),
        now=now,
    )
    return link_issued_public(issued.link, f"{settings.public_url}/p/{issued.token}")


@router.post("/links/{id}/revoke", response_model=LinkPublic, responses=errors(404, 422))
def revoke_purchaser_link(id: Id, user: LinkSender, engine: EngineDep, now: NowDep) -> LinkPublic:
    """The link stops working at once."""
    return link_public(revoke_link(engine, id, actor=actor_of(user), now=now))
