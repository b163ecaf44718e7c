"""`closingdesk documents verify FILE.pdf`: a plain verdict, exit 0 only when valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from closingdesk.adapters.signing.pades import sign_pdf
from closingdesk.adapters.store.engine import make_engine
from closingdesk.interfaces.cli import document_commands
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.book.offerings import get_offering
from closingdesk.services.clock import utc_now
from closingdesk.services.signing.signing_identity import ensure_signing_identity, signing_key
from tests.signing_scenarios import make_pki, small_pdf

runner = CliRunner()


def app() -> typer.Typer:
    built = build_app()
    if not any(group.name == "documents" for group in built.registered_groups):
        document_commands.register(built)  # until interfaces/cli/app.py registers it
    return built


def cli(*args: str, db: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app(), [*args, "--db", db])


@pytest.fixture
def db(sqlite_url: str) -> str:
    assert cli("init", "--example", "neotherapeutics-2002", db=sqlite_url).exit_code == 0
    engine = make_engine(sqlite_url)
    offering = get_offering(engine, None)
    ensure_signing_identity(engine, offering=offering, actor="test", now=utc_now())  # idempotent
    engine.dispose()
    return sqlite_url


@pytest.fixture
def executed(db: str, tmp_path: Path) -> Path:
    """A PDF signed with the offering's certificate, as countersigning will make them."""
    engine = make_engine(db)
    key = signing_key(engine, get_offering(engine, None))
    engine.dispose()
    path = tmp_path / "executed.pdf"
    path.write_bytes(sign_pdf(small_pdf(), key, at=utc_now()))
    return path


def test_a_pdf_signed_with_the_offerings_certificate_is_valid_and_exits_0(
    db: str, executed: Path
) -> None:
    result = cli("documents", "verify", str(executed), db=db)
    assert result.exit_code == 0, result.output
    assert "valid: signed by NeoTherapeutics, Inc. closing signatures" in result.stdout
    assert ": offering neotherapeutics-2002" in result.stdout


def test_the_json_verdict_names_the_offering_and_holds_nothing_else_on_stdout(
    db: str, executed: Path
) -> None:
    result = cli("documents", "verify", str(executed), "--json", db=db)
    verdict = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (verdict["state"], verdict["valid"], verdict["offering"]) == (
        "valid",
        True,
        "neotherapeutics-2002",
    )
    assert verdict["covers_whole_document"] and verdict["problems"] == []
    assert len(verdict["signer_fingerprint"]) == 64


def test_one_changed_byte_is_reported_as_altered_and_exits_1(db: str, executed: Path) -> None:
    content = executed.read_bytes()
    executed.write_bytes(content.replace(b"1,000,000 shares", b"1,000,001 shares"))
    result = cli("documents", "verify", str(executed), db=db)
    assert result.exit_code == 1
    assert "ALTERED: the document was changed after it was signed" in result.stderr


def test_a_pdf_signed_elsewhere_is_untrusted_and_exits_1(db: str, tmp_path: Path) -> None:
    path = tmp_path / "foreign.pdf"
    path.write_bytes(sign_pdf(small_pdf(), make_pki("Stranger Corp.").key, at=utc_now()))
    result = cli("documents", "verify", str(path), "--json", db=db)
    assert result.exit_code == 1
    verdict = json.loads(result.stdout)
    assert verdict["state"] == "untrusted" and verdict["offering"] is None
    assert verdict["signed_by"] == "Stranger Corp. closing signatures"


def test_an_unsigned_pdf_is_reported_as_not_signed_and_exits_1(db: str, tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(small_pdf())
    result = cli("documents", "verify", str(path), db=db)
    assert result.exit_code == 1 and "NOT SIGNED" in result.stderr


def test_a_missing_file_is_a_usage_error(db: str, tmp_path: Path) -> None:
    assert cli("documents", "verify", str(tmp_path / "nowhere.pdf"), db=db).exit_code == 2
