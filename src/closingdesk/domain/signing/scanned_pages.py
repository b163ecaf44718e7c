"""Signed signature pages sent back as files: a PDF, or a PNG or JPEG scan, of a sane size.

The kind of a file is judged by its first bytes, never by its name.

>>> kind_of(b"%PDF-1.7 ..."), kind_of(b"\\x89PNG\\r\\n\\x1a\\n..."), kind_of(b"GIF89a")
('pdf', 'png', None)
>>> [p.what for p in page_file_problems("page.gif", b"GIF89a")]
['a signature page must be a PDF, PNG or JPEG']
"""

from __future__ import annotations

from closingdesk.domain.problems import Problem

MAX_BYTES = 20 * 1024 * 1024
MAGIC = (("pdf", b"%PDF-"), ("png", b"\x89PNG\r\n\x1a\n"), ("jpeg", b"\xff\xd8\xff"))


def kind_of(content: bytes) -> str | None:
    return next((kind for kind, magic in MAGIC if content.startswith(magic)), None)


def page_file_problems(file_name: str, content: bytes) -> list[Problem]:
    where = file_name or "the signature page"
    found = [
        (not content, "the file is empty"),
        (bool(content) and kind_of(content) is None, "a signature page must be a PDF, PNG or JPEG"),
        (len(content) > MAX_BYTES, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB"),
    ]
    return [Problem(where, what) for failed, what in found if failed]
