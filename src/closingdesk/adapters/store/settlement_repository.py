"""The store of settlement: runs, DWAC instructions, warrants, deliveries and their documents.

Used inside a unit of work (``SettlementRepository(uow.connection)``); it never commits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.document_files import document_content, with_files_stored
from closingdesk.adapters.store.settlement_tables import (
    deliveries,
    dwac_instructions,
    settlement_runs,
    warrant_allocations,
    warrants,
)

_W = warrants.c
_I = dwac_instructions.c
_A = warrant_allocations.c
_R = settlement_runs.c


@dataclass(frozen=True)
class WarrantRecord:
    id: int
    purchaser_id: int
    number: str
    shares: int
    exercise_price: str
    issue_date: str
    expires_at: str
    document_id: int
    settlement_run_id: int
    original_due: str
    dispatched_at: str | None
    carrier: str | None
    tracking: str | None
    signer_name: str | None  # None for warrants issued before warrants were signed
    signer_title: str | None
    original_signed_by: str | None
    delivered_at: str | None  # the original's delivery
    delivered_by: str | None
    delivery_evidence: str | None


@dataclass(frozen=True)
class InstructionRecord:
    id: int
    settlement_run_id: int
    purchaser_id: int
    shares: int
    dtc_participant: str
    dtc_account: str
    dtc_reference: str | None
    confirmed_at: str | None
    confirmation_reference: str | None


@dataclass(frozen=True)
class Allocation:
    """A purchaser decided in a run: their instruction and the warrant number given them."""

    purchaser_id: int
    number: str
    warrant_shares: int
    shares: int
    dtc_participant: str
    dtc_account: str
    dtc_reference: str | None
    has_warrant: bool  # its PDF attached and the warrant issued


@dataclass(frozen=True)
class DeliveryRecord:
    id: int
    purchaser_id: int | None
    kind: str
    addressee: str
    via: str
    sent_to: str | None
    subject: str
    document_id: int | None
    sent_at: str
    status: str
    message_id: str | None
    smtp_response: str | None
    error: str | None
    delivered_at: str | None
    delivery_evidence: str | None


class SettlementRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def lock_offering(self, offering_id: int) -> None:
        """Serialise settle runs of one offering (SQLite's writer lock already does)."""
        c = t.offerings.c
        self._c.execute(select(c.id).where(c.id == offering_id).with_for_update())

    def add_documents(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        if not rows:
            return []
        statement = insert(t.documents).returning(t.documents.c.id, sort_by_parameter_order=True)
        return [int(r.id) for r in self._c.execute(statement, with_files_stored(self._c, rows))]

    def add_run(self, **values: Any) -> int:
        statement = insert(settlement_runs).values(values).returning(settlement_runs.c.id)
        return int(self._c.execute(statement).scalar_one())

    def complete_run(self, run_id: int, **values: Any) -> bool:
        """Attach the run's letter, CSV and XLSX and mark it complete, unless it was already;
        whether this call completed it."""
        statement = update(settlement_runs).where(_R.id == run_id, _R.completed_at.is_(None))
        return self._c.execute(statement.values(values)).rowcount == 1

    def unfinished_runs(self, offering_id: int) -> list[Mapping[str, Any]]:
        """The runs decided whose files are not all attached (a settle stopped meanwhile)."""
        query = select(settlement_runs).where(
            _R.offering_id == offering_id, _R.completed_at.is_(None)
        )
        return [dict(row._mapping) for row in self._c.execute(query.order_by(_R.id))]

    def lock_run(self, run_id: int) -> Mapping[str, Any]:
        """The run's row, held until the transaction ends: one attaching at a time."""
        query = select(settlement_runs).where(_R.id == run_id).with_for_update()
        return dict(self._c.execute(query).one()._mapping)

    def add_allocations(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._c.execute(insert(warrant_allocations), list(rows))

    def allocations(self, run_id: int) -> list[Allocation]:
        """The run's purchasers in the order of their warrant numbers."""
        query = (
            select(
                _A.purchaser_id,
                _A.number,
                _A.warrant_shares,
                _I.shares,
                _I.dtc_participant,
                _I.dtc_account,
                _I.dtc_reference,
                _W.id.label("warrant_id"),
            )
            .join(dwac_instructions, _I.purchaser_id == _A.purchaser_id)
            .outerjoin(warrants, _W.purchaser_id == _A.purchaser_id)
            .where(_A.settlement_run_id == run_id)
            .order_by(_A.id)
        )
        return [
            Allocation(
                int(r.purchaser_id),
                r.number,
                int(r.warrant_shares),
                int(r.shares),
                r.dtc_participant,
                r.dtc_account,
                r.dtc_reference,
                r.warrant_id is not None,
            )
            for r in self._c.execute(query)
        ]

    def warranted(self, run_id: int) -> set[int]:
        """The purchasers of the run whose warrants are issued."""
        query = select(_W.purchaser_id).where(_W.settlement_run_id == run_id)
        return set(self._c.execute(query).scalars())

    def add_instructions(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._c.execute(insert(dwac_instructions), list(rows))

    def add_warrants(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._c.execute(insert(warrants), list(rows))

    def warrant_numbers(self, offering_id: int) -> list[str]:
        """Every number given out: issued, or allocated to a run not yet complete."""
        issued = select(_W.number).where(_W.offering_id == offering_id)
        allocated = select(_A.number).where(_A.offering_id == offering_id)
        return sorted(
            set(self._c.execute(issued).scalars()) | set(self._c.execute(allocated).scalars())
        )

    def instructed(self, offering_id: int) -> set[int]:
        """The purchasers settled, or being settled by a run not yet complete."""
        query = select(_I.purchaser_id).where(_I.offering_id == offering_id)
        return set(self._c.execute(query).scalars())

    def warrants(self, offering_id: int) -> list[WarrantRecord]:
        query = select(warrants).where(_W.offering_id == offering_id).order_by(_W.id)
        return [_warrant(row) for row in self._c.execute(query)]

    def warrant(self, offering_id: int, number: str) -> WarrantRecord | None:
        query = select(warrants).where(_W.offering_id == offering_id, _W.number == number)
        row = self._c.execute(query.with_for_update()).first()
        return _warrant(row) if row else None

    def set_dispatched(self, warrant_id: int, **values: Any) -> None:
        self._c.execute(update(warrants).where(_W.id == warrant_id).values(values))

    def instructions(self, offering_id: int, *, lock: bool = False) -> list[InstructionRecord]:
        """``lock``: hold the rows until the transaction ends, read as they are then."""
        query = select(dwac_instructions).where(_I.offering_id == offering_id).order_by(_I.id)
        rows = self._c.execute(query.with_for_update() if lock else query)
        return [_instruction(row) for row in rows]

    def confirm(self, purchaser_id: int, *, at: str, by: str, reference: str | None) -> bool:
        """Record the credit unless it was confirmed already; whether it was recorded."""
        values = {"confirmed_at": at, "confirmed_by": by, "confirmation_reference": reference}
        statement = update(dwac_instructions).where(
            _I.purchaser_id == purchaser_id, _I.confirmed_at.is_(None)
        )
        return self._c.execute(statement.values(values)).rowcount == 1

    def runs(self, offering_id: int) -> list[Mapping[str, Any]]:
        """The complete runs (their letter, CSV and XLSX attached), in order; a run still
        rendering, or stopped and not resumed yet, is :meth:`unfinished_runs`'."""
        c = settlement_runs.c
        query = (
            select(settlement_runs)
            .where(c.offering_id == offering_id, c.completed_at.is_not(None))
            .order_by(c.id)
        )
        return [dict(row._mapping) for row in self._c.execute(query)]

    def add_delivery(self, **values: Any) -> int:
        statement = insert(deliveries).values(values).returning(deliveries.c.id)
        return int(self._c.execute(statement).scalar_one())

    def set_delivered(self, delivery_id: int, at: datetime, evidence: str) -> None:
        """A sent message's evidence of receipt (e.g. the fax gateway's confirmation)."""
        values = {"delivered_at": at.isoformat(), "delivery_evidence": evidence}
        self._c.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(values))

    def deliveries(self, offering_id: int, *, kind: str | None = None) -> list[DeliveryRecord]:
        c = deliveries.c
        query = select(deliveries).where(c.offering_id == offering_id)
        if kind is not None:
            query = query.where(c.kind == kind)
        return [_delivery(row) for row in self._c.execute(query.order_by(c.id))]


def _warrant(row: Any) -> WarrantRecord:
    m = row._mapping
    return WarrantRecord(**{f: m[f] for f in WarrantRecord.__dataclass_fields__})


def _instruction(row: Any) -> InstructionRecord:
    m = row._mapping
    return InstructionRecord(**{f: m[f] for f in InstructionRecord.__dataclass_fields__})


def _delivery(row: Any) -> DeliveryRecord:
    m = row._mapping
    return DeliveryRecord(**{f: m[f] for f in DeliveryRecord.__dataclass_fields__})


def run_documents(connection: Connection, run_id: int) -> Iterator[tuple[str, bytes]]:
    """(file name, content) of a run's letter, CSV, XLSX and warrants, streamed in id order."""
    d, r = t.documents.c, settlement_runs.c
    run = connection.execute(select(settlement_runs).where(r.id == run_id)).one()
    own = (run.letter_document_id, run.csv_document_id, run.xlsx_document_id)
    ids = [i for i in own if i is not None]
    head = select(d.id, d.file_name, d.sha256).where(d.id.in_(ids)).order_by(d.id)
    heads = connection.execute(head).all()
    yield from ((row.file_name, document_content(connection, row)) for row in heads)
    body = (
        select(d.id, d.file_name, d.sha256)
        .join(warrants, _W.document_id == d.id)
        .where(_W.settlement_run_id == run_id)
        .order_by(d.id)
    )
    for row in connection.execute(body).all():
        yield row.file_name, document_content(connection, row)
