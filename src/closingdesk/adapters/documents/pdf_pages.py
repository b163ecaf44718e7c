"""The pages of a closingdesk PDF: a footer naming the document, "Page x of y", fixed metadata.

The page count is known only once every page is laid out, so each page is kept until the
document is saved, then finished with its footer. The PDF's dates are the document's own
date and its ID is derived from what it is, so the same data gives the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

from closingdesk.adapters.documents.pdf_paragraphs import KeptParagraph
from closingdesk.adapters.documents.pdf_styles import MARGIN, SERIF, styles, with_fallback

FOOTER_SIZE = 8


@dataclass(frozen=True)
class PdfMeta:
    title: str  # also the footer's text
    subject: str
    author: str
    dated: date  # the PDF's creation and modification date
    identity: str  # what the document is; its PDF ID is derived from it
    keywords: str = ""  # the forms (kind, version, SHA-256) the document was made from


class PagedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes the footer and "Page x of y" on every page when it is saved."""

    def __init__(self, *args: Any, meta: PdfMeta, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._pages: list[dict[str, Any]] = []
        stamp = f"D:{meta.dated:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)
        self._doc.updateSignature(hashlib.sha256(meta.identity.encode()).hexdigest())

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        """A rule, the document's name (wrapped when long) and the page number under it."""
        top, width = MARGIN - 0.3 * inch, self._pagesize[0]  # landscape pages too
        self.setStrokeColorRGB(0.6, 0.6, 0.6)
        self.setLineWidth(0.4)
        self.line(MARGIN, top + 10, width - MARGIN, top + 10)
        name = KeptParagraph(with_fallback(self._meta.title), styles()["footer"])
        _, height = name.wrap(width - 2 * MARGIN - 1.1 * inch, MARGIN)
        name.drawOn(self, MARGIN, top + FOOTER_SIZE - height)
        self.setFont(SERIF, FOOTER_SIZE)
        self.drawRightString(width - MARGIN, top, f"Page {number} of {total}")
