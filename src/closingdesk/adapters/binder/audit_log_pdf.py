"""The audit log as a PDF: the chain's verdict at the top, then one line per event.

Each line shows the event's sequence number, time (UTC), actor, kind, subject, the start of
its payload and of its hash; a cell too long for its column is cut with an ellipsis (the
full events stay in the database and in the binder ZIP). The lines are drawn straight on
the page rather than laid out as a table, so twenty thousand events cost no more per line
than twenty.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from closingdesk.adapters.binder.binder_pages import UNDATED
from closingdesk.adapters.documents.pdf_pages import PagedCanvas, PdfMeta
from closingdesk.adapters.documents.pdf_paragraphs import KeptParagraph
from closingdesk.adapters.documents.pdf_scripts import (
    RUNS,
    arabic_visual,
    cjk_font,
    register_arabic,
)
from closingdesk.adapters.documents.pdf_styles import (
    MARGIN,
    PAGE,
    SERIF,
    SERIF_BOLD,
    WIDTH,
    register_fonts,
    styles,
    with_fallback,
)
from closingdesk.domain.audit.event_chain import ChainedEvent

COLUMNS = ("Seq", "Time (UTC)", "Actor", "Kind", "Subject", "Payload", "Hash")
SHARES = (0.07, 0.17, 0.12, 0.18, 0.14, 0.21, 0.11)  # of the text width
SIZE, ROW, PAD = 7, 9.5, 3  # points: type size, line pitch, space before a column
LONGEST = 200  # characters of a cell measured at most; more never fits
HASH_SHOWN = 12
TOP = PAGE[1] - MARGIN
Runs = list[tuple[str, str]]  # (font, text)


def render_audit_log_pdf(
    events: Sequence[ChainedEvent], *, verdict: str, title: str = "Audit log"
) -> bytes:
    register_fonts()
    out = BytesIO()
    canvas = PagedCanvas(out, pagesize=PAGE, meta=_meta(events, title), invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("closingdesk")
    canvas.setCreator("closingdesk")
    y = _header(canvas, _heading(canvas, title, verdict, len(events)))
    for event in events:
        if y - ROW < MARGIN:
            canvas.showPage()
            y = _header(canvas, TOP)
        _line(canvas, y - ROW, _cells(event), font=SERIF)
        y -= ROW
    canvas.showPage()  # the last page: the canvas keeps pages until it is saved
    canvas.save()
    return out.getvalue()


def _meta(events: Sequence[ChainedEvent], title: str) -> PdfMeta:
    last = events[-1] if events else None
    at = _time(last.at) if last else None
    dated = at.date() if at else UNDATED
    identity = f"audit-log|{title}|{last.hash if last else ''}"
    return PdfMeta(title, "The event log and its hash chain", "closingdesk", dated, identity)


def _heading(canvas: Canvas, title: str, verdict: str, count: int) -> float:
    s, y = styles(), float(TOP)
    counted = f"{count:,} event{'' if count == 1 else 's'}, oldest first."
    for text, style in ((title, s["title"]), (verdict, s["heading"]), (counted, s["flush"])):
        paragraph = KeptParagraph(with_fallback(text), style)
        _, height = paragraph.wrap(WIDTH, TOP)
        paragraph.drawOn(canvas, MARGIN, y - height)
        y -= height + style.spaceAfter
    return y


def _header(canvas: Canvas, y: float) -> float:
    _line(canvas, y - ROW, list(COLUMNS), font=SERIF_BOLD)
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y - ROW - 2.5, MARGIN + WIDTH, y - ROW - 2.5)
    return y - ROW - 3


def _cells(event: ChainedEvent) -> list[str]:
    at = _time(event.at)
    shown = f"{at:%Y-%m-%d %H:%M:%S}" if at else event.at
    return [str(event.seq), shown, event.actor, event.kind, event.subject,
            _payload(event), event.hash[:HASH_SHOWN]]  # fmt: skip


def _payload(event: ChainedEvent) -> str:
    """The payload as ``key=value`` pairs, easier to read in a narrow column than JSON."""
    pairs = (
        f"{key}={value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
        for key, value in sorted(event.payload.items())
    )
    return ", ".join(pairs)


def _time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _line(canvas: Canvas, y: float, cells: list[str], *, font: str) -> None:
    x = MARGIN
    for text, share in zip(cells, SHARES, strict=True):
        _draw(canvas, x, y, _fitted(text, share * WIDTH - PAD, font))
        x += share * WIDTH


def _draw(canvas: Canvas, x: float, y: float, runs: Runs) -> None:
    for font, run in runs:
        canvas.setFont(font, SIZE)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, SIZE)


def _fitted(text: str, width: float, font: str) -> Runs:
    """The runs of the text, cut with an ellipsis where it is wider than the column."""
    text = " ".join(text[:LONGEST].split())
    if _width(runs := _runs(text, font)) <= width:
        return runs
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(_runs(text[:middle] + "…", font)) <= width:
            low = middle
        else:
            high = middle - 1
    return _runs(text[:low].rstrip() + "…", font)


def _runs(text: str, font: str) -> Runs:
    """The text in our face, its Chinese, Japanese, Korean or Arabic runs in a face that has
    them (Arabic joined, in right-to-left order)."""
    if text.isascii():
        return [(font, text)]
    out, position = [], 0
    for match in RUNS.finditer(text):
        run = match.group()
        other = (
            (cjk_font(run), run)
            if match.lastgroup == "cjk"
            else (register_arabic(), arabic_visual(run))
        )
        out += [(font, text[position : match.start()]), other]
        position = match.end()
    return [(f, run) for f, run in [*out, (font, text[position:])] if run]


def _width(runs: Runs) -> float:
    return sum(float(stringWidth(run, font, SIZE)) for font, run in runs)
