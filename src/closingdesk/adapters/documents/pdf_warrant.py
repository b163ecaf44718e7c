"""One warrant as a PDF: the form of warrant filled for its holder, laid out like the agreement."""

from __future__ import annotations

from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.domain.warrants.warrant import WarrantData, warrant_context
from closingdesk.domain.warrants.warrant_form import WARRANT_FORM


def render_warrant_pdf(warrant: WarrantData) -> bytes:
    context = warrant_context(warrant)
    number = f"No. {warrant.number}" if warrant.number else "unnumbered"
    title = f"Common Stock Purchase Warrant — {warrant.holder} — {number}"
    meta = PdfMeta(
        title=title,
        subject=f"Common Stock Purchase Warrant of {warrant.issuer}",
        author=warrant.issuer,
        dated=warrant.issue_date,
        identity=f"warrant|{warrant.issuer}|{warrant.holder}|{context['warrant_number']}",
    )
    return render_pdf(WARRANT_FORM, context, meta)
