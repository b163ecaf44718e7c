"""The DWAC issuance instruction: one row per purchaser, and the letter's wording."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from closingdesk.domain.book.purchaser import Purchaser, empty_checklist
from closingdesk.domain.documents.notice_letter import authorised_officer
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress
from closingdesk.domain.settlement.dwac_instruction import (
    CSV_COLUMNS,
    LEGEND,
    DwacInstructionRow,
    dwac_letter,
    instruction_row,
)

AGENT = NoticeAddress(
    name="Example Stock Transfer Company",
    attention="DWAC Department",
    title=None,
    address=("1 Example Plaza", "New York, NY 10004"),
    fax="(212) 555-0100",
    email="dwac@example.com",
)
TERMS = replace(NEOTHERAPEUTICS_2002, cusip="640 656 104", transfer_agent=AGENT)
CLOSING = date(2002, 3, 12)
ZURICH = Purchaser(
    id=3,
    offering_id=1,
    name="Zürich Capital AG",
    shares=125_000,
    warrant_shares_override=None,
    email="ops@zurich.example",
    attention=None,
    address=("Bahnhofstrasse 1", "8001 Zürich"),
    fax=None,
    dtc_participant=" 0352 ",
    dtc_account="ZC-77",
    dtc_reference=None,
    signer_name=None,
    signer_title=None,
    checklist=empty_checklist(),
)


def row(purchaser: Purchaser = ZURICH, number: str = "W-0003") -> DwacInstructionRow:
    return instruction_row(purchaser, TERMS, warrant_number=number, instructed_on=CLOSING)


def test_a_row_says_what_the_transfer_agent_issues_and_where_it_credits_it() -> None:
    assert row() == DwacInstructionRow(
        instructed_on=CLOSING,
        issuer="NeoTherapeutics, Inc.",
        cusip="640656104",
        security="common stock",
        purchaser_id=3,
        purchaser_name="Zürich Capital AG",
        shares=125_000,
        purchase_price=Decimal("250000.00"),
        dtc_participant="0352",
        dtc_account="ZC-77",
        dtc_reference=None,
        warrant_number="W-0003",
        warrant_shares=31_250,
        registration="Form S-3, File No. 333-53108",
        prospectus="prospectus supplement under Rule 424(b)(5)",
        legend="without restrictive legend",
    )


def test_the_csv_columns_are_the_rows_fields() -> None:
    fields = [field.name for field in dataclasses.fields(DwacInstructionRow)]
    assert sorted(CSV_COLUMNS) == sorted(fields)
    assert all(column == column.lower() and " " not in column for column in CSV_COLUMNS)


def test_a_row_for_a_purchaser_without_dwac_details_is_a_bug() -> None:
    with pytest.raises(ValueError, match="not ready to settle"):
        row(replace(ZURICH, dtc_account=None))


def test_the_letter_instructs_issuance_without_legend_under_the_registration() -> None:
    letter = dwac_letter([row(), row(number="W-0004")], TERMS, dated=CLOSING)
    text = " ".join(letter.paragraphs)
    assert "issue 250,000 shares of its common stock, par value $.001 per share" in text
    assert "(CUSIP 640656104)" in text and "to the 2 purchasers listed below" in text
    assert f"issued {LEGEND}" in text
    assert "registration statement on Form S-3 (File No. 333-53108)" in text
    assert "prospectus supplement under Rule 424(b)(5)" in text
    assert letter.to_lines[:2] == ("Example Stock Transfer Company", "Attention: DWAC Department")
    assert letter.subject == "DWAC issuance instruction: NeoTherapeutics, Inc., CUSIP 640656104"


def test_the_letter_is_signed_by_the_named_officer_else_the_notice_attention() -> None:
    assert authorised_officer(TERMS) == (
        "Samuel Gulko",
        "Senior Vice President Finance, Chief Financial Officer, Secretary and Treasurer",
    )
    named = replace(TERMS, company_signer_name="Ann Lee", company_signer_title="CEO")
    letter = dwac_letter([row()], named, dated=CLOSING)
    assert (letter.signer_name, letter.signer_title) == ("Ann Lee", "CEO")


def test_a_letter_without_rows_or_transfer_agent_is_a_bug() -> None:
    with pytest.raises(ValueError):
        dwac_letter([], TERMS, dated=CLOSING)
    with pytest.raises(ValueError):
        dwac_letter([row()], replace(TERMS, transfer_agent=None), dated=CLOSING)
