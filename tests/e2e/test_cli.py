"""The closingdesk command as scripts and people use it: real SQLite files, the contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from closingdesk.domain.checklist import CHECKLIST
from closingdesk.interfaces.cli.app import build_app
from tests.conftest import FIXTURES
from tests.scenarios import THREE_PURCHASERS, book_file

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str) -> str:
    result = cli("init", "--example", "neotherapeutics-2002", db=sqlite_url)
    assert result.exit_code == 0, result.output
    return sqlite_url


def test_init_example_creates_the_seeds_offering(db: str) -> None:
    shown = json.loads(cli("offering", "show", "--json", db=db).stdout)
    terms = shown["terms"]
    assert shown["slug"] == "neotherapeutics-2002"
    assert terms["issuer_name"] == "NeoTherapeutics, Inc."
    assert (terms["price_per_share"], terms["exercise_price"], terms["par_value"]) == (
        "2.00",
        "2.75",
        "0.001",
    )
    assert terms["warrant_coverage"] == "0.25"
    assert terms["wire"]["aba_routing_number"] == "021000021"
    assert terms["registration_file_number"] == "333-53108"
    assert terms["timezone"] == "America/Los_Angeles" and terms["close_of_business"] == "17:00"


def test_init_twice_is_refused_with_exit_status_1(db: str) -> None:
    again = cli("init", "--example", "neotherapeutics-2002", db=db)
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_an_unknown_option_is_a_usage_error(db: str) -> None:
    assert cli("status", "--colour", db=db).exit_code == 2


def test_status_json_follows_the_contract(db: str, tmp_path: Path) -> None:
    assert (
        cli("purchasers", "import", str(book_file(tmp_path, THREE_PURCHASERS)), db=db).exit_code
        == 0
    )
    status = json.loads(cli("status", "--json", db=db).stdout)
    assert set(status) >= {"offering", "purchasers", "totals"}
    alpha = status["purchasers"][0]
    assert alpha["shares"] == 1_000_000 and alpha["purchase_price"] == "2000000.00"
    assert alpha["warrant_shares"] == 250_000 and alpha["state"] == "new"
    assert list(alpha["checklist"]) == list(CHECKLIST)
    assert not any(alpha["checklist"].values())
    assert status["totals"]["purchase_price"] == "2510000.00"


def test_a_refused_book_exits_1_and_names_row_and_column(db: str, tmp_path: Path) -> None:
    result = cli("purchasers", "import", str(book_file(tmp_path, "name,shares\nX,zero\n")), db=db)
    assert result.exit_code == 1
    assert "book.csv row 2, column shares" in result.stderr
    listed = json.loads(cli("purchasers", "list", "--json", db=db).stdout)
    assert listed["purchasers"] == []


def test_render_blank_writes_the_form_byte_for_byte(db: str, tmp_path: Path) -> None:
    result = cli(
        "agreements", "render", "--format", "txt", "--blank", "--out", str(tmp_path), db=db
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / "neotherapeutics-2002-form.txt"
    assert written.read_bytes() == (FIXTURES / "neotherapeutics-2002-form.txt").read_bytes()


def test_rendered_agreements_parse_back_and_tick_the_checklist(db: str, tmp_path: Path) -> None:
    cli("purchasers", "import", str(book_file(tmp_path, THREE_PURCHASERS)), db=db)
    out = tmp_path / "agreements"
    rendered = json.loads(cli("agreements", "render", "--out", str(out), "--json", db=db).stdout)
    first = Path(rendered["agreements"][0]["file"])
    parsed = runner.invoke(build_app(), ["agreements", "parse", str(first), "--json"])
    assert parsed.exit_code == 0, parsed.output
    data = json.loads(parsed.stdout)
    assert data["purchaser_name"] == "Alpha Fund" and data["shares"] == 1_000_000
    status = json.loads(cli("status", "--json", db=db).stdout)
    assert status["totals"]["checklist"]["agreement_generated"] == 2


def test_an_agreement_whose_numbers_disagree_is_reported_inconsistent(
    db: str, tmp_path: Path
) -> None:
    cli("purchasers", "import", str(book_file(tmp_path, THREE_PURCHASERS)), db=db)
    rendered = json.loads(
        cli("agreements", "render", "--out", str(tmp_path), "--json", db=db).stdout
    )
    path = Path(rendered["agreements"][0]["file"])
    path.write_text(path.read_text().replace("2,000,000.00", "2,000,001.00"))
    parsed = runner.invoke(build_app(), ["agreements", "parse", str(path), "--json"])
    assert parsed.exit_code == 1 and "inconsistent" in parsed.stderr


def test_audit_verify_catches_an_edited_event(db: str) -> None:
    import sqlite3

    assert cli("audit", "verify", db=db).exit_code == 0
    connection = sqlite3.connect(db.removeprefix("sqlite:///"))
    connection.execute("UPDATE events SET actor = 'mallory' WHERE seq = 1")
    connection.commit()
    connection.close()
    result = cli("audit", "verify", "--json", db=db)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["first_bad_seq"] == 1


def test_the_database_comes_from_the_environment_when_no_db_is_given(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOSINGDESK_DB", sqlite_url)
    assert runner.invoke(build_app(), ["init", "--example", "neotherapeutics-2002"]).exit_code == 0
    shown = runner.invoke(build_app(), ["offering", "show", "--json"])
    assert json.loads(shown.stdout)["slug"] == "neotherapeutics-2002"


@pytest.mark.slow
def test_the_demo_runs_through_the_installed_command(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "closingdesk", "demo", "--out", str(tmp_path), "--json"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    demo = json.loads(result.stdout)
    assert demo["admin"]["email"] and len(demo["admin"]["password"]) >= 12
    purchasers = demo["status"]["purchasers"]
    assert len(purchasers) >= 12
    assert any(not p["checklist"]["agreement_generated"] for p in purchasers)
    assert len(list((tmp_path / "agreements").glob("agreement-*.txt"))) == len(purchasers)
    # most purchasers signed and were countersigned; some are left to sign
    assert len(demo["signed"]) >= 8 and demo["unsigned"]
    signed = {p["id"] for p in purchasers if p["checklist"]["company_signed"]}
    assert signed == set(demo["signed"])
    executed = sorted((tmp_path / "executed").glob("executed-*.pdf"))
    assert len(executed) == len(demo["signed"])
    verified = subprocess.run(
        [
            sys.executable,
            "-m",
            "closingdesk",
            "documents",
            "verify",
            str(executed[0]),
            "--db",
            demo["database"],
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    _the_demo_closed(demo, tmp_path)


def _the_demo_closed(demo: dict[str, Any], folder: Path) -> None:
    """The demo's bank file has each exception the issue names; the ready are settled."""
    kinds = sorted(e["kind"] for e in demo["funding"]["exceptions"])
    assert kinds == ["duplicate", "late", "short", "unknown"]
    settled = demo["settlement"]["settled"]
    assert settled and settled[0]["warrant_number"] == "W-0001"
    not_ready = {n["name"]: n["reasons"] for n in demo["settlement"]["not_ready"]}
    assert any("short by $5,000.00" in r for r in not_ready["Cedar Ridge Capital Partners"])
    assert len(list((folder / "mail").glob("*.eml"))) == sum(
        1 for d in demo["settlement"]["deliveries"] if d["status"] == "sent"
    )
    binder = demo["binder"]["zip"]
    checked = subprocess.run(
        [sys.executable, "-m", "closingdesk", "binder", "verify", binder, "--db", demo["database"]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_init_from_a_terms_file_made_from_the_template(sqlite_url: str, tmp_path: Path) -> None:
    template = runner.invoke(build_app(), ["terms-template"]).stdout
    terms = tmp_path / "acme.toml"
    terms.write_text(
        template.replace('slug = "neotherapeutics-2002"', 'slug = "acme-2026"').replace(
            'issuer_name = "NeoTherapeutics, Inc."', 'issuer_name = "Acme Therapeutics, Inc."'
        )
    )
    result = cli("init", "--terms", str(terms), "--json", db=sqlite_url)
    assert result.exit_code == 0, result.output
    created = json.loads(result.stdout)
    assert created["slug"] == "acme-2026"
    assert created["terms"]["issuer_name"] == "Acme Therapeutics, Inc."


def test_a_bad_terms_file_is_refused_with_every_problem(sqlite_url: str, tmp_path: Path) -> None:
    template = runner.invoke(build_app(), ["terms-template"]).stdout
    terms = tmp_path / "bad.toml"
    terms.write_text(
        template.replace('"021000021"', '"021000022"')
        .replace('timezone = "America/Los_Angeles"', 'timezone = "America/Springfield"')
        .replace('agreement_date = "2002-03-12"', 'agreement_date = "2002-02-30"')
    )
    result = cli("init", "--terms", str(terms), db=sqlite_url)
    assert result.exit_code == 1
    for key in ("aba_routing_number", "timezone", "agreement_date"):
        assert key in result.stderr, key
    assert cli("offering", "show", db=sqlite_url).exit_code == 1  # nothing was created


def test_an_xlsx_book_imports_like_a_csv_one(db: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Shares", "DTC_Participant", "Address"])
    sheet.append(["Åsa Lindqvist Björkman", 10000, 773, "Strandvägen 7A | Stockholm"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    assert cli("purchasers", "import", str(path), db=db).exit_code == 0
    listed = json.loads(cli("purchasers", "list", "--json", db=db).stdout)["purchasers"]
    assert listed[0]["name"] == "Åsa Lindqvist Björkman"
    assert listed[0]["shares"] == 10000 and listed[0]["dtc_participant"] == "0773"


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["init"],
        ["terms-template"],
        ["offering", "show"],
        ["purchasers", "import"],
        ["purchasers", "list"],
        ["agreements", "render"],
        ["agreements", "parse"],
        ["status"],
        ["audit", "log"],
        ["audit", "verify"],
        ["demo"],
        ["users", "add"],
        ["users", "list"],
        ["users", "disable"],
        ["tokens", "create"],
        ["purchasers", "link"],
        ["serve"],
    ],
)
def test_every_command_explains_itself_in_help(command: list[str]) -> None:
    result = runner.invoke(build_app(), [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout and len(result.stdout) > 200


def test_names_that_look_like_markup_are_printed_as_they_are(db: str, tmp_path: Path) -> None:
    book = book_file(tmp_path, "name,shares\n[bold]Fund[/bold] [red],1000\n")
    assert cli("purchasers", "import", str(book), db=db).exit_code == 0
    assert "[bold]Fund[/bold] [red]" in cli("purchasers", "list", db=db).stdout
    assert "[bold]Fund[/bold] [red]" in cli("status", db=db).stdout


def test_users_tokens_and_links_from_the_command_line(db: str, tmp_path: Path) -> None:
    cli("purchasers", "import", str(book_file(tmp_path, THREE_PURCHASERS)), db=db)
    added = runner.invoke(
        build_app(),
        [
            "users",
            "add",
            "cfo@example.com",
            "--role",
            "admin",
            "--password-stdin",
            "--json",
            "--db",
            db,
        ],
        input="a long enough password\n",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["role"] == "admin"
    users = json.loads(cli("users", "list", "--json", db=db).stdout)
    assert [(u["email"], u["disabled"]) for u in users] == [("cfo@example.com", False)]
    token = json.loads(
        cli("tokens", "create", "--user", "cfo@example.com", "--json", db=db).stdout
    )["token"]
    assert token.startswith("cd_")
    link = json.loads(cli("purchasers", "link", "2", "--json", db=db).stdout)
    assert "/p/" in link["url"] and link["purchaser_id"] == 2
    assert cli("purchasers", "link", "99", db=db).exit_code == 1
    assert cli("users", "disable", "cfo@example.com", db=db).exit_code == 0
    users = json.loads(cli("users", "list", "--json", db=db).stdout)
    assert users[0]["disabled"] is True


def test_a_user_with_a_bad_role_is_refused_with_exit_status_1(db: str) -> None:
    result = runner.invoke(
        build_app(),
        ["users", "add", "x@example.com", "--role", "boss", "--password-stdin", "--db", db],
        input="a long enough password\n",
    )
    assert result.exit_code == 1 and "unknown role" in result.stderr
