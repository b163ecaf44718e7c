"""`closingdesk documents add-prospectus FILE.pdf`: Exhibit B stored, or refused untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.e2e.cli_mail import cli
from tests.mail_scenarios import prospectus_pdf


@pytest.fixture
def db(database_url: str) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=database_url).exit_code == 0
    return database_url


def test_a_pdf_is_stored_and_reported_as_json(db: str, tmp_path: Path) -> None:
    pdf = tmp_path / "424b5.pdf"
    pdf.write_bytes(prospectus_pdf())
    result = cli("documents", "add-prospectus", str(pdf), "--json", db=db)
    assert result.exit_code == 0, result.output
    stored = json.loads(result.stdout)
    assert stored["offering"] == "neotherapeutics-2002" and stored["version"] == 1
    assert stored["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert stored["new_version"] is True and stored["pages"] == 1
    again = json.loads(cli("documents", "add-prospectus", str(pdf), "--json", db=db).stdout)
    assert again["new_version"] is False and again["version"] == 1


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_stored(db: str, tmp_path: Path) -> None:
    fake = tmp_path / "prospectus.pdf"
    fake.write_text("This is the prospectus, honestly.")
    result = cli("documents", "add-prospectus", str(fake), db=db)
    assert result.exit_code == 1
    assert "the prospectus supplement was not stored" in result.stderr
    assert "prospectus.pdf: is not a PDF" in result.stderr
    audit = cli("audit", "log", "--json", db=db)
    assert "prospectus.added" not in audit.stdout
    pdf = tmp_path / "real.pdf"
    pdf.write_bytes(prospectus_pdf())
    first = json.loads(cli("documents", "add-prospectus", str(pdf), "--json", db=db).stdout)
    assert first["version"] == 1


def test_the_text_report_names_the_version_and_fingerprint(db: str, tmp_path: Path) -> None:
    pdf = tmp_path / "424b5.pdf"
    pdf.write_bytes(prospectus_pdf())
    result = cli("documents", "add-prospectus", str(pdf), db=db)
    assert result.exit_code == 0
    assert "as version 1" in result.stdout
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in result.stdout
