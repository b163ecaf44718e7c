"""The binder PDF: a cover with the contents, then each section's documents, bookmarked.

The outline has one top-level bookmark per section, pointing at its first page, and under
it one bookmark per document, pointing at the document's first page. A section without
documents gets its bookmark and a page that says "None", so a reader sees that nothing is
missing by accident. Documents are copied page by page into one writer and the outline is
appended at its end, so the time grows with the number of pages, not its square.

A page is copied without its form fields (widget annotations): a digital signature covers the
bytes of its own file and cannot survive being bound into another, so a signature field
carried over would show as broken or empty. The signed originals are in the binder's ZIP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, NameObject

from closingdesk.adapters.binder.binder_pages import ContentsRow, cover_pdf, none_pdf
from closingdesk.domain.problems import InvalidInput, Problem

OPEN_UP_TO = 25  # a section with more documents starts collapsed in the reader's outline


@dataclass(frozen=True)
class BinderDocument:
    title: str
    pdf: bytes


@dataclass(frozen=True)
class BinderSection:
    title: str
    documents: Sequence[BinderDocument]


@dataclass(frozen=True)
class _Part:
    """A section checked and counted: its documents' PDFs, or its "None" page."""

    section: BinderSection
    pdfs: tuple[bytes, ...]
    page_counts: tuple[int, ...]

    @property
    def pages(self) -> int:
        return sum(self.page_counts)


def build_binder_pdf(sections: Sequence[BinderSection], *, title: str) -> bytes:
    """Raises InvalidInput naming every document that is not a readable, unencrypted PDF."""
    parts = _open(sections, title)
    writer = PdfWriter()
    _add(writer, _cover(parts, title))
    starts = [_copy(writer, part) for part in parts]
    for part, first_pages in zip(parts, starts, strict=True):
        _bookmark(writer, part, first_pages)
    writer.add_metadata({"/Title": title, "/Creator": "closingdesk", "/Producer": "closingdesk"})
    writer.page_mode = "/UseOutlines"
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _open(sections: Sequence[BinderSection], title: str) -> list[_Part]:
    parts, problems = [], list[Problem]()
    for section in sections:
        pdfs = tuple(d.pdf for d in section.documents) or (none_pdf(title, section.title),)
        counts = []
        for number, document in enumerate(section.documents, start=1):
            where = f"{section.title}, document {number} ({document.title})"
            counts.append(_page_count(document.pdf, where, problems))
        parts.append(_Part(section, pdfs, tuple(counts) if section.documents else (1,)))
    if problems:
        raise InvalidInput("the binder cannot be built from these documents", problems)
    return parts


def _page_count(pdf: bytes, where: str, problems: list[Problem]) -> int:
    try:
        reader = PdfReader(BytesIO(pdf))
        if reader.is_encrypted:
            problems.append(Problem(where, "is encrypted, so it cannot be bound"))
            return 0
        if not reader.pages:
            problems.append(Problem(where, "has no pages"))
        return len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:  # pypdf on a damaged file
        problems.append(Problem(where, f"is not a readable PDF: {error}"))
        return 0


def _cover(parts: Sequence[_Part], title: str) -> bytes:
    """The cover with each section's first page; laid out again if its own length changes."""
    cover_pages = 1
    while True:
        first, rows = cover_pages + 1, []
        for part in parts:
            documents = len(part.section.documents)
            rows.append(ContentsRow(part.section.title, documents, part.pages, first))
            first += part.pages
        cover = cover_pdf(title, rows)
        laid_out = len(PdfReader(BytesIO(cover)).pages)
        if laid_out == cover_pages:
            return cover
        cover_pages = laid_out


def _copy(writer: PdfWriter, part: _Part) -> list[int]:
    """Each document's first page in the writer (counting from 0), as its pages are added."""
    return [_add(writer, pdf) for pdf in part.pdfs]


def _add(writer: PdfWriter, pdf: bytes) -> int:
    """Copies the PDF's pages to the end, without their form fields; where its first page
    landed (counting from 0)."""
    first = len(writer.pages)
    for page in PdfReader(BytesIO(pdf)).pages:
        writer.add_page(_without_fields(page))
    return first


def _without_fields(page: PageObject) -> PageObject:
    """The page with its widget annotations (signature and other form fields) left out."""
    annotations = page.get("/Annots")
    if annotations is None:
        return page
    kept = [a for a in annotations.get_object() if a.get_object().get("/Subtype") != "/Widget"]
    if kept:
        page[NameObject("/Annots")] = ArrayObject(kept)
    else:
        del page["/Annots"]
    return page


def _bookmark(writer: PdfWriter, part: _Part, starts: list[int]) -> None:
    documents = part.section.documents
    is_open = len(documents) <= OPEN_UP_TO
    parent = writer.add_outline_item(part.section.title, starts[0], is_open=is_open)
    if not documents:  # its one page is the "None" page
        return
    for document, start in zip(documents, starts, strict=True):
        writer.add_outline_item(document.title, start, parent=parent)
