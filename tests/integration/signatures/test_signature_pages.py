"""Signed signature pages sent back: bound to their agreement version, reviewed by counsel."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.domain.problems import Conflict, InvalidInput, NotFound
from closingdesk.services.signing.signatures import (
    SignaturePageRecord,
    add_signature_page,
    review_signature_page,
    signature_page_content,
    signature_pages,
    signing_view,
)
from tests.signature_scenarios import (
    AGENT,
    ALPHA_BIGGER,
    Ids,
    change_book,
    draft_pdfs,
    event_count,
    events,
    now,
    purchaser,
    ready_closing,
    sign,
)
from tests.signing_scenarios import small_pdf

SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # what a scanner sends: its first bytes matter
COUNSEL = "user:counsel@closing.example"


@pytest.fixture
def ids(engine: Engine, tmp_path: Path) -> Ids:
    return ready_closing(engine, tmp_path)


def send_page(
    engine: Engine, pid: int, *, document_id: int | None = None, content: bytes = SCAN
) -> SignaturePageRecord:
    current = signing_view(engine, purchaser_id=pid).agreement_document_id
    return add_signature_page(
        engine,
        purchaser_id=pid,
        document_id=document_id or current or 0,
        file_name="alpha-signature-page.png",
        content=content,
        actor=AGENT,
        now=now(),
    )


def review(
    engine: Engine, pid: int, *, accept: bool, reason: str | None = None
) -> SignaturePageRecord:
    return review_signature_page(
        engine, purchaser_id=pid, accept=accept, reason=reason, actor=COUNSEL, now=now()
    )


def test_a_page_for_the_current_version_waits_for_counsel(engine: Engine, ids: Ids) -> None:
    page = send_page(engine, ids.alpha)
    assert (page.status, page.size, page.added_by) == ("pending", len(SCAN), AGENT)
    assert page.document_id == signing_view(engine, purchaser_id=ids.alpha).agreement_document_id
    assert signature_page_content(engine, page.id) == (page, SCAN)
    assert signature_pages(engine, purchaser_id=ids.alpha) == [page]
    assert signing_view(engine, purchaser_id=ids.alpha).pending_page == page
    assert not purchaser(engine, ids.alpha).checklist["purchaser_signed"]
    [event] = events(engine, ids.alpha, "signature_page.added")
    assert event.payload["sha256"] == page.sha256 and event.payload["file_kind"] == "png"


def test_a_page_for_the_wrong_version_of_the_agreement_is_refused(
    engine: Engine, ids: Ids, tmp_path: Path
) -> None:
    old = signing_view(engine, purchaser_id=ids.alpha).agreement_document_id
    change_book(engine, tmp_path, ALPHA_BIGGER)
    draft_pdfs(engine)
    before = event_count(engine)
    with pytest.raises(Conflict, match="wrong version") as refused:
        send_page(engine, ids.alpha, document_id=old)
    assert "not the current version of the agreement (version 2" in str(refused.value)
    with pytest.raises(Conflict, match="wrong version"):  # nor another purchaser's agreement
        send_page(
            engine,
            ids.alpha,
            document_id=signing_view(engine, purchaser_id=ids.beta).agreement_document_id,
        )
    assert event_count(engine) == before and signature_pages(engine, purchaser_id=ids.alpha) == []


def test_accepting_the_page_sets_purchaser_signed_with_the_page_as_evidence(
    engine: Engine, ids: Ids
) -> None:
    page = send_page(engine, ids.alpha)
    accepted = review(engine, ids.alpha, accept=True)
    assert (accepted.status, accepted.reviewed_by) == ("accepted", COUNSEL)
    view = signing_view(engine, purchaser_id=ids.alpha)
    assert view.purchaser_signed and view.signature is not None
    signature = view.signature
    assert (signature.method, signature.signature_page_id, signature.signer_name) == (
        "signature_page",
        page.id,
        "Jane Roe",
    )
    assert signature.document_sha256 == view.agreement_sha256 and signature.actor == COUNSEL
    kinds = [e.kind for e in events(engine, ids.alpha)][-2:]
    assert kinds == ["signature_page.accepted", "agreement.signed"]


def test_rejecting_a_page_needs_a_reason_and_leaves_the_purchaser_unsigned(
    engine: Engine, ids: Ids
) -> None:
    send_page(engine, ids.alpha)
    with pytest.raises(InvalidInput, match="say why"):
        review(engine, ids.alpha, accept=False, reason="  ")
    rejected = review(engine, ids.alpha, accept=False, reason="the page is not signed")
    assert (rejected.status, rejected.reason) == ("rejected", "the page is not signed")
    assert not purchaser(engine, ids.alpha).checklist["purchaser_signed"]
    assert send_page(engine, ids.alpha).status == "pending"  # a better page may follow


def test_a_second_page_waits_until_the_first_is_reviewed(engine: Engine, ids: Ids) -> None:
    send_page(engine, ids.alpha)
    with pytest.raises(Conflict, match="already waiting for review"):
        send_page(engine, ids.alpha)


def test_a_file_that_is_not_a_pdf_png_or_jpeg_is_refused(engine: Engine, ids: Ids) -> None:
    with pytest.raises(InvalidInput) as refused:
        send_page(engine, ids.alpha, content=b"GIF89a....")
    assert "must be a PDF, PNG or JPEG" in str(refused.value)
    assert send_page(engine, ids.alpha, content=small_pdf("signed")).status == "pending"


def test_reviewing_with_no_page_waiting_is_not_found(engine: Engine, ids: Ids) -> None:
    with pytest.raises(NotFound):
        review(engine, ids.alpha, accept=True)


def test_no_page_is_taken_from_a_purchaser_who_already_signed(engine: Engine, ids: Ids) -> None:
    sign(engine, ids.alpha)
    with pytest.raises(Conflict, match="already signed"):
        send_page(engine, ids.alpha)


def test_a_page_cannot_be_accepted_before_the_prospectus_reached_the_purchaser(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path, prospectus_opened=False)
    send_page(engine, ids.alpha)
    with pytest.raises(Conflict, match="cannot be accepted") as refused:
        review(engine, ids.alpha, accept=True)
    assert "prospectus supplement has not been delivered" in str(refused.value)
    assert signature_pages(engine, purchaser_id=ids.alpha)[0].status == "pending"
