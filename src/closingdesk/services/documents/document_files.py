"""`closingdesk files verify`: every stored document's file, checked against its hash;
and the stored copies of a binder's files, for `binder verify --db`."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.binder.zip_manifest import read_manifest
from closingdesk.adapters.files.location import file_store
from closingdesk.adapters.store.document_files import damaged_files
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Problem


@dataclass(frozen=True)
class FilesCheck:
    folder: Path
    checked: int  # documents and signature pages
    problems: list[str]  # one for each file missing or changed on disk


def check_files(engine: Engine) -> FilesCheck:
    """Read every stored document's and signature page's file and hash it again."""
    with UnitOfWork(engine, read_only=True) as uow:
        stored = uow.documents.stored_files()
    return FilesCheck(file_store(engine).folder, len(stored), damaged_files(engine, stored))


def binder_file_problems(engine: Engine, archive: bytes, *, source: str) -> list[Problem]:
    """The stored documents a binder ZIP holds whose files have since changed or gone from
    the file store (`binder verify --db`): the binder is only as good as the copies kept."""
    with zipfile.ZipFile(BytesIO(archive)) as opened:
        entries, _ = read_manifest(opened)
    in_binder = {entry.sha256: entry.path for entry in entries}
    with UnitOfWork(engine, read_only=True) as uow:
        stored = [(sha, what) for sha, what in uow.documents.stored_files() if sha in in_binder]
    where = f"{source} (the database's copies of its files)"
    return [Problem(where, why) for why in damaged_files(engine, stored)]
