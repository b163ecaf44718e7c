"""The prospectus supplement: stored per offering, versioned by its bytes, delivered once
to the checklist and as often as it happens to the event log."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.domain.problems import InvalidInput, NotFound
from closingdesk.services.audit.event_log import verify_chain
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.documents.prospectus import (
    AddedProspectus,
    add_prospectus,
    current_prospectus,
    record_prospectus_delivered,
)
from tests.mail_scenarios import prospectus_pdf
from tests.scenarios import ACTOR, NOW, THREE_PURCHASERS, book_file, example_offering


@pytest.fixture
def store(engine: Engine, tmp_path: Path) -> Engine:
    example_offering(engine)
    import_book(engine, book_file(tmp_path, THREE_PURCHASERS), offering=None, actor=ACTOR, now=NOW)
    return engine


def add(engine: Engine, content: bytes, offering: str | None = None) -> AddedProspectus:
    return add_prospectus(
        engine, content, source="424b5.pdf", offering=offering, actor=ACTOR, now=NOW
    )


def documents(engine: Engine) -> int:
    with UnitOfWork(engine, read_only=True) as uow:
        query = (
            select(func.count()).select_from(t.documents).where(t.documents.c.kind == "prospectus")
        )
        return int(uow.connection.execute(query).scalar_one())


def kinds(engine: Engine) -> list[str]:
    with UnitOfWork(engine, read_only=True) as uow:
        return [e.kind for e in uow.events.iter()]


def test_a_pdf_is_stored_as_the_offerings_first_version(store: Engine) -> None:
    pdf = prospectus_pdf()
    added = add(store, pdf)
    assert added.changed and added.prospectus.version == 1 and added.pages == 1
    current = current_prospectus(store, added.offering.id)
    assert current is not None and current.content == pdf and current.format == "pdf"
    assert kinds(store)[-1] == "prospectus.added"


def test_the_same_bytes_again_are_no_new_version_and_no_event(store: Engine) -> None:
    pdf = prospectus_pdf()
    add(store, pdf)
    events = kinds(store)
    again = add(store, pdf)
    assert not again.changed and again.prospectus.version == 1
    assert documents(store) == 1 and kinds(store) == events


def test_different_bytes_are_the_next_version(store: Engine) -> None:
    add(store, prospectus_pdf("First"))
    second = add(store, prospectus_pdf("Amended"))
    assert second.changed and second.prospectus.version == 2
    current = current_prospectus(store, second.offering.id)
    assert current is not None and current.content == prospectus_pdf("Amended")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"Dear investor, this is a Word file", "is not a PDF: a PDF file starts with %PDF-"),
        (b"%PDF-1.7\n%%EOF\n", "is not a readable PDF"),
        (prospectus_pdf()[:400], "is not a readable PDF"),
    ],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused_and_nothing_stored(
    store: Engine, content: bytes, says: str
) -> None:
    events = kinds(store)
    with pytest.raises(InvalidInput) as refused:
        add(store, content)
    assert refused.value.problems[0].where == "424b5.pdf"
    assert refused.value.problems[0].what.startswith(says)
    assert documents(store) == 0 and kinds(store) == events


def alpha(engine: Engine) -> int:
    with UnitOfWork(engine, read_only=True) as uow:
        query = select(t.purchasers.c.id).where(t.purchasers.c.name == "Alpha Fund")
        return int(uow.connection.execute(query).scalar_one())


def test_delivery_sets_the_checklist_once_and_records_every_delivery(store: Engine) -> None:
    add(store, prospectus_pdf())
    purchaser = alpha(store)
    for how in ("emailed", "opened", "opened"):
        record_prospectus_delivered(
            store, purchaser, how=how, at=NOW, detail={"link_id": 7}, actor="purchaser-link:7"
        )
    with UnitOfWork(store, read_only=True) as uow:
        found = uow.purchasers.get(purchaser)
        deliveries = [
            e
            for e in uow.events.iter(subject=f"purchaser:{purchaser}")
            if e.kind == "prospectus.delivered"
        ]
    assert found is not None and found.checklist["prospectus_delivered"]
    assert [d.payload["how"] for d in deliveries] == ["emailed", "opened", "opened"]
    first = deliveries[0].payload
    assert first["delivered_at"] == "2002-03-12T16:00:00.000000Z" and first["version"] == 1
    assert first["before_funding"] is True and first["link_id"] == 7
    assert verify_chain(store).intact


def test_nothing_is_delivered_before_a_prospectus_is_stored(store: Engine) -> None:
    with pytest.raises(NotFound):
        record_prospectus_delivered(
            store, alpha(store), how="opened", at=NOW, detail={}, actor=ACTOR
        )


def test_each_offering_has_its_own_prospectus(store: Engine) -> None:
    other = create_offering(
        store, replace(NEOTHERAPEUTICS_2002, slug="other-2003"), actor=ACTOR, now=NOW
    )
    add(store, prospectus_pdf("NeoTherapeutics"), offering="neotherapeutics-2002")
    add(store, prospectus_pdf("Other"), offering="other-2003")
    current = current_prospectus(store, other.id)
    assert current is not None and current.content == prospectus_pdf("Other")
    assert current.version == 1
