"""A Word template made from typeset blocks: the same wording, a Jinja tag at each field.

docxtpl fills the tags: ``{{ name }}`` for a value and a ``{%p for line in ... %}`` loop
for a block of lines. The template is plain Word with named paragraph styles ("Agreement
Body", "Agreement Heading"...), so counsel can restyle or reword it in Word and hand it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Formatter

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from closingdesk.adapters.documents import docx_parts
from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.typeset import Block

STEP, SIGNATURE_INDENT = 0.5, 3.0  # inches
CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)
STYLES = {  # name: (bold, size, alignment, first-line indent, space before, space after)
    "Agreement Title": (True, 14, CENTER, 0, 6, 4),
    "Agreement Subtitle": (True, 11, CENTER, 0, 0, 16),
    "Agreement Heading": (True, 11, LEFT, 0, 4, 6),
    "Agreement Caption": (True, 11, CENTER, 0, 0, 14),
    "Agreement Body": (False, 11, JUSTIFY, STEP, 0, 8),
    "Agreement Text": (False, 11, JUSTIFY, 0, 0, 8),
    "Agreement Line": (False, 11, LEFT, 0, 0, 0),
}


def tags(text: str) -> str:
    """A block's text (a :meth:`str.format` string: ``{field}``, ``{{`` for a brace) as the
    Jinja text docxtpl fills: ``{{ field }}``, a brace as a Jinja string of it.

    >>> tags("a {price} {{sic}}")
    "a {{ price }} {{ '{' }}sic{{ '}' }}"
    """
    out = []
    for literal, name, _, _ in Formatter().parse(text):
        out.append(literal.replace("{", "\0").replace("}", "{{ '}' }}").replace("\0", "{{ '{' }}"))
        if name is not None:
            out.append(f"{{{{ {name} }}}}")
    return "".join(out)


def build_template(blocks: Sequence[Block], *, footer: str, title: str) -> WordDocument:
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    docx_parts.footer(section, tags(footer), 6.5)
    document.core_properties.title = title
    for block in blocks:
        _add(document, block)
    return document


def _styles(document: WordDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(11)
    for name, (bold, size, align, indent, before, after) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.bold, style.font.size = bold, Pt(size)
        form = style.paragraph_format
        form.alignment, form.first_line_indent = align, Inches(indent)
        form.space_before, form.space_after = Pt(before), Pt(after)
        form.keep_with_next = name in ("Agreement Heading", "Agreement Caption")


def _add(document: WordDocument, block: Block) -> None:
    match block:
        case t.Title(text, subtitle):
            _runs(document.add_paragraph(style="Agreement Title"), text)
            _runs(document.add_paragraph(style="Agreement Subtitle"), subtitle)
        case t.Heading(text, centered):
            style = "Agreement Caption" if centered else "Agreement Heading"
            _runs(document.add_paragraph(style=style), text)
        case t.Para():
            _para(document, block)
        case t.Lines(key, boxed):
            document.add_paragraph(f"{{%p for line in {key} %}}")
            line = document.add_paragraph("{{ line }}", style="Agreement Line")
            line.paragraph_format.left_indent = Inches(STEP + (0.1 if boxed else 0))
            if boxed:
                line.paragraph_format.right_indent = Inches(2.4)
                docx_parts.box(line)
            document.add_paragraph("{%p endfor %}")
            document.add_paragraph(style="Agreement Line")
        case t.Fields(rows, indent):
            _ruled(document, rows, STEP if indent else 0, (1.45, 3.4))
        case t.Signature(party, rows, lead):
            for text in (lead, party) if lead else (party,):
                paragraph = _runs(document.add_paragraph(style="Agreement Heading"), text)
                paragraph.paragraph_format.left_indent = Inches(SIGNATURE_INDENT)
            _ruled(document, rows, SIGNATURE_INDENT, (0.7, 6.5 - SIGNATURE_INDENT - 0.7))
        case t.PageBreak():
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _para(document: WordDocument, para: t.Para) -> None:
    plain = para.indent_first and not (para.number or para.level)
    paragraph = document.add_paragraph(style="Agreement Body" if plain else "Agreement Text")
    form = paragraph.paragraph_format
    if para.number:
        form.left_indent, form.first_line_indent = Inches((para.level + 1) * STEP), Inches(-STEP)
        paragraph.add_run(f"{para.number}\t")
    elif para.level:
        form.left_indent = Inches(para.level * STEP)
    if para.lead:
        paragraph.add_run(para.lead).underline = True
        paragraph.add_run(" ")
    _runs(paragraph, para.text)


def _runs(paragraph: Paragraph, text: str) -> Paragraph:
    for run, bold in t.runs(text):
        paragraph.add_run(tags(run)).bold = bold or None
    return paragraph


def _ruled(
    document: WordDocument,
    rows: tuple[tuple[str, str | None], ...],
    indent: float,
    widths: tuple[float, float],
) -> None:
    """Labels and values in a borderless table, each value on a rule to write on."""
    table = document.add_table(rows=len(rows), cols=2)
    table.autofit = False
    indentation = OxmlElement("w:tblInd")
    indentation.set(qn("w:w"), str(int(indent * 1440)))
    indentation.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(indentation)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)
    for (label, key), row in zip(rows, table.rows, strict=True):
        texts = (label, tags(f"{{{key}}}") if key else "")
        for cell, text, width in zip(row.cells, texts, widths, strict=True):
            cell.width = Inches(width)
            paragraph = cell.paragraphs[0]
            paragraph.add_run(text)
            paragraph.paragraph_format.space_before = Pt(18 if key is None else 6)
            paragraph.paragraph_format.space_after = Pt(1)
        docx_parts.rule_below(row.cells[1])
    document.add_paragraph(style="Agreement Line")
