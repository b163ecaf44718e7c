"""bank import and funding void as scripts use them: usage errors exit 2, refusals exit 1
with one clear problem, a bad stored line voided with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update
from typer.testing import CliRunner

from closingdesk.adapters.store.funding_tables import bank_transactions
from closingdesk.interfaces.cli.app import build_app
from tests.funding_scenarios import ACCOUNT, bank_csv
from tests.scenarios import THREE_PURCHASERS, book_file

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    book = book_file(tmp_path, THREE_PURCHASERS)
    assert cli("purchasers", "import", str(book), db=sqlite_url).exit_code == 0
    return sqlite_url


def test_an_unknown_format_choice_is_a_usage_error(db: str, tmp_path: Path) -> None:
    path = bank_csv(tmp_path, f"{ACCOUNT},2002-03-12,10:15,10.00,USD,A,R,B1\n")
    assert cli("bank", "import", str(path), "--format", "xml", db=db).exit_code == 2


def test_a_forced_text_format_on_a_binary_file_is_one_problem(db: str, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    result = cli("bank", "import", str(path), "--format", "bai2", db=db)
    assert result.exit_code == 1
    assert result.output.count(" - ") == 1, result.output
    assert "binary data, not BAI2 text" in result.output


def test_a_truncated_bai2_file_is_reported_at_its_last_line(db: str, tmp_path: Path) -> None:
    path = tmp_path / "cut.bai2"
    path.write_text(
        "01,021000021,CD,020312,1700,1,,,2/\n02,CD,021000021,1,020312,1700,USD,2/\n"
        f"03,{ACCOUNT},USD/\n16,195,100,0,R1,,ORG=ACME\n88,OBI=NEO\n",
        encoding="utf-8",
    )
    result = cli("bank", "import", str(path), db=db)
    assert result.exit_code == 1
    assert "cut.bai2 line 5: the file ends before the 49 account trailer of line 3" in (
        " ".join(result.output.split())
    )


def test_an_admin_voids_a_bad_stored_line_with_a_reason_and_funding_works_again(
    db: str, tmp_path: Path
) -> None:
    rows = f"{ACCOUNT},2002-03-12,10:15,10000.00,USD,GAMMA TRUST,NEOTHERA-00003,B1\n"
    assert cli("bank", "import", str(bank_csv(tmp_path, rows)), db=db).exit_code == 0
    bad = bank_csv(tmp_path, f"{ACCOUNT},2002-03-12,10:16,5.00,USD,X,Y,B2\n", "bad.csv")
    assert cli("bank", "import", str(bad), db=db).exit_code == 0
    engine = create_engine(db)
    with engine.begin() as c:  # a line stored by an older version, before amounts were checked
        c.execute(
            update(bank_transactions).where(bank_transactions.c.id == 2).values(amount="1E+40")
        )
    engine.dispose()
    assert cli("funding", "void", "2", "--reason", " ", db=db).exit_code == 1
    voided = cli("funding", "void", "2", "--reason", "absurd amount", "--json", db=db)
    assert voided.exit_code == 0, voided.output
    assert json.loads(voided.stdout)["amount"] == "1E+40"
    assert cli("funding", "void", "2", "--reason", "again", db=db).exit_code == 1
    report = cli("reconcile", "--json", db=db)
    assert report.exit_code == 0, report.output
    document = json.loads(report.stdout)
    assert [u["id"] for u in document["unmatched"]] == []
    assert document["totals"]["received"] == "10000.00"
    log = json.loads(cli("audit", "log", "--json", db=db).stdout)
    assert [e["payload"]["reason"] for e in log if e["kind"] == "bank.voided"] == ["absurd amount"]


def test_a_line_matched_to_a_purchaser_is_not_voided(db: str, tmp_path: Path) -> None:
    rows = f"{ACCOUNT},2002-03-12,10:15,10000.00,USD,GAMMA TRUST,NEOTHERA-00003,B1\n"
    assert cli("bank", "import", str(bank_csv(tmp_path, rows)), db=db).exit_code == 0
    result = cli("funding", "void", "1", "--reason", "mistake", db=db)
    assert result.exit_code == 1
    assert "unmatch it first" in result.output
