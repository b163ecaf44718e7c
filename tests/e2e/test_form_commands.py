"""closingdesk forms export / import / list, and agreements render --template's replacement."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.interfaces.cli.app import build_app

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str) -> str:
    result = cli("init", "--example", "neotherapeutics-2002", db=sqlite_url)
    assert result.exit_code == 0, result.output
    return sqlite_url


def test_forms_list_shows_closingdesks_own_forms_as_version_one(db: str) -> None:
    result = cli("forms", "list", "--json", db=db)
    assert result.exit_code == 0, result.output
    forms = json.loads(result.stdout)["forms"]
    assert [(f["kind"], f["version"], f["current"]) for f in forms] == [
        ("agreement", 1, True),
        ("warrant", 1, True),
        ("dwac_letter", 1, True),
        ("notice", 1, True),
    ]


def test_an_exported_form_imported_is_a_new_version_with_its_hash(db: str, tmp_path: Path) -> None:
    out = tmp_path / "warrant.txt"
    assert cli("forms", "export", "warrant", "--out", str(out), db=db).exit_code == 0
    original = out.read_text(encoding="utf-8")
    text = original.replace("non-assessable", "nonassessable")
    assert text != original
    out.write_text(text, encoding="utf-8")
    result = cli(
        "forms", "import", "warrant", str(out), "--reason", "counsel's review", "--json", db=db
    )
    assert result.exit_code == 0, result.output
    stored = json.loads(result.stdout)
    assert stored["version"] == 2
    assert stored["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    listed = json.loads(cli("forms", "list", "--json", db=db).stdout)["forms"]
    warrant = [(f["version"], f["reason"], f["current"]) for f in listed if f["kind"] == "warrant"]
    assert warrant == [(1, "closingdesk's own form", False), (2, "counsel's review", True)]
    again = tmp_path / "again.txt"
    cli("forms", "export", "warrant", "--out", str(again), db=db)
    assert again.read_bytes() == out.read_bytes()


def test_a_bad_form_exits_1_naming_the_file_and_line_and_stores_nothing(
    db: str, tmp_path: Path
) -> None:
    bad = tmp_path / "notice.txt"
    bad.write_text("@lines to\n\n@para\nDear {addressee},\n", encoding="utf-8")
    result = cli("forms", "import", "notice", str(bad), "--reason", "r", db=db)
    assert result.exit_code == 1
    assert "notice.txt:4: unknown placeholder {addressee}" in " ".join(result.stderr.split())
    listed = json.loads(cli("forms", "list", "--json", db=db).stdout)["forms"]
    assert [f["version"] for f in listed if f["kind"] == "notice"] == [1]


def test_an_unknown_kind_is_a_usage_error(db: str, tmp_path: Path) -> None:
    result = cli("forms", "export", "memo", "--out", str(tmp_path / "x.txt"), db=db)
    assert result.exit_code == 2


def test_agreements_render_template_points_to_forms_import(db: str, tmp_path: Path) -> None:
    template = tmp_path / "counsel.docx"
    template.write_bytes(b"PK")
    result = cli(
        "agreements", "render", "--format", "docx", "--template", str(template),
        "--out", str(tmp_path), db=db,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "forms import agreement" in " ".join(result.output.split())
