"""The store of signatures, signature pages, and the agreement versions they are bound to.

Used inside a unit of work (``SignatureRepository(uow.connection)``); it never commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, Row, Select, insert, select, update

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.document_files import signature_page_content, with_file_stored
from closingdesk.adapters.store.signature_tables import signature_pages, signatures
from closingdesk.domain.signing.signatures import SignaturePageRecord, SignatureRecord
from closingdesk.domain.signing.signing_rules import AgreementVersion

_D = t.documents.c
_P = signature_pages.c
CHUNK = 500


class SignatureRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def lock_purchaser(self, purchaser_id: int) -> None:
        """Hold the purchaser's row until the transaction ends, to serialise their signing."""
        c = t.purchasers.c
        self._c.execute(select(c.id).where(c.id == purchaser_id).with_for_update())

    def newest_agreement(self, purchaser_id: int) -> AgreementVersion | None:
        """The newest version of the purchaser's agreement PDF: the one to sign."""
        return self.newest_agreements([purchaser_id]).get(purchaser_id)

    def newest_agreements(self, purchaser_ids: Iterable[int]) -> dict[int, AgreementVersion]:
        query = select(_D.id, _D.purchaser_id, _D.version, _D.sha256).where(
            _D.kind == "agreement", _D.format == "pdf"
        )
        newest: dict[int, AgreementVersion] = {}
        for row in _chunked(self._c, query, _D.purchaser_id, purchaser_ids):
            kept = newest.get(row.purchaser_id)
            if kept is None or (row.version, row.id) > (kept.version, kept.document_id):
                newest[row.purchaser_id] = AgreementVersion(row.id, int(row.version), row.sha256)
        return newest

    def agreement_version(self, purchaser_id: int, version: int) -> AgreementVersion | None:
        """That version of the purchaser's agreement PDF."""
        query = select(_D.id, _D.version, _D.sha256).where(
            _D.purchaser_id == purchaser_id,
            _D.kind == "agreement",
            _D.format == "pdf",
            _D.version == version,
        )
        row = self._c.execute(query.order_by(_D.id.desc())).first()
        return AgreementVersion(row.id, int(row.version), row.sha256) if row else None

    def agreement_files(self, document_ids: Iterable[int]) -> dict[int, tuple[int, str, str]]:
        """document id -> (version, SHA-256, file name) of those agreement documents."""
        query = select(_D.id, _D.version, _D.sha256, _D.file_name)
        rows = _chunked(self._c, query, _D.id, document_ids)
        return {row.id: (int(row.version), row.sha256, row.file_name) for row in rows}

    def executed_versions(self, purchaser_ids: Iterable[int]) -> set[tuple[int, int]]:
        """(purchaser id, agreement version) of every executed counterpart stored."""
        query = select(_D.purchaser_id, _D.version).where(_D.kind == "executed_agreement")
        rows = _chunked(self._c, query, _D.purchaser_id, purchaser_ids)
        return {(row.purchaser_id, int(row.version)) for row in rows}

    def add_document(self, values: Mapping[str, Any]) -> int:
        result = self._c.execute(insert(t.documents).values(with_file_stored(self._c, values)))
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new document no id")
        return int(key[0])

    def signature(self, purchaser_id: int, side: str) -> SignatureRecord | None:
        c = signatures.c
        query = select(signatures).where(c.purchaser_id == purchaser_id, c.side == side)
        row = self._c.execute(query).first()
        return _signature(row) if row else None

    def signatures_of(self, purchaser_ids: Iterable[int]) -> dict[tuple[int, str], SignatureRecord]:
        """(purchaser id, side) -> signature, for those purchasers."""
        rows = _chunked(self._c, select(signatures), signatures.c.purchaser_id, purchaser_ids)
        found = (_signature(row) for row in rows)
        return {(s.purchaser_id, s.side): s for s in found}

    def add_signature(self, values: Mapping[str, Any]) -> SignatureRecord:
        result = self._c.execute(insert(signatures).values(dict(values)))
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new signature no id")
        return _signature_from(int(key[0]), values)

    def add_page(self, values: Mapping[str, Any]) -> int:
        row = with_file_stored(self._c, values)
        result = self._c.execute(insert(signature_pages).values(row))
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new signature page no id")
        return int(key[0])

    def page(self, page_id: int) -> SignaturePageRecord | None:
        row = self._c.execute(self._pages().where(_P.id == page_id)).first()
        return _page(row) if row else None

    def page_content(self, page_id: int) -> bytes | None:
        query = select(_P.id, _P.file_name, _P.sha256).where(_P.id == page_id)
        row = self._c.execute(query).first()
        return None if row is None else signature_page_content(self._c, row)

    def pending_page(self, purchaser_id: int) -> SignaturePageRecord | None:
        query = self._pages().where(_P.purchaser_id == purchaser_id, _P.status == "pending")
        row = self._c.execute(query.order_by(_P.id.desc())).first()
        return _page(row) if row else None

    def pages(
        self, *, purchaser_id: int | None = None, offering_id: int | None = None
    ) -> list[SignaturePageRecord]:
        query = self._pages().order_by(_P.id)
        if purchaser_id is not None:
            query = query.where(_P.purchaser_id == purchaser_id)
        if offering_id is not None:
            query = query.join(t.purchasers, t.purchasers.c.id == _P.purchaser_id).where(
                t.purchasers.c.offering_id == offering_id
            )
        return [_page(row) for row in self._c.execute(query)]

    def review_page(self, page_id: int, values: Mapping[str, Any]) -> bool:
        """Set a pending page's review; False when it was no longer pending."""
        statement = update(signature_pages).where(_P.id == page_id, _P.status == "pending")
        return self._c.execute(statement.values(dict(values))).rowcount == 1

    def _pages(self) -> Any:
        return select(signature_pages)


def _chunked(
    connection: Connection, query: Select[Any], column: Any, ids: Iterable[int]
) -> Iterator[Row[Any]]:
    """The query's rows for the ids, asked a chunk at a time (databases cap the parameters)."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), CHUNK):
        yield from connection.execute(query.where(column.in_(wanted[start : start + CHUNK])))


def _signature(row: Row[Any]) -> SignatureRecord:
    return _signature_from(int(row.id), dict(row._mapping))


def _signature_from(signature_id: int, values: Mapping[str, Any]) -> SignatureRecord:
    fields: dict[str, Any] = {
        name: values.get(name) for name in SignatureRecord.__dataclass_fields__
    }
    return SignatureRecord(**{**fields, "id": signature_id})


def _page(row: Row[Any]) -> SignaturePageRecord:
    values = row._mapping
    fields = {name: values[name] for name in SignaturePageRecord.__dataclass_fields__}
    return SignaturePageRecord(**{**fields, "size": int(values["size"])})
