"""The binder's own pages, set like closingdesk's other documents: the cover with its
contents, the page that says a section is empty, and the tables the memo and log are made of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Spacer
from reportlab.platypus import Table as RLTable

from closingdesk.adapters.documents.pdf_document import render_story
from closingdesk.adapters.documents.pdf_pages import PdfMeta
from closingdesk.adapters.documents.pdf_paragraphs import KeptParagraph
from closingdesk.adapters.documents.pdf_styles import (
    SERIF_BOLD,
    WIDTH,
    styles,
    with_fallback,
)

UNDATED = date(2000, 1, 1)  # the cover's own PDF date; its pages are copied into the binder
CONTENTS_COLUMNS = ("Section", "Documents", "Pages", "First page")
GRID = "#999999"


@dataclass(frozen=True)
class ContentsRow:
    section: str
    documents: int
    pages: int
    first_page: int  # in the binder, counting from 1


def cover_pdf(title: str, rows: Sequence[ContentsRow]) -> bytes:
    s = styles()
    table = grid(
        CONTENTS_COLUMNS, [_contents(row) for row in rows], widths=(0.58, 0.14, 0.14, 0.14)
    )
    note = (
        "Each section and each document in it has a bookmark. A section without documents "
        "has a page that says so, so that nothing is missing by accident. The copies bound "
        "here carry no signature fields: a digital signature covers its own file and cannot "
        "survive being bound with others. Each signed original is in the binder's ZIP, where "
        "closingdesk documents verify checks it."
    )
    story = [
        KeptParagraph(with_fallback(title), s["title"]),
        KeptParagraph("Contents", s["subtitle"]),
        table,
        Spacer(0, 14),
        KeptParagraph(note, s["flush"]),
    ]
    return render_story(story, _meta(title, "Closing binder: contents", title))


def none_pdf(binder_title: str, section: str) -> bytes:
    s = styles()
    story = [
        KeptParagraph(with_fallback(section), s["title"]),
        KeptParagraph("None: this section has no documents.", s["subtitle"]),
    ]
    return render_story(story, _meta(binder_title, f"Closing binder: {section}", section))


def _contents(row: ContentsRow) -> tuple[str, ...]:
    documents = f"{row.documents:,}" if row.documents else "none"
    return row.section, documents, f"{row.pages:,}", f"{row.first_page:,}"


def grid(
    columns: Sequence[str], rows: Sequence[Sequence[str]], *, widths: Sequence[float]
) -> RLTable:
    """A ruled table of wrapped text; ``widths`` are shares of the text width."""
    head, cell = cell_styles()
    data = [[KeptParagraph(with_fallback(c), head) for c in columns]]
    data += [[KeptParagraph(with_fallback(v), cell) for v in row] for row in rows]
    table = RLTable(data, colWidths=[w * WIDTH for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), "#EEEEEE"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return table


@lru_cache(maxsize=1)
def cell_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    cell = styles()["line"].clone("cell", fontSize=9, leading=11)
    return cell.clone("head", fontName=SERIF_BOLD), cell


def _meta(title: str, subject: str, identity: str) -> PdfMeta:
    identity = f"binder|{identity}"
    return PdfMeta(title, subject, author="closingdesk", dated=UNDATED, identity=identity)
