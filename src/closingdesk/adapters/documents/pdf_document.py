"""A typeset document laid out as a PDF: deterministic bytes for the same blocks and values."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from io import BytesIO

from reportlab.platypus import Flowable, SimpleDocTemplate

from closingdesk.adapters.documents.pdf_blocks import flowables
from closingdesk.adapters.documents.pdf_pages import PagedCanvas, PdfMeta
from closingdesk.adapters.documents.pdf_styles import MARGIN, PAGE, register_fonts
from closingdesk.domain.documents.typeset import Block, Context

__all__ = ["PdfMeta", "render_pdf", "render_story"]


def render_pdf(blocks: Sequence[Block], context: Context, meta: PdfMeta) -> bytes:
    register_fonts()
    return render_story(flowables(blocks, context), meta)


def render_story(
    story: Sequence[Flowable], meta: PdfMeta, *, pagesize: tuple[float, float] = PAGE
) -> bytes:
    """Flowables laid out as every closingdesk PDF is: our face, margins, footer, fixed bytes."""
    register_fonts()
    out = BytesIO()
    template = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator="closingdesk",
        producer="closingdesk",
        keywords=meta.keywords,
        invariant=1,
        lang="en-US",
    )
    template.build(list(story), canvasmaker=partial(PagedCanvas, meta=meta, pagesize=pagesize))
    return out.getvalue()
