"""The transfer agent's DWAC letter as counsel would send it: signed, per-purchaser CUSIP,
shares and DTC details, the registration statement (no legend), the warrant shares
reserved, a cut-off time, and the approvals counsel uploaded listed as attachments."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from closingdesk.adapters.store.settlement_repository import SettlementRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import InvalidInput
from closingdesk.services.documents.approvals import add_approval
from closingdesk.services.documents.documents_view import stored_document
from closingdesk.services.settlement.settling import settle
from tests.mail_scenarios import prospectus_pdf
from tests.scenarios import ACTOR, NOW
from tests.settlement_scenarios import TERMS, closing, paid, signed


def _ready(engine: Engine, folder: Path, *, opinion_required: bool) -> None:
    terms = dataclasses.replace(TERMS, legal_opinion_required=opinion_required)
    closing(engine, folder, terms)
    signed(engine, 1, 2)
    paid(engine, folder, 1, 2)


def _approve(engine: Engine, kind: str) -> None:
    pdf = prospectus_pdf(f"{kind} of NeoTherapeutics, Inc.")
    add_approval(engine, pdf, kind=kind, source=f"{kind}.pdf", offering=None, actor=ACTOR, now=NOW)


def _letter_text(engine: Engine) -> str:
    with UnitOfWork(engine, read_only=True) as uow:
        [run] = SettlementRepository(uow.connection).runs(1)
    pdf = stored_document(engine, run["letter_document_id"]).content
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def test_without_the_legal_opinion_the_terms_require_nothing_is_settled(
    engine: Engine, tmp_path: Path
) -> None:
    _ready(engine, tmp_path, opinion_required=True)
    _approve(engine, "board-resolution")
    with pytest.raises(InvalidInput, match="require a legal opinion"):
        settle(engine, offering=None, actor=ACTOR, now=NOW)
    with UnitOfWork(engine, read_only=True) as uow:
        assert SettlementRepository(uow.connection).runs(1) == []


def test_the_letter_carries_everything_the_transfer_agent_needs(
    engine: Engine, tmp_path: Path
) -> None:
    _ready(engine, tmp_path, opinion_required=True)
    for kind in ("board-resolution", "officers-certificate", "legal-opinion"):
        _approve(engine, kind)
    settle(engine, offering=None, actor=ACTOR, now=NOW)
    text = _letter_text(engine)
    for expected in (
        "CUSIP 99999Z107",
        "1,250,000 shares",  # Alpha 1,000,000 + Beta 250,000
        "without restrictive legend",
        "Form S-3 (File No. 333-53108)",
        # warrant shares: a quarter of the shares, 250,000 + 62,500
        "reserve 312,500 shares",
        "by 5:00 p.m. (PST) on March 12, 2002",  # the close of business on the agreement date
        "(1) resolutions of the Board of Directors",
        "(board-resolution-neotherapeutics-2002-v1.pdf)",
        "(2) officer's certificate (officers-certificate-neotherapeutics-2002-v1.pdf)",
        "(3) legal opinion of the Company's counsel",
        "(4) the same rows as a CSV file",
        "By: /s/ Samuel Gulko",
        "Title: Chief Financial Officer",
        "0226",  # Alpha's DTC participant, in the schedule
        "A-1",
        "REF-1",
        "W-0001",
    ):
        assert expected in text, expected
