"""reconcile: a BAI2 file of 10 x N transactions imported and matched against N purchasers.

N of the transactions are the purchasers' wires (realistic originator names, most quoting
their payment reference); the rest is other traffic on the offering's account and on three
other accounts in the same file. Timed: ``import_bank_file``, the call ``closingdesk bank
import`` makes (parse, keep the offering's account, skip what is stored, match, store,
set `funded`, record the event). Floor: parsing the same file alone (``read_bank_file``).
Target: ratio <= 2 and under 60 s for N = 100,000. The import pauses the garbage collector
while it runs (:mod:`closingdesk.services.bulk`); so that the gain is not mistaken for the
rest of the import being free, the line also gives the parse alone with the collector paused
(``floor_paused_seconds``) and the ratio against that (``ratio_paused``).
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bank_statements import bank_file, book_csv, purchaser_names
from closingdesk.adapters.bank import read_bank_file
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.bulk import collector_paused
from closingdesk.services.funding.bank_import import import_bank_file

NOW = datetime(2002, 3, 12, 23, 55, tzinfo=UTC)


def run(n: int) -> dict[str, object]:
    names = purchaser_names(n)
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book.csv"
        book.write_text(book_csv(names), encoding="utf-8")
        statement = Path(folder) / "statement.bai2"
        statement.write_text(bank_file(names), encoding="utf-8")
        engine = make_engine(f"sqlite:///{Path(folder) / 'closingdesk.db'}")
        upgrade(engine)
        create_offering(engine, NEOTHERAPEUTICS_2002, actor="benchmark", now=NOW)
        import_book(engine, book, offering=None, actor="benchmark", now=NOW)
        floor = _parse_only(statement)
        with collector_paused():
            floor_paused = _parse_only(statement)
        start = time.perf_counter()
        result = import_bank_file(engine, statement, offering=None, actor="benchmark", now=NOW)
        seconds = time.perf_counter() - start
        engine.dispose()
    return {
        "name": "reconcile",
        "n": n,
        "transactions": 10 * n,
        "seconds": round(seconds, 3),
        "floor_seconds": round(floor, 3),
        "ratio": round(seconds / floor, 2),
        "floor_paused_seconds": round(floor_paused, 3),
        "ratio_paused": round(seconds / floor_paused, 2),
        "added": result.added,
        "matched": result.matched,
        "to_review": result.to_review,
        "funded": len(result.funded),
    }


def _parse_only(statement: Path) -> float:
    start = time.perf_counter()
    content = statement.read_bytes()
    read_bank_file(content, source=statement.name)
    return time.perf_counter() - start
