"""Cells of the CSV and XLSX files closingdesk writes, made safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=cmd|' /C calc'!A0`` starts a program on the reader's machine), and some also after a
leading tab or carriage return. Every CSV and XLSX we write goes through this module
(OWASP's rule for CSV injection):

- in a CSV, such a cell gets a single quote in front, so a spreadsheet shows it as text
  and a program reading the file sees the quote (our own numbers never start so: they
  are written without a sign);
- in an XLSX, such a cell is written as a string cell with the "quote prefix" style, so
  it is text and stays text when someone edits it; its value is exactly what was given.

Every XLSX cell we write is text (:func:`set_text`), so identifiers such as a DTC
participant ``0005`` keep their leading zeros.

>>> csv_cell("=cmd|' /C calc'!A0")
"'=cmd|' /C calc'!A0"
>>> [csv_cell(v) for v in ("+1", "-1", "@SUM(1)", "\\tx", "\\rx", "Acme Fund", "0005", "")]
["'+1", "'-1", "'@SUM(1)", "'\\tx", "'\\rx", 'Acme Fund', '0005', '']
>>> from openpyxl import Workbook
>>> sheet = Workbook().active
>>> set_text(sheet.cell(row=1, column=1), "=1+1").data_type, sheet["A1"].quotePrefix
('s', True)
>>> set_text(sheet.cell(row=1, column=2), "0005").value, sheet["B1"].quotePrefix
('0005', False)
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(text: str) -> str:
    """The text as a CSV cell: a single quote in front when it could run as a formula."""
    return f"'{text}" if is_formula_like(text) else text


def set_text(cell: Cell, text: str) -> Cell:
    """Write the text into an XLSX cell as a string, never a number or a formula."""
    cell.value = text
    cell.data_type = "s"  # openpyxl makes "=..." a formula: it must stay a string
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell
