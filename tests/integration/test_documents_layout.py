"""The typeset pages: long names wrap inside the margins; the warrant PDF stands on its own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import partial
from io import BytesIO

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.adapters.documents.pdf_styles import MARGIN, PAGE, SERIF, SERIF_BOLD
from closingdesk.adapters.documents.pdf_warrant import render_warrant_pdf
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.domain.warrants.warrant import warrant_for_agreement
from tests.integration.test_documents_render import ALPHA, pdf_text, words


def right_edges(content: bytes) -> list[tuple[float, str]]:
    """Where each line of each page ends, measured in the face it is set in."""
    edges = []
    for page in PdfReader(BytesIO(content)).pages:
        lines: dict[tuple[float, float], list[tuple[str, str, float]]] = defaultdict(list)
        page.extract_text(visitor_text=partial(_visit, lines))
        for (x, _), runs in lines.items():
            width = sum(stringWidth(text, face, size) for text, face, size in runs)
            edges.append((x + width, "".join(text for text, _, _ in runs)))
    return edges


def _visit(lines, text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
    """Collect the runs of text that start at the same place (a line), with face and size."""
    face = SERIF_BOLD if font and "Bold" in font.get("/BaseFont", "") else SERIF
    x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    lines[(round(x, 1), round(y, 1))].append((text.rstrip("\n"), face, size))


def test_a_long_unicode_name_wraps_inside_the_margins() -> None:
    name = (
        "Σωκράτης Παπαδόπουλος & Łukasz Wiśniewski-Dvořák Ørsted Ærø Œuvre Fonds Zürich für"
        " Lebenswissenschaften und Beteiligungen Фонд Инвестиций Holdings (Cayman) II Ltd."
    )
    data = replace(ALPHA, purchaser_name=name)
    content = render_agreement_pdf(NEOTHERAPEUTICS_2002, data, version=1)
    text = pdf_text(content)
    assert words(name) in words(text)
    assert not [line for line in text.splitlines() if words(name) in words(line)]  # wrapped
    right = PAGE[0] - MARGIN + 0.5  # points: what measuring the extracted text may add
    overflowing = [(edge, line) for edge, line in right_edges(content) if edge > right]
    assert not overflowing


def test_a_warrant_pdf_names_its_holder_number_and_expiry() -> None:
    warrant = replace(warrant_for_agreement(NEOTHERAPEUTICS_2002, ALPHA), number="W-0007")
    text = words(pdf_text(render_warrant_pdf(warrant)))
    assert "COMMON STOCK PURCHASE WARRANT" in text and "Holder: Alpha Fund" in text
    assert "Warrant No.: W-0007" in text and "Warrant Shares: 250,000" in text
    assert "Expiration Time: 5:00 p.m. (New York City time) on March 12, 2007" in text
    assert "Common Stock Purchase Warrant — Alpha Fund — No. W-0007 Page 1 of 7" in text
