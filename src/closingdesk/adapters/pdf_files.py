"""Is this file a PDF a reader can open? Checked before a PDF is stored and sent to people.

A PDF starts with ``%PDF-`` and pypdf can read its pages without a password. What is wrong
comes back as problems (none: the file is fine), never as an exception.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from closingdesk.domain.problems import Problem

MAGIC = b"%PDF-"
# pypdf reports damaged files with these, besides its own errors.
_UNREADABLE = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, zlib.error)


def read_pdf(content: bytes, *, source: str) -> tuple[int, list[Problem]]:
    """(pages, problems) of a PDF file; ``source`` names the file in each problem."""
    if not content.startswith(MAGIC):
        return 0, [Problem(source, "is not a PDF: a PDF file starts with %PDF-")]
    try:
        with _pypdf_quiet():
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted and not reader.decrypt(""):
                return 0, [Problem(source, "is locked with a password; store one anyone can open")]
            pages = len(reader.pages)
    except _UNREADABLE as error:
        return 0, [Problem(source, f"is not a readable PDF: {error}")]
    return pages, [] if pages else [Problem(source, "is a PDF without pages")]


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf logs what it finds damaged; here that becomes a problem, not noise on stderr."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
