"""Reading stored documents for the deal room: a purchaser's list, and one file to download.

Documents are written by the services that render them (``agreements.draft_agreements``);
this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.offering_documents import OfferingDocumentRepository
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import NotFound


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


@dataclass(frozen=True)
class StoredDocument:
    info: DocumentInfo
    content: bytes


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


def documents_of(engine: Engine, purchaser_id: int) -> list[DocumentInfo]:
    """Every stored document of a purchaser, newest version first within each kind."""
    query = (
        select(*INFO_COLUMNS)
        .where(_C.purchaser_id == purchaser_id)
        .order_by(_C.kind, _C.format, _C.version.desc(), _C.id.desc())
    )
    with UnitOfWork(engine, read_only=True) as uow:
        return [document_info(row) for row in uow.connection.execute(query)]


def stored_document(engine: Engine, document_id: int) -> StoredDocument:
    with UnitOfWork(engine, read_only=True) as uow:
        found = uow.connection.execute(select(*INFO_COLUMNS).where(_C.id == document_id)).first()
        document = OfferingDocumentRepository(uow.connection).get(document_id) if found else None
    if found is None or document is None:
        raise NotFound(f"no document {document_id}")
    return StoredDocument(document_info(found), document.content)  # its bytes checked


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
