"""Reading a binder ZIP's manifest and checking the ZIP's files against it.

Each file is hashed as it is read, a chunk at a time, and never beyond one byte more than
the manifest says it holds, so a changed or inflated file costs no more than the original.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from closingdesk.domain.problems import Problem

MANIFEST = "MANIFEST.json"
LARGEST_MANIFEST = 256 * 1024 * 1024  # bytes; far more than 100,000 files need
CHUNK = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # the name in the ZIP
    size: int
    sha256: str
    given_path: str  # the name the file was given, before it was made safe


Read = tuple[list[ManifestEntry], list[Problem]]


def read_manifest(archive: zipfile.ZipFile) -> Read:
    """The manifest's entries, or (no entries and) the problems that make it unusable."""
    found = [info for info in archive.infolist() if info.filename == MANIFEST]
    if not found:
        return [], [Problem(MANIFEST, "is missing, so no file in the ZIP can be checked")]
    if len(found) > 1:
        return [], [Problem(MANIFEST, f"appears {len(found)} times in the ZIP")]
    try:
        with archive.open(found[0]) as stream:
            document = json.loads(stream.read(LARGEST_MANIFEST).decode("utf-8"))
    except (*UNREADABLE, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], [Problem(MANIFEST, f"cannot be read: {error}")]
    return _entries(document)


def check_manifest(archive: zipfile.ZipFile, entries: list[ManifestEntry]) -> list[Problem]:
    counts = Counter(info.filename for info in archive.infolist())
    problems = [
        Problem(name, f"appears {count} times in the ZIP, so a copy could hide another")
        for name, count in counts.items()
        if count > 1
    ]
    for entry in entries:
        problems += _check_file(archive, entry)
    listed = {entry.path for entry in entries} | {MANIFEST}
    problems += [
        Problem(name, "is in the ZIP but not in the manifest")
        for name in counts
        if name not in listed and not name.endswith("/")
    ]
    return problems


def _check_file(archive: zipfile.ZipFile, entry: ManifestEntry) -> list[Problem]:
    try:
        info = archive.getinfo(entry.path)
    except KeyError:
        return [Problem(entry.path, "is listed in the manifest but missing from the ZIP")]
    try:
        size, digest = _digest(archive, info, limit=entry.size + 1)
    except UNREADABLE as error:
        return [Problem(entry.path, f"cannot be read (damaged): {error}")]
    if size != entry.size:
        return [Problem(entry.path, f"has changed: the manifest says {entry.size:,} bytes")]
    if digest != entry.sha256:
        said = f"the manifest says {entry.sha256[:16]}..."
        return [Problem(entry.path, f"has changed: its SHA-256 is {digest[:16]}..., {said}")]
    return []


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with archive.open(info) as stream:
        while size < limit and (chunk := stream.read(min(CHUNK, limit - size))):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _entries(document: Any) -> Read:
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list):
        return [], [Problem(MANIFEST, 'is not a binder manifest: it has no "files" list')]
    entries, problems = [], []
    for number, item in enumerate(files, start=1):
        entry = _entry(item)
        if entry is None:
            problems.append(Problem(f"{MANIFEST} file {number}", _SHAPE))
        else:
            entries.append(entry)
    seen = Counter(entry.path for entry in entries)
    problems += [Problem(MANIFEST, f"lists {path} {n} times") for path, n in seen.items() if n > 1]
    return ([], problems) if problems else (entries, [])


_SHAPE = 'needs "path" (text), "size" (a whole number) and "sha256" (64 hex digits)'


def _entry(item: Any) -> ManifestEntry | None:
    if not isinstance(item, dict):
        return None
    path, size, sha256 = item.get("path"), item.get("size"), item.get("sha256")
    if not isinstance(path, str) or not path or not isinstance(sha256, str):
        return None
    if type(size) is not int or size < 0 or not SHA256.fullmatch(sha256):
        return None
    given = item.get("given_path")
    return ManifestEntry(path, size, sha256, given if isinstance(given, str) else path)
