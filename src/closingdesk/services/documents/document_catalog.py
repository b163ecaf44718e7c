"""Every stored document of an offering (agreements, prospectus, executed PDFs, certificates
of completion), or one purchaser's: what `closingdesk documents list` shows."""

from __future__ import annotations

from sqlalchemy import Engine, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import NotFound
from closingdesk.services.book.offerings import resolve_offering
from closingdesk.services.documents.documents_view import INFO_COLUMNS, DocumentInfo, document_info

_C = t.documents.c


def list_documents(
    engine: Engine, *, offering: str | None, purchaser_id: int | None = None
) -> tuple[Offering, list[DocumentInfo]]:
    """The documents, the offering's own first, then by purchaser, kind, format and version."""
    query = select(*INFO_COLUMNS)
    with UnitOfWork(engine, read_only=True) as uow:
        found = resolve_offering(uow, offering)
        query = query.where(_C.offering_id == found.id)
        if purchaser_id is not None:
            if not uow.purchasers.list(found.id, purchaser_id=purchaser_id):
                raise NotFound(f"no purchaser {purchaser_id} in offering {found.slug}")
            query = query.where(_C.purchaser_id == purchaser_id)
        order = (_C.purchaser_id.is_not(None), _C.purchaser_id, _C.kind, _C.format, _C.version)
        rows = uow.connection.execute(query.order_by(*order, _C.id))
        documents = [document_info(r) for r in rows]
    return found, documents
