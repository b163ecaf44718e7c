"""Uploaded files (a purchaser book, a bank file): saved under their own name, safely, in a
temporary folder for the service to read, and gone when it is done.

>>> upload_name("C:\\\\Users\\\\ops\\\\statement.bai2")
'statement.bai2'
>>> upload_name("..") is None
True
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from fastapi import UploadFile


def upload_name(filename: str | None) -> str | None:
    """The uploaded file's own name, safe to create in a folder (its suffix kept), or None."""
    # PureWindowsPath also drops a Windows browser's "C:\\Users\\...\\" folders
    name = PureWindowsPath((filename or "").replace("\x00", "")).name
    if name in ("", ".", ".."):
        return None
    stem, suffix = Path(name).stem, Path(name).suffix[:10]
    return stem[:50] + suffix  # at most 240 bytes of UTF-8: file systems allow 255


@contextmanager
def saved_upload(upload: UploadFile, name: str) -> Iterator[Path]:
    """The upload's bytes in a temporary file called ``name``; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="closingdesk-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as handle:
            shutil.copyfileobj(upload.file, handle)
        yield path
