"""Purchasers' own links from the team's side: create one (shown once), revoke one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.domain.problems import NotFound
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import (
    EngineDep,
    NowDep,
    PageRequires,
    SettingsDep,
    actor_of,
)
from closingdesk.interfaces.web.purchasers import purchaser_context
from closingdesk.interfaces.web.rendering import render
from closingdesk.services.deal_room import purchaser_detail
from closingdesk.services.signing.links import create_link, links_of, revoke_link

router = APIRouter(include_in_schema=False)

LinkSender = Annotated[User, Depends(PageRequires(Permission.SEND_LINKS))]


@router.post("/purchasers/{purchaser_id}/links")
def create(
    request: Request,
    purchaser_id: int,
    user: LinkSender,
    _: CsrfChecked,
    engine: EngineDep,
    settings: SettingsDep,
    now: NowDep,
    sent_to: Annotated[str, Form()] = "",
) -> Response:
    offering, purchaser = purchaser_detail(engine, purchaser_id)
    issued = create_link(
        engine,
        purchaser_id,
        offering=offering.slug,
        link_key=request.app.state.link_key,
        sent_to=sent_to.strip() or purchaser.email,
        actor=actor_of(user),
        now=now,
    )
    url = f"{settings.public_url}/p/{issued.token}"
    context = purchaser_context(engine, purchaser_id, now, issued=url)
    return render(request, "purchaser.html", context, user=user, status_code=201)


@router.post("/purchasers/{purchaser_id}/links/{link_id}/revoke")
def revoke(
    purchaser_id: int,
    link_id: int,
    user: LinkSender,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
) -> Response:
    if link_id not in {link.id for link in links_of(engine, purchaser_id)}:
        raise NotFound(f"purchaser {purchaser_id} has no link {link_id}")
    link = revoke_link(engine, link_id, actor=actor_of(user), now=now)
    return RedirectResponse(f"/purchasers/{link.purchaser_id}#links", status_code=303)
