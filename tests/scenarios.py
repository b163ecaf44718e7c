"""Test scenarios written in the domain's own notation: a book is a CSV text."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.services.book.offerings import create_offering

NOW = datetime(2002, 3, 12, 16, 0, tzinfo=UTC)
ACTOR = "test"

THREE_PURCHASERS = """\
name,shares,email,address,dtc_participant,dtc_account,dtc_reference
Alpha Fund,1000000,ops@alpha.example,1 Main St | Boston MA,226,A-1,REF-1
Beta Partners,250000,,2 Oak Ave,0352,B-2,
Gamma Trust,5000,,,,,
"""


def book_file(folder: Path, csv_text: str, name: str = "book.csv") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(csv_text), encoding="utf-8")
    return path


def example_offering(engine: Engine) -> None:
    create_offering(engine, NEOTHERAPEUTICS_2002, actor=ACTOR, now=NOW)
