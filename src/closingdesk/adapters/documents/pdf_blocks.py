"""Typeset blocks made into reportlab flowables, their fields filled from a context."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Indenter, KeepTogether, PageBreak, Spacer
from reportlab.platypus import Table as RLTable

from closingdesk.adapters.documents.pdf_paragraphs import KeptParagraph
from closingdesk.adapters.documents.pdf_styles import STEP, WIDTH, styles, with_fallback
from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.typeset import Block, Context

RULE = 0.6  # points: the weight of a line to write on
SIGNATURE_INDENT = 3.0 * inch


def markup(text: str, context: Context) -> str:
    """Reportlab's paragraph markup for a text: values filled, defined terms in bold."""
    parts = []
    for run, bold in t.runs(text):
        filled = plain(t.fill(run, context))
        parts.append(f"<b>{filled}</b>" if bold else filled)
    return "".join(parts)


def plain(text: str) -> str:
    """A value as paragraph markup: escaped, its line breaks kept."""
    return with_fallback(text).replace("\n", "<br/>")


def flowables(blocks: Sequence[Block], context: Context) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        out += _flowables(block, context)
    return out


def _flowables(block: Block, context: Context) -> list[Flowable]:
    s = styles()
    match block:
        case t.Title(text, subtitle):
            title = KeptParagraph(markup(text, context), s["title"])
            return [title, KeptParagraph(markup(subtitle or " ", context), s["subtitle"])]
        case t.Heading(text, centered):
            return [KeptParagraph(markup(text, context), s["caption" if centered else "heading"])]
        case t.Para():
            return [_paragraph(block, context)]
        case t.Lines(key, boxed):
            return _lines(t.value(context, key).split("\n"), boxed)
        case t.Fields(rows, indent):
            table = _ruled(rows, context, 1.45 * inch, 3.4 * inch)
            return [
                Indenter(left=STEP if indent else 0),
                table,
                Indenter(left=-STEP if indent else 0),
            ]
        case t.Signature():
            return [_signature(block, context)]
        case t.PageBreak():
            return [PageBreak()]


def _paragraph(para: t.Para, context: Context) -> KeptParagraph:
    s = styles()
    text = markup(para.text, context)
    if para.lead:
        text = f"<u>{plain(para.lead)}</u> {text}"
    if para.number:
        return KeptParagraph(text, indented(para.level, numbered=True), para.number)
    if para.level:
        return KeptParagraph(text, indented(para.level, numbered=False))
    return KeptParagraph(text, s["body"] if para.indent_first else s["flush"])


@lru_cache(maxsize=16)
def indented(level: int, *, numbered: bool) -> ParagraphStyle:
    """An item's style: a number hangs in the margin ``level`` steps in, its text one further."""
    if numbered:
        indents = {"leftIndent": (level + 1) * STEP, "bulletIndent": level * STEP}
        return styles()["item"].clone(f"numbered-{level}", **indents)
    return styles()["item"].clone(f"indented-{level}", leftIndent=level * STEP)


def _lines(lines: list[str], boxed: bool) -> list[Flowable]:
    paragraphs = [KeptParagraph(plain(line), styles()["line"]) for line in lines]
    if not boxed:
        return [Indenter(left=STEP), *paragraphs, Spacer(0, 10), Indenter(left=-STEP)]
    box = RLTable([[paragraphs]], colWidths=[3.6 * inch], hAlign="LEFT")
    box.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), RULE, "#555555"),
            ("BACKGROUND", (0, 0), (-1, -1), "#F4F4F4"),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
    )
    return [Indenter(left=STEP), Spacer(0, 2), box, Spacer(0, 12), Indenter(left=-STEP)]


def _ruled(
    rows: tuple[tuple[str, str | None], ...], context: Context, label: float, width: float
) -> RLTable:
    """Labels with their values, each value on a rule; a blank (None) row is a line to sign."""
    s = styles()
    cells = [
        [KeptParagraph(plain(text), s["label"]) for text in (name, t.value(context, key))]
        for name, key in rows
    ]
    table = RLTable(cells, colWidths=[label, width], hAlign="LEFT")
    to_sign = [("TOPPADDING", (0, i), (-1, i), 22) for i, (_, key) in enumerate(rows) if not key]
    table.setStyle(
        [
            ("LINEBELOW", (1, 0), (1, -1), RULE, "#000000"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            *to_sign,
        ]
    )
    table.spaceAfter = 12
    return table


def _signature(block: t.Signature, context: Context) -> Flowable:
    s = styles()
    head = [KeptParagraph(markup(block.lead, context), s["heading"])] if block.lead else []
    party = KeptParagraph(f"<b>{markup(block.party, context)}</b>", s["flush"])
    rows = _ruled(block.rows, context, 0.55 * inch, WIDTH - SIGNATURE_INDENT - 0.55 * inch)
    inner = [*head, party, rows, Spacer(0, 14)]
    return KeepTogether([Indenter(left=SIGNATURE_INDENT), *inner, Indenter(left=-SIGNATURE_INDENT)])
