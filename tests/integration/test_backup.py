"""`closingdesk backup --out DIR`: the database copied, the key file copied apart, a note."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.interfaces.cli.app import build_app
from closingdesk.services.binder.build import build_binder
from closingdesk.services.settlement.settling import settle
from tests.conftest import _fresh_postgres_database
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready

runner = CliRunner()


def cli(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), list(args))


def test_a_sqlite_backup_holds_the_database_and_apart_the_private_key_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_SECRET_FILE", raising=False)
    db = tmp_path / "closingdesk.db"
    url = f"sqlite:///{db}"
    assert cli("init", "--example", "neotherapeutics-2002", "--db", url).exit_code == 0
    out, keys = tmp_path / "backup", tmp_path / "safe"
    result = cli("backup", "--out", str(out), "--key-out", str(keys), "--db", url, "--json")
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    copy = out / "database" / "closingdesk.db"
    assert made["database"] == str(copy)
    with sqlite3.connect(copy) as connection:
        [(slug,)] = connection.execute("SELECT slug FROM offerings").fetchall()
    assert slug == "neotherapeutics-2002"
    key = keys / "closingdesk.db.key"
    assert made["key_file"] == str(key)
    assert key.read_bytes() == (tmp_path / "closingdesk.db.key").read_bytes()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    secrets = json.loads(key.read_text())["secrets"].values()
    assert not any(value.encode() in copy.read_bytes() for value in secrets)
    note = (out / "README.txt").read_text()
    assert "KEEP THEM APART" in note and str(key) in note


def test_a_backup_into_a_folder_already_holding_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_SECRET_FILE", raising=False)
    url = f"sqlite:///{tmp_path / 'closingdesk.db'}"
    assert cli("init", "--example", "neotherapeutics-2002", "--db", url).exit_code == 0
    assert cli("backup", "--out", str(tmp_path / "b"), "--db", url).exit_code == 0
    again = cli("backup", "--out", str(tmp_path / "b"), "--db", url)
    assert again.exit_code == 1 and "is not empty" in again.output


@pytest.mark.postgres
def test_a_postgresql_backup_runs_pg_dump_when_it_is_on_path_and_says_so_when_not(
    postgres_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_url = _fresh_postgres_database(postgres_server)
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(tmp_path / "closingdesk-pg.key"))
    assert cli("init", "--example", "neotherapeutics-2002", "--db", database_url).exit_code == 0
    monkeypatch.setenv("PATH", "/nonexistent")
    without = cli("backup", "--out", str(tmp_path / "a"), "--db", database_url)
    assert without.exit_code == 1
    assert "pg_dump is not on PATH" in without.output
    assert (tmp_path / "a" / "key-file" / "closingdesk-pg.key").exists()
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
    if not found:
        pytest.skip("no pg_dump binary here")
    monkeypatch.setenv("PATH", f"{os.path.dirname(found[-1])}:/usr/bin:/bin")
    done = cli("backup", "--out", str(tmp_path / "b"), "--db", database_url, "--json")
    assert done.exit_code == 0, done.output
    dump = Path(json.loads(done.stdout)["database"])
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format


def test_a_backup_restored_elsewhere_verifies_its_log_its_binder_and_every_document_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_SECRET_FILE", raising=False)
    monkeypatch.delenv("CLOSINGDESK_FILES", raising=False)
    live, out = tmp_path / "live", tmp_path / "out"
    live.mkdir()
    out.mkdir()
    url = f"sqlite:///{live / 'closingdesk.db'}"
    engine = make_engine(url)
    upgrade(engine)
    ready(engine, out)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    binder = build_binder(engine, out / "binder.pdf", offering=None, actor=ACTOR, now=NOW)
    engine.dispose()
    verified = cli("audit", "verify", "--db", url)
    assert "intact" in verified.output
    made = cli("backup", "--out", str(tmp_path / "backup"), "--db", url, "--json")
    assert made.exit_code == 0, made.output
    backup = json.loads(made.stdout)
    copied = [f for f in Path(backup["files"]).rglob("*") if f.is_file()]
    assert backup["file_count"] == len(copied) > 0
    assert all(hashlib.sha256(f.read_bytes()).hexdigest() == f.name for f in copied)
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(backup["database"], restored / "closingdesk.db")
    shutil.copy(backup["key_file"], restored / "closingdesk.db.key")
    shutil.rmtree(live)  # nothing of the original left to lean on
    again = f"sqlite:///{restored / 'closingdesk.db'}"
    missing = cli("files", "verify", "--db", again)
    assert missing.exit_code == 1 and "is missing" in missing.output
    # as README.txt says: the files beside the database file
    shutil.copytree(backup["files"], restored / "closingdesk.db.files")
    assert cli("files", "verify", "--db", again).exit_code == 0
    # the restored log verifies as the original did (the scenario sets signatures on the
    # checklist without events, which audit verify rightly reports in both)
    assert cli("audit", "verify", "--db", again).output == verified.output
    checked = cli("binder", "verify", str(binder.zip), "--db", again)
    assert checked.exit_code == 0, checked.output
    with zipfile.ZipFile(binder.zip) as archive:
        listed = {f["sha256"] for f in json.loads(archive.read("MANIFEST.json"))["files"]}
    kept = sorted((restored / "closingdesk.db.files").rglob("*"))
    changed = next(f for f in kept if f.name in listed)  # a stored document the binder holds
    changed.chmod(0o600)
    changed.write_bytes(changed.read_bytes() + b"% edited on disk")
    caught = cli("binder", "verify", str(binder.zip), "--db", again, "--json")
    assert caught.exit_code == 1 and changed.name in caught.output
    assert "has changed on disk" in caught.output
