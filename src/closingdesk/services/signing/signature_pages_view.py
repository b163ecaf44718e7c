"""Reading signature pages sent back: a list for counsel's review, one file to look at, and
the agreement version a returned page belongs to."""

from __future__ import annotations

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import NotFound
from closingdesk.domain.signing.signatures import SignaturePageRecord
from closingdesk.services.book.offerings import resolve_offering


def signature_pages(
    engine: Engine, *, offering: str | None = None, purchaser_id: int | None = None
) -> list[SignaturePageRecord]:
    """Signature pages sent back, oldest first: one purchaser's, else an offering's."""
    with UnitOfWork(engine, read_only=True) as uow:
        store = uow.signatures
        if purchaser_id is not None:
            return store.pages(purchaser_id=purchaser_id)
        return store.pages(offering_id=resolve_offering(uow, offering).id)


def signature_page_content(engine: Engine, page_id: int) -> tuple[SignaturePageRecord, bytes]:
    with UnitOfWork(engine, read_only=True) as uow:
        store = uow.signatures
        page, content = store.page(page_id), store.page_content(page_id)
    if page is None or content is None:
        raise NotFound(f"no signature page {page_id}")
    return page, content


def agreement_document_id(engine: Engine, *, purchaser_id: int, version: int | None) -> int:
    """The document id of a version of the purchaser's agreement PDF (None: the newest)."""
    with UnitOfWork(engine, read_only=True) as uow:
        store = uow.signatures
        if version is None:
            found = store.newest_agreement(purchaser_id)
        else:
            found = store.agreement_version(purchaser_id, version)
    if found is None:
        which = "any version" if version is None else f"version {version}"
        raise NotFound(f"purchaser {purchaser_id} has no agreement PDF of {which}")
    return found.document_id
