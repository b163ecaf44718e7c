"""The purchaser's pages under /p/{token}.

The signed token in the path is the only key: no route takes a purchaser id, and every
route opens the link first, so a link reaches its own purchaser and nothing else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import EngineDep, NowDep
from closingdesk.interfaces.portal import prospectus, signing
from closingdesk.interfaces.portal.forms import DetailsSent
from closingdesk.interfaces.portal.rendering import install_rendering, private, render
from closingdesk.interfaces.portal.view import (
    DetailsForm,
    form_of,
    portal_page,
    refused_form,
)
from closingdesk.services.book.purchaser_details import (
    DetailsUpdate,
    latest_agreement,
    update_purchaser_details,
)
from closingdesk.services.signing.links import OpenedLink, open_link

NOTICE = "portal_notice"


def opened_link(request: Request, token: str, engine: EngineDep, now: NowDep) -> OpenedLink:
    return open_link(engine, token, link_key=request.app.state.link_key, now=now)


Opened = Annotated[OpenedLink, Depends(opened_link)]


router = APIRouter(prefix="/p", include_in_schema=False)


@router.get("/{token}")
def purchaser_page(
    request: Request, token: str, opened: Opened, engine: EngineDep, now: NowDep
) -> Response:
    notice = _take_notice(request, opened.link.id)
    return _page(request, token, opened, engine, now, form_of(opened), notice=notice)


@router.get("/{token}/agreement")
def agreement_download(opened: Opened, engine: EngineDep) -> Response:
    document = latest_agreement(engine, opened.purchaser.id)
    if document is None:
        raise NotFound(
            "your agreement has not been drafted yet; it will be on your page as soon as it is"
        )
    disposition = f'attachment; filename="{document.file_name}"'
    response = Response(
        document.content,
        media_type="text/plain; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )
    return private(response)


@router.post("/{token}/details")
def save_details(
    request: Request,
    token: str,
    opened: Opened,
    _checked: CsrfChecked,
    sent: DetailsSent,
    engine: EngineDep,
    now: NowDep,
) -> Response:
    actor = f"purchaser-link:{opened.link.id}"
    try:
        update = update_purchaser_details(engine, opened.purchaser.id, sent, actor=actor, now=now)
    except InvalidInput as refusal:
        form = refused_form(sent, refusal.problems)
        return _page(request, token, opened, engine, now, form, error=refusal.message, status=422)
    request.session[NOTICE] = {"link": opened.link.id, "text": _saved(update)}
    return private(RedirectResponse(f"/p/{token}#details", status_code=303))


@router.get("/{token}/details")
def details_section(token: str, _opened: Opened) -> Response:
    """Where a reload after a refused form lands: the page, at the form."""
    return private(RedirectResponse(f"/p/{token}#details", status_code=303))


def _take_notice(request: Request, link_id: int) -> str | None:
    """The message a save left for this link's next page, once."""
    notice = request.session.pop(NOTICE, None)
    if isinstance(notice, dict) and notice.get("link") == link_id:
        return str(notice.get("text"))
    return None


def _saved(update: DetailsUpdate) -> str:
    if not update.changes:
        return "Nothing changed: your details were already as shown."
    if update.agreement_outdated:
        return "Your details were saved. Your agreement will be drafted again with them."
    return "Your details were saved."


def _page(
    request: Request,
    token: str,
    opened: OpenedLink,
    engine: Engine,
    now: datetime,
    form: DetailsForm,
    *,
    notice: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    agreement = latest_agreement(engine, opened.purchaser.id)
    page = portal_page(token, opened, agreement, now=now, form=form, notice=notice, error=error)
    return render(request, "portal/page.html", {"page": page}, status)


def install(app: FastAPI) -> None:
    """Add the purchaser's routes, their templates and their refusal pages."""
    install_rendering(app)
    app.include_router(router)
    signing.install(app)
    prospectus.install(app)
