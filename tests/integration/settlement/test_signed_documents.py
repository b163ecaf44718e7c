"""Warrants and the transfer agent's letter are signed for the company by an authorised
signatory: name and title in the block, and the PDF PAdES-signed with the offering's key."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.audit.event_log import audit_log
from closingdesk.services.documents.document_signatures import verify_document
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.settlement.settlement_records import dispatch_original
from closingdesk.services.settlement.settling import settle
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import ready


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def _documents(engine: Engine) -> tuple[bytes, bytes]:
    with UnitOfWork(engine, read_only=True) as uow:
        store = SettlementRepository(uow.connection)
        [alpha, *_] = store.warrants(1)
        [run] = store.runs(1)
    warrant = stored_document(engine, alpha.document_id).content
    return warrant, stored_document(engine, run["letter_document_id"]).content


def test_a_warrant_and_the_letter_carry_the_signatorys_name_title_and_a_valid_signature(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW, signatory="Samuel Gulko")
    warrant, letter = _documents(engine)
    for pdf in (warrant, letter):
        text = _text(pdf)
        assert "By: /s/ Samuel Gulko" in text
        assert "Name: Samuel Gulko" in text and "Title: Chief Financial Officer" in text
        check = verify_document(engine, pdf)
        # signed with the offering's key, intact, nothing added after; (the certificate,
        # made at the scenario's 2002 clock, has expired by today's, so "valid" is not asked)
        assert check.offering == "neotherapeutics-2002"
        assert check.verdict.intact and check.verdict.covers_whole_document
        assert check.verdict.signatures == 1


def test_settling_with_someone_not_authorised_is_refused_and_issues_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    ready(engine, tmp_path)
    with pytest.raises(InvalidInput, match="not an authorised signatory"):
        settle(engine, offering=None, actor=ACTOR, now=NOW, signatory="Jane Doe")
    with UnitOfWork(engine, read_only=True) as uow:
        assert SettlementRepository(uow.connection).warrants(1) == []


def test_the_originals_dispatch_names_who_signed_it(engine: Engine, tmp_path: Path) -> None:
    ready(engine, tmp_path)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    done = dispatch_original(
        engine,
        "W-0001",
        carrier="FedEx",
        tracking="7712 3456 7890",
        offering=None,
        actor=ACTOR,
        now=NOW,
        signatory="1",
    )
    assert done.signed_by == "Samuel Gulko, Chief Financial Officer"
    [event] = [e for e in audit_log(engine) if e.kind == "warrant.original_dispatched"]
    assert event.payload["signed_by"] == "Samuel Gulko, Chief Financial Officer"
