"""The company countersigns many agreements at once; each becomes an executed, signed PDF."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.signing.pades import asn1_certificate
from closingdesk.adapters.signing.verification import verify_pdf
from closingdesk.adapters.store.signing_repository import SigningRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.signing.countersigning import CountersignResult
from closingdesk.services.signing.executed_counterparts import execute_counterparts
from closingdesk.services.signing.signatures import executed_documents, signing_view
from tests.signature_scenarios import (
    COUNTERSIGNER,
    Ids,
    countersign_all,
    event_count,
    events,
    now,
    purchaser,
    ready_closing,
    sign,
)


@pytest.fixture
def ids(engine: Engine, tmp_path: Path) -> Ids:
    return ready_closing(engine, tmp_path)


@pytest.fixture
def countersigned(engine: Engine, ids: Ids) -> CountersignResult:
    """Alpha signed and countersigned; Beta and Gamma have not signed."""
    sign(engine, ids.alpha)
    return countersign_all(engine)


def text_of(pdf: bytes) -> str:
    """The PDF's words, each run of white space one space."""
    pages = (page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(" ".join(pages).split())


def ca_certificate(engine: Engine) -> bytes:
    with UnitOfWork(engine, read_only=True) as uow:
        authority = SigningRepository(uow.connection).authority()
    assert authority is not None
    return authority.certificate_pem


def test_countersigning_all_signs_only_those_who_signed_and_says_why_not_the_others(
    engine: Engine, ids: Ids, countersigned: CountersignResult
) -> None:
    assert countersigned.countersigned == [ids.alpha]
    assert countersigned.skipped == [
        (ids.beta, ["the purchaser has not signed"]),
        (ids.gamma, ["the purchaser has not signed"]),
    ]
    assert len(countersigned.executed_document_ids) == 1 and countersigned.failed == []
    assert purchaser(engine, ids.alpha).checklist["company_signed"]
    assert not purchaser(engine, ids.beta).checklist["company_signed"]
    [event] = events(engine, ids.alpha, "agreement.countersigned")
    assert (event.payload["signer_name"], event.payload["signer_title"]) == COUNTERSIGNER
    assert event.payload["ip"] == "198.51.100.4" and event.payload["side"] == "company"


def test_the_executed_pdf_is_valid_to_closingdesks_check_and_to_pyhankos_own(
    engine: Engine, countersigned: CountersignResult
) -> None:
    executed = stored_document(engine, countersigned.executed_document_ids[0]).content
    root = ca_certificate(engine)
    verdict = verify_pdf(executed, [root])
    assert verdict.valid and verdict.covers_whole_document and verdict.signatures == 1
    assert verdict.signed_by == "NeoTherapeutics, Inc. closing signatures"
    signature = PdfFileReader(BytesIO(executed)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[asn1_certificate(root)])
    status = validate_pdf_signature(signature, context)
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE


def test_the_executed_pdf_completes_both_signature_blocks(
    engine: Engine, ids: Ids, countersigned: CountersignResult
) -> None:
    executed = stored_document(engine, countersigned.executed_document_ids[0])
    assert (executed.info.kind, executed.info.version) == ("executed_agreement", 1)
    text = text_of(executed.content)
    assert "By: /s/ Samuel Gulko" in text and "Title: Chief Financial Officer" in text
    assert "By: /s/ Jane Roe" in text and "Title: Managing Member" in text
    assert text.count("Date: ") >= 2 and "Alpha Fund — v1 — executed" in text
    assert "1,000,000 shares" in text


def test_the_certificate_of_completion_lists_every_signing_event_and_the_hashes(
    engine: Engine, ids: Ids, countersigned: CountersignResult
) -> None:
    documents = {d.kind: d for d in executed_documents(engine, purchaser_id=ids.alpha)}
    certificate = stored_document(engine, documents["completion_certificate"].id)
    text = text_of(certificate.content)
    view = signing_view(engine, purchaser_id=ids.alpha)
    assert f"Document SHA-256: {view.agreement_sha256}" in text
    assert f"Executed PDF SHA-256: {documents['executed_agreement'].sha256}" in text
    assert "Signing events: 2" in text
    for evidence in ("Jane Roe", "203.0.113.9", "jane@alpha.example", "Samuel Gulko"):
        assert evidence in text
    assert "OTHER" not in text and "Problem" not in text
    assert verify_pdf(certificate.content, [ca_certificate(engine)]).valid
    [executed] = events(engine, ids.alpha, "agreement.executed")
    assert executed.payload["executed_sha256"] == documents["executed_agreement"].sha256
    assert executed.payload["certificate_sha256"] == documents["completion_certificate"].sha256


def test_countersigning_again_changes_nothing(
    engine: Engine, ids: Ids, countersigned: CountersignResult
) -> None:
    before = event_count(engine)
    again = countersign_all(engine, purchaser_ids=[ids.alpha])
    assert again.countersigned == [] and again.executed_document_ids == []
    assert again.skipped == [(ids.alpha, ["already countersigned"])]
    assert event_count(engine) == before
    assert len(executed_documents(engine, purchaser_id=ids.alpha)) == 2


def test_an_unreachable_timestamp_authority_is_recorded_and_the_pdf_made_when_run_again(
    engine: Engine, ids: Ids
) -> None:
    sign(engine, ids.alpha)
    result = countersign_all(engine, tsa_url="http://127.0.0.1:9/tsa")
    assert result.countersigned == [ids.alpha] and result.executed_document_ids == []
    [(failed_id, reason)] = result.failed
    assert failed_id == ids.alpha and "timestamp authority" in reason
    assert purchaser(engine, ids.alpha).checklist["company_signed"]
    [failure] = events(engine, ids.alpha, "agreement.execution_failed")
    assert failure.payload["reason"] == reason
    again = execute_counterparts(engine, offering=None, actor="test", now=now())
    assert len(again.executed_document_ids) == 1 and again.failed == []


def test_an_unknown_purchaser_or_signatory_or_a_wrong_title_is_refused_and_changes_nothing(
    engine: Engine, ids: Ids
) -> None:
    sign(engine, ids.alpha)
    before = event_count(engine)
    with pytest.raises(NotFound, match="no purchaser 999"):
        countersign_all(engine, purchaser_ids=[ids.alpha, 999])
    with pytest.raises(InvalidInput, match="'Jane Doe' is not an authorised signatory"):
        countersign_all(engine, signer_name="Jane Doe")
    with pytest.raises(InvalidInput) as refused:
        countersign_all(engine, signer_title="Chief Executive Officer")  # not his, per the terms
    assert [p.where for p in refused.value.problems] == ["signer title"]
    assert event_count(engine) == before
    assert not purchaser(engine, ids.alpha).checklist["company_signed"]


def test_a_signature_page_is_executed_with_a_conformed_signature(engine: Engine, ids: Ids) -> None:
    from closingdesk.services.signing.signatures import add_signature_page, review_signature_page

    view = signing_view(engine, purchaser_id=ids.beta)
    assert view.agreement_document_id is not None
    add_signature_page(
        engine,
        purchaser_id=ids.beta,
        document_id=view.agreement_document_id,
        file_name="beta.pdf",
        content=b"%PDF-1.4 signed page",
        actor="user:agent@closing.example",
        now=now(),
    )
    review_signature_page(
        engine, purchaser_id=ids.beta, accept=True, reason=None, actor="counsel", now=now()
    )
    result = countersign_all(engine, purchaser_ids=[ids.beta])
    executed = stored_document(engine, result.executed_document_ids[0]).content
    assert "By: /s/ John Poe" in text_of(executed)
    certificate = stored_document(engine, result.certificate_document_ids[0]).content
    assert "signature page" in text_of(certificate)
