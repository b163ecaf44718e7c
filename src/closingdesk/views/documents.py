"""Stored documents as lists: a purchaser's, an offering's, and one document's details."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    purchaser_id: int | None
    kind: str
    format: str
    version: int
    file_name: str
    sha256: str
    size: int
    created_at: str


_C = t.documents.c
INFO_COLUMNS = (
    _C.id,
    _C.purchaser_id,
    _C.kind,
    _C.format,
    _C.version,
    _C.file_name,
    _C.sha256,
    _C.created_at,
    _C.size,
)


def documents_of_purchaser(uow: UnitOfWork, purchaser_id: int) -> list[DocumentInfo]:
    """Every stored document of a purchaser, newest version first within each kind."""
    query = (
        select(*INFO_COLUMNS)
        .where(_C.purchaser_id == purchaser_id)
        .order_by(_C.kind, _C.format, _C.version.desc(), _C.id.desc())
    )
    return [document_info(row) for row in uow.connection.execute(query)]


def documents_of_offering(
    uow: UnitOfWork, offering_id: int, *, purchaser_id: int | None = None
) -> list[DocumentInfo]:
    """The documents, the offering's own first, then by purchaser, kind, format and version."""
    query = select(*INFO_COLUMNS).where(_C.offering_id == offering_id)
    if purchaser_id is not None:
        query = query.where(_C.purchaser_id == purchaser_id)
    order = (_C.purchaser_id.is_not(None), _C.purchaser_id, _C.kind, _C.format, _C.version)
    return [document_info(r) for r in uow.connection.execute(query.order_by(*order, _C.id))]


def document_details(uow: UnitOfWork, document_id: int) -> DocumentInfo | None:
    found = uow.connection.execute(select(*INFO_COLUMNS).where(_C.id == document_id)).first()
    return None if found is None else document_info(found)


def document_info(row: Any) -> DocumentInfo:
    """A row of INFO_COLUMNS (and perhaps the content) as a DocumentInfo."""
    return DocumentInfo(
        id=int(row.id),
        purchaser_id=row.purchaser_id,
        kind=row.kind,
        format=row.format,
        version=int(row.version),
        file_name=row.file_name,
        sha256=row.sha256,
        size=int(row.size),
        created_at=row.created_at,
    )
