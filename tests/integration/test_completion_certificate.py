"""The certificate of completion: every signing event with its evidence, the same bytes twice."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader

from closingdesk.adapters.signing.completion import completion_pdf
from closingdesk.domain.signing.signing_evidence import Completion, SigningEvidence

SEEN = "ab" * 32
AT = datetime(2002, 3, 12, 17, 5, tzinfo=UTC)
PURCHASER = SigningEvidence(
    who="Jane Roe",
    title="Managing Member",
    role="purchaser",
    method="electronic",
    at=AT,
    document_sha256=SEEN,
    ip="203.0.113.7",
    user_agent="Mozilla/5.0 (X11; Linux x86_64)",
    consent_version="esign-1",
    link_id=17,
    sent_to="jane@alpha.example",
)
COMPANY = SigningEvidence(
    who="Samuel Gulko",
    title="Chief Financial Officer",
    role="company",
    method="electronic",
    at=datetime(2002, 3, 12, 11, 0, tzinfo=UTC),
    document_sha256=SEEN,
    consent_version="esign-1",
)


def completion(*events: SigningEvidence) -> Completion:
    return Completion(
        document_name="Securities Purchase Agreement - Alpha Fund (version 2)",
        document_sha256=SEEN,
        events=events,
        generated_at=datetime(2002, 3, 12, 23, 0, tzinfo=UTC),
        offering="neotherapeutics-2002",
    )


def page_text(pdf: bytes) -> str:
    """The strings the pages show, one space between lines (reportlab writes plain Tj text)."""
    pages = PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Kids"]
    content = "".join(page.get_object()["/Contents"].data.decode("latin-1") for page in pages)
    shown = re.findall(r"\((.*?)(?<!\\)\) Tj", content)
    return " ".join(text.replace("\\(", "(").replace("\\)", ")") for text in shown)


def test_the_certificate_lists_the_document_its_hash_and_every_event_with_its_evidence() -> None:
    text = page_text(completion_pdf(completion(PURCHASER, COMPANY)))
    for shown in (
        "Certificate of completion",
        "Securities Purchase Agreement - Alpha Fund (version 2)",
        SEEN,
        "Jane Roe, Managing Member",
        "Samuel Gulko, Chief Financial Officer",
        "2002-03-12 17:05:00 UTC",
        "203.0.113.7",
        "jane@alpha.example",
        "esign-1",
        "this document",
    ):
        assert shown in text, shown


def test_the_same_completion_gives_the_same_bytes() -> None:
    assert completion_pdf(completion(PURCHASER)) == completion_pdf(completion(PURCHASER))


def test_an_event_on_another_version_is_flagged_on_the_certificate() -> None:
    other = SigningEvidence(
        who="Old Fund", role="purchaser", method="signature page", at=AT, document_sha256="cd" * 32
    )
    text = page_text(completion_pdf(completion(other)))
    assert "OTHER: cdcdc" in text
    assert "signed a different version of the document" in text


def test_signers_named_in_any_script_come_back_from_the_certificate() -> None:
    names = ("山田太郎", "Στέφανος Παπαδόπουλος", "شركة الأمل للاستثمار")
    events = [replace(PURCHASER, who=name, title=None) for name in names]
    content = completion_pdf(completion(*events))
    text = unicodedata.normalize(
        "NFKC", " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
    )
    assert all(name in text for name in names)
