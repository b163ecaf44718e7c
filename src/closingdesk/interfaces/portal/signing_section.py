"""What the signing section of the purchaser's page shows.

The page's template asks for the section with ``signing_section()``: it reads the link the
page was opened with, so the section needs nothing from the page's own route.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from jinja2 import pass_context
from jinja2.runtime import Context

from closingdesk.domain.signing.consent import CONSENT_TEXT, CONSENT_VERSION
from closingdesk.domain.signing.scanned_pages import MAX_BYTES
from closingdesk.interfaces.portal.signing_form import SigningForm
from closingdesk.services.clock import utc_now
from closingdesk.services.signing.links import open_link
from closingdesk.services.signing.signatures import (
    SignaturePageRecord,
    SigningView,
    executed_documents,
    signature_pages,
    signing_view,
)


@dataclass(frozen=True)
class SigningSection:
    token: str
    view: SigningView
    values: Mapping[str, str]  # signer name, title and typed signature to show in the form
    refused: SigningForm | None
    last_page: SignaturePageRecord | None  # the newest signature page sent back, if any
    executed: frozenset[str]  # kinds of the executed documents ready to download
    consent_version: str = CONSENT_VERSION
    max_upload_mb: int = MAX_BYTES // (1024 * 1024)

    @property
    def consent_title(self) -> str:
        return consent_parts()[0]

    @property
    def consent_paragraphs(self) -> tuple[str, ...]:
        return consent_parts()[1]

    @property
    def signed_line(self) -> str | None:
        """'Signed on 12 March 2002 at 16:05:09 UTC by Jane Roe, Managing Member'."""
        signature = self.view.signature
        if signature is None:
            return None
        title = f", {signature.signer_title}" if signature.signer_title else ""
        return f"Signed on {utc_text(signature.signed_at)} by {signature.signer_name}{title}"

    @property
    def can_upload(self) -> bool:
        return self.view.can_sign and self.view.pending_page is None

    @property
    def page_received(self) -> str:
        page = self.view.pending_page
        return utc_text(page.added_at) if page else ""

    @property
    def rejected_page(self) -> SignaturePageRecord | None:
        page = self.last_page
        return page if page is not None and page.status == "rejected" else None

    @property
    def rejected_on(self) -> str:
        page = self.rejected_page
        return utc_text(page.reviewed_at or page.added_at) if page else ""


def utc_text(stamp: str) -> str:
    """A stored UTC stamp as the purchaser reads it.

    >>> utc_text("2002-03-12T16:05:09.000000Z")
    '12 March 2002 at 16:05:09 UTC'
    """
    at = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
    return f"{at.day} {at:%B %Y} at {at:%H:%M:%S} UTC"


def consent_parts(text: str = CONSENT_TEXT) -> tuple[str, tuple[str, ...]]:
    """The consent's title (its first paragraph) and its paragraphs, each one line.

    >>> consent_parts("Consent\\n\\nYou agree to\\nsign.\\n\\nYou may withdraw.")
    ('Consent', ('You agree to sign.', 'You may withdraw.'))
    """
    title, *paragraphs = (" ".join(part.split()) for part in text.strip().split("\n\n"))
    return title, tuple(paragraphs)


@pass_context
def signing_section(context: Context) -> SigningSection:
    """The section for the page being rendered (its ``request`` and ``page.token``)."""
    request, token = context["request"], context["page"].token
    engine = request.app.state.engine
    opened = open_link(engine, token, link_key=request.app.state.link_key, now=utc_now())
    refused: SigningForm | None = context.get("signing_form")
    purchaser = opened.purchaser
    values = {
        "signer_name": purchaser.signer_name or "",
        "signer_title": purchaser.signer_title or "",
        "typed_signature": "",
        **(refused.values if refused else {}),
    }
    view = signing_view(engine, purchaser_id=purchaser.id)
    pages = signature_pages(engine, purchaser_id=purchaser.id)
    executed = executed_documents(engine, purchaser_id=purchaser.id) if view.company_signed else []
    kinds = frozenset(document.kind for document in executed)
    return SigningSection(token, view, values, refused, pages[-1] if pages else None, kinds)


def install_section(app: FastAPI) -> None:
    """Let the purchaser's page template ask for its signing section."""
    globals_: dict[str, Any] = app.state.portal_templates.env.globals
    globals_["signing_section"] = signing_section
