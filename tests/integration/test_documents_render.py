"""Agreements typeset as PDF and Word: deterministic bytes, and the text form's values."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from closingdesk.adapters.documents.docx_agreement import render_agreement_docx
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.adapters.documents.pdf_warrant import render_warrant_pdf
from closingdesk.domain.documents.agreement_text import AgreementData, compile_form, parse_agreement
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress, WireInstructions
from closingdesk.domain.warrants.warrant import warrant_for_agreement

ALPHA = AgreementData(
    purchaser_name="Alpha Fund",
    shares=1_000_000,
    price_per_share=Decimal("2.00"),
    purchase_price=Decimal("2000000.00"),
    warrant_shares=250_000,
    exercise_price=Decimal("2.75"),
    dtc_participant="0226",
    dtc_account="A-1",
    dtc_reference="REF-1",
    attention="Trade Operations",
    address=("1 Main St", "Boston MA 02110"),
    fax="(617) 555-0100",
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    footer = [c.text for t in document.sections[0].footer.tables for c in t.rows[0].cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells, *footer])


def words(text: str) -> str:
    return " ".join(text.split())


def block(text: str, start: str, end: str) -> str:
    """The words of the text form between two of its lines."""
    return words(text[text.index(start) + len(start) : text.index(end)])


def test_the_same_agreement_gives_the_same_pdf_and_word_bytes() -> None:
    terms = NEOTHERAPEUTICS_2002
    assert render_agreement_pdf(terms, ALPHA, version=1) == render_agreement_pdf(
        terms, ALPHA, version=1
    )
    assert render_agreement_docx(terms, ALPHA, version=1) == render_agreement_docx(
        terms, ALPHA, version=1
    )
    warrant = warrant_for_agreement(terms, ALPHA)
    assert render_warrant_pdf(warrant) == render_warrant_pdf(warrant)


def test_another_version_or_purchaser_gives_other_bytes_and_says_so() -> None:
    terms = NEOTHERAPEUTICS_2002
    first, second = (render_agreement_pdf(terms, ALPHA, version=v) for v in (1, 2))
    assert first != second
    assert "Securities Purchase Agreement — Alpha Fund — v2" in pdf_text(second)
    assert "Page 1 of " in pdf_text(second)
    other = render_agreement_docx(terms, replace(ALPHA, shares=999_999), version=1)
    assert other != render_agreement_docx(terms, ALPHA, version=1)


@pytest.mark.parametrize("render", ["pdf", "docx"])
def test_the_text_word_and_pdf_agreements_carry_the_same_values(render: str) -> None:
    terms = NEOTHERAPEUTICS_2002
    text = compile_form(terms).render(ALPHA)
    data, problems = parse_agreement(text)
    assert data == ALPHA and not problems
    if render == "pdf":
        typeset = words(pdf_text(render_agreement_pdf(terms, ALPHA, version=1)))
    else:
        typeset = words(docx_text(render_agreement_docx(terms, ALPHA, version=1)))
    values = [data.purchaser_name, "1,000,000", "$2,000,000.00", "250,000", "$2.00", "$2.75"]
    values += [data.dtc_participant, data.dtc_account, data.dtc_reference, data.attention]
    values += [*data.address, data.fax]
    values += [
        block(text, "Company Wire Transfer Instructions:", "2. The Company"),
        block(text, "Notices to the Company shall be delivered to:", "Notices to Purchaser"),
    ]
    for value in values:
        assert value and words(value) in typeset, value
    assert "Securities Purchase Agreement — Alpha Fund — v1" in typeset
    assert "EXHIBIT A" in typeset and "Warrant No.: to be assigned at closing" in typeset
    assert "Warrant Shares: 250,000" in typeset and "is not attached to this copy" in typeset


def test_another_issuers_terms_fill_the_pdf_and_the_word_agreement() -> None:
    terms = replace(
        NEOTHERAPEUTICS_2002,
        slug="acme-2024",
        issuer_name="Acme Biologics Corp.",
        governing_law="Delaware",
        agreement_date=date(2024, 7, 1),
        warrant_years=3,
        registration_file_number="333-281234",
        wire=WireInstructions(
            "First Republic Trust",
            ("1 Pine St", "San Francisco, CA 94111"),
            "121000248",
            "Acme Biologics Corp.",
            "9988-7766",
            "Acme Escrow",
            "5544-3322",
        ),
        company_notice=NoticeAddress(
            "Acme Biologics Corp.", "Legal", None, ("9 Elm St", "Wilmington, DE 19801"), None
        ),
    )
    data = replace(ALPHA, price_per_share=Decimal("3.50"), purchase_price=Decimal("3500000.00"))
    for typeset in (
        words(pdf_text(render_agreement_pdf(terms, data, version=1))),
        words(docx_text(render_agreement_docx(terms, data, version=1))),
    ):
        assert "Acme Biologics Corp." in typeset and "NeoTherapeutics" not in typeset
        assert "State of Delaware" in typeset and "three-year warrant" in typeset
        assert "$3,500,000.00" in typeset and "File No. 333-281234" in typeset
        assert "ABA # 121 000 248" in typeset and "July 1, 2024" in typeset
        assert "5:00 p.m. (New York City time) on July 1, 2027" in typeset


FRESH_PROCESS = """
import hashlib
from closingdesk.adapters.documents.docx_agreement import default_template, render_agreement_docx
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from tests.integration.test_documents_render import ALPHA
for render in (render_agreement_pdf, render_agreement_docx):
    print(hashlib.sha256(render(NEOTHERAPEUTICS_2002, ALPHA, version=1)).hexdigest())
"""


def test_the_sha256_of_a_document_is_re_derived_in_a_fresh_process() -> None:
    terms, long_name = NEOTHERAPEUTICS_2002, replace(ALPHA, purchaser_name="Beta " * 40 + "Ltd.")
    render_agreement_pdf(terms, long_name, version=1)  # what was rendered before changes nothing
    render_agreement_pdf(replace(terms, issuer_name="Gamma Corp."), ALPHA, version=3)
    here = [
        hashlib.sha256(render(terms, ALPHA, version=1)).hexdigest()
        for render in (render_agreement_pdf, render_agreement_docx)
    ]
    fresh = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert fresh.stdout.split() == here


def test_a_paragraph_split_across_pages_in_one_document_leaves_the_next_unchanged() -> None:
    """Paragraph lines are kept between documents; splitting one across pages (the warrant's
    clauses break at other places than in Exhibit A) must not change the kept lines."""
    terms = NEOTHERAPEUTICS_2002
    before = render_agreement_pdf(terms, ALPHA, version=1)
    render_warrant_pdf(warrant_for_agreement(terms, ALPHA))
    render_agreement_pdf(replace(terms, issuer_name="Gamma Corp."), ALPHA, version=1)
    assert render_agreement_pdf(terms, ALPHA, version=1) == before
