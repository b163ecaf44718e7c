"""A notice letter as a PDF, set like every closingdesk document, from the notice form.

The letter's texts are values of the form's placeholders, never its markup, so whatever a
user writes in a subject or a paragraph (braces, quotes, ampersands) prints as written.
"""

from __future__ import annotations

from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.domain.documents.forms_catalog import NOTICE, FormInUse, built_in, notice_blocks
from closingdesk.domain.documents.notice_letter import NoticeLetter


def render_notice_pdf(letter: NoticeLetter, form: FormInUse | None = None) -> bytes:
    """``form``: the notice form in use (closingdesk's own when None)."""
    form = form or built_in(NOTICE)
    sender = letter.from_lines[0] if letter.from_lines else "closingdesk"
    meta = PdfMeta(
        title=f"Notice: {letter.subject}",
        subject=letter.subject,
        author=sender,
        dated=letter.dated,
        identity=f"notice|{letter.dated}|{'|'.join(letter.to_lines)}|{letter.subject}",
        keywords=form.label,
    )
    blocks, context = notice_blocks(letter, form)
    return render_pdf(blocks, context, meta)
