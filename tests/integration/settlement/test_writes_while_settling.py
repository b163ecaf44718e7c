"""While settle renders and signs (phase 2) it holds no transaction: a sign-in, a new
session and an unrelated event written on other connections go through at once, on SQLite
(no write lock held) and on PostgreSQL (no row locks held). The settle run waits at its
``on_rendering`` seam (a threading.Event) so the writes surely happen during phase 2; the
database is real."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.services.audit.event_log import verify_chain
from closingdesk.services.people.team import add_user, authenticate, start_session
from closingdesk.services.settlement.settling import SettlementRun, settle
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

PASSWORD = "correct horse battery"
QUICKLY = 2.0  # seconds; a write blocked by the settle run would wait for its whole rendering


def test_a_sign_in_and_an_unrelated_event_are_written_at_once_while_settle_renders(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    add_user(engine, "clerk@closing.example", role="admin", password=PASSWORD, actor=ACTOR, now=NOW)
    rendering, release = threading.Event(), threading.Event()
    outcome: dict[str, SettlementRun | BaseException] = {}

    def hold() -> None:
        rendering.set()
        release.wait(60)

    def run() -> None:
        try:
            outcome["run"] = settle(engine, offering=None, actor=ACTOR, now=NOW, on_rendering=hold)
        except BaseException as error:  # reported below, in the test's thread
            outcome["run"] = error

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert rendering.wait(60), outcome
        started = time.monotonic()
        user = authenticate(engine, "clerk@closing.example", PASSWORD, now=NOW)
        start_session(engine, user, now=NOW)
        add_user(
            engine, "second@closing.example", role="admin", password=PASSWORD, actor=ACTOR, now=NOW
        )
        elapsed = time.monotonic() - started
    finally:
        release.set()
        thread.join(120)
    assert elapsed < QUICKLY, f"writes took {elapsed:.2f}s while settle rendered"
    settled = outcome["run"]
    assert isinstance(settled, SettlementRun), settled
    assert [s.warrant_number for s in settled.settled] == ["W-0001", "W-0002"]
    verdict = verify_chain(engine)
    assert verdict.intact, verdict.broken
