"""The formats an agreement is drafted in: the form's text, Word and PDF, from the same data.

The text is the seed form, line for line; Word and PDF are the same agreement typeset, with
the form of warrant as Exhibit A and the stored prospectus supplement as Exhibit B (its
pages attached to the PDF), and name their version in the footer. Word comes from
counsel's template when one is given, else from closingdesk's own.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from jinja2 import TemplateError

from closingdesk.adapters.documents.docx_agreement import render_agreement_docx
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.domain.documents.agreement_text import AgreementData, compile_form
from closingdesk.domain.offering.terms import OfferingTerms
from closingdesk.domain.problems import InvalidInput

FORMATS = ("txt", "docx", "pdf")
VERSIONED = ("docx", "pdf")  # formats whose bytes name the document's version


def render_agreement_file(
    fmt: str,
    terms: OfferingTerms,
    data: AgreementData,
    *,
    version: int,
    template: bytes | None,
    supplement: tuple[int, bytes] | None = None,
) -> bytes:
    """``supplement``: the offering's stored prospectus supplement (version, bytes), Exhibit B."""
    if fmt == "pdf":
        return render_agreement_pdf(terms, data, version=version, supplement=supplement)
    if fmt == "docx":
        try:
            return render_agreement_docx(
                terms, data, version=version, template=template, supplement=supplement
            )
        except TemplateError as error:
            raise InvalidInput(f"the Word template cannot be filled: {error}") from error
    return compile_form(terms).render(data).encode("utf-8")


def read_template(path: Path | None, fmt: str) -> bytes | None:
    """Counsel's Word template, checked to be a Word document; None for closingdesk's own."""
    if path is None:
        return None
    if fmt != "docx":
        raise InvalidInput("a template applies to Word agreements only (--format docx)")
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read the template {path}: {error.strerror}") from error
    try:
        with zipfile.ZipFile(BytesIO(content)) as document:
            document.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as error:
        raise InvalidInput(f"{path.name} is not a Word document (.docx)") from error
    return content
