"""The transfer agent's instruction files: nothing in them runs as a formula, and DTC
numbers stay text (the CSV read back with the csv module, the XLSX with openpyxl)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from closingdesk.adapters.transfer_agent.instruction_csv import instruction_csv
from closingdesk.adapters.transfer_agent.instruction_xlsx import SHEET, instruction_xlsx
from closingdesk.domain.settlement.dwac_instruction import CSV_COLUMNS, DwacInstructionRow

HOSTILE = ("=cmd|' /C calc'!A0", "+1", "@SUM(1)", "\tTab Fund", "-2+3", "\r=1")


def row(name: str = "Alpha Fund", participant: str = "0005") -> DwacInstructionRow:
    return DwacInstructionRow(
        instructed_on=date(2002, 3, 12),
        issuer="NeoTherapeutics, Inc.",
        cusip="640656104",
        security="Common Stock",
        purchaser_id=7,
        purchaser_name=name,
        shares=1_000,
        purchase_price=Decimal("2000.00"),
        dtc_participant=participant,
        dtc_account="00120",
        dtc_reference=None,
        warrant_number="W-0007",
        warrant_shares=250,
        registration="Form S-3, File No. 333-53108",
        prospectus="prospectus supplement under Rule 424(b)(5)",
    )


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def xlsx_cells(content: bytes) -> list[list[openpyxl.cell.cell.Cell]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(r) for r in workbook[SHEET].iter_rows()]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_formula_like_name_is_written_to_the_csv_with_a_quote_in_front(name: str) -> None:
    [read] = csv_rows(instruction_csv([row(name)]))
    assert read["purchaser_name"] == "'" + name


def test_ordinary_cells_of_the_csv_are_written_as_they_are() -> None:
    [read] = csv_rows(instruction_csv([row("Zürich Capital AG")]))
    assert read["purchaser_name"] == "Zürich Capital AG"
    assert (read["dtc_participant"], read["dtc_account"], read["shares"]) == (
        "0005",
        "00120",
        "1000",
    )
    assert read["purchase_price"] == "2000.00"


@pytest.mark.parametrize("name", HOSTILE)
def test_a_formula_like_name_is_a_quote_prefixed_string_cell_in_the_xlsx(name: str) -> None:
    _, cells = xlsx_cells(instruction_xlsx([row(name)], dated=date(2002, 3, 12)))
    cell = cells[CSV_COLUMNS.index("purchaser_name")]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True)


def test_every_cell_of_the_xlsx_is_text_and_a_dtc_participant_keeps_its_leading_zeros() -> None:
    header, cells = xlsx_cells(instruction_xlsx([row()], dated=date(2002, 3, 12)))
    assert [c.value for c in header] == list(CSV_COLUMNS)
    by_column = dict(zip(CSV_COLUMNS, cells, strict=True))
    assert by_column["dtc_participant"].value == "0005"
    assert by_column["dtc_account"].value == "00120"
    assert by_column["shares"].value == "1000"
    assert by_column["dtc_reference"].value is None  # an empty cell
    assert {c.data_type for c in header + cells if c.value is not None} == {"s"}
    assert not any(c.quotePrefix for c in header + cells)


def test_the_xlsx_holds_the_same_text_as_the_csv() -> None:
    rows = [row("Alpha Fund", "0005"), row('=HYPERLINK("x")', "0226")]
    from_csv = [list(r.values()) for r in csv_rows(instruction_csv(rows))]
    _, *body = xlsx_cells(instruction_xlsx(rows, dated=date(2002, 3, 12)))
    from_xlsx = [["'" + c.value if c.quotePrefix else c.value or "" for c in r] for r in body]
    assert from_xlsx == from_csv


def test_the_same_rows_give_the_same_xlsx_bytes() -> None:
    first = instruction_xlsx([row()], dated=date(2002, 3, 12))
    assert instruction_xlsx([row()], dated=date(2002, 3, 12)) == first
