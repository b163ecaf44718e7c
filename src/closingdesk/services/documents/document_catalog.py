"""Every stored document of an offering (agreements, prospectus, executed PDFs, certificates
of completion), or one purchaser's: what `closingdesk documents list` shows."""

from __future__ import annotations

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.views.documents import DocumentInfo, documents_of_offering


def list_documents(
    engine: Engine, *, offering: str | None, purchaser_id: int | None = None
) -> tuple[Offering, list[DocumentInfo]]:
    """The documents, the offering's own first, then by purchaser, kind, format and version."""
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        known = purchaser_id is None or uow.purchasers.list(found.id, purchaser_id=purchaser_id)
        if not known:
            raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
        documents = documents_of_offering(uow, found.id, purchaser_id=purchaser_id)
    return found, documents
