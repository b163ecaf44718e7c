"""The document file store (adapters/files): files named by their SHA-256, written
atomically, private, and never returned when they no longer match their name."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from closingdesk.adapters.files.location import files_folder
from closingdesk.adapters.files.store import DamagedFile, FileStore
from closingdesk.domain.problems import InvalidInput

CONTENT = b"%PDF-1.7\nan executed counterpart\n"
SHA = hashlib.sha256(CONTENT).hexdigest()  # worked out here, not by the store


def tamper(path: Path, content: bytes) -> None:
    path.chmod(0o600)
    path.write_bytes(content)


def test_a_file_is_stored_under_its_sha256_read_only_in_a_private_folder(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    assert store.put(CONTENT) == SHA
    path = tmp_path / "files" / SHA[:2] / SHA
    assert path.read_bytes() == CONTENT
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    assert stat.S_IMODE((tmp_path / "files").stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert os.listdir(path.parent) == [SHA]  # no temporary file left beside it
    assert store.put(CONTENT) == SHA  # the same bytes again: the same one file
    assert list(store.hashes()) == [SHA]


def test_reading_gives_the_bytes_back_checked(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    store.put(CONTENT)
    assert store.get(SHA, what="document 7 (agreement.pdf)") == CONTENT
    assert store.check(SHA, what="document 7 (agreement.pdf)") is None


def test_a_file_changed_on_disk_is_refused_naming_the_hash_and_the_document(
    tmp_path: Path,
) -> None:
    store = FileStore(tmp_path)
    store.put(CONTENT)
    tamper(tmp_path / SHA[:2] / SHA, CONTENT.replace(b"executed", b"EXECUTED"))
    with pytest.raises(DamagedFile) as refused:
        store.get(SHA, what="document 7 (agreement.pdf)")
    message = str(refused.value)
    assert SHA in message and "document 7 (agreement.pdf)" in message
    assert "changed on disk" in message
    reason = store.check(SHA, what="document 7 (agreement.pdf)")
    assert reason is not None and SHA in reason


def test_a_missing_file_is_refused_naming_the_hash_and_the_document(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    expected = rf"document 3 \(warrant\.pdf\): its file {SHA} is missing"
    with pytest.raises(DamagedFile, match=expected):
        store.get(SHA, what="document 3 (warrant.pdf)")


def test_storing_the_bytes_again_replaces_a_damaged_copy(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    store.put(CONTENT)
    tamper(tmp_path / SHA[:2] / SHA, b"garbage")
    store.put(CONTENT)
    assert store.get(SHA, what="document 1") == CONTENT


def test_a_name_that_is_not_a_sha256_is_never_a_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        FileStore(tmp_path).path("../../etc/passwd")


def test_the_folder_is_beside_a_sqlite_file_unless_closingdesk_files_names_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLOSINGDESK_FILES", raising=False)
    url = make_url(f"sqlite:///{tmp_path / 'deal.db'}")
    assert files_folder(url) == tmp_path / "deal.db.files"
    monkeypatch.setenv("CLOSINGDESK_FILES", str(tmp_path / "elsewhere"))
    assert files_folder(url) == tmp_path / "elsewhere"


def test_postgresql_without_closingdesk_files_is_refused_saying_what_to_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLOSINGDESK_FILES", raising=False)
    url = make_url("postgresql+psycopg://closer:secret@db.example/closing")
    with pytest.raises(InvalidInput, match="CLOSINGDESK_FILES is not set") as refused:
        files_folder(url)
    assert "secret" not in str(refused.value)


def test_many_files_are_stored_in_one_go_each_under_its_own_hash(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    contents = [b"letter", b"warrant W-0001", b"letter"]
    expected = [hashlib.sha256(c).hexdigest() for c in contents]
    assert store.put_many(contents) == expected
    assert sorted(store.hashes()) == sorted(set(expected))
    for sha256, content in zip(expected, contents, strict=True):
        assert store.get(sha256, what="a test file") == content
