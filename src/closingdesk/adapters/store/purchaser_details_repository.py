"""What a purchaser's own page reads and writes: their newest agreement, their own details.

Used inside a unit of work (``PurchaserDetailsRepository(uow.connection)``); it never commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.document_files import document_content


@dataclass(frozen=True)
class StoredDocument:
    purchaser_id: int
    kind: str
    format: str
    version: int
    file_name: str
    sha256: str
    created_at: str
    content: bytes


class PurchaserDetailsRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def latest_document(self, purchaser_id: int, *, kind: str, fmt: str) -> StoredDocument | None:
        """The newest version of one purchaser's document of that kind and format."""
        c = t.documents.c
        query = (
            select(t.documents)
            .where(c.purchaser_id == purchaser_id, c.kind == kind, c.format == fmt)
            .order_by(c.version.desc(), c.id.desc())
            .limit(1)
        )
        row = self._c.execute(query).first()
        if row is None:
            return None
        return StoredDocument(
            purchaser_id=row.purchaser_id,
            kind=row.kind,
            format=row.format,
            version=int(row.version),
            file_name=row.file_name,
            sha256=row.sha256,
            created_at=row.created_at,
            content=document_content(self._c, row),
        )

    def lock(self, purchaser_id: int) -> None:
        """Hold the purchaser's row until the transaction ends (SQLite has one writer anyway)."""
        c = t.purchasers.c
        self._c.execute(select(c.id).where(c.id == purchaser_id).with_for_update())

    def update_unsigned(self, purchaser_id: int, values: Mapping[str, Any]) -> bool:
        """Set columns of a purchaser who has not signed; False (nothing set) once they have."""
        c = t.purchasers.c
        statement = (
            update(t.purchasers)
            .where(
                c.id == purchaser_id,
                c.purchaser_signed.is_(False),
                c.company_signed.is_(False),
            )
            .values(dict(values))
        )
        return self._c.execute(statement).rowcount == 1
