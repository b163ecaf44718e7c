"""`closingdesk agreements render --format pdf|docx`: typeset agreements written as files."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.interfaces.cli.app import build_app
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


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_writes_one_typeset_agreement_per_purchaser(
    db: str, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / fmt
    result = cli("agreements", "render", "--format", fmt, "--out", str(out), "--json", db=db)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["agreements"]
    files = sorted(out.glob(f"agreement-*.{fmt}"))
    assert [Path(r["file"]).name for r in rows] == [f.name for f in files] and len(files) == 3
    first = files[0].read_bytes()
    assert rows[0]["sha256"] == hashlib.sha256(first).hexdigest() and rows[0]["version"] == 1
    if fmt == "pdf":
        assert first.startswith(b"%PDF-")
    else:
        assert "word/document.xml" in zipfile.ZipFile(files[0]).namelist()
    again = json.loads(
        cli("agreements", "render", "--format", fmt, "--out", str(out), "--json", db=db).stdout
    )
    assert [r["sha256"] for r in again["agreements"]] == [r["sha256"] for r in rows]
    assert not any(r["new_version"] for r in again["agreements"])


def test_a_word_template_is_refused_and_points_to_counsels_forms(db: str, tmp_path: Path) -> None:
    """The wording comes from counsel's forms (``forms import``), from which the PDF and the
    Word file are both made; a Word template alone would make them differ."""
    fake = tmp_path / "template.docx"
    fake.write_text("not a zip")
    result = cli(
        "agreements", "render", "--format", "docx", "--template", str(fake),
        "--out", str(tmp_path), db=db,
    )  # fmt: skip
    assert result.exit_code == 2 and "forms import agreement" in result.stderr
    assert not list(tmp_path.glob("agreement-*"))


def test_the_blank_form_is_text_only(db: str, tmp_path: Path) -> None:
    result = cli(
        "agreements", "render", "--format", "pdf", "--blank", "--out", str(tmp_path), db=db
    )
    assert result.exit_code == 1 and "text only" in result.stderr
