"""A purchaser signs on their page: the exact PDF they saw, with evidence; refusals change
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.domain.problems import Conflict, InvalidInput
from closingdesk.services.signing.signatures import signing_view
from tests.signature_scenarios import (
    ALPHA_BIGGER,
    BROWSER,
    Ids,
    change_book,
    draft_pdfs,
    event_count,
    events,
    link_id,
    purchaser,
    ready_closing,
    sign,
)


@pytest.fixture
def ids(engine: Engine, tmp_path: Path) -> Ids:
    return ready_closing(engine, tmp_path)


def test_a_purchaser_signs_the_pdf_they_were_shown_and_the_evidence_is_kept_exactly(
    engine: Engine, ids: Ids
) -> None:
    view = signing_view(engine, purchaser_id=ids.alpha)
    link = link_id(engine, ids.alpha, sent_to="jane@alpha.example")
    record = sign(engine, ids.alpha, link_id=link, typed_signature="  jane   ROE ")
    assert (record.side, record.method) == ("purchaser", "electronic")
    assert (record.document_id, record.document_sha256) == (
        view.agreement_document_id,
        view.agreement_sha256,
    )
    assert (record.signer_name, record.signer_title, record.typed_signature) == (
        "Jane Roe",
        "Managing Member",
        "jane ROE",
    )
    assert (record.link_id, record.sent_to, record.consent_version) == (
        link,
        "jane@alpha.example",
        "esign-consent-1",
    )
    assert (record.ip, record.user_agent) == (BROWSER.ip, BROWSER.user_agent)
    assert record.signed_at.endswith("Z") and record.actor == f"link:{link}"


def test_signing_sets_purchaser_signed_and_records_the_evidence_in_an_event(
    engine: Engine, ids: Ids
) -> None:
    record = sign(engine, ids.alpha)
    assert purchaser(engine, ids.alpha).checklist["purchaser_signed"]
    [event] = events(engine, ids.alpha, "agreement.signed")
    assert event.at == record.signed_at and event.actor == record.actor
    assert event.payload["signature_id"] == record.id and event.payload["version"] == 1
    for field in ("document_sha256", "link_id", "sent_to", "ip", "user_agent", "consent_version"):
        assert event.payload[field] == getattr(record, field)
    view = signing_view(engine, purchaser_id=ids.alpha)
    assert view.purchaser_signed and not view.can_sign and view.signature == record


def test_an_agreement_drafted_again_after_a_book_change_refuses_the_hash_shown_before(
    engine: Engine, ids: Ids, tmp_path: Path
) -> None:
    shown = signing_view(engine, purchaser_id=ids.alpha)
    change_book(engine, tmp_path, ALPHA_BIGGER)
    draft_pdfs(engine)
    now_shown = signing_view(engine, purchaser_id=ids.alpha)
    assert now_shown.agreement_version == 2 and now_shown.agreement_sha256 != shown.agreement_sha256
    before = event_count(engine)
    with pytest.raises(Conflict, match="changed since you opened it"):
        sign(engine, ids.alpha, document_sha256=shown.agreement_sha256)
    with pytest.raises(Conflict, match="not the current version"):
        sign(
            engine,
            ids.alpha,
            document_id=shown.agreement_document_id,
            document_sha256=shown.agreement_sha256,
        )
    assert event_count(engine) == before + 2  # the two links made; nothing signed
    assert not purchaser(engine, ids.alpha).checklist["purchaser_signed"]
    assert sign(engine, ids.alpha).document_sha256 == now_shown.agreement_sha256


def test_signing_twice_changes_nothing_and_returns_the_first_signature(
    engine: Engine, ids: Ids
) -> None:
    first = sign(engine, ids.alpha)
    before = event_count(engine)
    again = sign(engine, ids.alpha, link_id=first.link_id, typed_signature="Jane Roe")
    assert again == first and event_count(engine) == before


def test_a_purchaser_who_has_not_received_the_prospectus_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path, prospectus_opened=False)
    with pytest.raises(Conflict) as refused:
        sign(engine, ids.alpha)
    assert "prospectus supplement has not been delivered" in str(refused.value)
    assert events(engine, ids.alpha, "agreement.signed") == []


def test_a_consent_of_another_version_is_refused(engine: Engine, ids: Ids) -> None:
    with pytest.raises(Conflict) as refused:
        sign(engine, ids.alpha, consent_version="esign-consent-0")
    assert [p.where for p in refused.value.problems] == ["consent"]
    assert not purchaser(engine, ids.alpha).checklist["purchaser_signed"]


def test_a_typed_signature_that_is_not_the_signers_name_is_refused(
    engine: Engine, ids: Ids
) -> None:
    with pytest.raises(Conflict) as refused:
        sign(engine, ids.alpha, typed_signature="J. Roe")
    assert [p.where for p in refused.value.problems] == ["signature"]


def test_an_empty_name_or_signature_is_invalid_input(engine: Engine, ids: Ids) -> None:
    with pytest.raises(InvalidInput) as refused:
        sign(engine, ids.alpha, signer_name="  ", typed_signature="")
    assert [p.where for p in refused.value.problems] == ["signer name", "signature"]


def test_a_link_of_another_purchaser_is_refused(engine: Engine, ids: Ids) -> None:
    with pytest.raises(Conflict) as refused:
        sign(engine, ids.alpha, link_id=link_id(engine, ids.beta))
    assert [p.where for p in refused.value.problems] == ["link"]


def test_the_view_gives_every_reason_a_purchaser_cannot_sign(engine: Engine, ids: Ids) -> None:
    view = signing_view(engine, purchaser_id=ids.gamma)
    assert not view.can_sign and not view.prospectus_delivered
    assert view.reasons == [
        "the agreement is not complete: details are missing or changed since it was drafted,"
        " and it must be drafted again",
        "the prospectus supplement has not been delivered to the purchaser yet",
    ]
    ready = signing_view(engine, purchaser_id=ids.alpha)
    assert ready.can_sign and ready.reasons == [] and ready.agreement_version == 1
