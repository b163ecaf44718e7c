"""`closingdesk settle` killed (SIGKILL) at random points, on SQLite and PostgreSQL (issue 9,
"Done when"; issue 12, settling in phases).

A settle run decides and numbers its purchasers in one short transaction, renders outside
any, and attaches in short ones; a kill can land in any of them or between. After each kill
the store is consistent (whoever was decided is instructed, whoever has a warrant has their
checklist and ``purchaser.settled`` event, a complete run has every file, the numbers are
contiguous), ``audit verify`` passes (chain and tables) and no document row names a
missing file. A final settle resumes whatever was left: every purchaser settled exactly
once, numbers W-0001 to W-0024 unique, every run complete. Kills come at a random moment
after the process started, after its run was decided (phase 1 committed), or after a
transaction began. The seed is in every failure message.
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
    warrant_allocations,
    warrants,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.services.audit.event_log import verify_chain, verify_tables
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.document_files import check_files
from tests.funding_scenarios import ACCOUNT, import_rows
from tests.scenarios import ACTOR, NOW, book_file
from tests.settlement_scenarios import TERMS, signed

PURCHASERS = 24
# each costs a process start: the test stays under a minute or two per database
SIGNED = ("purchaser_signed", "company_signed")
WHEN = ("start", "decided", "writing", "decided")


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


def _decided(engine: Engine) -> bool:
    """Whether a run was decided (phase 1 committed)."""
    with engine.connect() as connection:
        return connection.execute(select(warrant_allocations.c.id).limit(1)).first() is not None


def _kill_at_random(engine: Engine, url: str, rng: random.Random, when: str) -> str:
    process = _start_settle(url)
    started = time.monotonic()
    waiting = {"decided": lambda: _decided(engine), "writing": lambda: _writing(engine, url)}
    if when in waiting:
        while process.poll() is None and not waiting[when]():
            time.sleep(0.01)
    delay = rng.uniform(0.0, 0.8) if when == "decided" else rng.uniform(0.2, 3.0)
    time.sleep(delay)
    outcome = "finished before the kill" if process.poll() is not None else "killed"
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(30)
    return f"{outcome} at {time.monotonic() - started:.2f}s (after {when})"


def _assert_consistent(engine: Engine, context: str) -> tuple[int, int]:
    """Whoever was decided is instructed; whoever has a warrant is settled whole; complete
    runs have every file; numbers contiguous; the log verifies. (decided, warranted)."""
    with UnitOfWork(engine, read_only=True) as uow:
        c = uow.connection
        allocated = c.execute(
            select(warrant_allocations.c.purchaser_id, warrant_allocations.c.number)
        ).all()
        instructed = list(c.execute(select(dwac_instructions.c.purchaser_id)).scalars())
        issued = c.execute(select(warrants.c.purchaser_id, warrants.c.number)).all()
        flags = {
            key: set(c.execute(select(t.purchasers.c.id).where(t.purchasers.c[key])).scalars())
            for key in ("shares_instructed", "warrant_issued")
        }
        subjects = list(
            c.execute(
                select(t.events.c.subject).where(t.events.c.kind == "purchaser.settled")
            ).scalars()
        )
        runs = c.execute(select(settlement_runs)).all()
        of_run = c.execute(
            select(warrant_allocations.c.settlement_run_id, warrant_allocations.c.purchaser_id)
        ).all()
    decided = {pid for pid, _ in allocated}
    warranted = {pid for pid, _ in issued}
    settled_events = [int(subject.split(":")[1]) for subject in subjects]
    assert len(instructed) == len(set(instructed)) == len(decided), context
    assert set(instructed) == decided == flags["shares_instructed"], context
    assert warranted <= decided and warranted == flags["warrant_issued"], context
    assert sorted(settled_events) == sorted(warranted), f"{context}: settled twice or not logged"
    assert dict(issued) == {pid: n for pid, n in allocated if pid in warranted}, context
    numbers = sorted(n for _, n in allocated)
    assert numbers == [f"W-{i:04d}" for i in range(1, len(numbers) + 1)], context
    for run in runs:
        if run.completed_at is not None:
            own = (run.letter_document_id, run.csv_document_id, run.xlsx_document_id)
            assert None not in own, context
            theirs = {pid for run_id, pid in of_run if run_id == run.id}
            assert theirs <= warranted, f"{context}: run {run.id} complete without warrants"
    verdict = verify_chain(engine)
    assert verdict.intact, f"{context}: {verdict.broken}"
    # the scenario ticks the signatures directly, without their events: those alone differ
    tables = [str(d) for d in verify_tables(engine).differences if d.column not in SIGNED]
    assert tables == [], f"{context}: {tables}"
    files = check_files(engine)  # each file written before its row committed: none missing
    assert files.problems == [], f"{context}: {files.problems}"
    return len(decided), len(warranted)


def _assert_all_settled_once(engine: Engine, context: str) -> None:
    assert _assert_consistent(engine, context) == (PURCHASERS, PURCHASERS), context
    with engine.connect() as c:
        unfinished = c.execute(
            select(settlement_runs.c.id).where(settlement_runs.c.completed_at.is_(None))
        ).all()
        completed = c.execute(
            select(t.events.c.payload).where(t.events.c.kind == "settlement.completed")
        ).all()
        runs = c.execute(select(settlement_runs.c.id)).all()
    assert unfinished == [], context
    assert len(completed) == len(runs), f"{context}: a run completed twice or never"


@pytest.mark.slow
def test_settle_killed_at_random_points_is_resumed_and_settles_everyone_once(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    _ready_book(engine, tmp_path)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for attempt, when in enumerate(WHEN):
        what = _kill_at_random(engine, database_url, rng, when)
        decided, warranted = _assert_consistent(engine, f"seed {seed}, kill {attempt + 1}: {what}")
        print(f"seed {seed}, kill {attempt + 1}: {what}; {decided} decided, {warranted} warranted")
    finished = _start_settle(database_url)
    _, stderr = finished.communicate(timeout=120)
    assert finished.returncode == 0, stderr.decode()
    _assert_all_settled_once(engine, f"seed {seed}, final run")
