"""Exhibit B: the agreement PDF attaches the stored prospectus supplement's own pages, the
executed counterpart attaches the same ones, and the certificate of completion names its
SHA-256; before a supplement is stored, the agreement says it is not attached."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.examples.demo_prospectus import demo_prospectus
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.agreements import draft_agreements
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.documents.prospectus import add_prospectus, record_prospectus_delivered
from closingdesk.services.signing.signatures import executed_documents
from tests.scenarios import ACTOR, NOW, book_file, example_offering
from tests.signature_scenarios import BOOK, countersign_all, purchaser_id, sign

SUPPLEMENT = demo_prospectus(NEOTHERAPEUTICS_2002)  # a multi-page supplement PDF
SUPPLEMENT_SHA256 = hashlib.sha256(SUPPLEMENT).hexdigest()


def pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def drafted_pdf(engine: Engine) -> tuple[int, bytes]:
    _, drafted = draft_agreements(engine, offering=None, fmt="pdf", actor=ACTOR, now=NOW)
    return drafted[0].version, drafted[0].content


def store_supplement(engine: Engine) -> None:
    add_prospectus(engine, SUPPLEMENT, source="supplement.pdf", offering=None, actor=ACTOR, now=NOW)


def closing(engine: Engine, folder: Path) -> None:
    example_offering(engine)
    import_book(engine, book_file(folder, BOOK), offering=None, actor=ACTOR, now=NOW)


def test_before_a_supplement_is_stored_exhibit_b_says_it_is_not_attached(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    _, content = drafted_pdf(engine)
    last = pages(content)[-1]
    assert "EXHIBIT B" in last and "is not attached to this copy" in last
    assert "delivered separately" not in " ".join(pages(content))


def test_the_agreement_pdf_ends_with_every_page_of_the_stored_supplement(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    _, without = drafted_pdf(engine)
    store_supplement(engine)
    version, content = drafted_pdf(engine)
    supplement_pages, agreement_pages = pages(SUPPLEMENT), pages(content)
    assert version == 2  # the attached exhibit changed the agreement
    assert len(agreement_pages) == len(pages(without)) + len(supplement_pages)
    assert agreement_pages[-len(supplement_pages) :] == supplement_pages
    cover = agreement_pages[-len(supplement_pages) - 1]
    assert "is attached hereto as Exhibit B" in cover and SUPPLEMENT_SHA256 in cover
    assert f"version 1 as stored, {len(supplement_pages)} page" in cover
    assert drafted_pdf(engine) == (2, content)  # drafting again: the same bytes, no version


def test_the_executed_counterpart_attaches_the_signed_supplement_and_the_certificate_names_it(
    engine: Engine, tmp_path: Path
) -> None:
    closing(engine, tmp_path)
    store_supplement(engine)
    drafted_pdf(engine)
    alpha = purchaser_id(engine, "Alpha Fund")
    record_prospectus_delivered(engine, alpha, how="opened", at=NOW, detail={}, actor=ACTOR)
    sign(engine, alpha)
    countersign_all(engine)
    documents = {d.kind: d for d in executed_documents(engine, purchaser_id=alpha)}
    executed = pages(stored_document(engine, documents["executed_agreement"].id).content)
    supplement_pages = pages(SUPPLEMENT)
    assert executed[-len(supplement_pages) :] == supplement_pages
    certificate = " ".join(
        pages(stored_document(engine, documents["completion_certificate"].id).content)
    )
    assert f"Exhibit B, prospectus supplement (SHA-256): {SUPPLEMENT_SHA256}" in certificate
