"""The DWAC instruction letter of one settlement run as a PDF: the letter, then its schedule.

The schedule lists every purchaser's row; a run may have 100,000 of them. Reportlab's own
table, split page by page, copies its remaining rows at every page break; the schedule
here hands reportlab one page's worth of rows at a time instead, so the cost grows with
the number of rows, not with its square, and a row's cells are made only when laid out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table

from closingdesk.adapters.documents.pdf_blocks import flowables, plain
from closingdesk.adapters.documents.pdf_document import render_story
from closingdesk.adapters.documents.pdf_pages import PdfMeta
from closingdesk.adapters.documents.pdf_styles import ASIAN, SERIF, styles
from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.forms import expand
from closingdesk.domain.documents.forms_catalog import (
    DWAC_LETTER,
    FormInUse,
    built_in,
    defaults,
    without_empty,
)
from closingdesk.domain.money import format_shares
from closingdesk.domain.offering.terms import OfferingTerms, Signatory
from closingdesk.domain.settlement.dwac_instruction import (
    DwacInstructionRow,
    DwacLetter,
    dwac_letter,
)

HEADER = ("#", "Purchaser", "Shares", "DTC participant", "DTC account", "Reference", "Warrant")
COLUMNS = [0.55 * inch, 1.85 * inch, 0.85 * inch, 0.75 * inch, 0.9 * inch, 0.9 * inch, 0.7 * inch]
MOST_ON_A_PAGE = 70  # more rows than the smallest rows can fill a page with
SMALLEST_PART = 0.75 * inch  # the header and a row or two
FONT_SIZE, PADDING = 8, 2
TABLE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), SERIF),
    ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ALIGN", (2, 1), (2, -1), "RIGHT"),
    ("LINEBELOW", (0, 0), (-1, 0), 0.6, "#000000"),
    ("LINEBELOW", (0, 1), (-1, -1), 0.25, "#BBBBBB"),
    ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), PADDING),
    ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
]
Cells = tuple[list[Any], ...]


def render_dwac_letter_pdf(
    rows: Sequence[DwacInstructionRow],
    terms: OfferingTerms,
    *,
    dated: date,
    signer: Signatory | None = None,
    cutoff: datetime | None = None,
    attachments: Sequence[tuple[str, str]] = (),
    form: FormInUse | None = None,
) -> bytes:
    """The letter (``form``: the DWAC letter form in use, closingdesk's own when None) and
    its schedule; signed by ``signer`` in its block (the PDF itself is signed afterwards,
    with the offering's key)."""
    form = form or built_in(DWAC_LETTER)
    letter = dwac_letter(
        rows, terms, dated=dated, signer=signer, cutoff=cutoff, attachments=attachments
    )
    meta = PdfMeta(
        title=letter.subject,
        subject="DWAC issuance instruction",
        author=letter.issuer,
        dated=dated,
        identity=f"dwac|{letter.issuer}|{letter.cusip}|{dated}|{len(rows)}",
        keywords=form.label,
    )
    total = sum(row.shares for row in rows)
    closing = Paragraph(
        f"Total: {len(rows):,} purchasers, {format_shares(total)} shares.", styles()["flush"]
    )
    story = [*_letter(letter, form), PageBreak(), *_schedule_title(), Schedule(rows), closing]
    return render_story(story, meta)


def _letter(letter: DwacLetter, form: FormInUse) -> list[Flowable]:
    context = {**defaults(DWAC_LETTER), **letter.context()}
    return flowables(without_empty(expand(form.items, {}), context), context)


def _schedule_title() -> list[Flowable]:
    return flowables([t.Heading("Schedule of purchasers", centered=True)], {})


class Schedule(Flowable):  # type: ignore[misc]
    """The rows from ``start`` on, laid out a page's worth at a time.

    ``made`` holds the cells of the next rows, already made for the page before but left
    over when it filled up.
    """

    def __init__(
        self, rows: Sequence[DwacInstructionRow], start: int = 0, made: Cells = ()
    ) -> None:
        super().__init__()
        self._rows, self._start, self._made = rows, start, made
        self._table: Table | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._start + MOST_ON_A_PAGE < len(self._rows):
            return availWidth, availHeight + 1  # more than a page: make the frame split it
        self._table = self._page(len(self._rows) - self._start)
        return self._table.wrap(availWidth, availHeight)  # type: ignore[no-any-return]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if availHeight < SMALLEST_PART:  # the end of a page: try the next one
            return []
        table = self._page(MOST_ON_A_PAGE)
        parts = table.split(availWidth, availHeight)
        if not parts:
            return []
        fitted = len(parts[0]._cellvalues) - 1  # its repeated header row is not a purchaser
        rest = tuple(table._cellvalues[1 + fitted :])
        return [parts[0], Schedule(self._rows, self._start + fitted, rest)]

    def draw(self) -> None:
        if self._table is not None:
            self._table.drawOn(self.canv, 0, 0)

    def _page(self, count: int) -> Table:
        stop = min(self._start + count, len(self._rows))
        new = range(self._start + len(self._made), stop)
        return _table([*self._made, *(_cells(i + 1, self._rows[i]) for i in new)])


def _table(body: list[list[Any]]) -> Table:
    header = [Paragraph(f"<b>{name}</b>", _cell_style(name == "Shares")) for name in HEADER]
    table = Table([header, *body], colWidths=COLUMNS, repeatRows=1, hAlign="LEFT")
    table.setStyle(TABLE_STYLE)
    return table


def _cells(number: int, row: DwacInstructionRow) -> list[Any]:
    name, account, reference = (
        _cell(text, width)
        for text, width in zip(
            (row.purchaser_name, row.dtc_account, row.dtc_reference or ""),
            (COLUMNS[1], COLUMNS[4], COLUMNS[5]),
            strict=True,
        )
    )
    shares = format_shares(row.shares)
    return [str(number), name, shares, row.dtc_participant, account, reference, row.warrant_number]


def _cell(text: str, width: float) -> str | Paragraph:
    """A short text as it is (fast to lay out); a long one, or one in an Asian script, as a
    paragraph, which wraps and switches fonts."""
    fits = stringWidth(text, SERIF, FONT_SIZE) <= width - 2 * PADDING
    return text if fits and not ASIAN.search(text) else Paragraph(plain(text), _cell_style())


@lru_cache(maxsize=2)
def _cell_style(right: bool = False) -> Any:
    return styles()["line"].clone(
        "schedule-right" if right else "schedule",
        fontSize=FONT_SIZE,
        leading=9.5,
        splitLongWords=True,
        alignment=TA_RIGHT if right else TA_LEFT,
    )
