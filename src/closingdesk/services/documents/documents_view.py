"""Reading stored documents for the deal room: a purchaser's list, and one file to download.

Documents are written by the services that render them (``agreements.draft_agreements``);
this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import NotFound
from closingdesk.views.documents import DocumentInfo, document_details, documents_of_purchaser

__all__ = ["DocumentInfo", "StoredDocument", "documents_of", "stored_document"]


@dataclass(frozen=True)
class StoredDocument:
    info: DocumentInfo
    content: bytes


def documents_of(engine: Engine, purchaser_id: int) -> list[DocumentInfo]:
    """Every stored document of a purchaser, newest version first within each kind."""
    with UnitOfWork(engine, read_only=True) as uow:
        return documents_of_purchaser(uow, purchaser_id)


def stored_document(engine: Engine, document_id: int) -> StoredDocument:
    with UnitOfWork(engine, read_only=True) as uow:
        found = document_details(uow, document_id)
        document = uow.offering_documents.get(document_id) if found else None
    if found is None or document is None:
        raise NotFound(f"no document {document_id}")
    return StoredDocument(found, document.content)  # its bytes checked
