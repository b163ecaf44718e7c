"""A binder section set as one ruled table: the purchaser schedule, the delivery proofs, the
bank evidence. Landscape, small type, the header repeated on every page; same rows, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus import Table as RLTable

from closingdesk.adapters.binder.binder_pages import GRID, UNDATED, cell_styles
from closingdesk.adapters.documents.pdf_document import render_story
from closingdesk.adapters.documents.pdf_pages import PdfMeta
from closingdesk.adapters.documents.pdf_paragraphs import KeptParagraph
from closingdesk.adapters.documents.pdf_styles import (
    MARGIN,
    PAGE,
    styles,
    with_fallback,
)

LANDSCAPE = landscape(PAGE)
WIDE = LANDSCAPE[0] - 2 * MARGIN


def render_table_pdf(
    title: str,
    intro: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[float],
    issuer: str,
) -> bytes:
    """``widths``: each column's share of the page's text width."""
    s = styles()
    story: list[Flowable] = [
        KeptParagraph(with_fallback(title), s["title"]),
        KeptParagraph(with_fallback(intro), s["flush"]),
        Spacer(0, 6),
        _table(columns, rows, widths) if rows else KeptParagraph("None.", s["flush"]),
    ]
    meta = PdfMeta(title, f"{title}: {issuer}", issuer, UNDATED, f"binder-table|{title}|{issuer}")
    return render_story(story, meta, pagesize=LANDSCAPE)


def _table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> RLTable:
    head, cell = cell_styles()
    small = cell.clone("small-cell", fontSize=8, leading=9.5)
    data = [[KeptParagraph(with_fallback(c), head) for c in columns]]
    data += [
        [KeptParagraph(with_fallback(v).replace("\n", "<br/>"), small) for v in r] for r in rows
    ]
    table = RLTable(data, colWidths=[w * WIDE for w in widths], repeatRows=1, hAlign="LEFT")
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


def _markup(value: str) -> str:
    return with_fallback(value).replace("\n", "<br/>")
