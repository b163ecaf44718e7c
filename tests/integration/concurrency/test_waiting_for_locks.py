"""A change that waits too long for another one's locks is refused ("try again"): SQLite's
"database is locked" and PostgreSQL's lock timeout are never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from closingdesk.adapters.store.engine import make_engine
from closingdesk.domain.problems import Conflict
from closingdesk.services.funding.funding_decisions import match_wire
from tests.funding_scenarios import ACCOUNT, import_rows, three_purchasers
from tests.scenarios import ACTOR, NOW


def test_a_change_kept_waiting_by_another_writer_is_refused_and_changes_nothing(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    three_purchasers(engine, tmp_path)
    import_rows(engine, tmp_path, f"{ACCOUNT},2002-03-12,10:00,10000.00,USD,Omega,w,FW1\n")
    impatient = make_engine(database_url, lock_wait_seconds=0.3)
    with engine.connect() as other:
        if engine.dialect.name == "postgresql":
            other.execute(text("SELECT id FROM bank_transactions WHERE id = 1 FOR UPDATE"))
        else:
            other.execute(text("UPDATE bank_transactions SET match_note = 'held' WHERE id = 1"))
        with pytest.raises(Conflict, match="try again"):
            match_wire(impatient, 1, 3, offering=None, actor=ACTOR, now=NOW)
        other.rollback()
    impatient.dispose()
    match_wire(engine, 1, 3, offering=None, actor=ACTOR, now=NOW)  # once the lock is gone
