"""Input that could change how a document reads, refused at the command line: exit 1, the
file's row and column or the option named with the code point, nothing changed. A name
that looks like a formula is still a name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from closingdesk.interfaces.cli.app import build_app
from tests.e2e.test_cli_funding_settlement import statement, wire
from tests.scenarios import THREE_PURCHASERS, book_file

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    return sqlite_url


def listed(db: str) -> list[dict[str, object]]:
    purchasers: list[dict[str, object]] = json.loads(
        cli("purchasers", "list", "--json", db=db).stdout
    )["purchasers"]
    return purchasers


def xlsx_book(folder: Path, *rows: list[object]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = folder / "book.xlsx"
    workbook.save(path)
    return path


def test_a_csv_book_with_a_formula_as_dtc_account_exits_1_naming_row_and_column(
    db: str, tmp_path: Path
) -> None:
    book = (
        "name,shares,dtc_participant,dtc_account\nAlpha,10,226,A-1\nBeta,5,352,=cmd|' /C calc'!A0\n"
    )
    result = cli("purchasers", "import", str(book_file(tmp_path, book)), db=db)
    assert result.exit_code == 1
    assert "book.csv row 3, column dtc_account: must be 1 to 35 characters" in result.stderr
    assert listed(db) == []


def test_an_xlsx_book_with_a_right_to_left_override_in_a_name_exits_1(
    db: str, tmp_path: Path
) -> None:
    path = xlsx_book(tmp_path, ["Name", "Shares"], ["Alpha", 10], ["Acme \u202eFund", 5])
    result = cli("purchasers", "import", str(path), db=db)
    assert result.exit_code == 1
    assert "book.xlsx row 3, column name: contains U+202E RIGHT-TO-LEFT OVERRIDE" in result.stderr
    assert listed(db) == []


def test_an_xlsx_book_keeps_a_formula_like_name_and_a_text_participant_number(
    db: str, tmp_path: Path
) -> None:
    path = xlsx_book(
        tmp_path, ["Name", "Shares", "DTC_Participant"], ["@SUM(1) Partners", 5, "0005"]
    )
    assert cli("purchasers", "import", str(path), db=db).exit_code == 0
    [purchaser] = listed(db)
    assert (purchaser["name"], purchaser["dtc_participant"]) == ("@SUM(1) Partners", "0005")


def test_a_reason_with_a_bidirectional_isolate_exits_1_and_the_match_stands(
    db: str, tmp_path: Path
) -> None:
    cli("purchasers", "import", str(book_file(tmp_path, THREE_PURCHASERS)), db=db)
    bank = statement(tmp_path, "s.bai2", [wire(1, 5, 1, "ALPHA FUND")], hour=23)
    assert cli("bank", "import", str(bank), db=db).exit_code == 0
    events = len(json.loads(cli("audit", "log", "--json", db=db).stdout))
    result = cli("funding", "unmatch", "1", "--reason", "wrong\u2067 payer", db=db)
    assert result.exit_code == 1
    assert "reason: contains U+2067 RIGHT-TO-LEFT ISOLATE" in result.stderr
    refund = cli("funding", "mark-refunded", "1", "--reference", "OUT\x1b[1", db=db)
    assert refund.exit_code == 1 and "reference: contains U+001B ESCAPE" in refund.stderr
    assert len(json.loads(cli("audit", "log", "--json", db=db).stdout)) == events
    report = json.loads(cli("reconcile", "--json", db=db).stdout)
    assert report["totals"]["received"] == "0.05"
    assert report["unmatched"] == []


def test_a_terms_file_with_a_bidirectional_override_is_refused_naming_key_and_code_point(
    sqlite_url: str, tmp_path: Path
) -> None:
    template = runner.invoke(build_app(), ["terms-template"]).stdout
    terms = tmp_path / "bidi.toml"
    terms.write_text(
        template.replace(
            'issuer_name = "NeoTherapeutics, Inc."', 'issuer_name = "Neo\\u202eTherapeutics, Inc."'
        ).replace('governing_law = "', 'governing_law = "\\u200b')
    )
    result = cli("init", "--terms", str(terms), db=sqlite_url)
    assert result.exit_code == 1
    assert "issuer_name: contains U+202E RIGHT-TO-LEFT OVERRIDE" in result.stderr
    assert "governing_law: contains U+200B ZERO WIDTH SPACE" in result.stderr
    assert cli("offering", "show", db=sqlite_url).exit_code == 1  # nothing was created
