"""bank import, reconcile, funding, settle, warrants and binder as scripts use them: JSON on
stdout, exit 1 with the reason when refused, nothing changed."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.examples.bai2_writer import Detail, bai2_text
from closingdesk.interfaces.cli.app import build_app
from tests.funding_scenarios import ACCOUNT
from tests.scenarios import THREE_PURCHASERS, book_file

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


def wire(purchaser: int, cents: int, sequence: int, originator: str) -> Detail:
    imad = f"20020312QMGFT001{sequence:06d}"
    text = f"FEDWIRE CREDIT IMAD: {imad} ORG={originator}; OBI=NEOTHERA-{purchaser:05d}"
    return Detail("195", cents, f"FW{sequence:07d}", text, value_time="1015")


def statement(folder: Path, name: str, details: list[Detail], hour: int) -> Path:
    text = bai2_text(
        sender="CHASUS33",
        receiver="NEOT",
        created=datetime(2002, 3, 12, hour, 0),
        as_of=date(2002, 3, 12),
        accounts={ACCOUNT: details},
    )
    path = folder / name
    path.write_text(text, encoding="ascii")
    return path


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    book = book_file(tmp_path, THREE_PURCHASERS)
    assert cli("purchasers", "import", str(book), db=sqlite_url).exit_code == 0
    return sqlite_url


def test_an_intraday_report_then_the_days_statement_count_each_wire_once(
    db: str, tmp_path: Path
) -> None:
    alpha = wire(1, 200000000, 1, "ALPHA FUND")
    gamma = wire(3, 1000000, 3, "GAMMA TRUST")
    intraday = statement(tmp_path, "intraday.bai2", [alpha], hour=12)
    end_of_day = statement(tmp_path, "eod.bai2", [alpha, gamma], hour=23)
    first = json.loads(cli("bank", "import", str(intraday), "--json", db=db).stdout)
    second = json.loads(cli("bank", "import", str(end_of_day), "--json", db=db).stdout)
    assert (first["added"], second["added"], second["already_imported"]) == (1, 1, 1)
    report = json.loads(cli("reconcile", "--json", db=db).stdout)
    assert {p["name"]: p["state"] for p in report["purchasers"]} == {
        "Alpha Fund": "funded",
        "Beta Partners": "unpaid",
        "Gamma Trust": "funded",
    }
    assert report["totals"]["received"] == "2010000.00"


def test_a_bank_file_with_wrong_totals_is_refused_unless_accepted(db: str, tmp_path: Path) -> None:
    path = statement(tmp_path, "bad.bai2", [wire(1, 200000000, 1, "ALPHA FUND")], hour=23)
    path.write_text(path.read_text().replace("49,200000000,", "49,200000001,"))
    refused = cli("bank", "import", str(path), db=db)
    assert refused.exit_code == 1 and "bad.bai2 line" in refused.stderr
    assert json.loads(cli("reconcile", "--json", db=db).stdout)["totals"]["received"] == "0.00"
    accepted = cli("bank", "import", str(path), "--accept-bad-totals", "--json", db=db)
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.stdout)["warnings"]


def test_matching_unknown_or_already_matched_money_exits_1(db: str, tmp_path: Path) -> None:
    cli("bank", "import", str(statement(tmp_path, "s.bai2", [wire(1, 5, 1, "X")], hour=23)), db=db)
    unknown = cli("funding", "match", "99", "1", db=db)
    assert unknown.exit_code == 1 and "no bank transaction 99" in unknown.stderr
    twice = cli("funding", "match", "1", "2", db=db)
    assert twice.exit_code == 1 and "already matched" in twice.stderr


def test_settle_without_a_cusip_lists_every_reason_and_writes_nothing(db: str) -> None:
    result = cli("settle", "--json", db=db)
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)
    assert run["run_id"] is None and run["settled"] == []
    alpha = next(n for n in run["not_ready"] if n["name"] == "Alpha Fund")
    assert any("no CUSIP" in r for r in alpha["reasons"])
    assert any("has not signed" in r for r in alpha["reasons"])
    one = cli("settle", "--purchaser", "1", db=db)
    assert one.exit_code == 1 and "not ready" in one.stderr
    assert json.loads(cli("warrants", "list", "--json", db=db).stdout)["warrants"] == []


def _events(db: str) -> int:
    return len(json.loads(cli("audit", "log", "--json", db=db).stdout))


def test_bad_input_to_each_new_command_exits_1_says_why_and_changes_nothing(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_SMTP_HOST", raising=False)
    cli("bank", "import", str(statement(tmp_path, "s.bai2", [wire(3, 1000000, 3, "G")], 23)), db=db)
    before = _events(db)
    no_column = tmp_path / "ta.csv"
    no_column.write_text("purchaser_id,reference\n1,TA-1\n")
    notice = tmp_path / "notice.txt"
    notice.write_text("We received your wire.")
    not_a_zip = tmp_path / "binder.zip"
    not_a_zip.write_bytes(b"not a zip at all")
    refusals = {
        ("bank", "import", str(notice)): "notice.txt",
        ("funding", "mark-refunded", "1", "--reference", "R", "--amount", "abc"): "--amount",
        ("funding", "mark-refunded", "1", "--reference", "R", "--amount", "0.001"): "cents",
        ("settle", "confirm", "--file", str(no_column)): "no column shares",
        ("settle", "confirm", "--purchaser", "1", "--shares", "5"): "no DWAC instruction",
        ("warrants", "dispatch", "X-1", "--carrier", "UPS", "--tracking", "1"): "warrant number",
        (
            "notices",
            "send",
            "--to",
            "company",
            "--subject",
            "S",
            "--body-file",
            str(notice),
        ): "no mail server",
    }
    for args, reason in refusals.items():
        result = cli(*args, db=db)
        assert result.exit_code == 1, (args, result.output)
        assert reason in result.stderr, (args, result.stderr)
    assert _events(db) == before
    verified = runner.invoke(build_app(), ["binder", "verify", str(not_a_zip)])
    assert verified.exit_code == 1 and "binder.zip" in verified.stderr
