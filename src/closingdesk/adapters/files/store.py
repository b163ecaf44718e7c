"""The document file store: every stored document's bytes, one file per SHA-256.

The database keeps each document's hash, size and metadata; the bytes live here, in a
file named by their SHA-256 (``ab/ab12...ef``, the first two hex digits a subfolder), so
the same bytes are stored once and a file's name says what it must contain.

A file is written before the transaction that refers to it commits: into a temporary
file in the same folder, flushed to disk (fsync), renamed to its name, and the folder
fsynced so the name survives a power cut. A crash leaves at most a file no row refers
to, which is harmless; a row whose file is missing cannot come from a crash.

Reading hashes the bytes again: a missing file, or one whose bytes no longer match its
name, is refused (:class:`DamagedFile`) naming the hash and the document, never returned.
Files are read-only for their owner (0400), the folders private (0700).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from closingdesk.domain.problems import Conflict

FILE_MODE = 0o400
FOLDER_MODE = 0o700
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


class DamagedFile(Conflict):
    """A stored document's file is missing or its bytes no longer match its hash."""

    default_message = "a stored document's file is missing or has changed"


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class FileStore:
    """The files under one folder (see the module's text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 in lowercase hex: {sha256!r}")
        return self.folder / sha256[:2] / sha256

    def put(self, content: bytes) -> str:
        """Store the bytes (durably, before returning); their SHA-256."""
        return self.put_many([content])[0]

    def put_many(self, contents: Iterable[bytes]) -> list[str]:
        """Store each of the bytes (all durably, before returning); their SHA-256s in order.
        Each file is fsynced as it is written, each folder it was renamed into once at the end."""
        hashes: list[str] = []
        renamed_into: set[Path] = set()
        for content in contents:
            sha256 = sha256_of(content)
            target = self.path(sha256)
            if not (target.exists() and self._intact(target, sha256)):
                self._write(target, content)
                renamed_into.add(target.parent)
            hashes.append(sha256)
        for folder in sorted(renamed_into):
            _fsync_folder(folder)
        return hashes

    def get(self, sha256: str, *, what: str) -> bytes:
        """The bytes stored under ``sha256``; ``what`` names the document in a refusal."""
        target = self.path(sha256)
        try:
            content = target.read_bytes()
        except FileNotFoundError:
            raise DamagedFile(self._missing(sha256, what)) from None
        except OSError as error:
            reason = f"{what}: its file {sha256} cannot be read ({error.strerror})"
            raise DamagedFile(reason) from None
        found = sha256_of(content)
        if found != sha256:
            raise DamagedFile(self._changed(sha256, what, found))
        return content

    def check(self, sha256: str, *, what: str) -> str | None:
        """Why the file of ``sha256`` is not intact, or None when it is (reads it in chunks)."""
        target = self.path(sha256)
        digest = hashlib.sha256()
        try:
            with target.open("rb") as file:
                while chunk := file.read(_CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            return self._missing(sha256, what)
        except OSError as error:
            return f"{what}: its file {sha256} cannot be read ({error.strerror})"
        found = digest.hexdigest()
        return None if found == sha256 else self._changed(sha256, what, found)

    def hashes(self) -> Iterator[str]:
        """The hashes of every file in the store (names only; nothing is read)."""
        if not self.folder.is_dir():
            return
        for shard in sorted(self.folder.iterdir()):
            if shard.is_dir() and len(shard.name) == 2:
                for file in sorted(shard.iterdir()):
                    if _SHA256.fullmatch(file.name) and file.name.startswith(shard.name):
                        yield file.name

    def _write(self, target: Path, content: bytes) -> None:
        """Write to a temporary file beside ``target``, fsync it, rename it to ``target``."""
        self._make_folder(target.parent)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, target)  # replaces a damaged copy with the right bytes
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _intact(self, target: Path, sha256: str) -> bool:
        return self.check(sha256, what=str(target)) is None

    def _make_folder(self, shard: Path) -> None:
        if shard.is_dir():
            return
        for folder in (self.folder, shard):
            if not folder.is_dir():
                folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
                _fsync_folder(folder.parent)

    # The messages name the document and the hash, not the folder: a refusal may reach a
    # purchaser's browser. `closingdesk files verify` says which folder it checked.
    def _missing(self, sha256: str, what: str) -> str:
        return (
            f"{what}: its file {sha256} is missing from the file store; "
            "restore the file store from a backup"
        )

    def _changed(self, sha256: str, what: str, found: str) -> str:
        return (
            f"{what}: its file {sha256} has changed on disk (its bytes now hash to {found}); "
            "it was not used. Restore the file from a backup"
        )


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
