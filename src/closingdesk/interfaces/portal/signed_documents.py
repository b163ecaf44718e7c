"""The PDFs of the purchaser's signing: the agreement to read and sign, and once both sides
have signed, the executed agreement and its certificate of completion to keep.

Each is served exactly as stored, and only to the link of the purchaser it belongs to.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from closingdesk.domain.problems import NotFound
from closingdesk.interfaces.http.deps import EngineDep, NowDep
from closingdesk.interfaces.portal.rendering import private
from closingdesk.services.documents.documents_view import StoredDocument, stored_document
from closingdesk.services.signing.links import OpenedLink, open_link
from closingdesk.services.signing.signatures import executed_documents, signing_view

NOT_EXECUTED = "your executed agreement is not ready yet: it is made once the company countersigns"


def opened_link(request: Request, token: str, engine: EngineDep, now: NowDep) -> OpenedLink:
    return open_link(engine, token, link_key=request.app.state.link_key, now=now)


Opened = Annotated[OpenedLink, Depends(opened_link)]
router = APIRouter(prefix="/p", include_in_schema=False)


@router.get("/{token}/agreement.pdf")
def agreement_pdf(opened: Opened, engine: EngineDep) -> Response:
    """Exactly the bytes of the purchaser's newest agreement PDF, to read in the page."""
    view = signing_view(engine, purchaser_id=opened.purchaser.id)
    if view.agreement_document_id is None:
        raise NotFound("your agreement has not been prepared as a PDF yet; it will be here soon")
    response = _pdf(stored_document(engine, view.agreement_document_id), "inline")
    # The purchaser's own page shows it in a frame; no other site may.
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@router.get("/{token}/executed-agreement.pdf")
def executed_agreement(opened: Opened, engine: EngineDep) -> Response:
    return _newest(engine, opened, "executed_agreement")


@router.get("/{token}/completion-certificate.pdf")
def completion_certificate(opened: Opened, engine: EngineDep) -> Response:
    return _newest(engine, opened, "completion_certificate")


def _newest(engine: Engine, opened: OpenedLink, kind: str) -> Response:
    documents = executed_documents(engine, purchaser_id=opened.purchaser.id)
    found = next((d for d in documents if d.kind == kind), None)
    if found is None:
        raise NotFound(NOT_EXECUTED)
    return _pdf(stored_document(engine, found.id), "attachment")


def _pdf(document: StoredDocument, disposition: str) -> Response:
    headers = {
        "Content-Disposition": f'{disposition}; filename="{document.info.file_name}"',
        "ETag": f'"{document.info.sha256}"',
    }
    return private(Response(document.content, media_type="application/pdf", headers=headers))
