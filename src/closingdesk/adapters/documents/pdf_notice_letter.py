"""A notice letter as a PDF, set like every closingdesk document.

The letter's texts are values of the layout's fields, never its markup, so whatever a user
writes in a subject or a paragraph (braces, quotes, ampersands) prints as written.
"""

from __future__ import annotations

from closingdesk.adapters.documents.pdf_document import PdfMeta, render_pdf
from closingdesk.domain.documents import typeset as t
from closingdesk.domain.documents.agreement_form import written_date
from closingdesk.domain.documents.notice_letter import NoticeLetter


def render_notice_pdf(letter: NoticeLetter) -> bytes:
    sender = letter.from_lines[0] if letter.from_lines else "closingdesk"
    meta = PdfMeta(
        title=f"Notice: {letter.subject}",
        subject=letter.subject,
        author=sender,
        dated=letter.dated,
        identity=f"notice|{letter.dated}|{'|'.join(letter.to_lines)}|{letter.subject}",
    )
    return render_pdf(_blocks(letter), _context(letter), meta)


def _blocks(letter: NoticeLetter) -> list[t.Block]:
    return [
        *([t.Lines("from")] if letter.from_lines else []),
        t.Para("{dated}", indent_first=False),
        t.Lines("to"),
        t.Heading("{subject}"),
        *(t.Para(f"{{p{i}}}", indent_first=False) for i in range(len(letter.paragraphs))),
        *([t.Lines("signature")] if letter.signature_lines else []),
    ]


def _context(letter: NoticeLetter) -> t.Context:
    return {
        "from": letter.from_lines,
        "dated": written_date(letter.dated),
        "to": letter.to_lines,
        "subject": f"Re: {letter.subject}",
        "signature": letter.signature_lines,
        **{f"p{i}": text for i, text in enumerate(letter.paragraphs)},
    }
