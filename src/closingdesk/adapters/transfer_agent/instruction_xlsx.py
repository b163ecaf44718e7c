"""The DWAC issuance instructions as an XLSX workbook, beside the CSV.

A spreadsheet opening the CSV reads ``0005`` as the number 5: the DTC participant loses
its leading zeros, and a long account number may turn into ``1.23E+15``. The workbook has
the same header and rows as the CSV (the same text, :func:`.instruction_csv.cells` without
the CSV's quote in front of a formula-like cell), every cell a string cell, so nothing is
re-read as a number, a date or a formula; a cell that starts like a formula carries the
quote-prefix style (:mod:`closingdesk.adapters.spreadsheet_cells`). The workbook and its
zip entries are dated the instruction's date, so the same rows give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from closingdesk.adapters.documents.docx_document import fixed_zip
from closingdesk.adapters.spreadsheet_cells import set_text
from closingdesk.adapters.transfer_agent.instruction_csv import text_cells
from closingdesk.domain.settlement.dwac_instruction import CSV_COLUMNS, DwacInstructionRow

SHEET = "DWAC instructions"


def instruction_xlsx(rows: Sequence[DwacInstructionRow], *, dated: date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if sheet is None:  # a new workbook always has one sheet
        raise RuntimeError("openpyxl made a workbook without a sheet")
    sheet.title = SHEET
    for number, values in enumerate([list(CSV_COLUMNS), *map(text_cells, rows)], start=1):
        for column, value in enumerate(values, start=1):
            if value:  # an empty value is an empty cell
                set_text(sheet.cell(row=number, column=column), value)
    sheet.freeze_panes = "A2"
    stamp = datetime.combine(dated, time())
    workbook.properties.creator = workbook.properties.lastModifiedBy = "closingdesk"
    workbook.properties.created = workbook.properties.modified = stamp
    out = io.BytesIO()
    with ZipFile(out, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # not openpyxl's save: it stamps "now"
    return fixed_zip(out.getvalue(), dated)
