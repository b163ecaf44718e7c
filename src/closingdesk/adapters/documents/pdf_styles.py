"""The look of closingdesk's PDFs: a serif face, US Letter, one-inch margins, law-firm spacing.

The face is Source Serif Pro (SIL Open Font License, from the ``font-source-serif-pro``
package), embedded and subset, so names in any Latin, Greek or Cyrillic script print.
Chinese, Japanese, Korean and Arabic runs, which it lacks, are set in embedded Noto fonts
(:mod:`~closingdesk.adapters.documents.pdf_scripts`). Fonts are registered with reportlab
on first use, not at import.

>>> with_fallback("Sakura & ") == "Sakura &amp; "
True
>>> with_fallback("山田 (A)").startswith('<font name="ClosingdeskCJK-')
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from closingdesk.adapters.documents.pdf_scripts import (
    RUNS,
    arabic_visual,
    cjk_font,
    register_arabic,
)

PAGE = LETTER
MARGIN = inch
WIDTH = PAGE[0] - 2 * MARGIN
STEP = 0.5 * inch  # one level of indentation
SERIF, SERIF_BOLD = "ClosingdeskSerif", "ClosingdeskSerif-Bold"
ASIAN = RUNS  # the runs set in another font than ours (the name kept for its callers)
FACES = {
    SERIF: "SourceSerifPro-Regular.ttf",
    SERIF_BOLD: "SourceSerifPro-Bold.ttf",
    "ClosingdeskSerif-Italic": "SourceSerifPro-It.ttf",
    "ClosingdeskSerif-BoldItalic": "SourceSerifPro-BoldIt.ttf",
}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    folder = files("font_source_serif_pro") / "files"
    for name, file_name in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
    pdfmetrics.registerFontFamily(SERIF, *FACES)
    register_arabic()


def with_fallback(text: str) -> str:
    """Paragraph markup for a text: escaped, its Chinese, Japanese, Korean or Arabic runs
    in an embedded font that has them (Arabic joined and in right-to-left order)."""
    if text.isascii():
        return escape(text)
    register_fonts()
    out, position = [], 0
    for match in RUNS.finditer(text):
        run = match.group()
        if match.lastgroup == "cjk":
            font, shown = cjk_font(run), run
        else:
            font, shown = register_arabic(), arabic_visual(run)
        tagged = f'<font name="{font}">{escape(shown)}</font>'
        out += [escape(text[position : match.start()]), tagged]
        position = match.end()
    return "".join([*out, escape(text[position:])])


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=SERIF,
        fontSize=10.5,
        leading=14.5,
        alignment=TA_JUSTIFY,
        firstLineIndent=STEP,
        spaceAfter=8,
        splitLongWords=True,
        bulletFontName=SERIF,
        bulletFontSize=10.5,
    )
    return {
        "body": body,
        "flush": ParagraphStyle("flush", body, firstLineIndent=0, alignment=TA_LEFT),
        "item": ParagraphStyle("item", body, firstLineIndent=0),
        "line": ParagraphStyle("line", body, firstLineIndent=0, alignment=TA_LEFT, spaceAfter=0),
        "label": ParagraphStyle("label", body, firstLineIndent=0, alignment=TA_LEFT, spaceAfter=0),
        "title": ParagraphStyle(
            "title",
            body,
            fontName=SERIF_BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=6,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            body,
            fontName=SERIF_BOLD,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=16,
        ),
        "heading": ParagraphStyle(
            "heading",
            body,
            fontName=SERIF_BOLD,
            alignment=TA_LEFT,
            firstLineIndent=0,
            spaceBefore=4,
            spaceAfter=6,
            keepWithNext=True,
        ),
        "caption": ParagraphStyle(
            "caption",
            body,
            fontName=SERIF_BOLD,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=14,
            keepWithNext=True,
        ),
        "footer": ParagraphStyle("footer", body, fontSize=8, leading=10, firstLineIndent=0),
    }
