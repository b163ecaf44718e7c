"""One warrant as a PDF: the form of warrant filled for its holder, laid out like the agreement."""

from __future__ import annotations

from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.domain.documents.forms_catalog import (
    WARRANT,
    FormInUse,
    built_in,
    defaults,
    warrant_blocks,
)
from closingdesk.domain.warrants.warrant import WarrantData, warrant_context


def render_warrant_pdf(warrant: WarrantData, form: FormInUse | None = None) -> bytes:
    """``form``: the form of warrant to fill (closingdesk's own when None), named in the
    PDF's keywords."""
    form = form or built_in(WARRANT)
    context = {**defaults(WARRANT), **warrant_context(warrant)}
    number = f"No. {warrant.number}" if warrant.number else "unnumbered"
    title = f"Common Stock Purchase Warrant — {warrant.holder} — {number}"
    meta = PdfMeta(
        title=title,
        subject=f"Common Stock Purchase Warrant of {warrant.issuer}",
        author=warrant.issuer,
        dated=warrant.issue_date,
        identity=f"warrant|{warrant.issuer}|{warrant.holder}|{context['warrant_number']}",
        keywords=form.label,
    )
    return render_pdf(warrant_blocks(form), context, meta)
