"""What the binder reads besides the purchasers' documents: the offering's own documents
(the prospectus supplement, the corporate approvals counsel uploaded) and the bank files'
names, so each wire in the bank evidence names the statement it came from."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.binder_queries import BinderSource
from closingdesk.adapters.store.document_files import document_content
from closingdesk.adapters.store.funding_tables import bank_files

_D = t.documents.c


def offering_documents(
    connection: Connection, offering_id: int, *, excluding: Collection[str]
) -> list[BinderSource]:
    """The offering's own documents (no purchaser's), newest version of each kind and name."""
    query = (
        select(_D.id, _D.purchaser_id, _D.kind, _D.format, _D.version, _D.file_name, _D.sha256)
        .where(_D.offering_id == offering_id, _D.purchaser_id.is_(None))
        .where(_D.kind.not_in(list(excluding)))
        .order_by(_D.id)
    )
    newest: dict[tuple[str, str], BinderSource] = {}
    for row in connection.execute(query):
        key = (row.kind, row.file_name if row.kind != "prospectus" else "")
        newest[key] = BinderSource(
            int(row.id),
            None,
            row.kind,
            row.format,
            int(row.version),
            row.file_name,
            document_content(connection, row),
        )
    return sorted(newest.values(), key=lambda s: s.id)


def bank_file_names(connection: Connection, offering_id: int) -> dict[int, str]:
    c = bank_files.c
    query = select(c.id, c.source).where(c.offering_id == offering_id)
    return {int(row.id): str(row.source) for row in connection.execute(query)}
