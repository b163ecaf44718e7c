"""The agreement as text: the blank form byte for byte, filled agreements, reading them back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from closingdesk.domain.documents.agreement_layout import WIDTH, Paragraph
from closingdesk.domain.documents.agreement_text import (
    AgreementData,
    compile_form,
    parse_agreement,
    render_agreement,
    render_blank,
)
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress
from closingdesk.domain.problems import Problem

FORM = Path(__file__).parents[1] / "fixtures" / "neotherapeutics-2002-form.txt"

ACME_2024 = replace(
    NEOTHERAPEUTICS_2002,
    slug="acme-2024",
    issuer_name="Acme Regenerative Medicine Holdings Corporation",
    agreement_date=date(2024, 11, 5),
    governing_law="Delaware",
    warrant_years=3,
    price_per_share=Decimal("12.50"),
    exercise_price=Decimal("15.00"),
    registration_form="S-1",
    registration_file_number="333-281234",
    prospectus_rule="424(b)(3)",
    wire=replace(NEOTHERAPEUTICS_2002.wire, aba_routing_number="011000015"),
    company_notice=NoticeAddress(
        name="Acme Regenerative Medicine Holdings Corporation",
        attention="Dana Whitfield",
        title="Executive Vice President, Chief Financial Officer and Principal Accounting Officer",
        address=("1 Innovation Way", "Wilmington, Delaware 19801"),
        fax=None,
    ),
)


def alpha(**changes: Any) -> AgreementData:
    """Alpha Fund buys 1,000,000 Shares at $2.00 with a Warrant for 250,000."""
    data = AgreementData(
        purchaser_name="Alpha Fund",
        shares=1_000_000,
        price_per_share=Decimal("2.00"),
        purchase_price=Decimal("2000000.00"),
        warrant_shares=250_000,
        exercise_price=Decimal("2.75"),
        dtc_participant="0226",
        dtc_account="4471-0092",
        dtc_reference="NEOT 2002-03",
        attention="Jane Doe, General Counsel",
        address=("100 Main Street, Suite 2000", "New York, NY 10005", "USA"),
        fax="(212) 555-0100",
        purchaser_signer_name="Jane Doe",
        purchaser_signer_title="Managing Member",
        company_signer_name="Samuel Gulko",
        company_signer_title="Chief Financial Officer",
    )
    return replace(data, **changes)


def between(text: str, first: str, last: str) -> str:
    """The lines of ``text`` from the one holding ``first`` to the one holding ``last``."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if first in line)
    end = next(i for i, line in enumerate(lines) if i >= start and last in line)
    return "\n".join(lines[start : end + 1])


def test_the_blank_form_is_the_seed_byte_for_byte() -> None:
    assert render_blank(NEOTHERAPEUTICS_2002).encode() == FORM.read_bytes()


def test_a_filled_agreement_puts_name_and_numbers_in_the_opening_paragraphs() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha())
    assert between(text, "This Securities", "---------") == (
        '         This Securities Purchaser Agreement (the "Agreement") is made as of\n'
        'March 12, 2002 by and between Alpha Fund ("Purchaser"), and\n'
        'NeoTherapeutics, Inc. ("Company"), whereby the parties agree as follows:\n'
        "\n"
        "         The Purchaser shall buy from the Company and the Company agrees to sell\n"
        'to the Purchaser: (i) 1,000,000 shares (the "Shares") of the Company\'s common\n'
        'stock, par value $.001 per share (the "Common Stock"), at a price of $2.00 per\n'
        'share for an aggregate purchase price of $2,000,000.00 (the "Purchase Price"),\n'
        "and (ii) a five-year warrant to purchase up to 250,000 shares of Common Stock\n"
        '(the "Warrant"), at an exercise price of $2.75 per share, in the form attached\n'
        "hereto as Exhibit A.\n"
        "          ---------"
    )


def test_dwac_instructions_go_on_the_label_lines_above_their_rules() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha())
    assert between(text, "DTC No.:", "Reference:") + "\n" == (
        "         DTC No.: 0226\n"
        "                 ---------------------------------\n"
        "         Account No.: 4471-0092\n"
        "                     -----------------------------\n"
        "         Reference: NEOT 2002-03\n"
    )


