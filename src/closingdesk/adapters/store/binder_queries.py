"""What the closing binder reads: the offering's documents of given kinds, newest versions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.document_files import document_content

_D = t.documents.c
# Kinds a purchaser (or the offering) has one of, in versions: the binder takes the newest.
VERSIONED = frozenset({"executed_agreement", "completion_certificate", "warrant", "prospectus"})


@dataclass(frozen=True)
class BinderSource:
    id: int
    purchaser_id: int | None
    kind: str
    format: str
    version: int
    file_name: str
    content: bytes


def newest_documents(
    connection: Connection, offering_id: int, kinds: Iterable[str]
) -> list[BinderSource]:
    """Per purchaser (or the offering) and kind and format, the newest version; by id."""
    query = (
        select(_D.id, _D.purchaser_id, _D.kind, _D.format, _D.version, _D.file_name, _D.sha256)
        .where(_D.offering_id == offering_id, _D.kind.in_(list(kinds)))
        .order_by(_D.id)
    )
    newest: dict[tuple[int | None, str, str], BinderSource] = {}
    for row in connection.execute(query):
        key = (row.purchaser_id, row.kind, row.format)
        if row.kind not in VERSIONED:  # each letter or notice stands alone
            key = (-int(row.id), row.kind, row.format)
        kept = newest.get(key)
        if kept is None or row.version >= kept.version:
            newest[key] = BinderSource(
                int(row.id),
                row.purchaser_id,
                row.kind,
                row.format,
                int(row.version),
                row.file_name,
                document_content(connection, row),
            )
    return sorted(newest.values(), key=lambda s: s.id)
