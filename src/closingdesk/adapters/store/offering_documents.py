"""An offering's own documents (purchaser_id NULL in ``documents``), like its prospectus.

Used inside a unit of work (``OfferingDocumentRepository(uow.connection)``); it never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.document_files import document_content, with_file_stored


@dataclass(frozen=True)
class OfferingDocument:
    id: int
    offering_id: int
    kind: str
    format: str
    version: int
    file_name: str
    sha256: str
    created_at: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


class OfferingDocumentRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def latest(self, offering_id: int, *, kind: str) -> OfferingDocument | None:
        """The newest version of the offering's document of that kind."""
        c = t.documents.c
        query = (
            select(t.documents)
            .where(c.offering_id == offering_id, c.purchaser_id.is_(None), c.kind == kind)
            .order_by(c.version.desc(), c.id.desc())
            .limit(1)
        )
        row = self._c.execute(query).first()
        return self._document(row) if row else None

    def get(self, document_id: int) -> OfferingDocument | None:
        """Any stored document by id (a purchaser's too), with its bytes."""
        row = self._c.execute(select(t.documents).where(t.documents.c.id == document_id)).first()
        return self._document(row) if row else None

    def by_sha256(self, offering_id: int, *, kind: str, sha256: str) -> OfferingDocument | None:
        """The offering's document of that kind with these bytes (its newest version)."""
        c = t.documents.c
        query = (
            select(t.documents)
            .where(c.offering_id == offering_id, c.purchaser_id.is_(None), c.kind == kind)
            .where(c.sha256 == sha256)
            .order_by(c.version.desc())
            .limit(1)
        )
        row = self._c.execute(query).first()
        return self._document(row) if row else None

    def add(
        self,
        offering_id: int,
        *,
        kind: str,
        fmt: str,
        version: int,
        file_name: str,
        sha256: str,
        content: bytes,
        created_at: str,
    ) -> OfferingDocument:
        values = {
            "offering_id": offering_id,
            "purchaser_id": None,
            "kind": kind,
            "format": fmt,
            "version": version,
            "file_name": file_name,
            "sha256": sha256,
            "content": content,
            "created_at": created_at,
        }
        row = with_file_stored(self._c, values)
        key = self._c.execute(insert(t.documents).values(row)).inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new document no id")
        return OfferingDocument(
            int(key[0]), offering_id, kind, fmt, version, file_name, sha256, created_at, content
        )

    def _document(self, row: Any) -> OfferingDocument:
        return OfferingDocument(
            id=int(row.id),
            offering_id=int(row.offering_id),
            kind=row.kind,
            format=row.format,
            version=int(row.version),
            file_name=row.file_name,
            sha256=row.sha256,
            created_at=row.created_at,
            content=document_content(self._c, row),
        )
