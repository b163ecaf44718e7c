"""settle: N ready purchasers settled in one run.

Ready: both signatures recorded (set on the checklist: signing is the pdf benchmark's
business), DWAC details in the book, each wire imported from a BAI2 file and matched.
Timed: ``settle`` with two rendering workers, the call ``closingdesk settle`` makes: the
instruction letter (PDF) and CSV, N numbered warrants with their PDFs, the checklist and
the events, in one transaction. It runs in a fresh process so that its peak memory (and its
workers') is its own. Target: under 10 minutes and 2 GiB for N = 100,000.
"""

from __future__ import annotations

import multiprocessing
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import update

from benchmarks.bank_statements import bank_file, book_csv, purchaser_names
from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.examples.demo_terms import DEMO_TERMS
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.funding.bank_import import import_bank_file
from closingdesk.services.settlement.settling import settle

NOW = datetime(2002, 3, 12, 23, 55, tzinfo=UTC)
WORKERS = 2


def run(n: int) -> dict[str, object]:
    names = purchaser_names(n)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'closingdesk.db'}"
        _ready_closing(url, Path(folder), names)
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        child = context.Process(target=_settle, args=(url, results))
        child.start()
        measured: dict[str, Any] = results.get()
        child.join()
    return {"name": "settle", "n": n, "workers": WORKERS, **measured}


def _ready_closing(url: str, folder: Path, names: list[str]) -> None:
    engine = make_engine(url)
    upgrade(engine)
    create_offering(engine, DEMO_TERMS, actor="benchmark", now=NOW)
    book = folder / "book.csv"
    book.write_text(book_csv(names, dwac=True), encoding="utf-8")
    import_book(engine, book, offering=None, actor="benchmark", now=NOW)
    with engine.begin() as connection:
        connection.execute(update(t.purchasers).values(purchaser_signed=True, company_signed=True))
    statement = folder / "wires.bai2"
    statement.write_text(bank_file(names, other_traffic=False, all_quote=True), encoding="utf-8")
    imported = import_bank_file(engine, statement, offering=None, actor="benchmark", now=NOW)
    assert len(imported.funded) == len(names), "every purchaser must be funded before settling"
    engine.dispose()


def _settle(url: str, results: Any) -> None:
    engine = make_engine(url)
    start = time.perf_counter()
    run = settle(engine, offering=None, actor="benchmark", now=NOW, workers=WORKERS)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    results.put(
        {
            "seconds": round(seconds, 3),
            "settled": len(run.settled),
            "peak_mb": own,
            "worker_peak_mb": workers,
            "peak_total_mb": own + WORKERS * workers,
        }
    )
