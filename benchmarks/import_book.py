"""import: a generated book of N purchasers imported into a fresh SQLite database.

Timed: the import service, the same call ``closingdesk purchasers import`` makes (read,
validate, merge, insert, events, commit). Floor: the same rows, already parsed, inserted
with plain ``sqlite3`` ``executemany`` into the same purchasers table (created by the same
migrations, with the same indexes), in one transaction.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.books import book_rows, write_book
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import NEW_COLUMNS, import_book

NOW = datetime(2002, 3, 12, 16, 0, tzinfo=UTC)


def run(n: int) -> dict[str, object]:
    rows = book_rows(n)
    with tempfile.TemporaryDirectory() as folder:
        book = write_book(Path(folder) / "book.csv", rows)
        seconds = _import(Path(folder) / "closingdesk.db", book)
        floor = _floor(Path(folder) / "floor.db", rows)
    return {
        "name": "import",
        "n": n,
        "seconds": round(seconds, 3),
        "floor_seconds": round(floor, 3),
        "ratio": round(seconds / floor, 2),
    }


def _import(database: Path, book: Path) -> float:
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    create_offering(engine, NEOTHERAPEUTICS_2002, actor="benchmark", now=NOW)
    start = time.perf_counter()
    result = import_book(engine, book, offering=None, actor="benchmark", now=NOW)
    seconds = time.perf_counter() - start
    engine.dispose()
    assert result.created > 0
    return seconds


COLUMNS = NEW_COLUMNS  # the very columns the import service inserts


def _floor(database: Path, rows: list[dict[str, str]]) -> float:
    """Plain sqlite3 executemany into the same purchasers table (same migrations, indexes)."""
    at = "2002-03-12T16:00:00.000000Z"
    values = [
        (
            1,
            r["name"],
            r["name"].casefold(),
            int(r["shares"]),
            int(r["warrant_shares"]) if r["warrant_shares"] else None,
            r["email"],
            r["attention"],
            r["address"].replace(" | ", "\n"),
            r["fax"],
            r["dtc_participant"].zfill(4),
            r["dtc_account"],
            r["dtc_reference"],
            r["signer_name"],
            r["signer_title"],
            at,
            at,
        )
        for r in rows
    ]
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    create_offering(engine, NEOTHERAPEUTICS_2002, actor="benchmark", now=NOW)
    engine.dispose()
    connection = sqlite3.connect(database)
    start = time.perf_counter()
    placeholders = ", ".join("?" for _ in COLUMNS)
    connection.executemany(
        f"INSERT INTO purchasers ({', '.join(COLUMNS)}) VALUES ({placeholders})", values
    )
    connection.commit()
    seconds = time.perf_counter() - start
    connection.close()
    return seconds
