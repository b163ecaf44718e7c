"""Repositories: the store seen as collections of domain records. They never commit."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Row, Table, bindparam, func, insert, select, update

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.document_files import referenced_files, with_files_stored
from closingdesk.domain.audit.event_chain import ChainedEvent, canonical_json, chain_event
from closingdesk.domain.book.purchaser import Purchaser
from closingdesk.domain.checklist import CHECKLIST, SIGNED_ITEMS
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.offering.terms_mapping import terms_from_mapping, terms_to_mapping


class OfferingRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(self, offering_terms: Any, *, created_at: str) -> int:
        result = self._c.execute(
            insert(t.offerings).values(
                slug=offering_terms.slug,
                issuer_name=offering_terms.issuer_name,
                terms=canonical_json(terms_to_mapping(offering_terms)),
                created_at=created_at,
            )
        )
        key = result.inserted_primary_key
        if key is None:
            raise RuntimeError("the database gave the new offering no id")
        return int(key[0])

    def list(self) -> list[Offering]:
        rows = self._c.execute(select(t.offerings).order_by(t.offerings.c.id))
        return [_offering(row) for row in rows]

    def get(self, offering_id: int) -> Offering | None:
        row = self._c.execute(select(t.offerings).where(t.offerings.c.id == offering_id)).first()
        return _offering(row) if row else None

    def by_slug(self, slug: str) -> Offering | None:
        row = self._c.execute(select(t.offerings).where(t.offerings.c.slug == slug)).first()
        return _offering(row) if row else None


def _offering(row: Row[Any]) -> Offering:
    terms, problems = terms_from_mapping(json.loads(row.terms), source=f"offering {row.slug}")
    if terms is None:  # the store only ever holds validated terms
        raise RuntimeError(f"stored terms of offering {row.slug} are invalid: {problems}")
    return Offering(id=row.id, terms=terms)


class PurchaserRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def keys_and_flags(self, offering_id: int) -> dict[str, tuple[int, bool]]:
        """name_key -> (id, signed by either side) for every purchaser of an offering."""
        c = t.purchasers.c
        query = select(c.name_key, c.id, c.purchaser_signed, c.company_signed).where(
            c.offering_id == offering_id
        )
        return {
            r.name_key: (r.id, bool(r.purchaser_signed or r.company_signed))
            for r in self._c.execute(query)
        }

    def add_many(self, columns: Sequence[str], values: Sequence[tuple[Any, ...]]) -> None:
        """New purchasers, each a tuple of values in ``columns`` order."""
        bulk_insert_values(self._c, t.purchasers, columns, values)

    def update_many(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Each row has ``id`` and the columns to set; checklist items are untouched here."""
        for row in rows:
            values = {k: v for k, v in row.items() if k != "id"}
            self._c.execute(update(t.purchasers).where(t.purchasers.c.id == row["id"]), values)

    def update_unsigned(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """As :meth:`update_many`, but only where neither side has signed, as read when the
        row is written; the ids of the rows left as they were because someone had signed."""
        c = t.purchasers.c
        kept = []
        for row in rows:
            values = {k: v for k, v in row.items() if k != "id"}
            statement = update(t.purchasers).where(
                c.id == row["id"], *(c[item].is_(False) for item in SIGNED_ITEMS)
            )
            if self._c.execute(statement, values).rowcount != 1:
                kept.append(int(row["id"]))
        return kept

    def lock(self, purchaser_ids: Iterable[int]) -> None:
        """Hold these purchasers' rows until the transaction ends (in id order, so two
        transactions locking overlapping sets never deadlock)."""
        ids = sorted(set(purchaser_ids))
        c = t.purchasers.c
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            self._c.execute(
                select(c.id).where(c.id.in_(chunk)).order_by(c.id).with_for_update(key_share=True)
            )

    def get_many(self, purchaser_ids: Iterable[int]) -> list[Purchaser]:
        """These purchasers, by id (in id order); those that do not exist are left out."""
        ids = sorted(set(purchaser_ids))
        c = t.purchasers.c
        found: list[Purchaser] = []
        for start in range(0, len(ids), 500):
            query = select(t.purchasers).where(c.id.in_(ids[start : start + 500])).order_by(c.id)
            found += [purchaser_from_row(row) for row in self._c.execute(query)]
        return found

    def ids_by_key(self, offering_id: int) -> dict[str, int]:
        c = t.purchasers.c
        query = select(c.name_key, c.id).where(c.offering_id == offering_id)
        return {r.name_key: r.id for r in self._c.execute(query)}

    def list(
        self, offering_id: int, *, purchaser_id: int | None = None, lock: bool = False
    ) -> list[Purchaser]:
        return list(self.iter(offering_id, purchaser_id=purchaser_id, lock=lock))

    def iter(
        self, offering_id: int, *, purchaser_id: int | None = None, lock: bool = False
    ) -> Iterator[Purchaser]:
        """``lock``: hold the rows read until the transaction ends (in id order)."""
        c = t.purchasers.c
        query = select(t.purchasers).where(c.offering_id == offering_id).order_by(c.id)
        if purchaser_id is not None:
            query = query.where(c.id == purchaser_id)
        if lock:
            query = query.with_for_update(key_share=True)
        for row in self._c.execute(query):
            yield purchaser_from_row(row)

    def get(self, purchaser_id: int, *, lock: bool = False) -> Purchaser | None:
        """``lock``: hold the row until the transaction ends, and read it as it is then."""
        query = select(t.purchasers).where(t.purchasers.c.id == purchaser_id)
        row = self._c.execute(query.with_for_update(key_share=True) if lock else query).first()
        return purchaser_from_row(row) if row else None

    def count(self, offering_id: int) -> int:
        c = t.purchasers.c
        query = select(func.count()).select_from(t.purchasers).where(c.offering_id == offering_id)
        return int(self._c.execute(query).scalar_one())

    def set_checklist(self, purchaser_ids: Iterable[int], key: str, *, done: bool) -> None:
        if key not in CHECKLIST:
            raise ValueError(f"unknown checklist item {key}")
        ids = list(purchaser_ids)
        if not ids:
            return
        statement = (
            update(t.purchasers).where(t.purchasers.c.id == bindparam("pid")).values({key: done})
        )
        compiled = statement.compile(dialect=self._c.dialect)
        # the driver's own executemany: SQLAlchemy's per-row processing is most of the time
        # of setting `funded` for 100,000 purchasers (python -m benchmarks reconcile)
        order = compiled.positiontup
        params: list[Any]
        if order is None:  # a named paramstyle (psycopg): mappings
            params = [{"pid": i, key: done} for i in ids]
        else:
            params = [tuple(i if name == "pid" else done for name in order) for i in ids]
        self._c.exec_driver_sql(str(compiled), params)


def purchaser_from_row(row: Row[Any]) -> Purchaser:
    return Purchaser(
        id=row.id,
        offering_id=row.offering_id,
        name=row.name,
        shares=int(row.shares),
        warrant_shares_override=None if row.warrant_shares is None else int(row.warrant_shares),
        email=row.email,
        attention=row.attention,
        address=tuple(row.address.split("\n")) if row.address else (),
        fax=row.fax,
        dtc_participant=row.dtc_participant,
        dtc_account=row.dtc_account,
        dtc_reference=row.dtc_reference,
        signer_name=row.signer_name,
        signer_title=row.signer_title,
        checklist={key: bool(getattr(row, key)) for key in CHECKLIST},
    )


def bulk_insert_values(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    values: Sequence[tuple[Any, ...]],
) -> None:
    """Insert tuples of plain values, in ``columns`` order, with the driver's executemany.

    SQLAlchemy's per-row parameter processing tripled the time of a 100,000-row book import
    (see ``python -m benchmarks import``); these values need no processing.
    """
    if not values:
        return
    statement = insert(table).values({column: bindparam(column) for column in columns})
    compiled = statement.compile(dialect=connection.dialect)
    order = compiled.positiontup
    params: list[Any]
    if order is None:  # a named paramstyle (psycopg): the driver wants mappings
        params = [dict(zip(columns, row, strict=True)) for row in values]
    elif list(order) == list(columns):
        params = list(values)
    else:
        index = [list(columns).index(column) for column in order]
        params = [tuple(row[i] for i in index) for row in values]
    connection.exec_driver_sql(str(compiled), params)


class DocumentRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add_many(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert documents given with their ``content``: the bytes go to the file store."""
        if rows:
            self._c.execute(insert(t.documents), with_files_stored(self._c, rows))

    def latest(self, offering_id: int, *, kind: str, fmt: str) -> dict[int, tuple[int, str]]:
        """purchaser id -> (newest version, its SHA-256) of that purchaser's document."""
        c = t.documents.c
        query = select(c.purchaser_id, c.version, c.sha256).where(
            c.offering_id == offering_id, c.kind == kind, c.format == fmt
        )
        newest: dict[int, tuple[int, str]] = {}
        for row in self._c.execute(query):
            if row.purchaser_id not in newest or row.version > newest[row.purchaser_id][0]:
                newest[row.purchaser_id] = (int(row.version), row.sha256)
        return newest

    def stored_files(self) -> list[tuple[str, str]]:
        """(SHA-256, what it is) of every stored document and signature page."""
        return list(referenced_files(self._c))


class EventLog:
    """The append-only, hash-chained log of every change of state."""

    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def append(
        self, *, at: str, actor: str, entries: Iterable[tuple[str, str, Mapping[str, Any]]]
    ) -> list[ChainedEvent]:
        """Chain ``(kind, subject, payload)`` entries after the head, in this transaction."""
        head = self._c.execute(
            select(t.event_chain_head).where(t.event_chain_head.c.id == 1).with_for_update()
        ).one()
        seq, prev_hash = int(head.seq), head.hash
        chained: list[ChainedEvent] = []
        for kind, subject, payload in entries:
            seq += 1
            event = chain_event(
                prev_hash,
                seq=seq,
                at=at,
                actor=actor,
                kind=kind,
                subject=subject,
                payload=payload,
            )
            chained.append(event)
            prev_hash = event.hash
        if chained:
            self._c.execute(insert(t.events), [_event_row(e) for e in chained])
            self._c.execute(
                update(t.event_chain_head)
                .where(t.event_chain_head.c.id == 1)
                .values(seq=seq, hash=prev_hash)
            )
        return chained

    def iter(self, *, subject: str | None = None) -> Iterator[ChainedEvent]:
        """Every event, or those about one subject ("purchaser:3"), oldest first."""
        query = select(t.events).order_by(t.events.c.seq)
        if subject is not None:
            query = query.where(t.events.c.subject == subject)
        for row in self._c.execute(query):
            yield event_from_row(row)

    def head(self) -> tuple[int, str]:
        row = self._c.execute(select(t.event_chain_head).where(t.event_chain_head.c.id == 1)).one()
        return int(row.seq), row.hash


def event_from_row(row: Row[Any]) -> ChainedEvent:
    """An event as stored: its payload text kept exactly as it was hashed."""
    return ChainedEvent(
        seq=int(row.seq),
        at=row.at,
        actor=row.actor,
        kind=row.kind,
        subject=row.subject,
        payload=json.loads(row.payload),
        prev_hash=row.prev_hash,
        hash=row.hash,
        payload_json=row.payload,
    )


def _event_row(event: ChainedEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "kind": event.kind,
        "subject": event.subject,
        "payload": event.payload_json,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }
