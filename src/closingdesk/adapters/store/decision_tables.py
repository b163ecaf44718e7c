"""Decisions people record on funding exceptions (accept a late wire, acknowledge a return).

On the same metadata as the rest of the store (tables.py imports this module at its end).
One decision of a kind per wire and purchaser; each is also an event in the log.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from closingdesk.adapters.store.tables import metadata

exception_decisions = Table(
    "exception_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("transaction_id", Integer, ForeignKey("bank_transactions.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False),
    Column("kind", String(40), nullable=False),  # accept_late, acknowledge_return
    Column("reason", Text, nullable=False),
    Column("decided_by", Text, nullable=False),
    Column("decided_at", String(32), nullable=False),
    UniqueConstraint(
        "transaction_id", "purchaser_id", "kind", name="uq_exception_decisions_wire_kind"
    ),
)