def test_the_notice_block_lines_each_address_line_up_under_the_first() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha())
    assert between(text, "Purchaser Name:", "Facsimile: (212)") == (
        "         Purchaser Name: Alpha Fund\n"
        "                        --------------------------\n"
        "         Attn: Jane Doe, General Counsel\n"
        "              ------------------------------------\n"
        "         Address: 100 Main Street, Suite 2000\n"
        "                 ---------------------------------\n"
        "                  New York, NY 10005\n"
        "                  USA\n"
        "         -----------------------------------------\n"
        "         Facsimile: (212) 555-0100"
    )


def test_the_signature_page_names_both_signers_and_the_purchaser() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha())
    assert text.endswith(
        "NeoTherapeutics, Inc.\n\n\nBy:\n   ----------------------------------\n"
        "Name: Samuel Gulko\n     --------------------------------\n"
        "Title: Chief Financial Officer\n      -------------------------------\n\n\n"
        "Purchaser Name: Alpha Fund\n                 --------------------\n\n\n"
        "By:\n   ----------------------------------\nName: Jane Doe\n"
        "     --------------------------------\nTitle: Managing Member\n"
        "      -------------------------------"
    )


def test_a_blank_without_a_value_stays_as_in_the_form() -> None:
    bare = AgreementData("Alpha Fund", 100, Decimal("2.00"), Decimal("200.00"), 25, Decimal("2.75"))
    filled, blank = render_agreement(NEOTHERAPEUTICS_2002, bare), render_blank(NEOTHERAPEUTICS_2002)
    filled_blanks = {"_________________": "Alpha Fund", "__________ shares": "25 shares"}
    filled_blanks |= {"_______ shares": "100 shares", "$_________": "$200.00"}
    expected = between(blank, "<PAGE>", "Notices to Purchaser")
    for empty, value in filled_blanks.items():
        expected = expected.replace(empty, value)
    assert between(filled, "<PAGE>", "Notices to Purchaser") == expected
    assert between(filled, "Attn:", "conflicts of law") == between(blank, "Attn:", "conflicts")


def test_values_that_fit_keep_the_forms_line_breaks() -> None:
    bare = AgreementData("Alpha Fund", 100, Decimal("2.00"), Decimal("200.00"), 25, Decimal("2.75"))
    text = render_agreement(NEOTHERAPEUTICS_2002, bare)
    assert 'to the Purchaser: (i) 100 shares (the "Shares") of the Company\'s common\n' in text
    assert "(ii) a five-year warrant to purchase up to 25 shares of Common Stock\n" in text


def test_a_long_name_rewraps_within_the_width_and_keeps_the_page_markers() -> None:
    name = "The Trustees of the " + "Very Long Name Opportunity " * 6 + "Fund, L.P."
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha(purchaser_name=name))
    assert max(len(line) for line in text.split("\n")) <= WIDTH
    assert text.split("\n")[0] == "<PAGE>" and text.count("\n<PAGE>\n") == 2
    opening = between(text, "This Securities", "whereby").split("\n")
    assert len(opening) == 5 and opening[1].startswith("March 12, 2002 by and between The")
    assert "Purchaser Name: The Trustees of the Very Long Name Opportunity" in text
    assert "\n" + " " * 25 + "Long Name Opportunity Very" in text  # under the first word
    assert parse_agreement(text)[0] == alpha(purchaser_name=name)


def test_another_issuers_terms_render_its_own_agreement() -> None:
    text = render_blank(ACME_2024)
    assert between(text, "This Securities", "whereby") + "\nagree" in text
    assert between(text, "This Securities", "agree as follows") == (
        '         This Securities Purchaser Agreement (the "Agreement") is made as of\n'
        'November 5, 2024 by and between _________________ ("Purchaser"), and Acme\n'
        'Regenerative Medicine Holdings Corporation ("Company"), whereby the parties\n'
        "agree as follows:"
    )
    assert "at a price of $12.50 per\n" in text and "a three-year warrant" in text
    assert "Form S-1, File No. 333-281234" in text and "on Form 424(b)(3)\n" in text
    assert "ABA # 011 000 015" in text and "State of Delaware" in text
    assert "     Executive Vice President, Chief Financial Officer and Principal\n" in text
    assert "NeoTherapeutics" not in text and "Facsimile: (949)" not in text
    assert max(len(line) for line in text.split("\n")) <= WIDTH


