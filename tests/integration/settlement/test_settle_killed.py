"""`closingdesk settle` killed (SIGKILL) at random points, on SQLite and PostgreSQL (issue 9,
"Done when"): each time, either nothing settled or a whole settlement (every instructed
purchaser has their warrant, checklist items and events; no half state), and the event log
still verifies. The first kill comes at a random moment after the process started, the
others at a random moment after its transaction began (SQLite: it holds the write lock;
PostgreSQL: it has written); and no stored document's row names a file missing from the
file store. The seed is in every failure message.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.settlement_tables import (
    dwac_instructions,
    settlement_runs,
    warrants,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.audit.event_log import verify_chain
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.document_files import check_files
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW, book_file
from tests.settlement_scenarios import TERMS, signed

PURCHASERS = 24
KILLS = 3  # each costs a process start: the test stays under a minute per database


def _ready_book(engine: Engine, folder: Path) -> None:
    create_offering(engine, TERMS, actor=ACTOR, now=NOW)
    rows = "".join(
        f"Fund {i:02d},{1000 * i},fund{i}@example.com,,0226,A-{i},\n"
        for i in range(1, PURCHASERS + 1)
    )
    book = book_file(
        folder, "name,shares,email,fax,dtc_participant,dtc_account,dtc_reference\n" + rows
    )
    import_book(engine, book, offering=None, actor=ACTOR, now=NOW)
    signed(engine, *range(1, PURCHASERS + 1))
    wires = "".join(
        f"{ACCOUNT},2002-03-12,10:00,{2000 * i}.00,USD,Fund {i:02d},NEOTHERA-{i:05d},FW{i:04d}\n"
        for i in range(1, PURCHASERS + 1)
    )
    import_rows(engine, folder, wires)


def _start_settle(url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLOSINGDESK_SMTP_HOST": ""}
    command = [sys.executable, "-m", "closingdesk", "settle", "--db", url, "--workers", "1"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _writing(engine: Engine, url: str) -> bool:
    """Whether a settle transaction has begun (and not yet ended)."""
    if engine.dialect.name == "sqlite":
        probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # "database is locked": the settle run holds it
            return True
        finally:
            probe.close()
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    with engine.connect() as connection:
        return bool(connection.execute(query).scalar_one())


def _kill_at_random(engine: Engine, url: str, rng: random.Random, after_writing: bool) -> str:
    process = _start_settle(url)
    started = time.monotonic()
    if after_writing:
        while process.poll() is None and not _writing(engine, url):
            time.sleep(0.01)
    delay = rng.uniform(0.0, 2.5) if after_writing else rng.uniform(0.2, 3.0)
    time.sleep(delay)
    outcome = "finished before the kill" if process.poll() is not None else "killed"
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(30)
    return f"{outcome} at {time.monotonic() - started:.2f}s (after_writing={after_writing})"


def _assert_whole_or_nothing(engine: Engine, context: str) -> int:
    """Every settled purchaser is settled whole; the number settled."""
    with UnitOfWork(engine, read_only=True) as uow:
        c = uow.connection
        instructed = set(c.execute(select(dwac_instructions.c.purchaser_id)).scalars())
        warranted = set(c.execute(select(warrants.c.purchaser_id)).scalars())
        flags = {
            key: set(c.execute(select(t.purchasers.c.id).where(t.purchasers.c[key])).scalars())
            for key in ("shares_instructed", "warrant_issued")
        }
        events = set(
            c.execute(
                select(t.events.c.subject).where(t.events.c.kind == "purchaser.settled")
            ).scalars()
        )
        runs = c.execute(select(settlement_runs)).all()
    settled = {int(subject.split(":")[1]) for subject in events}
    assert instructed == warranted == flags["shares_instructed"] == flags["warrant_issued"], context
    assert settled == instructed, context
    assert all(r.letter_document_id is not None for r in runs), context
    assert instructed in (set(), set(range(1, PURCHASERS + 1))), context
    verdict = verify_chain(engine)
    assert verdict.intact, f"{context}: {verdict.broken}"
    files = check_files(engine)  # each file written before its row committed: none missing
    assert files.problems == [], f"{context}: {files.problems}"
    return len(instructed)


@pytest.mark.slow
def test_settle_killed_at_random_points_leaves_nothing_or_a_whole_settlement(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    _ready_book(engine, tmp_path)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for attempt in range(KILLS):
        what = _kill_at_random(engine, database_url, rng, after_writing=attempt > 0)
        settled = _assert_whole_or_nothing(engine, f"seed {seed}, kill {attempt + 1}: {what}")
        print(f"seed {seed}, kill {attempt + 1}: {what}; {settled} settled")
    finished = _start_settle(database_url)
    _, stderr = finished.communicate(timeout=120)
    assert finished.returncode == 0, stderr.decode()
    assert _assert_whole_or_nothing(engine, f"seed {seed}, final run") == PURCHASERS
