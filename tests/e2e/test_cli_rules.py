"""The rules the CLI shares with the API and the deal room (issue 12): which actions a bank
line allows, settling one purchaser who is not ready, settling sends the mail, and the
original warrant overdue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine
from closingdesk.interfaces.cli.app import build_app
from tests.scenarios import THREE_PURCHASERS, book_file
from tests.wire_action_scenarios import ALLOWED, LATE, RETURNED, actions_in, one_of_each

runner = CliRunner()


def cli(*args: str, db: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db], env=env or {})


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    book = book_file(tmp_path, THREE_PURCHASERS)
    assert cli("purchasers", "import", str(book), db=sqlite_url).exit_code == 0
    return sqlite_url


def test_reconcile_lists_what_each_line_allows_and_the_cli_refuses_the_rest(
    db: str, tmp_path: Path
) -> None:
    engine = make_engine(db)
    one_of_each(engine, tmp_path)
    engine.dispose()
    report = cli("reconcile", "--json", db=db)
    assert report.exit_code == 0, report.output
    assert actions_in(json.loads(report.stdout)) == ALLOWED
    text = cli("reconcile", db=db).stdout
    assert "may: unmatch, refund, accept-late" in text
    refused = cli("funding", "unmatch", str(RETURNED), db=db)
    assert refused.exit_code == 1
    assert "was returned by the bank: it cannot be unmatched" in refused.output
    accepted = cli("funding", "accept-late", str(LATE), "--reason", "the CFO agreed", db=db)
    assert accepted.exit_code == 0, accepted.output
