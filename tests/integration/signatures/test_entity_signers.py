"""A purchaser that is not a natural person signs through an individual: their name and
title are needed, on the purchaser's page and when counsel accepts a returned page, and
the executed PDF and the certificate of completion show them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.domain.problems import InvalidInput
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.signing.signatures import (
    add_signature_page,
    review_signature_page,
    signing_view,
)
from tests.signature_scenarios import (
    Ids,
    countersign_all,
    event_count,
    link_id,
    now,
    ready_closing,
    sign,
)


@pytest.fixture
def ids(engine: Engine, tmp_path: Path) -> Ids:
    return ready_closing(engine, tmp_path)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def _page_waiting(engine: Engine, pid: int) -> None:
    view = signing_view(engine, purchaser_id=pid)
    assert view.agreement_document_id is not None
    add_signature_page(
        engine,
        purchaser_id=pid,
        document_id=view.agreement_document_id,
        file_name="gamma.pdf",
        content=b"%PDF-1.4 signed page",
        actor="user:agent@closing.example",
        now=now(),
    )


def test_a_trust_signing_in_its_own_name_without_a_title_is_refused(
    engine: Engine, ids: Ids
) -> None:
    link = link_id(engine, ids.gamma)
    before = event_count(engine)
    with pytest.raises(InvalidInput) as refused:
        sign(
            engine,
            ids.gamma,
            link_id=link,
            signer_name="Gamma Trust",
            signer_title="",
            typed_signature="Gamma Trust",
        )
    assert [p.where for p in refused.value.problems] == ["signer name", "signer title"]
    assert event_count(engine) == before


def test_counsel_names_who_signed_a_returned_page_for_an_entity(engine: Engine, ids: Ids) -> None:
    _page_waiting(engine, ids.beta)  # Beta Partners: a partnership
    with pytest.raises(InvalidInput, match="say who signed the page for the entity") as refused:
        review_signature_page(
            engine,
            purchaser_id=ids.beta,
            accept=True,
            reason=None,
            actor="counsel",
            now=now(),
            signer_name="Beta Partners",  # the entity's name is no individual's
        )
    assert [p.where for p in refused.value.problems] == ["signer name"]
    review_signature_page(
        engine,
        purchaser_id=ids.beta,
        accept=True,
        reason=None,
        actor="counsel",
        now=now(),
        signer_name="Ruth Poe",
        signer_title="Managing Partner",
    )
    result = countersign_all(engine, purchaser_ids=[ids.beta])
    executed = _text(stored_document(engine, result.executed_document_ids[0]).content)
    assert "By: /s/ Ruth Poe" in executed and "Managing Partner" in executed
    certificate = _text(stored_document(engine, result.certificate_document_ids[0]).content)
    assert "Ruth Poe" in certificate and "Managing Partner" in certificate