def test_another_issuers_agreement_reads_back() -> None:
    data = alpha(price_per_share=Decimal("12.50"), purchase_price=Decimal("12500000.00"))
    assert parse_agreement(render_agreement(ACME_2024, data)) == (data, [])


def test_rendering_is_deterministic_and_the_form_compiled_once() -> None:
    assert render_agreement(NEOTHERAPEUTICS_2002, alpha()) == render_agreement(
        replace(NEOTHERAPEUTICS_2002), alpha()
    )
    assert compile_form(NEOTHERAPEUTICS_2002) is compile_form(replace(NEOTHERAPEUTICS_2002))


def test_a_filled_agreement_reads_back_without_problems() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha())
    assert parse_agreement(text, source="alpha.txt") == (alpha(), [])


@pytest.mark.parametrize(
    "name",
    [
        'Smith ("Purchaser"), and Jones',
        'X ("Purchaser"), and NeoTherapeutics, Inc. ("Company"), whereby the parties agree as'
        " follows:",
        "1,000 shares by and between",
        "_________________",
        "---------- ----------",
        "Exhibit A.",
        "Purchaser Name: Attn: Address:",
        "<PAGE>",
    ],
)
def test_a_name_that_looks_like_the_form_still_reads_back(name: str) -> None:
    data = alpha(purchaser_name=name, attention=name, address=(name, name), fax=name)
    assert parse_agreement(render_agreement(NEOTHERAPEUTICS_2002, data)) == (data, [])


def test_an_agreement_whose_numbers_disagree_is_reported_inconsistent() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha()).replace("2,000,000.00", "2,000,001.00")
    data, problems = parse_agreement(text, source="agreement.txt")
    assert data == alpha(purchase_price=Decimal("2000001.00"))
    assert problems == [
        Problem(
            "agreement.txt, Purchase Price",
            "is inconsistent: 1,000,000 Shares x $2.00 = $2,000,000.00,"
            " but the agreement states $2,000,001.00",
        )
    ]


def test_names_that_disagree_are_reported() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha()).replace(
        "\nPurchaser Name: Alpha Fund\n", "\nPurchaser Name: Beta Fund\n"
    )
    data, problems = parse_agreement(text, source="a.txt")
    assert data == alpha()
    assert [p.where for p in problems] == ["a.txt, signature page"]


def test_text_that_is_not_the_form_is_refused() -> None:
    data, problems = parse_agreement("Dear Sir,\nplease wire $2,000,000.\n", source="letter.txt")
    assert data is None
    assert problems == [
        Problem("letter.txt", "is not a Securities Purchase Agreement in the form: no title")
    ]


def test_a_form_cut_short_is_refused_where_it_stops() -> None:
    text = render_agreement(NEOTHERAPEUTICS_2002, alpha())
    data, problems = parse_agreement(text[: text.index("AGREED")], source="a.txt")
    assert data is None and [p.where for p in problems] == ["a.txt, signature page"]


def test_the_blank_form_reads_back_as_blanks_not_values() -> None:
    data, problems = parse_agreement(render_blank(NEOTHERAPEUTICS_2002), source="form.txt")
    assert data is None
    assert [(p.where, p.what) for p in problems] == [
        ("form.txt, Purchaser Name", "is blank"),
        ("form.txt, Shares", "is blank"),
        ("form.txt, Purchase Price", "is blank"),
        ("form.txt, Warrant shares", "is blank"),
    ]


def test_an_underline_follows_its_word_when_a_value_before_it_moves_it() -> None:
    paragraph = Paragraph("  ", "", "up to {n} shares, see Exhibit A. below", {"n": "___"})
    assert paragraph.render({"n": "12,000"}) == (
        "  up to 12,000 shares, see Exhibit A. below\n" + " " * 27 + "-" * 9
    )
