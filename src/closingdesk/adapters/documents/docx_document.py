"""A Word document filled from a template with docxtpl, saved as deterministic bytes.

A .docx is a zip: its entries carry the time they were written, and its core properties
the times the document was created and saved. Both are set to the document's own date, so
the same template and values give the same bytes and a stored SHA-256 can be re-derived.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from io import BytesIO
from typing import Any

from docxtpl import DocxTemplate


def render_docx(
    template: bytes, context: Mapping[str, Any], *, dated: date, properties: Mapping[str, str]
) -> bytes:
    """The template filled with ``context`` (values escaped), dated ``dated``."""
    document = DocxTemplate(BytesIO(template))
    document.render(dict(context), autoescape=True)
    core = document.docx.core_properties
    for name, value in properties.items():
        setattr(core, name, value)
    core.created = core.modified = core.last_printed = datetime.combine(dated, time(), UTC)
    out = BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue(), dated)


def fixed_zip(content: bytes, dated: date) -> bytes:
    """The same zip with every entry dated ``dated`` at midnight and the same attributes."""
    stamp = (dated.year, dated.month, dated.day, 0, 0, 0)
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
