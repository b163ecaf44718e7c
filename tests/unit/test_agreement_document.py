"""The typeset agreement: the text form's wording and values, with the warrant as Exhibit A."""

from __future__ import annotations

from decimal import Decimal

from closingdesk.domain.documents.agreement_document import (
    AGREEMENT,
    ExhibitB,
    agreement_context,
    as_text,
)
from closingdesk.domain.documents.agreement_text import AgreementData, compile_form
from closingdesk.domain.documents.typeset import runs
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as TERMS

ALPHA = AgreementData(
    "Alpha Fund",
    1_000_000,
    Decimal("2.00"),
    Decimal("2000000.00"),
    250_000,
    Decimal("2.75"),
    dtc_participant="0226",
    dtc_account="A-1",
    address=("1 Main St", "Boston MA"),
)


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_paragraph_of_the_text_form_is_in_the_typeset_agreement() -> None:
    typeset = words(as_text(AGREEMENT, agreement_context(TERMS, ALPHA, version=1)))
    form = compile_form(TERMS).render(ALPHA)
    for paragraph in form.split("\n\n"):
        lines = [line for line in paragraph.splitlines() if line.strip("- ") and line != "<PAGE>"]
        text = words(" ".join(lines))
        if text and not text.startswith(("EXHIBIT 10.1", "By:", "Name:", "Title:", "Purchaser")):
            assert text in typeset, text


def test_exhibit_a_is_this_purchasers_warrant_and_exhibit_b_names_the_supplement_or_its_lack() -> (
    None
):
    typeset = as_text(AGREEMENT, agreement_context(TERMS, ALPHA, version=1))
    exhibit_a = typeset[typeset.index("EXHIBIT A") : typeset.index("EXHIBIT B")]
    assert "Holder: Alpha Fund" in exhibit_a and "Warrant Shares: 250,000" in exhibit_a
    assert "is not attached to this copy" in typeset[typeset.index("EXHIBIT B") :]
    exhibit = ExhibitB(version=3, sha256="0f" * 32, pages=12)
    attached = as_text(AGREEMENT, agreement_context(TERMS, ALPHA, version=1, exhibit_b=exhibit))
    exhibit_b = words(attached[attached.index("EXHIBIT B") :])
    assert "is attached hereto as Exhibit B" in exhibit_b
    assert f"version 3 as stored, 12 pages, SHA-256 {'0f' * 32}" in exhibit_b


def test_defined_terms_are_bold_runs_in_curly_quotes() -> None:
    assert runs('the "Warrant Shares") at') == [
        ("the ", False),
        ("“Warrant Shares”", True),
        (") at", False),
    ]
