"""Names in scripts our serif face lacks, set in fonts embedded in the PDF.

Chinese, Japanese and Korean runs are set in Noto Sans CJK (``noto-cjk-sans-jp-regular``,
SIL Open Font License). reportlab embeds only TrueType outlines and Noto CJK has PostScript
ones, so each run gets a small font of its own characters: fontTools subsets the face to
them and redraws the outlines as TrueType quadratics. Arabic runs are set in Noto Sans Arabic
(``fontpkg-noto-sans-arabic``), joined into their contextual forms (``arabic-reshaper``)
and put in right-to-left order (``python-bidi``): a reader shows the name as it is written,
and text extraction gives back the presentation forms, whose NFKC form is the name.

>>> cjk_font("さくら") == cjk_font("らくさ")
True
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib.resources import files
from io import BytesIO

import arabic_reshaper
from bidi import get_display
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont as FontFile
from fontTools.ttLib import newTable
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

ARABIC = "ClosingdeskArabic"
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
_ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
RUNS = re.compile(
    f"(?P<cjk>[{_CJK_CHARS}]+)|(?P<arabic>[{_ARABIC_CHARS}](?:[\\s\u200c\u200d]*[{_ARABIC_CHARS}])*)"
)
CJK_FACE = ("noto_cjk_sans_jp_regular", "NotoSansCJKjp-Regular.otf")
ARABIC_FACE = ("fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf")
TOLERANCE = 1.0  # font units: how far a quadratic may stray from the cubic it replaces


def cjk_font(run: str) -> str:
    """The name of a registered font holding every character of ``run``."""
    characters = "".join(sorted(set(run)))
    return _cjk_font(characters)


@lru_cache(maxsize=512)
def _cjk_font(characters: str) -> str:
    name = "ClosingdeskCJK-" + hashlib.sha256(characters.encode()).hexdigest()[:12]
    pdfmetrics.registerFont(TTFont(name, BytesIO(_truetype_subset(characters, name))))
    return name


def _truetype_subset(characters: str, name: str) -> bytes:
    """Noto Sans CJK cut down to ``characters``, its outlines as TrueType ``glyf``, named
    ``name`` (reportlab tells the fonts of a PDF apart by the name inside them)."""
    package, file_name = CJK_FACE
    font = FontFile(str(files(package) / file_name), lazy=True, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features, options.notdef_outline, options.name_IDs = [], True, ["*"]
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    _to_glyf(font)
    names = font["name"]
    for name_id in (1, 3, 4, 6, 16, 17):
        names.removeNames(nameID=name_id)
    for name_id, value in ((1, name), (3, name), (4, name), (6, name)):
        names.setName(value, name_id, 3, 1, 0x409)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _to_glyf(font: FontFile) -> None:
    """Replace the font's CFF outlines by TrueType ones (reversed: TrueType winds clockwise)."""
    glyph_set, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, TOLERANCE, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for field in ("TwilightPoints", "Storage", "FunctionDefs", "InstructionDefs"):
        setattr(maxp, f"max{field}", 0)
    maxp.maxStackElements = maxp.maxSizeOfInstructions = maxp.maxComponentElements = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


@lru_cache(maxsize=1)
def register_arabic() -> str:
    package, file_name = ARABIC_FACE
    pdfmetrics.registerFont(TTFont(ARABIC, str(files(package) / file_name)))
    return ARABIC


def arabic_visual(run: str) -> str:
    """An Arabic run in its joined forms, in the left-to-right order a page draws them."""
    return str(get_display(arabic_reshaper.reshape(run)))
