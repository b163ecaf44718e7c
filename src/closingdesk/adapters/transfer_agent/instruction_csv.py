"""The DWAC issuance instructions as a CSV file for the transfer agent's systems.

UTF-8, a header row of
:data:`~closingdesk.domain.settlement.dwac_instruction.CSV_COLUMNS`, then one row per
purchaser: money with two decimals, share counts as whole numbers, dates as ISO
``YYYY-MM-DD``, a missing reference as an empty cell. A cell a spreadsheet could run as a
formula gets a single quote in front (:mod:`closingdesk.adapters.spreadsheet_cells`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from closingdesk.adapters.spreadsheet_cells import csv_cell
from closingdesk.domain.money import to_cents_string
from closingdesk.domain.settlement.dwac_instruction import CSV_COLUMNS, DwacInstructionRow


def instruction_csv(rows: Iterable[DwacInstructionRow]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(map(csv_cell, text_cells(row)) for row in rows)
    return out.getvalue().encode("utf-8")


def text_cells(row: DwacInstructionRow) -> list[str]:
    """The row's values as text, in the order of the columns (not yet neutralised)."""
    return [_cell(getattr(row, column)) for column in CSV_COLUMNS]


def _cell(value: object) -> str:
    match value:
        case None:
            return ""
        case Decimal():
            return to_cents_string(value)
        case date():
            return value.isoformat()
        case _:
            return str(value)
