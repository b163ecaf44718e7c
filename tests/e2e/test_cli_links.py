"""A purchaser's link lasts at most 90 days, from the command line as from the API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.signing.links import create_link
from tests.scenarios import THREE_PURCHASERS, book_file

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    book = str(book_file(tmp_path, THREE_PURCHASERS))
    assert cli("purchasers", "import", book, db=sqlite_url).exit_code == 0
    return sqlite_url


def test_a_link_for_more_than_90_days_is_refused_and_none_is_made(db: str) -> None:
    result = cli("purchasers", "link", "1", "--days", "3650", db=db)
    assert result.exit_code == 1
    assert "from 1 to 90" in result.stderr
    log = json.loads(cli("audit", "log", "--json", db=db).stdout)
    assert not any(event["kind"] == "link.created" for event in log)


def test_a_link_for_90_days_is_made(db: str) -> None:
    made = json.loads(cli("purchasers", "link", "1", "--days", "90", "--json", db=db).stdout)
    expires = datetime.fromisoformat(made["expires_at"])
    assert abs(expires - datetime.now(UTC) - timedelta(days=90)) < timedelta(minutes=1)


def test_the_service_refuses_a_longer_link_whoever_asks_invitations_included(db: str) -> None:
    with pytest.raises(InvalidInput, match="at most 90 days"):
        create_link(
            make_engine(db),
            1,
            offering=None,
            link_key="k" * 32,
            lifetime=timedelta(days=91),
            actor="test",
            now=datetime.now(UTC),
        )
