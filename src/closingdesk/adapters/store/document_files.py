"""The bytes of stored documents and signature pages, kept in the file store
(``adapters/files``) rather than in the database, whose rows keep their SHA-256 and size.

The repositories give and take bytes; they call these. Writing stores the file durably
before the row that refers to it is inserted (so before its transaction commits); reading
checks the bytes against the row's hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from closingdesk.adapters.files.location import file_store
from closingdesk.adapters.files.store import FileStore, sha256_of
from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.signature_tables import signature_pages


def with_file_stored(connection: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    """A row to insert: its ``content`` written to the file store, the row keeping only the
    content's SHA-256 and size (a ``sha256`` given with the row must be the content's)."""
    return with_files_stored(connection, [values])[0]


def with_files_stored(
    connection: Connection, rows: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """As with_file_stored, for many rows (their files made durable together)."""
    stored = [dict(values) for values in rows]
    contents = [bytes(row.pop("content")) for row in stored]
    for row, content in zip(stored, contents, strict=True):
        given = row.get("sha256")
        if given is not None and given != sha256_of(content):
            raise ValueError(f"the row's sha256 {given} is not the SHA-256 of its content")
        row["size"] = len(content)
    hashes = file_store(connection).put_many(contents) if contents else []
    for row, sha256 in zip(stored, hashes, strict=True):
        row["sha256"] = sha256
    return stored


def document_content(connection: Connection, row: Any) -> bytes:
    """The bytes of a ``documents`` row (with its id, file_name and sha256), checked."""
    what = f"document {row.id} ({row.file_name})"
    return file_store(connection).get(row.sha256, what=what)


def signature_page_content(connection: Connection, row: Any) -> bytes:
    """The bytes of a ``signature_pages`` row (with its id, file_name and sha256), checked."""
    what = f"signature page {row.id} ({row.file_name})"
    return file_store(connection).get(row.sha256, what=what)


def referenced_files(connection: Connection) -> Iterator[tuple[str, str]]:
    """(SHA-256, what it is) of every stored document and signature page, in id order."""
    for table, name in ((t.documents, "document"), (signature_pages, "signature page")):
        c = table.c
        query = select(c.id, c.file_name, c.sha256).order_by(c.id)
        for row in connection.execute(query).all():
            yield row.sha256, f"{name} {row.id} ({row.file_name})"


def damaged_files(bind: Connection | Engine, files: Iterable[tuple[str, str]]) -> list[str]:
    """Why each of ``files`` (SHA-256, what) is missing or changed on disk; [] when all hold."""
    store = file_store(bind)
    reasons = (store.check(sha256, what=what) for sha256, what in files)
    return [reason for reason in reasons if reason is not None]


def copy_files(bind: Connection | Engine, files: Iterable[tuple[str, str]], folder: Path) -> int:
    """Copy ``files`` (SHA-256, what) into a new file store at ``folder``, each read back
    through its hash (a damaged file is refused, not copied); how many distinct files.
    The source store is looked up only when there is a file to copy."""
    target = FileStore(folder)
    target.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    copied: set[str] = set()
    for sha256, what in files:
        if sha256 not in copied:
            target.put(file_store(bind).get(sha256, what=what))
            copied.add(sha256)
    return len(copied)
