"""The team's signing commands as scripts use them: signature pages, countersigning, the
executed PDFs listed, exported and verified; each with --json and the contract's exit codes.

The purchaser's own electronic signature happens on their page; here it is the service call
that page makes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from click.testing import Result
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine
from closingdesk.interfaces.cli import signature_commands
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.documents.prospectus import record_prospectus_delivered
from tests.scenarios import ACTOR, NOW, book_file
from tests.signature_scenarios import ALPHA_BIGGER, BOOK, PROSPECTUS, sign
from tests.signing_scenarios import small_pdf

runner = CliRunner()
ALPHA, BETA, GAMMA = 1, 2, 3  # ids in a fresh database, in the book's order


def app() -> typer.Typer:
    built = build_app()
    if not any(group.name == "signatures" for group in built.registered_groups):
        signature_commands.register(built)  # until interfaces/cli/app.py registers it
    return built


def cli(*args: str, db: str) -> Result:
    return runner.invoke(app(), [*args, "--db", db])


def ok(*args: str, db: str) -> dict:  # type: ignore[type-arg]
    result = cli(*args, "--json", db=db)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> str:
    """The example offering, its book, agreements drafted as PDF, the prospectus stored and
    opened by Alpha Fund and Beta Partners."""
    prospectus = tmp_path / "prospectus.pdf"
    prospectus.write_bytes(PROSPECTUS)
    for args in (
        ("init", "--example", "neotherapeutics-2002"),
        ("purchasers", "import", str(book_file(tmp_path, BOOK))),
        ("agreements", "render", "--format", "pdf", "--out", str(tmp_path / "agreements")),
        ("documents", "add-prospectus", str(prospectus)),
    ):
        result = cli(*args, db=sqlite_url)
        assert result.exit_code == 0, result.output
    engine = make_engine(sqlite_url)
    for pid in (ALPHA, BETA):
        record_prospectus_delivered(engine, pid, how="opened", at=NOW, detail={}, actor=ACTOR)
    engine.dispose()
    return sqlite_url


def signed_by_alpha(db: str) -> None:
    engine = make_engine(db)
    sign(engine, ALPHA)
    engine.dispose()


def page(tmp_path: Path) -> str:
    path = tmp_path / "beta-signature-page.pdf"
    path.write_bytes(small_pdf("Signature page: /s/ John Poe"))
    return str(path)


def checklist(db: str, pid: int) -> dict[str, bool]:
    status = ok("status", db=db)
    return next(p["checklist"] for p in status["purchasers"] if p["id"] == pid)  # type: ignore[no-any-return]


def test_a_returned_page_is_added_then_accepted_and_the_purchaser_has_signed(
    db: str, tmp_path: Path
) -> None:
    added = ok("signatures", "add-page", str(BETA), page(tmp_path), db=db)
    assert (added["status"], added["purchaser_id"], added["file_name"]) == (
        "pending",
        BETA,
        "beta-signature-page.pdf",
    )
    listed = ok("signatures", "pages", db=db)["signature_pages"]
    assert [p["id"] for p in listed] == [added["id"]]
    accepted = ok("signatures", "accept", str(BETA), db=db)
    assert accepted["status"] == "accepted" and accepted["reviewed_by"].startswith("cli")
    assert checklist(db, BETA)["purchaser_signed"]


def test_a_rejection_needs_a_reason_and_says_it(db: str, tmp_path: Path) -> None:
    ok("signatures", "add-page", str(BETA), page(tmp_path), db=db)
    assert cli("signatures", "reject", str(BETA), db=db).exit_code == 2
    rejected = ok("signatures", "reject", str(BETA), "--reason", "not signed", db=db)
    assert (rejected["status"], rejected["reason"]) == ("rejected", "not signed")
    assert not checklist(db, BETA)["purchaser_signed"]


def test_a_page_for_an_older_version_of_the_agreement_is_refused_with_exit_1(
    db: str, tmp_path: Path
) -> None:
    ok("purchasers", "import", str(book_file(tmp_path, ALPHA_BIGGER, "v2.csv")), db=db)
    ok("agreements", "render", "--format", "pdf", "--out", str(tmp_path / "v2"), db=db)
    result = cli("signatures", "add-page", str(ALPHA), page(tmp_path), "--version", "1", db=db)
    assert result.exit_code == 1 and "wrong version of the agreement" in result.stderr
    assert ok("signatures", "pages", db=db)["signature_pages"] == []


def test_accepting_when_no_page_waits_is_refused_with_exit_1(db: str) -> None:
    result = cli("signatures", "accept", str(ALPHA), db=db)
    assert result.exit_code == 1 and "waiting for review" in result.stderr


def test_countersign_all_countersigns_the_signed_and_lists_the_others_with_reasons(
    db: str,
) -> None:
    signed_by_alpha(db)
    result = ok("countersign", "--all", "--signatory", "Samuel Gulko", db=db)
    assert result["countersigned"] == [ALPHA] and result["failed"] == []
    assert result["skipped"] == [
        {"purchaser_id": BETA, "reasons": ["the purchaser has not signed"]},
        {"purchaser_id": GAMMA, "reasons": ["the purchaser has not signed"]},
    ]
    assert len(result["executed_document_ids"]) == len(result["certificate_document_ids"]) == 1
    assert checklist(db, ALPHA)["company_signed"]


def test_countersign_needs_all_or_purchasers_and_an_authorised_signatory(db: str) -> None:
    signer = ("--signatory", "Samuel Gulko")
    assert cli("countersign", *signer, db=db).exit_code == 2
    assert cli("countersign", "--all", "--purchaser", "1", *signer, db=db).exit_code == 2
    assert cli("countersign", "--all", "--signer-name", "Samuel Gulko", db=db).exit_code == 2
    before = ok("audit", "log", db=db)
    stranger = cli("countersign", "--purchaser", "1", "--signatory", "Jane Doe", db=db)
    assert stranger.exit_code == 1
    assert "'Jane Doe' is not an authorised signatory" in stranger.stderr
    assert "Samuel Gulko" in stranger.stderr  # the refusal lists who may sign
    assert cli("countersign", "--purchaser", "1", "--signatory", "9", db=db).exit_code == 1
    assert ok("audit", "log", db=db) == before  # nothing was recorded


def test_countersign_takes_a_signatory_by_number_and_prints_their_listed_title(db: str) -> None:
    signed_by_alpha(db)
    ok("countersign", "--purchaser", "1", "--signatory", "1", db=db)
    events = ok("audit", "log", db=db)
    [event] = [e for e in events if e["kind"] == "agreement.countersigned"]
    assert event["payload"]["signer_name"] == "Samuel Gulko"
    assert event["payload"]["signer_title"] == "Chief Financial Officer"


def test_the_executed_pdf_is_listed_exported_and_verified_and_one_changed_byte_is_caught(
    db: str, tmp_path: Path
) -> None:
    signed_by_alpha(db)
    cli(
        "countersign",
        "--purchaser",
        "1",
        "--signatory",
        "Samuel Gulko",
        db=db,
    )
    documents = ok("documents", "list", "--purchaser", str(ALPHA), db=db)["documents"]
    kinds = {d["kind"]: d for d in documents}
    assert set(kinds) == {"agreement", "executed_agreement", "completion_certificate"}
    executed = kinds["executed_agreement"]
    assert executed["version"] == 1 and len(executed["sha256"]) == 64
    assert executed["purchaser_id"] == ALPHA and executed["created_at"].endswith("Z")
    everything = ok("documents", "list", db=db)["documents"]
    assert everything[0]["kind"] == "prospectus" and everything[0]["purchaser_id"] is None

    out = tmp_path / "out" / "executed.pdf"
    exported = ok("documents", "export", str(executed["id"]), "--out", str(out), db=db)
    assert exported["sha256"] == executed["sha256"] and out.stat().st_size == exported["size"]
    verdict = ok("documents", "verify", str(out), db=db)
    assert verdict["state"] == "valid" and verdict["offering"] == "neotherapeutics-2002"

    content = bytearray(out.read_bytes())
    at = content.index(b"stream", len(content) // 3) + 200  # inside a page's content
    content[at] ^= 0x01
    out.write_bytes(bytes(content))
    altered = cli("documents", "verify", str(out), db=db)
    assert altered.exit_code == 1 and "ALTERED" in altered.stderr


def test_exporting_an_unknown_document_is_refused_with_exit_1(db: str, tmp_path: Path) -> None:
    result = cli("documents", "export", "999", "--out", str(tmp_path / "x.pdf"), db=db)
    assert result.exit_code == 1 and "no document 999" in result.stderr


def test_execute_makes_nothing_when_nothing_is_missing(db: str) -> None:
    made = ok("signatures", "execute", db=db)
    assert made == {"executed_document_ids": [], "certificate_document_ids": [], "failed": []}
