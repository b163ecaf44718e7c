"""The formats an agreement is drafted in: the form's text, Word and PDF, from the same data.

Word and PDF are the same agreement typeset from the same forms (the agreement form in use,
with the form of warrant as Exhibit A, and the stored prospectus supplement as Exhibit B,
its pages attached to the PDF), and name their version in the footer and the forms they
were made from in their properties. The text is the seed form, line for line: it is made
only while the agreement form in use is closingdesk's own, the seed's wording.
"""

from __future__ import annotations

from closingdesk.adapters.documents.docx_agreement import render_agreement_docx
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.domain.documents.agreement_text import AgreementData, compile_form
from closingdesk.domain.documents.forms_catalog import AGREEMENT, AgreementForms, built_in
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.problems import InvalidInput

FORMATS = ("txt", "docx", "pdf")
VERSIONED = ("docx", "pdf")  # formats whose bytes name the document's version


def render_agreement_file(
    fmt: str,
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    supplement: tuple[int, bytes] | None = None,
    forms: AgreementForms | None = None,
) -> bytes:
    """``supplement``: the offering's stored prospectus supplement (version, bytes), Exhibit B;
    ``forms``: the agreement and warrant forms (closingdesk's own when None)."""
    forms = forms or AgreementForms.built_in()
    if fmt == "pdf":
        return render_agreement_pdf(
            terms, data, version=version, supplement=supplement, forms=forms
        )
    if fmt == "docx":
        return render_agreement_docx(
            terms, data, version=version, supplement=supplement, forms=forms
        )
    refuse_text_of_imported(forms)
    return compile_form(terms).render(data).encode("utf-8")


def refuse_text_of_imported(forms: AgreementForms) -> None:
    """The text format is the seed's typed layout of closingdesk's own wording: refused,
    rather than saying something else than the form in use, once counsel changed it."""
    if forms.agreement.sha256 != built_in(AGREEMENT).sha256:
        raise InvalidInput(
            "the plain-text agreement is the seed's typed form, made only from closingdesk's own"
            f" agreement form; the form in use is v{forms.agreement.version} (imported):"
            " draft --format pdf or --format docx, which are made from it"
        )
