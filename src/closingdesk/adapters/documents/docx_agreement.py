"""One purchaser's agreement as a Word document, from counsel's template or closingdesk's own.

A template is a .docx with Jinja tags (docxtpl). Its fields are those of
:func:`~closingdesk.domain.documents.agreement_document.agreement_context`: the purchaser's
``purchaser_name``, ``shares``, ``price``, ``purchase_price`` (without "$"),
``warrant_shares``, ``exercise_price``, ``dtc_participant``, ``dtc_account``,
``dtc_reference``, ``attention``, ``address`` (its lines broken), ``fax``,
``purchaser_signer_name``/``_title``, ``company_signer_name``/``_title``; the terms'
``date``, ``issuer``, ``security``, ``par``, ``years``, ``form``, ``file_number``, ``rule``,
``state``; the warrant's ``holder``, ``warrant_number``, ``issue_date``, ``expiry``; the
document's ``version``; ``exhibit_b``, what Exhibit B's page says; and two lists of
lines, ``wire_lines`` and ``company_notice_lines`` (``{%p for line in wire_lines %}``).
closingdesk's own template is built from the domain's wording by
``templates/build_default_templates.py``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from closingdesk.adapters.documents.docx_document import render_docx
from closingdesk.adapters.documents.pdf_agreement import exhibit_b_of
from closingdesk.domain.documents.agreement_document import (
    agreement_context,
    agreement_footer,
    exhibit_b_text,
)
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.offering.terms import OfferingTerms

TEMPLATE = "agreement.docx"


@lru_cache(maxsize=1)
def default_template() -> bytes:
    """closingdesk's own agreement template, shipped in the package."""
    return (files("closingdesk.adapters.documents") / "templates" / TEMPLATE).read_bytes()


def render_agreement_docx(
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    template: bytes | None = None,
    supplement: tuple[int, bytes] | None = None,
) -> bytes:
    """``supplement``: the stored prospectus supplement (version, bytes) Exhibit B names."""
    context = {
        **agreement_context(terms, data, version=version),
        "exhibit_b": exhibit_b_text(terms, exhibit_b_of(supplement), pages_follow=False),
    }
    properties = {
        "title": agreement_footer(context),
        "subject": f"Securities Purchase Agreement with {terms.issuer_name}",
        "author": terms.issuer_name,
        "last_modified_by": "closingdesk",
        "revision": version,
    }
    return render_docx(
        template or default_template(),
        context,
        dated=terms.agreement_date,
        properties=properties,
        company=terms.issuer_name,
    )
