"""One purchaser's agreement as a Word document, made from the same forms as its PDF.

The Word template is built from the blocks of the agreement form in use (with the form of
warrant as Exhibit A), a Jinja tag at each placeholder, and filled with docxtpl: the Word
file and the PDF say the same thing because they are set from the same blocks and values
(:func:`~closingdesk.domain.documents.agreement_document.agreement_context`). Counsel changes the
wording with ``closingdesk forms import``, not by handing in a Word template.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from io import BytesIO

from closingdesk.adapters.documents.docx_document import fixed_zip, render_docx
from closingdesk.adapters.documents.docx_template import build_template
from closingdesk.adapters.documents.pdf_agreement import exhibit_b_of
from closingdesk.domain.documents.agreement_document import (
    FOOTER,
    agreement_context,
    agreement_footer,
    exhibit_b_text,
)
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.documents.forms_catalog import AGREEMENT, AgreementForms, defaults
from closingdesk.domain.documents.typeset import Block
from closingdesk.domain.offering.terms import OfferingTerms

BUILT = date(2000, 1, 1)


@lru_cache(maxsize=8)
def template_for(blocks: tuple[Block, ...]) -> bytes:
    """The Word template of these blocks (deterministic bytes)."""
    document = build_template(blocks, footer=FOOTER, title="Securities Purchase Agreement")
    core = document.core_properties
    core.author = core.last_modified_by = "closingdesk"
    core.created = core.modified = datetime.combine(BUILT, datetime.min.time(), UTC)
    core.revision = 1
    out = BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue(), BUILT)


def default_template() -> bytes:
    """The Word template of closingdesk's own agreement and warrant forms."""
    return template_for(AgreementForms.built_in().blocks())


def render_agreement_docx(
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    supplement: tuple[int, bytes] | None = None,
    forms: AgreementForms | None = None,
) -> bytes:
    """``supplement``: the stored prospectus supplement (version, bytes) Exhibit B names;
    ``forms``: the agreement and warrant forms (closingdesk's own when None), named in the
    document's keywords."""
    forms = forms or AgreementForms.built_in()
    context = {
        **defaults(AGREEMENT),
        **agreement_context(terms, data, version=version),
        "exhibit_b": exhibit_b_text(terms, exhibit_b_of(supplement), pages_follow=False),
    }
    properties = {
        "title": agreement_footer(context),
        "subject": f"Securities Purchase Agreement with {terms.issuer_name}",
        "author": terms.issuer_name,
        "last_modified_by": "closingdesk",
        "revision": version,
        "keywords": forms.label,
    }
    return render_docx(
        template_for(forms.blocks()),
        context,
        dated=terms.agreement_date,
        properties=properties,
        company=terms.issuer_name,
    )
