"""A typeset agreement with the stored prospectus supplement's own pages as Exhibit B.

The supplement's pages are copied after the agreement's as they are, without their
annotations or form fields (links, widgets, signature fields: none belongs to the agreement).
The result names the supplement's SHA-256 in its document information, so the executed
counterpart made later attaches the same supplement; the bytes are fixed for the same input.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

EXHIBIT_B_KEY = "/ClosingdeskExhibitB"  # the attached supplement's SHA-256


def attach_exhibit_b(typeset: bytes, supplement: bytes, *, sha256: str) -> bytes:
    """``typeset`` followed by every page of ``supplement``."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(typeset)))
    for page in PdfReader(BytesIO(supplement)).pages:
        added = writer.add_page(page)
        for key in ("/Annots", "/B"):
            if key in added:
                del added[key]
    info = {str(k): str(v) for k, v in (PdfReader(BytesIO(typeset)).metadata or {}).items()}
    info[EXHIBIT_B_KEY] = sha256
    writer.add_metadata({NameObject(k): TextStringObject(v) for k, v in info.items()})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def exhibit_b_sha256(agreement: bytes) -> str | None:
    """The SHA-256 of the supplement attached to an agreement PDF, or None."""
    metadata = PdfReader(BytesIO(agreement)).metadata
    value = None if metadata is None else metadata.get(EXHIBIT_B_KEY)
    return str(value) if value else None


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)
