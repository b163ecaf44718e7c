"""Notices addressed as the form's notice provisions say, and the closing confirmation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from closingdesk.domain.book.purchaser import Purchaser, empty_checklist
from closingdesk.domain.documents.notice_letter import (
    closing_confirmation,
    notice_text,
    notice_to_company,
    notice_to_purchaser,
)
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002 as TERMS

CLOSING = date(2002, 3, 12)
ALPHA = Purchaser(
    id=1,
    offering_id=1,
    name="Alpha Fund",
    shares=1_000_000,
    warrant_shares_override=None,
    email="ops@alpha.example",
    attention="Jane Roe",
    address=("1 Main Street", "Boston, MA 02110"),
    fax="(617) 555-0199",
    dtc_participant="0123",
    dtc_account="ALPHA-1",
    dtc_reference="SPA-2002",
    signer_name=None,
    signer_title=None,
    checklist=empty_checklist(),
)


def test_a_notice_to_the_company_is_addressed_as_the_form_says() -> None:
    letter = notice_to_company(TERMS, subject="Notice", paragraphs=("Text.",), dated=CLOSING)
    assert letter.to_lines == (
        "NeoTherapeutics, Inc.",
        "Attention: Samuel Gulko",
        "Senior Vice President Finance, Chief Financial Officer, Secretary and Treasurer",
        "157 Technology Drive,",
        "Irvine, California 92618",
        "Facsimile: (949) 788-6706",
    )
    assert (letter.fax, letter.email) == ("(949) 788-6706", None)


def test_a_notice_to_a_purchaser_goes_to_their_attention_address_fax_and_email() -> None:
    letter = notice_to_purchaser(
        ALPHA, TERMS, subject="Notice", paragraphs=("Text.",), dated=CLOSING
    )
    assert letter.to_lines == (
        "Alpha Fund",
        "Attn: Jane Roe",
        "1 Main Street",
        "Boston, MA 02110",
        "Facsimile: (617) 555-0199",
        "E-mail: ops@alpha.example",
    )
    assert letter.from_lines[0] == "NeoTherapeutics, Inc."
    assert letter.signature_lines[-2:] == (
        "By: Samuel Gulko",
        "Senior Vice President Finance, Chief Financial Officer, Secretary and Treasurer",
    )
    assert (letter.email, letter.fax) == ("ops@alpha.example", "(617) 555-0199")


def test_blank_parts_of_an_address_are_left_out() -> None:
    bare = replace(ALPHA, attention=None, fax=None, email=None)
    letter = notice_to_purchaser(bare, TERMS, subject="S", paragraphs=(), dated=CLOSING)
    assert letter.to_lines == ("Alpha Fund", "1 Main Street", "Boston, MA 02110")


def test_the_text_of_a_notice_keeps_what_the_user_wrote() -> None:
    body = ('Under "Section 5" {braces} & <tags> stay as written.', "Second paragraph.")
    letter = notice_to_purchaser(ALPHA, TERMS, subject="Re {x}", paragraphs=body, dated=CLOSING)
    text = notice_text(letter)
    assert text.startswith("March 12, 2002\n\nTo:\nAlpha Fund\nAttn: Jane Roe\n")
    assert "\n\nRe: Re {x}\n\n" in text
    assert f"\n\n{body[0]}\n\n{body[1]}\n\n" in text
    assert text.endswith(
        "By: Samuel Gulko\nSenior Vice President Finance, Chief Financial "
        "Officer, Secretary and Treasurer"
    )


def test_a_closing_confirmation_states_the_shares_price_and_warrant() -> None:
    letter = closing_confirmation(ALPHA, TERMS, warrant_number="W-0001", settled_on=CLOSING)
    text = notice_text(letter)
    for element in (
        "1,000,000 shares of common stock of NeoTherapeutics, Inc.",
        "Securities Purchase Agreement dated March 12, 2002",
        "Purchase Price of $2,000,000.00",
        "DTC participant 0123, account ALPHA-1, reference SPA-2002",
        "Warrant No. W-0001, issued March 12, 2002",
        "up to 250,000 shares at an exercise price of $2.75 per share",
        "until 5:00 p.m. (New York City time) on March 12, 2007",
        "without restrictive legend",
    ):
        assert element in text
    assert letter.subject == "Closing confirmation: NeoTherapeutics, Inc., Warrant No. W-0001"
    assert letter.email == "ops@alpha.example"


def test_a_confirmation_may_date_the_warrant_other_than_the_settlement() -> None:
    letter = closing_confirmation(
        ALPHA,
        TERMS,
        warrant_number="W-0002",
        settled_on=date(2002, 3, 13),
        warrant_issued_on=date(2002, 3, 12),
    )
    assert "issued March 12, 2002" in notice_text(letter)
    assert "took place on March 13, 2002" in notice_text(letter)
