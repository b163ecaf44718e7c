"""The executed counterpart: the agreement itself, with both signature blocks completed."""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.adapters.documents.pdf_executed import render_executed_pdf
from closingdesk.domain.documents.agreement_document import (
    AGREEMENT,
    agreement_context,
    agreement_footer,
)
from closingdesk.domain.documents.agreement_form import AgreementData
from closingdesk.domain.documents.forms_catalog import AgreementForms
from closingdesk.domain.documents.typeset import Signature
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as TERMS
from closingdesk.domain.signing.executed_agreement import (
    EXECUTED,
    Signed,
    as_text,
    executed_context,
)

ALPHA = AgreementData(
    "Alpha Fund", 1_000_000, Decimal("2.00"), Decimal("2000000.00"), 250_000, Decimal("2.75"),
    dtc_participant="0226", dtc_account="A-1", address=("1 Main St", "Boston MA"),
    purchaser_signer_name="Jane Roe", purchaser_signer_title="Managing Member",
)  # fmt: skip
COMPANY = Signed(
    "/s/ Samuel Gulko", "Samuel Gulko", "Chief Financial Officer",
    datetime(2002, 3, 13, 0, 30, tzinfo=UTC),  # 4:30 pm on March 12 in Irvine
)  # fmt: skip
PURCHASER = Signed(
    "/s/ Jane Roe", "Jane Roe", "Managing Member", datetime(2002, 3, 12, 18, 0, tzinfo=UTC)
)


def executed_text() -> str:
    context = executed_context(TERMS, ALPHA, version=1, company=COMPANY, purchaser=PURCHASER)
    return as_text(EXECUTED, context)


def test_the_executed_text_is_the_agreements_plus_the_signatures_and_nothing_else() -> None:
    agreement = as_text(AGREEMENT, agreement_context(TERMS, ALPHA, version=1)).split("\n")
    changes = list(difflib.ndiff(agreement, executed_text().split("\n")))
    assert [c[2:] for c in changes if c.startswith("- ")] == ["By:", "Name:", "Title:", "By:"]
    assert [c[2:] for c in changes if c.startswith("+ ")] == [
        "By: /s/ Samuel Gulko",
        "Name: Samuel Gulko",
        "Title: Chief Financial Officer",
        "Date: March 12, 2002",
        "By: /s/ Jane Roe",
        "Date: March 12, 2002",
    ]


def test_the_unsigned_agreement_is_laid_out_exactly_as_before_blocks_could_be_completed() -> None:
    unmarked = tuple(
        replace(block, signer="") if isinstance(block, Signature) else block for block in AGREEMENT
    )
    context = agreement_context(TERMS, ALPHA, version=3)
    meta = PdfMeta(
        title=agreement_footer(context),
        subject=f"Securities Purchase Agreement with {TERMS.issuer_name}",
        author=TERMS.issuer_name,
        dated=TERMS.agreement_date,
        identity=f"agreement|{TERMS.slug}|{ALPHA.purchaser_name}|v3",
        keywords=AgreementForms.built_in().label,
    )
    assert render_pdf(unmarked, context, meta) == render_agreement_pdf(TERMS, ALPHA, version=3)


def test_the_same_signatures_give_the_same_executed_bytes() -> None:
    def render() -> bytes:
        return render_executed_pdf(TERMS, ALPHA, version=1, company=COMPANY, purchaser=PURCHASER)

    first = render()
    assert first == render() and first != render_agreement_pdf(TERMS, ALPHA, version=1)
