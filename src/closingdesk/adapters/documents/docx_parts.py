"""Word features python-docx has no call for: borders, shading, fields, a page's footer.

Each takes a python-docx object and adds the WordprocessingML it lacks.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Inches, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

RULE = "4"  # eighths of a point: the weight of a line to write on


def _border(side: str, size: str = RULE, space: str = "1", color: str = "000000") -> Any:
    element = OxmlElement(f"w:{side}")
    for name, value in (("val", "single"), ("sz", size), ("space", space), ("color", color)):
        element.set(qn(f"w:{name}"), value)
    return element


def box(paragraph: Paragraph) -> None:
    """A thin frame and a light shade; consecutive framed paragraphs share one frame."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_border(side, space="4", color="555555"))
    properties.append(borders)
    shade = OxmlElement("w:shd")
    for name, value in (("val", "clear"), ("color", "auto"), ("fill", "F4F4F4")):
        shade.set(qn(f"w:{name}"), value)
    properties.append(shade)


def rule_below(cell: _Cell) -> None:
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    borders.append(_border("bottom"))
    properties.append(borders)


def rule_above_cell(cell: _Cell) -> None:
    borders = OxmlElement("w:tcBorders")
    borders.append(_border("top", size="3", space="4", color="999999"))
    cell._tc.get_or_add_tcPr().append(borders)


def field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word computes when it lays out the page: "PAGE", "NUMPAGES"."""
    parts = (
        ("w:fldChar", "w:fldCharType", "begin", None),
        ("w:instrText", "xml:space", "preserve", f" {instruction} "),
        ("w:fldChar", "w:fldCharType", "separate", None),
        ("w:t", "xml:space", "preserve", "1"),
        ("w:fldChar", "w:fldCharType", "end", None),
    )
    for tag, attribute, value, text in parts:
        element = OxmlElement(tag)
        element.set(qn(attribute), value)
        element.text = text
        paragraph.add_run()._r.append(element)


def footer(section: Section, text: str, width: float) -> None:
    """The footer under a rule: the document's name on the left (wrapped when long),
    "Page x of y" on the right."""
    table = section.footer.add_table(rows=1, cols=2, width=Inches(width))
    table.autofit = False
    for column, inches in zip(table.columns, (width - 1.2, 1.2), strict=True):
        column.width = Inches(inches)
    name, page = (cell.paragraphs[0] for cell in table.rows[0].cells)
    name.add_run(text)
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page.add_run("Page ")
    field(page, "PAGE")
    page.add_run(" of ")
    field(page, "NUMPAGES")
    for cell in table.rows[0].cells:
        rule_above_cell(cell)
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(8)
