"""Names in any script print in every PDF, and Word files carry the issuer's properties."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.documents.docx_agreement import render_agreement_docx
from closingdesk.adapters.documents.pdf_agreement import render_agreement_pdf
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import FORMATS, draft_agreements
from tests.integration.test_documents_render import ALPHA
from tests.scenarios import ACTOR, NOW, book_file, example_offering

NAMES = {
    "japanese": "山田太郎株式会社",
    "greek": "Παπαδόπουλος Α.Ε.",
    "arabic": "شركة الأمل للاستثمار",
    "korean": "김민준 투자",
}


def extracted(content: bytes) -> str:
    """The PDF's text as pypdf gives it back, in NFKC form (Arabic's joined forms become
    its letters again)."""
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
    return unicodedata.normalize("NFKC", text)


def embedded_fonts(content: bytes) -> set[str]:
    """Base names of the fonts whose program is embedded in the PDF."""
    names = set()
    for page in PdfReader(BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


@pytest.mark.parametrize("script", sorted(NAMES))
def test_a_purchaser_name_in_any_script_comes_back_from_the_agreement_pdf(script: str) -> None:
    name = NAMES[script]
    content = render_agreement_pdf(
        NEOTHERAPEUTICS_2002, replace(ALPHA, purchaser_name=name), version=1
    )
    assert name in extracted(content)
    fonts = embedded_fonts(content)
    assert "SourceSerifPro-Regular" in fonts
    if script in ("japanese", "korean"):
        assert any(f.startswith("ClosingdeskCJK-") for f in fonts)
    if script == "arabic":
        assert "NotoSansArabic-Regular" in fonts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_poppler_reads_the_same_names_back() -> None:
    name = " & ".join(NAMES[s] for s in ("japanese", "greek"))
    content = render_agreement_pdf(
        NEOTHERAPEUTICS_2002, replace(ALPHA, purchaser_name=name), version=1
    )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert NAMES["japanese"] in text and NAMES["greek"] in text


def test_the_word_agreement_carries_the_issuers_properties_not_the_librarys() -> None:
    content = render_agreement_docx(NEOTHERAPEUTICS_2002, ALPHA, version=2)
    core = docx.Document(BytesIO(content)).core_properties
    issuer = NEOTHERAPEUTICS_2002.issuer_name
    assert core.author == issuer
    assert core.title == "Securities Purchase Agreement — Alpha Fund — v2"
    assert "python-docx" not in f"{core.comments}{core.author}{core.last_modified_by}"
    with zipfile.ZipFile(BytesIO(content)) as package:
        app = package.read("docProps/app.xml").decode()
    assert re.search(rf"<Company>{re.escape(issuer)}</Company>", app)
    assert "<Application>closingdesk</Application>" in app and "Microsoft" not in app


def test_drafting_unchanged_agreements_with_names_in_any_script_adds_no_version(
    engine: Engine, tmp_path: Path
) -> None:
    example_offering(engine)
    rows = "".join(
        f'"{name}",1000,,1 Main St,0226,A-{i},\n' for i, name in enumerate(NAMES.values())
    )
    book = book_file(
        tmp_path, f"name,shares,email,address,dtc_participant,dtc_account,dtc_reference\n{rows}"
    )
    import_book(engine, book, offering=None, actor=ACTOR, now=NOW)
    for fmt in FORMATS:
        _, first = draft_agreements(engine, offering=None, fmt=fmt, actor=ACTOR, now=NOW)
        _, again = draft_agreements(engine, offering=None, fmt=fmt, actor=ACTOR, now=NOW)
        assert [d.sha256 for d in again] == [d.sha256 for d in first], fmt
        assert not any(d.changed for d in again) and {d.version for d in again} == {1}, fmt
