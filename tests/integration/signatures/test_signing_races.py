"""A side signs a purchaser's agreement once, even when two submissions race each other."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from closingdesk.adapters.store.signature_tables import signatures
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.signing.signatures import SignatureRecord
from closingdesk.services.signing.signatures import signing_view
from tests.signature_scenarios import events, link_id, ready_closing, sign


def test_two_submissions_at_once_record_one_signature_and_one_event(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    link = link_id(engine, ids.alpha)
    results: list[SignatureRecord] = []
    start = threading.Barrier(4)

    def submit() -> None:
        start.wait()
        results.append(sign(engine, ids.alpha, link_id=link))

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len({r.id for r in results}) == 1
    assert len(events(engine, ids.alpha, "agreement.signed")) == 1


def test_the_store_itself_refuses_a_second_signature_of_the_same_side(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    record = sign(engine, ids.alpha)
    view = signing_view(engine, purchaser_id=ids.alpha)
    row = {
        "purchaser_id": ids.alpha,
        "side": "purchaser",
        "method": "electronic",
        "document_id": view.agreement_document_id,
        "document_sha256": record.document_sha256,
        "signer_name": "Someone Else",
        "signed_at": record.signed_at,
        "actor": "test",
    }
    with pytest.raises(IntegrityError), UnitOfWork(engine) as uow:
        uow.connection.execute(insert(signatures).values(row))
