"""The new commands' bad input: exit 1 with the reason and nothing changed; usage exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.interfaces.cli.app import build_app
from tests.mail_scenarios import prospectus_pdf

runner = CliRunner()


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    return sqlite_url


def _events(db: str) -> int:
    return len(json.loads(cli("audit", "log", "--json", db=db).stdout))


def test_an_approval_is_stored_once_and_a_file_that_is_not_a_pdf_is_refused(
    db: str, tmp_path: Path
) -> None:
    good = tmp_path / "resolution.pdf"
    good.write_bytes(prospectus_pdf("Resolutions of the Board"))
    assert (
        cli("documents", "add-approval", str(good), "--kind", "board-resolution", db=db).exit_code
        == 0
    )
    before = _events(db)
    again = cli("documents", "add-approval", str(good), "--kind", "board-resolution", db=db)
    assert again.exit_code == 0 and _events(db) == before  # the same bytes: no new version
    text = tmp_path / "note.txt"
    text.write_text("not a pdf", encoding="utf-8")
    refused = cli("documents", "add-approval", str(text), "--kind", "legal-opinion", db=db)
    assert refused.exit_code == 1 and "is not a PDF" in refused.stderr
    assert cli("documents", "add-approval", str(good), "--kind", "minutes", db=db).exit_code == 2
    assert _events(db) == before


def test_a_delivery_without_an_offset_or_of_an_unknown_warrant_exits_1(db: str) -> None:
    before = _events(db)
    naive = cli("warrants", "delivered", "W-0001", "--at", "2002-03-13T10:15", db=db)
    assert naive.exit_code == 1 and "no UTC offset" in naive.stderr
    unknown = cli("warrants", "delivered", "W-0009", "--at", "2002-03-13T10:15:00Z", db=db)
    assert unknown.exit_code == 1 and "no warrant W-0009" in unknown.stderr
    assert cli("warrants", "delivered", "W-0001", db=db).exit_code == 1  # when?
    assert _events(db) == before


def test_countersign_by_someone_not_authorised_exits_1(db: str) -> None:
    refused = cli("countersign", "--all", "--signatory", "Mallory", db=db)
    assert refused.exit_code == 1 and "not an authorised signatory" in refused.stderr
