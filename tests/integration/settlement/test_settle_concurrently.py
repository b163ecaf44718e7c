"""Two settle commands at the same moment, in two processes: each purchaser is instructed
once and gets one warrant, whichever process wins (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.store.settlement_tables import (
    dwac_instructions,
    settlement_runs,
    warrants,
)
from tests.settlement_scenarios import ready


def _settle_in_processes(url: str, count: int) -> list[dict[str, object]]:
    env = {**os.environ, "CLOSINGDESK_SMTP_HOST": ""}
    command = [
        sys.executable,
        "-m",
        "closingdesk",
        "settle",
        "--db",
        url,
        "--json",
        "--workers",
        "1",
    ]
    running = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(count)
    ]
    results = []
    for process in running:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
        results.append(json.loads(stdout))
    return results


@pytest.mark.slow
def test_two_settle_runs_at_once_never_instruct_or_issue_twice(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    results = _settle_in_processes(database_url, 2)
    settled = sorted(s["purchaser_id"] for r in results for s in r["settled"])  # type: ignore[attr-defined]
    assert settled == [1, 2]
    with engine.connect() as c:

        def count(table: object) -> int:
            return int(c.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]

        assert (count(warrants), count(dwac_instructions), count(settlement_runs)) == (2, 2, 1)
        numbers = c.execute(select(warrants.c.number).order_by(warrants.c.number)).scalars().all()
    assert numbers == ["W-0001", "W-0002"]
