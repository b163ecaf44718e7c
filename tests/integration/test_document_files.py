"""Documents out of the database (issue 12): their bytes in the file store, the database
keeping their SHA-256 and size; migration 0017 moves the bytes of an older database out;
a file changed or missing on disk is refused, never served."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, text
from typer.testing import CliRunner

from closingdesk.adapters.files.location import files_folder
from closingdesk.adapters.files.store import DamagedFile
from closingdesk.adapters.store.engine import MIGRATIONS, current_revision, make_engine, upgrade
from closingdesk.domain.problems import InvalidInput
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.documents.document_files import check_files
from closingdesk.services.documents.documents_view import documents_of, stored_document
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import closing

runner = CliRunner()


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def drafted(engine: Engine, tmp_path: Path) -> list[tuple[int, str, bytes]]:
    """The three purchasers' agreement PDFs: (document id, SHA-256, bytes as rendered)."""
    closing(engine, tmp_path)
    _, documents = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    found = [d for p in (1, 2, 3) for d in documents_of(engine, p) if d.kind == "agreement"]
    rendered = {d.file_name: d.content for d in documents}
    return [(d.id, d.sha256, rendered[d.file_name]) for d in found]


def file_of(engine: Engine, sha256: str) -> Path:
    return files_folder(engine.url) / sha256[:2] / sha256


def test_a_new_documents_bytes_are_in_the_file_store_not_in_the_database(
    engine: Engine, tmp_path: Path
) -> None:
    stored = drafted(engine, tmp_path)
    columns = {c["name"] for c in inspect(engine).get_columns("documents")}
    assert "content" not in columns and {"sha256", "size"} <= columns
    pages = {c["name"] for c in inspect(engine).get_columns("signature_pages")}
    assert "content" not in pages and {"sha256", "size"} <= pages
    for document_id, sha256, content in stored:
        assert sha256 == hashlib.sha256(content).hexdigest()
        assert file_of(engine, sha256).read_bytes() == content
        with engine.connect() as connection:
            size = connection.execute(
                text("SELECT size FROM documents WHERE id = :i"), {"i": document_id}
            ).scalar_one()
        assert size == len(content)
        assert stored_document(engine, document_id).content == content
    if engine.dialect.name == "sqlite":  # and the bytes are nowhere in the database file
        database = Path(str(engine.url.database)).read_bytes()
        assert not any(content[-4000:] in database for _, _, content in stored)


def test_reading_a_document_whose_file_was_changed_on_disk_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    document_id, sha256, content = drafted(engine, tmp_path)[0]
    path = file_of(engine, sha256)
    path.chmod(0o600)
    path.write_bytes(content + b"\n% an edit after the fact\n")
    with pytest.raises(DamagedFile) as refused:
        stored_document(engine, document_id)
    assert sha256 in str(refused.value) and f"document {document_id}" in str(refused.value)
    check = check_files(engine)
    assert len(check.problems) == 1 and sha256 in check.problems[0]
    result = runner.invoke(build_app(), ["files", "verify", "--db", str(engine.url)])
    assert result.exit_code == 1 and sha256 in result.output
    path.unlink()
    with pytest.raises(DamagedFile, match=f"{sha256} is missing"):
        stored_document(engine, document_id)


def test_files_verify_counts_every_document_and_passes_when_all_are_intact(
    engine: Engine, tmp_path: Path
) -> None:
    drafted(engine, tmp_path)
    result = runner.invoke(build_app(), ["files", "verify", "--db", str(engine.url), "--json"])
    assert result.exit_code == 0, result.output
    assert '"checked": 3' in result.stdout and '"ok": true' in result.stdout


def _old_database(database_url: str, rows: list[tuple[int, bytes, str]]) -> Engine:
    """A database at revision 0015 (bytes in the rows): documents (id, content, sha256) and
    one signature page holding the first document's bytes."""
    engine = make_engine(database_url)
    migrate(engine, "0015")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO offerings (id, slug, issuer_name, terms, created_at) "
                "VALUES (1, 'old', 'Old Co', '{}', '2002-03-01T00:00:00+00:00')"
            )
        )
        c.execute(
            text(
                "INSERT INTO purchasers (id, offering_id, name, name_key, shares, created_at, "
                "updated_at) VALUES (1, 1, 'Alpha', 'alpha', 10, '2002', '2002')"
            )
        )
        for document_id, content, sha256 in rows:
            c.execute(
                text(
                    "INSERT INTO documents (id, offering_id, purchaser_id, kind, format, "
                    "version, file_name, sha256, content, created_at) VALUES (:i, 1, 1, "
                    "'agreement', 'pdf', :i, :n, :s, :c, '2002')"
                ),
                {"i": document_id, "n": f"old-{document_id}.pdf", "s": sha256, "c": content},
            )
        c.execute(
            text(
                "INSERT INTO signature_pages (id, purchaser_id, document_id, file_name, content, "
                "sha256, status, added_by, added_at) VALUES (1, 1, 1, 'page.pdf', :c, :s, "
                "'pending', 'test', '2002')"
            ),
            {"c": rows[0][1], "s": rows[0][2]},
        )
    return engine


def test_the_migration_moves_an_older_databases_bytes_into_the_file_store_and_back(
    empty_database_url: str,
) -> None:
    contents = [b"%PDF old agreement one", b"%PDF old agreement two" * 1000]
    rows = [(i + 1, c, hashlib.sha256(c).hexdigest()) for i, c in enumerate(contents)]
    engine = _old_database(empty_database_url, rows)
    upgrade(engine)
    assert "content" not in {c["name"] for c in inspect(engine).get_columns("documents")}
    for document_id, content, sha256 in rows:
        assert file_of(engine, sha256).read_bytes() == content
        assert stored_document(engine, document_id).content == content
        assert stored_document(engine, document_id).info.size == len(content)
    with engine.connect() as connection:
        page_size = connection.execute(text("SELECT size FROM signature_pages")).scalar_one()
    assert page_size == len(contents[0])
    migrate(engine, "0015", down=True)  # and down again: the bytes back in the rows
    with engine.connect() as connection:
        back = connection.execute(text("SELECT content FROM documents ORDER BY id")).scalars()
        assert [bytes(b) for b in back] == contents
    engine.dispose()


def test_a_row_whose_bytes_do_not_match_its_hash_stops_the_migration_and_changes_nothing(
    empty_database_url: str,
) -> None:
    rows = [(1, b"%PDF good", hashlib.sha256(b"%PDF good").hexdigest()), (2, b"%PDF bad", "0" * 64)]
    engine = _old_database(empty_database_url, rows)
    with pytest.raises(RuntimeError, match=r"documents row 2 .*hash to"):
        upgrade(engine)
    assert current_revision(engine) == "0015"
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT content FROM documents ORDER BY id")).scalars()
        assert [bytes(b) for b in kept] == [b"%PDF good", b"%PDF bad"]
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_without_closingdesk_files_refuses_to_move_the_bytes_and_keeps_them(
    postgres_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import _fresh_postgres_database

    monkeypatch.delenv("CLOSINGDESK_FILES", raising=False)
    url = _fresh_postgres_database(postgres_server)
    engine = _old_database(url, [(1, b"%PDF kept", hashlib.sha256(b"%PDF kept").hexdigest())])
    with pytest.raises(InvalidInput, match="CLOSINGDESK_FILES is not set"):
        upgrade(engine)
    assert current_revision(engine) == "0015"
    engine.dispose()
