"""The closing memorandum as a PDF, set like closingdesk's other documents."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus import Table as RLTable

from closingdesk.adapters.binder.binder_pages import cell_styles, grid
from closingdesk.adapters.documents.pdf_document import render_story
from closingdesk.adapters.documents.pdf_pages import PdfMeta
from closingdesk.adapters.documents.pdf_paragraphs import KeptParagraph
from closingdesk.adapters.documents.pdf_styles import WIDTH, styles, with_fallback
from closingdesk.domain.documents.closing_memo import (
    TITLE,
    ClosingMemo,
    MemoSection,
    memo_sections,
    memo_subtitle,
)

COLUMN_SHARES = {  # a table's column widths by its number of columns, as shares of the width
    2: (0.7, 0.3),
    6: (0.05, 0.14, 0.17, 0.13, 0.29, 0.22),
}
ROWS_PER_TABLE = 200  # long tables are set in parts, so breaking them into pages stays cheap


def render_memo_pdf(memo: ClosingMemo) -> bytes:
    s = styles()
    story: list[Flowable] = [
        KeptParagraph(TITLE, s["title"]),
        KeptParagraph(with_fallback(memo_subtitle(memo)), s["subtitle"]),
    ]
    for section in memo_sections(memo):
        story += _section(section)
    meta = PdfMeta(
        title=f"Closing memorandum — {memo.issuer} — {memo.offering}",
        subject=f"Closing memorandum of {memo.issuer}",
        author=memo.issuer,
        dated=memo.closing_date,
        identity=f"closing-memo|{memo.issuer}|{memo.offering}|{memo.closing_date}",
    )
    return render_story(story, meta)


def _section(section: MemoSection) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [KeptParagraph(with_fallback(section.heading), s["heading"])]
    if section.figures:
        out.append(_figures(section.figures))
    if section.note:
        out.append(KeptParagraph(with_fallback(section.note), s["flush"]))
    shares = COLUMN_SHARES.get(len(section.columns))
    if section.rows and shares is None:
        shares = (1 / len(section.columns),) * len(section.columns)
    for start in range(0, len(section.rows), ROWS_PER_TABLE):
        rows = section.rows[start : start + ROWS_PER_TABLE]
        out.append(grid(section.columns, rows, widths=shares or ()))
    return [*out, Spacer(0, 10)]


def _figures(figures: tuple[tuple[str, str], ...]) -> RLTable:
    head, cell = _figure_styles()
    data = [
        [KeptParagraph(with_fallback(label), head), KeptParagraph(with_fallback(value), cell)]
        for label, value in figures
    ]
    table = RLTable(data, colWidths=[0.35 * WIDTH, 0.65 * WIDTH], hAlign="LEFT")
    table.setStyle(
        [("LINEBELOW", (0, 0), (-1, -1), 0.3, "#CCCCCC"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    )
    table.spaceAfter = 8
    return table


@lru_cache(maxsize=1)
def _figure_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    head, cell = cell_styles()
    size = {"fontSize": 10.5, "leading": 14}
    return head.clone("figure-label", **size), cell.clone("figure", **size)
