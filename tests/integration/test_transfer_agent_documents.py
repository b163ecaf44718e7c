"""The transfer agent's documents: the instruction CSV, the DWAC letter and notice PDFs."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from closingdesk.adapters.documents.pdf_dwac_letter import render_dwac_letter_pdf
from closingdesk.adapters.documents.pdf_notice_letter import render_notice_pdf
from closingdesk.adapters.transfer_agent.instruction_csv import instruction_csv
from closingdesk.domain.book.purchaser import Purchaser, empty_checklist
from closingdesk.domain.documents.notice_letter import closing_confirmation, notice_to_company
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002, NoticeAddress
from closingdesk.domain.settlement.dwac_instruction import (
    CSV_COLUMNS,
    DwacInstructionRow,
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
TERMS = replace(NEOTHERAPEUTICS_2002, cusip="640656104", transfer_agent=AGENT)
CLOSING = date(2002, 3, 12)
NAMES = (
    "Alpha Fund",
    "Zürich Capital AG",
    "Фонд Альфа",
    "Ελληνικό Ταμείο",
    "さくら 山田 Partners",  # set in the PDF readers' Asian fonts
)


def purchaser(number: int, name: str, reference: str | None = None) -> Purchaser:
    return Purchaser(
        id=number,
        offering_id=1,
        name=name,
        shares=1_000 * number,
        warrant_shares_override=None,
        email=f"ops{number}@example.com",
        attention=None,
        address=("1 Main Street",),
        fax=None,
        dtc_participant=f"{number:04d}",
        dtc_account=f"ACCT-{number}",
        dtc_reference=reference,
        signer_name=None,
        signer_title=None,
        checklist=empty_checklist(),
    )


def rows(count: int) -> list[DwacInstructionRow]:
    return [
        instruction_row(
            purchaser(n, f"{NAMES[n % len(NAMES)]} {n}", f"REF-{n}" if n % 2 else None),
            TERMS,
            warrant_number=f"W-{n:04d}",
            instructed_on=CLOSING,
        )
        for n in range(1, count + 1)
    ]


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())  # lines wrap where the layout chose


def test_the_instruction_csv_reads_back_to_the_same_values() -> None:
    written = rows(5)
    reader = csv.DictReader(io.StringIO(instruction_csv(written).decode("utf-8"), newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    read = list(reader)
    assert len(read) == 5
    for row, cells in zip(written, read, strict=True):
        assert cells["purchaser_name"] == row.purchaser_name
        assert int(cells["shares"]) == row.shares
        assert Decimal(cells["purchase_price"]) == row.purchase_price
        assert cells["purchase_price"] == f"{row.purchase_price:.2f}"
        assert cells["instructed_on"] == "2002-03-12"
        assert cells["cusip"] == "640656104"
        assert cells["dtc_reference"] == (row.dtc_reference or "")
        assert cells["legend"] == "without restrictive legend"


def test_the_instruction_csv_keeps_commas_quotes_and_line_breaks_in_names() -> None:
    (row,) = rows(1)
    awkward = replace(row, purchaser_name='Smith, Jones & "Partners"\nLLP')
    (cells,) = csv.DictReader(io.StringIO(instruction_csv([awkward]).decode(), newline=""))
    assert cells["purchaser_name"] == awkward.purchaser_name


def test_the_dwac_letter_names_the_cusip_the_legend_and_every_purchaser() -> None:
    written = rows(5)
    _, text = pdf_text(render_dwac_letter_pdf(written, TERMS, dated=CLOSING))
    assert "CUSIP 640656104" in text
    assert "without restrictive legend" in text
    assert "Form S-3 (File No. 333-53108)" in text
    for row in written:
        assert row.purchaser_name in text
        assert row.warrant_number in text
    assert "Samuel Gulko" in text


def test_a_long_dwac_letter_lists_every_row_once_over_many_pages() -> None:
    written = rows(400)
    pages, text = pdf_text(render_dwac_letter_pdf(written, TERMS, dated=CLOSING))
    assert pages > 5
    assert f"Page {pages} of {pages}" in text
    assert all(text.count(row.warrant_number) == 1 for row in written)
    assert "Total: 400 purchasers, 80,200,000 shares." in text


def test_a_very_long_name_wraps_in_its_cell() -> None:
    (row,) = rows(1)
    long_name = "The Very Long Named Limited Partnership Fund of Funds Number Seventeen Sub-Trust"
    pdf = render_dwac_letter_pdf([replace(row, purchaser_name=long_name)], TERMS, dated=CLOSING)
    _, text = pdf_text(pdf)
    assert long_name in text


def test_the_same_rows_give_the_same_pdf_bytes() -> None:
    written = rows(3)
    first = render_dwac_letter_pdf(written, TERMS, dated=CLOSING)
    assert render_dwac_letter_pdf(written, TERMS, dated=CLOSING) == first


def test_a_notice_pdf_carries_the_address_and_what_the_user_wrote() -> None:
    letter = notice_to_company(
        TERMS,
        subject="Notice {of} closing",
        paragraphs=('We refer to "Section 5" & the Ελληνικό Ταμείο wire.',),
        dated=CLOSING,
        sender=("Фонд Альфа",),
    )
    _, text = pdf_text(render_notice_pdf(letter))
    for element in (
        "Attention: Samuel Gulko",
        "Facsimile: (949) 788-6706",
        "Re: Notice {of} closing",
        'We refer to "Section 5" & the Ελληνικό Ταμείο wire.',
        "Фонд Альфа",
    ):
        assert element in text


def test_a_closing_confirmation_pdf_states_the_warrant() -> None:
    letter = closing_confirmation(
        purchaser(1, "Zürich Capital AG"), TERMS, warrant_number="W-0001", settled_on=CLOSING
    )
    _, text = pdf_text(render_notice_pdf(letter))
    assert "Zürich Capital AG" in text
    assert "Warrant No. W-0001" in text
