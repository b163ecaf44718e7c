"""Every stored document of an offering, or of one purchaser: what `documents list` shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from closingdesk.domain.problems import NotFound
from closingdesk.services.documents.document_catalog import list_documents
from tests.signature_scenarios import ready_closing


def test_the_offerings_own_documents_come_first_then_each_purchasers(
    engine: Engine, tmp_path: Path
) -> None:
    ids = ready_closing(engine, tmp_path)
    found, documents = list_documents(engine, offering=None)
    assert found.slug == "neotherapeutics-2002"
    assert [(d.purchaser_id, d.kind) for d in documents] == [
        (None, "prospectus"),
        (ids.alpha, "agreement"),
        (ids.beta, "agreement"),
        (ids.gamma, "agreement"),
    ]
    assert all(d.size > 0 and len(d.sha256) == 64 for d in documents)


def test_one_purchasers_documents_and_an_unknown_purchaser(engine: Engine, tmp_path: Path) -> None:
    ids = ready_closing(engine, tmp_path)
    _, documents = list_documents(engine, offering=None, purchaser_id=ids.beta)
    assert [(d.purchaser_id, d.format, d.version) for d in documents] == [(ids.beta, "pdf", 1)]
    with pytest.raises(NotFound):
        list_documents(engine, offering=None, purchaser_id=999)
