"""The rules the CLI shares with the API and the deal room (issue 12): which actions a bank
line allows, settling one purchaser who is not ready, settling sends the mail, and the
original warrant overdue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.audit.event_log import audit_log
from tests.http_scenarios import Closing
from tests.mail_scenarios import smtp_server
from tests.scenarios import THREE_PURCHASERS, book_file
from tests.settle_rule_scenarios import (
    ALPHA_EMAIL,
    GAMMA,
    SENDER,
    TRANSFER_AGENT_EMAIL,
    original_delivered,
    recipients,
    settled_without_mail,
    settlement_deal,
)
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


@pytest.fixture
def deal(sqlite_url: str, tmp_path: Path) -> Iterator[Closing]:
    """The settlement deal (tests.settle_rule_scenarios) in a SQLite file the CLI opens."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    deal = settlement_deal(sqlite_url, tmp_path)
    yield deal
    deal.engine.dispose()


def test_settling_one_purchaser_who_is_not_ready_exits_1_with_every_reason(
    deal: Closing, sqlite_url: str
) -> None:
    before = len(audit_log(deal.engine))
    refused = cli("settle", "--purchaser", str(GAMMA), "--json", db=sqlite_url)
    assert refused.exit_code == 1
    assert f"purchaser {GAMMA} is not ready to settle" in refused.output
    assert f"purchaser {GAMMA} (Gamma Trust)" in refused.output
    assert "has not signed" in refused.output
    assert len(audit_log(deal.engine)) == before


def test_settling_sends_what_settlement_owes_when_a_mail_server_is_set(
    deal: Closing, sqlite_url: str
) -> None:
    settled_without_mail(deal)
    with smtp_server() as server:
        env = {
            "CLOSINGDESK_SMTP_HOST": server.host,
            "CLOSINGDESK_SMTP_PORT": str(server.port),
            "CLOSINGDESK_SMTP_FROM": SENDER,
        }
        done = cli("settle", "--json", db=sqlite_url, env=env)
        assert done.exit_code == 0, done.output
        body = json.loads(done.stdout)
        assert body["settled"] == [] and body["mail"] == "sent"
        sent = {(d["kind"], d["sent_to"]) for d in body["deliveries"] if d["status"] == "sent"}
        assert ("dwac_instruction", TRANSFER_AGENT_EMAIL) in sent
        assert {TRANSFER_AGENT_EMAIL, ALPHA_EMAIL} <= recipients(server.mailbox.received)


def test_the_warrant_list_flags_an_original_overdue_until_it_is_delivered(
    deal: Closing, sqlite_url: str
) -> None:
    settled_without_mail(deal)
    original_delivered(deal, "W-0002")
    listed = cli("warrants", "list", "--json", db=sqlite_url)
    assert listed.exit_code == 0, listed.output
    overdue = {w["number"]: w["original_overdue"] for w in json.loads(listed.stdout)["warrants"]}
    assert overdue == {"W-0001": True, "W-0002": False}
    assert "ORIGINAL OVERDUE" in cli("warrants", "list", db=sqlite_url).stdout
