"""One purchaser's executed counterpart as a PDF: the agreement with both signature blocks
completed, laid out like the agreement itself (ready to be digitally signed)."""

from __future__ import annotations

from closingdesk.adapters.documents.pdf_agreement import exhibit_b_of, with_exhibit_b
from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.domain.documents.agreement_document import exhibit_b_text
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.documents.forms_catalog import AGREEMENT, AgreementForms, defaults
from closingdesk.domain.documents.typeset import completed
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.signing.executed_agreement import (
    Signed,
    executed_context,
    executed_footer,
)


def render_executed_pdf(
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    company: Signed,
    purchaser: Signed,
    supplement: tuple[int, bytes] | None = None,
    forms: AgreementForms | None = None,
) -> bytes:
    """``supplement``: the prospectus supplement (version, bytes) the signed agreement had
    attached as Exhibit B, attached again; ``forms``: the forms the signed agreement was
    made from (closingdesk's own when None)."""
    forms = forms or AgreementForms.built_in()
    exhibit = exhibit_b_of(supplement)
    context = executed_context(terms, data, version=version, company=company, purchaser=purchaser)
    context = {**defaults(AGREEMENT), **context, "exhibit_b": exhibit_b_text(terms, exhibit)}
    meta = PdfMeta(
        title=executed_footer(context),
        subject=f"Executed Securities Purchase Agreement with {terms.issuer_name}",
        author=terms.issuer_name,
        dated=terms.agreement_date,
        identity=f"executed|{terms.slug}|{data.purchaser_name}|v{version}",
        keywords=forms.label,
    )
    executed = completed(forms.blocks())
    return with_exhibit_b(render_pdf(executed, context, meta), supplement, exhibit)
