"""The store of bank files and the offering account's transactions.

Used inside a unit of work (``FundingRepository(uow.connection)``); it never commits.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from closingdesk.adapters.store.funding_tables import (
    bank_files,
    bank_transaction_keys,
    bank_transactions,
)
from closingdesk.adapters.store.repositories import bulk_insert_values
from closingdesk.adapters.store.tables import offerings
from closingdesk.domain.funding.bank import BankTransaction
from closingdesk.domain.funding.payments import Wire

_T = bank_transactions.c
CHUNK = 500  # ids in one IN (...) list
_WIRE_COLUMNS = (
    "id",
    "direction",
    "amount",
    "currency",
    "value_date",
    "value_time",
    "originator",
    "purchaser_id",
    "refunded_amount",
    "reverses_id",
)


@dataclass(frozen=True)
class StoredCandidate:
    purchaser_id: int
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class StoredTransaction:
    """A transaction as kept: what the bank said, and what people and the matcher made of it."""

    id: int
    bank_file_id: int
    bank: BankTransaction
    purchaser_id: int | None
    matched_by: str | None
    matched_at: str | None
    match_note: str | None
    candidates: tuple[StoredCandidate, ...]
    refunded_amount: Decimal
    refund_reference: str | None
    reverses_id: int | None


@dataclass(frozen=True)
class RawLine:
    """A stored line as text, however bad its amount: what voiding it needs."""

    id: int
    direction: str
    amount: str
    currency: str
    purchaser_id: int | None
    voided: bool
    linked: bool  # a return, or returned


@dataclass(frozen=True)
class StoredFile:
    id: int
    source: str
    format: str
    warnings: tuple[str, ...]  # e.g. control figures that disagreed, accepted on request


@dataclass(frozen=True)
class NewTransaction:
    bank: BankTransaction
    purchaser_id: int | None = None
    match_note: str | None = None
    candidates: tuple[StoredCandidate, ...] = ()
    reverses_id: int | None = None


class FundingRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add_file(
        self,
        *,
        offering_id: int,
        source: str,
        format: str,
        sha256: str,
        imported_at: str,
        imported_by: str,
        summary: Mapping[str, Any],
    ) -> int:
        values = {
            "offering_id": offering_id,
            "source": source,
            "format": format,
            "sha256": sha256,
            "imported_at": imported_at,
            "imported_by": imported_by,
            "summary": json.dumps(summary, sort_keys=True),
        }
        statement = insert(bank_files).values(values).returning(bank_files.c.id)
        return int(self._c.execute(statement).scalar_one())

    def files(self, offering_id: int) -> list[StoredFile]:
        f = bank_files.c
        query = select(f.id, f.source, f.format, f.summary).where(f.offering_id == offering_id)
        return [
            StoredFile(
                int(row.id),
                row.source,
                row.format,
                tuple(json.loads(row.summary).get("warnings", [])),
            )
            for row in self._c.execute(query.order_by(f.id))
        ]

    def lock_imports(self, offering_id: int) -> None:
        """Hold the offering's row until commit: one import at a time decides what is new
        (PostgreSQL; SQLite's writers are serial already)."""
        query = select(offerings.c.id).where(offerings.c.id == offering_id).with_for_update()
        self._c.execute(query)

    def identity_keys(self, offering_id: int) -> dict[str, list[int]]:
        """Every identity key of the offering's transactions -> the transactions it names
        (several when one file held several entries alike)."""
        k = bank_transaction_keys.c
        query = select(k.key, k.transaction_id).where(k.offering_id == offering_id)
        found: dict[str, list[int]] = {}
        for row in self._c.execute(query.order_by(k.transaction_id)):
            found.setdefault(row.key, []).append(int(row.transaction_id))
        return found

    def add_transactions(
        self,
        *,
        offering_id: int,
        file_id: int,
        new: Sequence[NewTransaction],
        matched_at: str,
    ) -> list[int]:
        """Store the file's new transactions and their identity keys; their ids, in order."""
        if not new:
            return []
        rows = [_row(offering_id, file_id, n, matched_at) for n in new]
        bulk_insert_values(self._c, bank_transactions, ROW_COLUMNS, rows)
        # One file's rows were inserted in this order in this transaction: their ids ascend.
        query = select(_T.id).where(_T.bank_file_id == file_id).order_by(_T.id)
        ids = list(self._c.execute(query).scalars())
        keys = [
            (offering_id, key, txn_id)
            for txn_id, n in zip(ids, new, strict=True)
            for key in n.bank.identity_keys()
        ]
        bulk_insert_values(self._c, bank_transaction_keys, KEY_COLUMNS, keys)
        return ids

    def transactions(self, offering_id: int) -> list[StoredTransaction]:
        """The offering's lines, voided ones left out."""
        query = (
            select(bank_transactions)
            .where(_T.offering_id == offering_id, _T.voided_at.is_(None))
            .order_by(_T.id)
        )
        return [_stored(row) for row in self._c.execute(query)]

    def wires(self, offering_id: int, purchaser_ids: Collection[int] | None = None) -> list[Wire]:
        """Funding's view of the transactions: all, or those matched to these purchasers
        together with the debits that return them (read by index: the work grows with
        these purchasers' wires, not with the offering)."""
        columns = [_T[c] for c in _WIRE_COLUMNS]
        query = select(*columns).where(_T.offering_id == offering_id, _T.voided_at.is_(None))
        if purchaser_ids is None:
            return [_wire(row) for row in self._c.execute(query.order_by(_T.id))]
        ids = sorted(purchaser_ids)
        credit = bank_transactions.alias("credit")
        returns = (
            select(*columns)
            .join(credit, _T.reverses_id == credit.c.id)
            .where(_T.voided_at.is_(None), credit.c.offering_id == offering_id)
        )
        rows: list[Row[Any]] = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            rows += self._c.execute(query.where(_T.purchaser_id.in_(chunk))).all()
            # from the purchasers' credits to the debits that return them, by index
            rows += self._c.execute(returns.where(credit.c.purchaser_id.in_(chunk))).all()
        return [_wire(row) for row in sorted(rows, key=lambda row: int(row.id))]

    def get(self, offering_id: int, txn_id: int, *, lock: bool = False) -> StoredTransaction | None:
        """A line not voided."""
        query = select(bank_transactions).where(
            _T.offering_id == offering_id, _T.id == txn_id, _T.voided_at.is_(None)
        )
        row = self._c.execute(query.with_for_update() if lock else query).first()
        return _stored(row) if row else None

    def raw_line(self, offering_id: int, txn_id: int, *, lock: bool = False) -> RawLine | None:
        query = select(bank_transactions).where(_T.offering_id == offering_id, _T.id == txn_id)
        row = self._c.execute(query.with_for_update() if lock else query).first()
        if row is None:
            return None
        linked = row.reverses_id is not None or self.is_returned(txn_id)
        return RawLine(
            int(row.id),
            row.direction,
            row.amount,
            row.currency,
            row.purchaser_id,
            row.voided_at is not None,
            linked,
        )

    def set_void(self, txn_id: int, *, at: str, by: str, reason: str) -> None:
        values = {"voided_at": at, "voided_by": by, "void_reason": reason}
        self._c.execute(update(bank_transactions).where(_T.id == txn_id).values(values))

    def is_returned(self, txn_id: int) -> bool:
        """Whether a reversing debit takes this credit back."""
        query = select(_T.id).where(_T.reverses_id == txn_id).limit(1)
        return self._c.execute(query).first() is not None

    def set_match(
        self,
        txn_id: int,
        *,
        purchaser_id: int | None,
        by: str | None,
        at: str | None,
        note: str | None,
    ) -> None:
        values = {
            "purchaser_id": purchaser_id,
            "matched_by": by,
            "matched_at": at,
            "match_note": note,
        }
        self._c.execute(update(bank_transactions).where(_T.id == txn_id).values(values))

    def set_refund(self, txn_id: int, *, amount: Decimal, reference: str) -> None:
        values = {"refunded_amount": str(amount), "refund_reference": reference}
        self._c.execute(update(bank_transactions).where(_T.id == txn_id).values(values))

    def set_reverses(self, links: Iterable[tuple[int, int]]) -> None:
        """(debit id, credit id) pairs: each debit returns that credit."""
        for debit_id, credit_id in links:
            statement = update(bank_transactions).where(_T.id == debit_id)
            self._c.execute(statement.values(reverses_id=credit_id))


ROW_COLUMNS = (
    "offering_id",
    "bank_file_id",
    "account",
    "direction",
    "amount",
    "currency",
    "value_date",
    "value_time",
    "originator",
    "remittance",
    "bank_reference",
    "imad",
    "omad",
    "uetr",
    "end_to_end_id",
    "type_code",
    "reversal",
    "original_reference",
    "source_where",
    "purchaser_id",
    "matched_by",
    "matched_at",
    "match_note",
    "candidates",
    "reverses_id",
)
KEY_COLUMNS = ("offering_id", "key", "transaction_id")


def _row(offering_id: int, file_id: int, new: NewTransaction, matched_at: str) -> tuple[Any, ...]:
    """The values of ROW_COLUMNS, as the driver takes them."""
    b = new.bank
    matched = new.purchaser_id is not None
    return (
        offering_id,
        file_id,
        b.account,
        b.direction,
        str(b.amount),
        b.currency,
        b.value_date.isoformat(),
        b.value_time.isoformat() if b.value_time else None,
        b.originator,
        b.remittance,
        b.bank_reference,
        b.imad,
        b.omad,
        b.uetr,
        b.end_to_end_id,
        b.type_code,
        b.reversal,
        b.original_reference,
        b.where,
        new.purchaser_id,
        "auto" if matched else None,
        matched_at if matched else None,
        new.match_note,
        _candidates_json(new.candidates),
        new.reverses_id,
    )


def _wire(row: Row[Any]) -> Wire:
    return Wire(
        txn_id=int(row.id),
        direction=row.direction,
        amount=Decimal(row.amount),
        currency=row.currency,
        value_date=date.fromisoformat(row.value_date),
        value_time=time.fromisoformat(row.value_time) if row.value_time else None,
        originator=row.originator,
        purchaser_id=row.purchaser_id,
        refunded=Decimal(row.refunded_amount or "0"),
        reverses=row.reverses_id,
    )


def _candidates_json(candidates: Sequence[StoredCandidate]) -> str | None:
    if not candidates:
        return None
    return json.dumps([[c.purchaser_id, c.score, list(c.reasons)] for c in candidates])


def _stored(row: Row[Any]) -> StoredTransaction:
    bank = BankTransaction(
        account=row.account,
        direction=row.direction,
        amount=Decimal(row.amount),
        currency=row.currency,
        value_date=date.fromisoformat(row.value_date),
        value_time=time.fromisoformat(row.value_time) if row.value_time else None,
        originator=row.originator,
        remittance=row.remittance,
        bank_reference=row.bank_reference,
        imad=row.imad,
        omad=row.omad,
        uetr=row.uetr,
        end_to_end_id=row.end_to_end_id,
        type_code=row.type_code,
        reversal=bool(row.reversal),
        original_reference=row.original_reference,
        where=row.source_where,
    )
    candidates = tuple(
        StoredCandidate(int(pid), int(score), tuple(reasons))
        for pid, score, reasons in json.loads(row.candidates or "[]")
    )
    return StoredTransaction(
        id=int(row.id),
        bank_file_id=int(row.bank_file_id),
        bank=bank,
        purchaser_id=row.purchaser_id,
        matched_by=row.matched_by,
        matched_at=row.matched_at,
        match_note=row.match_note,
        candidates=candidates,
        refunded_amount=Decimal(row.refunded_amount or "0"),
        refund_reference=row.refund_reference,
        reverses_id=row.reverses_id,
    )
