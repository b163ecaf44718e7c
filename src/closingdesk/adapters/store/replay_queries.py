"""The rows `audit verify` compares with the replayed event log (see domain.replay)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.funding_tables import bank_transactions
from closingdesk.adapters.store.settlement_tables import dwac_instructions, warrants
from closingdesk.domain.audit.replay import PurchaserRow, SettledRow, WireRow
from closingdesk.domain.checklist import CHECKLIST


def purchaser_rows(connection: Connection) -> list[PurchaserRow]:
    c = t.purchasers.c
    query = select(c.id, c.shares, c.warrant_shares, *(c[k] for k in CHECKLIST)).order_by(c.id)
    return [
        PurchaserRow(
            int(row.id),
            int(row.shares),
            None if row.warrant_shares is None else int(row.warrant_shares),
            {key: bool(row._mapping[key]) for key in CHECKLIST},
        )
        for row in connection.execute(query)
    ]


def wire_rows(connection: Connection) -> list[WireRow]:
    c = bank_transactions.c
    query = select(
        c.id, c.direction, c.amount, c.purchaser_id, c.refunded_amount, c.reverses_id
    ).order_by(c.id)
    return [
        WireRow(
            int(row.id),
            str(row.direction),
            Decimal(row.amount),
            row.purchaser_id,
            Decimal(row.refunded_amount or 0),
            row.reverses_id,
        )
        for row in connection.execute(query)
    ]


def settled_rows(connection: Connection) -> list[SettledRow]:
    i, w = dwac_instructions.c, warrants.c
    rows = [
        SettledRow("dwac_instructions", int(r.id), int(r.purchaser_id), int(r.shares))
        for r in connection.execute(select(i.id, i.purchaser_id, i.shares).order_by(i.id))
    ]
    rows.extend(
        SettledRow("warrants", int(r.id), int(r.purchaser_id), int(r.shares), str(r.number))
        for r in connection.execute(select(w.id, w.purchaser_id, w.shares, w.number).order_by(w.id))
    )
    return rows
