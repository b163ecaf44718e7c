"""One purchaser's agreement as a PDF, with the form of warrant as Exhibit A."""

from __future__ import annotations

from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.domain.agreement_document import AGREEMENT, agreement_context, agreement_footer
from closingdesk.domain.agreement_form import AgreementData
from closingdesk.domain.terms import OfferingTerms


def render_agreement_pdf(terms: OfferingTerms, data: AgreementData, *, version: int) -> bytes:
    context = agreement_context(terms, data, version=version)
    meta = PdfMeta(
        title=agreement_footer(context),
        subject=f"Securities Purchase Agreement with {terms.issuer_name}",
        author=terms.issuer_name,
        dated=terms.agreement_date,
        identity=f"agreement|{terms.slug}|{data.purchaser_name}|v{version}",
    )
    return render_pdf(AGREEMENT, context, meta)
