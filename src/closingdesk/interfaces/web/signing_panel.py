"""The signature panel of a team member's purchaser page: where the signing stands.

Signed electronically (with its evidence), by a signature page (pending, accepted or
rejected, each with a link to the file), countersigned, and the executed documents. The
purchaser page's template asks for it with ``signature_panel(purchaser.id)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from jinja2 import pass_context
from jinja2.runtime import Context

from closingdesk.domain.signing.scanned_pages import MAX_BYTES
from closingdesk.services.documents.documents_view import DocumentInfo
from closingdesk.services.signing.signatures import (
    SignaturePageRecord,
    SigningView,
    executed_documents,
    signature_pages,
    signing_view,
)


@dataclass(frozen=True)
class SignaturePanel:
    view: SigningView
    pages: list[SignaturePageRecord]  # every signature page sent back, newest first
    executed: list[DocumentInfo]  # the executed PDF and its certificate, newest first
    max_upload_mb: int = MAX_BYTES // (1024 * 1024)

    @property
    def status(self) -> tuple[str, str]:
        """The signing's state in a few words, and the badge tone to show it in."""
        view, signature = self.view, self.view.signature
        if view.company_signed:
            return "countersigned", "good"
        if signature is not None and signature.method == "electronic":
            return "signed electronically", "good"
        if signature is not None:
            return "signed by signature page", "good"
        if view.pending_page is not None:
            return "signature page pending", "warn"
        if self.pages and self.pages[0].status == "rejected":
            return "signature page rejected", "bad"
        return "not signed", ""

    @property
    def accepted_page(self) -> SignaturePageRecord | None:
        return next((page for page in self.pages if page.status == "accepted"), None)

    @property
    def can_add_page(self) -> bool:
        """A page may be sent back for the current version when nothing is signed or pending."""
        view = self.view
        return view.agreement_document_id is not None and not (
            view.purchaser_signed or view.pending_page
        )


@pass_context
def signature_panel(context: Context, purchaser_id: int) -> SignaturePanel:
    engine = context["request"].app.state.engine
    pages = signature_pages(engine, purchaser_id=purchaser_id)
    return SignaturePanel(
        view=signing_view(engine, purchaser_id=purchaser_id),
        pages=sorted(pages, key=lambda page: page.id, reverse=True),
        executed=executed_documents(engine, purchaser_id=purchaser_id),
    )


def install_panel(app: FastAPI) -> None:
    """Let the purchaser page's template ask for its signature panel."""
    globals_: dict[str, Any] = app.state.templates.env.globals
    globals_["signature_panel"] = signature_panel
