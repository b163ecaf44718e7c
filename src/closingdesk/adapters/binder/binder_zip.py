"""The binder ZIP: the original files, the binder PDF, and a manifest of their SHA-256 hashes.

``MANIFEST.json`` lists every other file in the ZIP with its size and SHA-256 (and the name
it was given, before it was made safe). :func:`verify_binder_zip` reads the ZIP back and
reports every file missing, changed or not listed, each as a problem at the file's path.

The manifest is JSON rather than CSV because it is a document, not a table: a format tag
and version beside the list, sizes that stay numbers, and names with commas, quotes or
line breaks that need no quoting rules; it is what ``--json`` already speaks.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from closingdesk.adapters.binder.zip_manifest import (
    MANIFEST,
    ManifestEntry,
    check_manifest,
    read_manifest,
)
from closingdesk.adapters.binder.zip_paths import safe_paths
from closingdesk.domain.problems import Problem

BINDER_PDF = "binder.pdf"
FORMAT = "closingdesk-binder-manifest"
STAMP = (1980, 1, 1, 0, 0, 0)  # a fixed time: the same files give the same ZIP

__all__ = ["BINDER_PDF", "MANIFEST", "BinderFile", "build_binder_zip", "verify_binder_zip"]


@dataclass(frozen=True)
class BinderFile:
    path: str  # e.g. "executed-agreements/0001-alpha-fund.pdf"; made safe in the ZIP
    content: bytes


def build_binder_zip(files: Sequence[BinderFile], *, binder_pdf: bytes) -> bytes:
    names = safe_paths((f.path for f in files), taken=(BINDER_PDF, MANIFEST))
    entries = [_entry(name, f.path, f.content) for name, f in zip(names, files, strict=True)]
    entries.append(_entry(BINDER_PDF, BINDER_PDF, binder_pdf))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, f in zip(names, files, strict=True):
            _write(archive, name, f.content)
        _write(archive, BINDER_PDF, binder_pdf)
        _write(archive, MANIFEST, _manifest_json(entries))
    return out.getvalue()


def verify_binder_zip(content: bytes, *, source: str = "binder.zip") -> list[Problem]:
    """Every way the ZIP differs from its manifest; empty when all is well.

    ``source`` names the ZIP in problems about the archive as a whole.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(content))
    except zipfile.BadZipFile:
        return [Problem(source, "is not a ZIP archive (or it is truncated)")]
    with archive:
        entries, problems = read_manifest(archive)
        return problems or check_manifest(archive, entries)


def _entry(name: str, given: str, content: bytes) -> ManifestEntry:
    return ManifestEntry(name, len(content), hashlib.sha256(content).hexdigest(), given)


def _manifest_json(entries: Sequence[ManifestEntry]) -> bytes:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "algorithm": "sha256",
        "files": [
            {"path": e.path, "size": e.size, "sha256": e.sha256, "given_path": e.given_path}
            for e in entries
        ],
    }
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _write(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # an ordinary readable file when unpacked
    archive.writestr(info, content)
