"""The look of closingdesk's PDFs: a serif face, US Letter, one-inch margins, law-firm spacing.

The face is Source Serif Pro (SIL Open Font License, from the ``font-source-serif-pro``
package), embedded and subset, so names in any Latin, Greek or Cyrillic script print.
Chinese, Japanese and Korean text, which it lacks, is set in the standard Asian fonts of
PDF readers (not embedded). Fonts are registered with reportlab on first use, not at import.

>>> with_fallback("Sakura Fund (さくら) & 山田")
'Sakura Fund (<font name="HeiseiMin-W3">さくら</font>) &amp; <font name="STSong-Light">山田</font>'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

PAGE = LETTER
MARGIN = inch
WIDTH = PAGE[0] - 2 * MARGIN
STEP = 0.5 * inch  # one level of indentation
SERIF, SERIF_BOLD = "ClosingdeskSerif", "ClosingdeskSerif-Bold"
FACES = {
    SERIF: "SourceSerifPro-Regular.ttf",
    SERIF_BOLD: "SourceSerifPro-Bold.ttf",
    "ClosingdeskSerif-Italic": "SourceSerifPro-It.ttf",
    "ClosingdeskSerif-BoldItalic": "SourceSerifPro-BoldIt.ttf",
}
JAPANESE, KOREAN, CHINESE = "HeiseiMin-W3", "HYSMyeongJo-Medium", "STSong-Light"
ASIAN = re.compile("[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
KANA, HANGUL = re.compile("[\u3040-\u30ff]"), re.compile("[\uac00-\ud7af]")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    folder = files("font_source_serif_pro") / "files"
    for name, file_name in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
    pdfmetrics.registerFontFamily(SERIF, *FACES)
    for name in (JAPANESE, KOREAN, CHINESE):
        pdfmetrics.registerFont(UnicodeCIDFont(name))


def with_fallback(text: str) -> str:
    """Paragraph markup for a text: escaped, its Chinese, Japanese or Korean runs in a
    font that has them."""
    if text.isascii():
        return escape(text)
    out, position = [], 0
    for match in ASIAN.finditer(text):
        run = match.group()
        font = JAPANESE if KANA.search(run) else KOREAN if HANGUL.search(run) else CHINESE
        out += [escape(text[position : match.start()]), f'<font name="{font}">{run}</font>']
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
