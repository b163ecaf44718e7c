"""Signing on the purchaser's page: the consent, a typed signature; or a signed signature
page sent back as a scan. (The PDFs to read and keep: :mod:`.signed_documents`.)

Every route opens the link first; the document the purchaser signs is named by the form
(its id and SHA-256, as shown) and the service refuses it unless it is still their newest
agreement PDF. A refused form shows the page again, the refusal and the values kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from closingdesk.domain.problems import InvalidInput, Problem, Refusal
from closingdesk.domain.signing.scanned_pages import MAX_BYTES
from closingdesk.interfaces.http.csrf import CsrfChecked
from closingdesk.interfaces.http.deps import EngineDep, NowDep
from closingdesk.interfaces.http.errors import status_of
from closingdesk.interfaces.http.evidence import evidence_of
from closingdesk.interfaces.portal import signed_documents
from closingdesk.interfaces.portal.rendering import private, render
from closingdesk.interfaces.portal.signed_documents import Opened
from closingdesk.interfaces.portal.signing_form import (
    SigningForm,
    SigningSent,
    refused_form,
    signing_sent,
)
from closingdesk.interfaces.portal.signing_section import install_section
from closingdesk.interfaces.portal.view import form_of, portal_page
from closingdesk.services.book.purchaser_details import latest_agreement
from closingdesk.services.signing.links import OpenedLink
from closingdesk.services.signing.signatures import (
    add_signature_page,
    sign_electronically,
)

NOT_GIVEN = "consent to sign electronically was not given; nothing was signed"
NO_CONSENT = Problem("consent", "tick the box to give your consent to sign electronically")


Sent = Annotated[SigningSent, Depends(signing_sent)]

router = APIRouter(prefix="/p", include_in_schema=False)


@router.post("/{token}/sign")
def sign(
    request: Request,
    token: str,
    opened: Opened,
    _checked: CsrfChecked,
    sent: Sent,
    engine: EngineDep,
    now: NowDep,
) -> Response:
    try:
        if not sent.consent_version:  # an unticked box sends nothing: no consent was given
            raise InvalidInput(NOT_GIVEN, [NO_CONSENT])
        sign_electronically(
            engine,
            purchaser_id=opened.purchaser.id,
            link_id=opened.link.id,
            document_id=sent.document_id,
            document_sha256=sent.document_sha256,
            consent_version=sent.consent_version,
            signer_name=sent.signer_name,
            signer_title=sent.signer_title or None,
            typed_signature=sent.typed_signature,
            evidence=evidence_of(request),
            now=now,
        )
    except Refusal as refusal:
        form = refused_form(refusal, document_id=sent.document_id, sent=sent)
        return _refused(request, token, opened, engine, now, form, status_of(refusal))
    return private(RedirectResponse(f"/p/{token}#signing", status_code=303))


@router.post("/{token}/signature-page")
def upload_signature_page(
    request: Request,
    token: str,
    opened: Opened,
    _checked: CsrfChecked,
    engine: EngineDep,
    now: NowDep,
    file: UploadFile,
    document_id: Annotated[int, Form()],
) -> Response:
    content = file.file.read(MAX_BYTES + 1)  # one byte more is enough to refuse it
    try:
        add_signature_page(
            engine,
            purchaser_id=opened.purchaser.id,
            document_id=document_id,
            file_name=file.filename or "signature page",
            content=content,
            actor=f"purchaser-link:{opened.link.id}",
            now=now,
        )
    except Refusal as refusal:
        form = refused_form(refusal, document_id=document_id, sent=None)
        return _refused(request, token, opened, engine, now, form, status_of(refusal))
    return private(RedirectResponse(f"/p/{token}#signing", status_code=303))


def _refused(
    request: Request,
    token: str,
    opened: OpenedLink,
    engine: Engine,
    now: datetime,
    refused: SigningForm,
    status: int,
) -> Response:
    """The purchaser's page again, the refusal shown in the signing section."""
    agreement = latest_agreement(engine, opened.purchaser.id)
    page = portal_page(token, opened, agreement, now=now, form=form_of(opened))
    return render(request, "portal/page.html", {"page": page, "signing_form": refused}, status)


def install(app: FastAPI) -> None:
    """The signing routes, and the signing section's data for the page's template."""
    install_section(app)
    app.include_router(signed_documents.router)
    app.include_router(router)
