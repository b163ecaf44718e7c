"""`closingdesk backup`: a copy of the database and its documents' files and, kept apart,
a copy of the key file.

The database holds the closing's records, each document's hash and size; the file store
(adapters/files) holds the documents' bytes; the key file holds the secrets that sign
sessions and links and unlock the signing keys. Together they give full control, so the
backup writes the key file to a folder of its own and a note saying to store it apart.

The database is copied first, then the files its documents name: a file is written before
the row that names it commits, so every row in the copy has its file in the backup. Each
file is read back through its hash; a missing or changed one stops the backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.files.location import ENVIRONMENT as FILES
from closingdesk.adapters.secret_file import ENVIRONMENT
from closingdesk.adapters.store.document_files import copy_files
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Conflict, InvalidInput
from closingdesk.services.clock import stamp
from closingdesk.services.installation.installation_keys import installation_keys, key_file


@dataclass(frozen=True)
class Backup:
    folder: Path
    database: Path | None  # None: not copied (PostgreSQL without pg_dump on PATH)
    files: Path  # the documents' file store, copied
    file_count: int
    key_file: Path
    note: Path
    database_note: str  # how the database was copied, or how to copy it


def back_up(engine: Engine, out: Path, *, key_out: Path | None, now: datetime) -> Backup:
    installation_keys(engine)  # the key file exists and belongs with this database
    source_key = key_file(engine)
    database_folder, files_folder = out / "database", out / "files"
    key_folder = key_out if key_out is not None else out / "key-file"
    if key_folder.resolve() == database_folder.resolve():
        raise InvalidInput("--key-out must not be the database's folder: keep them apart")
    for folder in (database_folder, files_folder, key_folder):
        if folder.exists() and any(folder.iterdir()):
            raise Conflict(f"{folder} is not empty: back up into a new folder")
    database_folder.mkdir(parents=True, exist_ok=True)
    key_folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    copied, said = _copy_database(engine, database_folder)
    with UnitOfWork(engine, read_only=True) as uow:  # after the copy: a superset of its rows
        stored = uow.documents.stored_files()
    file_count = copy_files(engine, stored, files_folder)
    key_copy = key_folder / source_key.name
    shutil.copyfile(source_key, key_copy)
    key_copy.chmod(0o600)
    note = out / "README.txt"
    note.write_text(_note(engine, copied, key_copy, said, at=stamp(now)), encoding="utf-8")
    return Backup(out, copied, files_folder, file_count, key_copy, note, said)


def _copy_database(engine: Engine, folder: Path) -> tuple[Path | None, str]:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise InvalidInput("an in-memory SQLite database cannot be backed up")
        source = Path(url.database)
        target = folder / source.name
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)  # a consistent copy, even while others write
        return target, f"SQLite online backup of {source}"
    dump = shutil.which("pg_dump")
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    if dump is None:
        return None, (
            "NOT COPIED: pg_dump is not on PATH. Copy the database yourself with "
            f"pg_dump --format=custom --file {folder / 'closingdesk.dump'} {plain}"
        )
    target = folder / f"{url.database or 'closingdesk'}.dump"
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    done = subprocess.run(
        [dump, "--format=custom", "--file", str(target), plain],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise Conflict(f"pg_dump failed: {done.stderr.strip() or done.returncode}")
    return target, f"pg_dump --format=custom of {plain} (restore with pg_restore)"


def _note(engine: Engine, database: Path | None, key: Path, said: str, *, at: str) -> str:
    where = engine.url.render_as_string(hide_password=True)
    return f"""closingdesk backup of {where}, made {at}

database/   {database.name if database else "(not copied)"}
            {said}
            The whole closing: terms, purchasers, wires, settlement, the event log and
            every document's record and SHA-256.
files/      The documents' bytes (agreements, executed PDFs, warrants, letters), one
            file per SHA-256; the database names each document's file by its hash.
key file    {key}
            The installation's secrets: they sign team sessions and purchasers' links
            and unlock the offering's signing keys (stored encrypted in the database).

KEEP THEM APART. Store the database copy and the key file in different places (for
example the database with the firm's backups and the key file in a password manager or
a safe). With the database alone nobody can sign in as a user or sign as the offering;
with both, anyone can. Without the key file, a restored database cannot sign again.

To restore: put the database back (copy the SQLite file, or pg_restore); put files/
beside the SQLite file as <database file>.files, or anywhere and point ${FILES} at it
(required for PostgreSQL); put the key file beside the SQLite file as <database
file>.key, or anywhere and point ${ENVIRONMENT} at it; it must stay readable by its owner
only (chmod 600). `closingdesk files verify` then checks every document's file.
"""
