"""Signatures from the team's side: a signature page sent back (view it, add one, accept or
reject it) and the company's countersignature of many agreements in one action."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from closingdesk.adapters.store.purchaser_queries import PageQuery
from closingdesk.domain.people.roles import Permission
from closingdesk.domain.people.team import User
from closingdesk.domain.problems import InvalidInput, Problem
from closingdesk.domain.signing.scanned_pages import MAX_BYTES, kind_of
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import EngineDep, NowDep, PageReader, PageRequires, actor_of
from closingdesk.interfaces.http.evidence import evidence_of
from closingdesk.interfaces.web.countersign_view import CountersignSent, countersign_sent, outcome
from closingdesk.interfaces.web.rendering import render
from closingdesk.interfaces.web.signing_panel import install_panel
from closingdesk.services.deal_room import purchaser_table
from closingdesk.services.signing.signatures import (
    add_signature_page,
    countersign,
    review_signature_page,
    signature_page_content,
)

router = APIRouter(include_in_schema=False)

# Counsel owns the documents: they accept or reject a page sent back (admins may too).
Reviewer = Annotated[User, Depends(PageRequires(Permission.RENDER_DOCUMENTS))]
# The agent chases signatures: they add a page that came back by mail or fax.
PageSender = Annotated[User, Depends(PageRequires(Permission.EDIT_PURCHASERS))]
# Countersigning binds the company: admins only. No permission names it yet, so the one
# only admins hold stands in for it (a COUNTERSIGN permission belongs in domain/people/roles.py).
Countersigner = Annotated[User, Depends(PageRequires(Permission.COUNTERSIGN))]
Sent = Annotated[CountersignSent, Depends(countersign_sent)]

MEDIA_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
AWAITING = "purchaser_signed"  # the state of a purchaser signed and not countersigned
PER_PAGE = 200


@router.get("/signature-pages/{page_id}")
def view_page(page_id: int, _user: PageReader, engine: EngineDep) -> Response:
    """The signature page exactly as it was sent back, to look at in the browser."""
    page, content = signature_page_content(engine, page_id)
    name = page.file_name
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    headers = {
        "Content-Disposition": f"inline; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "ETag": f'"{page.sha256}"',
    }
    media_type = MEDIA_TYPES.get(kind_of(content) or "", "application/octet-stream")
    return Response(content, media_type=media_type, headers=headers)


@router.post("/purchasers/{purchaser_id}/signature-page")
def add_page(
    purchaser_id: int,
    user: PageSender,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    file: UploadFile,
    document_id: Annotated[int, Form()],
) -> Response:
    add_signature_page(
        engine,
        purchaser_id=purchaser_id,
        document_id=document_id,
        file_name=file.filename or "signature page",
        content=file.file.read(MAX_BYTES + 1),  # one byte more is enough to refuse it
        actor=actor_of(user),
        now=now,
    )
    return _back_to(purchaser_id)


@router.post("/purchasers/{purchaser_id}/signature-page/accept")
def accept_page(
    purchaser_id: int, user: Reviewer, _: CsrfChecked, engine: EngineDep, now: NowDep
) -> Response:
    review_signature_page(
        engine, purchaser_id=purchaser_id, accept=True, reason=None, actor=actor_of(user), now=now
    )
    return _back_to(purchaser_id)


@router.post("/purchasers/{purchaser_id}/signature-page/reject")
def reject_page(
    purchaser_id: int,
    user: Reviewer,
    _: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    reason: Annotated[str, Form()] = "",
) -> Response:
    actor = actor_of(user)
    review_signature_page(
        engine, purchaser_id=purchaser_id, accept=False, reason=reason, actor=actor, now=now
    )
    return _back_to(purchaser_id)


@router.get("/offerings/{offering}/countersign")
def countersign_page(
    request: Request, offering: str, user: Countersigner, engine: EngineDep, page: int = 1
) -> Response:
    table = purchaser_table(
        engine, offering=offering, query=PageQuery(state=AWAITING, page=page, per_page=PER_PAGE)
    )
    context = {"offering": table.offering, "terms": table.offering.terms, "table": table}
    return render(request, "countersign.html", context, user=user)


@router.post("/offerings/{offering}/countersign")
def countersign_selected(
    request: Request,
    offering: str,
    user: Countersigner,
    _: CsrfChecked,
    sent: Sent,
    engine: EngineDep,
    now: NowDep,
) -> Response:
    if not sent.everyone and not sent.purchaser_ids:
        problem = Problem("purchasers", "tick the purchasers to countersign, or countersign all")
        raise InvalidInput("no purchaser was selected; nothing was countersigned", [problem])
    result = countersign(
        engine,
        offering=offering,
        purchaser_ids=None if sent.everyone else sent.purchaser_ids,
        signer_name=sent.signer_name,
        signer_title=sent.signer_title,
        evidence=evidence_of(request),
        actor=actor_of(user),
        now=now,
    )
    context = outcome(engine, offering, result)
    return render(request, "countersigned.html", context, user=user)


def _back_to(purchaser_id: int) -> Response:
    return RedirectResponse(f"/purchasers/{purchaser_id}#signature", status_code=303)


def install(app: FastAPI) -> None:
    """The signature routes, and the signature panel for the purchaser page's template."""
    install_panel(app)
    app.include_router(router)
