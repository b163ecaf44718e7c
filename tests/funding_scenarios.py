"""Funding scenarios: a bank file written as the CSV a treasury team exports.

The offering is the seed's (price $2.00 a share, account 561-04051-19-103) with
THREE_PURCHASERS: Alpha Fund owes $2,000,000.00, Beta Partners $500,000.00, Gamma Trust
$10,000.00. Their payment references are NEOTHERA-00001, -00002 and -00003.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.services.book.purchasers import import_book
from closingdesk.services.funding.bank_import import BankImport, import_bank_file
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering

ACCOUNT = "561-04051-19-103"
HEADER = "account,date,time,amount,currency,originator,reference,bank_reference\n"


def three_purchasers(engine: Engine, folder: Path) -> None:
    example_offering(engine)
    import_book(engine, book_file(folder, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)


def bank_csv(folder: Path, rows: str, name: str = "bank.csv") -> Path:
    """Rows under the header: account,date,time,amount,currency,originator,reference,bank_ref."""
    path = folder / name
    path.write_text(HEADER + textwrap.dedent(rows), encoding="utf-8")
    return path


def import_rows(engine: Engine, folder: Path, rows: str, name: str = "bank.csv") -> BankImport:
    return import_bank_file(
        engine, bank_csv(folder, rows, name), offering=None, actor=ACTOR, now=NOW
    )
