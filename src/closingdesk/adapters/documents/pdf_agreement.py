"""One purchaser's agreement as a PDF, with the form of warrant as Exhibit A and the stored
prospectus supplement's own pages as Exhibit B."""

from __future__ import annotations

import hashlib

from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.adapters.documents.pdf_exhibits import attach_exhibit_b, page_count
from closingdesk.domain.documents.agreement_document import (
    ExhibitB,
    agreement_context,
    agreement_footer,
)
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.documents.forms_catalog import AGREEMENT, AgreementForms, defaults
from closingdesk.domain.offering.terms import OfferingTerms


def render_agreement_pdf(
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    supplement: tuple[int, bytes] | None = None,
    forms: AgreementForms | None = None,
) -> bytes:
    """``supplement``: the stored prospectus supplement (its version and bytes), attached
    as Exhibit B; without one, Exhibit B's page says it is not attached. ``forms``: the
    agreement and warrant forms to set it from (closingdesk's own when None), named in the
    PDF's keywords."""
    forms = forms or AgreementForms.built_in()
    exhibit = exhibit_b_of(supplement)
    filled = agreement_context(terms, data, version=version, exhibit_b=exhibit)
    context = {**defaults(AGREEMENT), **filled}
    meta = PdfMeta(
        title=agreement_footer(context),
        subject=f"Securities Purchase Agreement with {terms.issuer_name}",
        author=terms.issuer_name,
        dated=terms.agreement_date,
        identity=f"agreement|{terms.slug}|{data.purchaser_name}|v{version}",
        keywords=forms.label,
    )
    return with_exhibit_b(render_pdf(forms.blocks(), context, meta), supplement, exhibit)


def exhibit_b_of(supplement: tuple[int, bytes] | None) -> ExhibitB | None:
    if supplement is None:
        return None
    version, content = supplement
    return ExhibitB(version, hashlib.sha256(content).hexdigest(), page_count(content))


def with_exhibit_b(
    typeset: bytes, supplement: tuple[int, bytes] | None, exhibit: ExhibitB | None
) -> bytes:
    if supplement is None or exhibit is None:
        return typeset
    return attach_exhibit_b(typeset, supplement[1], sha256=exhibit.sha256)
