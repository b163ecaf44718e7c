"""Funding: the bank files imported and every transaction of the offering's account in them.

On the same metadata as the rest of the store (tables.py imports this module at its end).
Amounts are kept as their exact decimal text ("1000.00"): the store never rounds money
and SQLite has no decimal type. A transaction is stored once however often a bank reports
it: each of its identity keys (IMAD, UETR, end-to-end id, bank reference, full record,
behind account, direction, amount, currency and value date) is kept in
`bank_transaction_keys`; a key may name several transactions of one file (its entries
are all real), and an entry of a later file is the one already stored when it shares a key.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from closingdesk.adapters.store.tables import metadata

bank_files = Table(
    "bank_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("source", Text, nullable=False),  # the file's name as given
    Column("format", String(10), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", String(32), nullable=False),
    Column("imported_by", Text, nullable=False),
    Column("summary", Text, nullable=False),  # JSON: counts, skipped accounts, warnings
)

bank_transactions = Table(
    "bank_transactions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("bank_file_id", Integer, ForeignKey("bank_files.id"), nullable=False),
    Column("account", Text, nullable=False),
    Column("direction", String(6), nullable=False),  # "credit" or "debit"
    Column("amount", String(40), nullable=False),  # exact decimal text
    Column("currency", String(3), nullable=False),
    Column("value_date", String(10), nullable=False),
    Column("value_time", String(32)),  # ISO time, with its offset when the bank gave one
    Column("originator", Text),
    Column("remittance", Text, nullable=False),
    Column("bank_reference", Text),
    Column("imad", Text),
    Column("omad", Text),
    Column("uetr", Text),
    Column("end_to_end_id", Text),
    Column("type_code", Text),
    Column("reversal", Boolean, nullable=False),
    Column("original_reference", Text),
    Column("source_where", Text, nullable=False),  # "line 12" or an XML path
    Column("purchaser_id", Integer, ForeignKey("purchasers.id")),  # matched to
    Column("matched_by", Text),  # "auto" or the person who matched it
    Column("matched_at", String(32)),
    Column("match_note", Text),  # why: the matcher's reasons or the person's reason
    Column("candidates", Text),  # JSON: the matcher's suggestions when it did not decide
    Column("refunded_amount", String(40)),
    Column("refund_reference", Text),
    Column("reverses_id", Integer, ForeignKey("bank_transactions.id")),  # a return's credit
    Column("voided_at", String(32)),  # an admin voided the stored line (a bad amount...)
    Column("voided_by", Text),
    Column("void_reason", Text),
    Index("ix_bank_transactions_offering", "offering_id", "id"),
    Index("ix_bank_transactions_purchaser", "purchaser_id"),
    Index("ix_bank_transactions_reverses", "reverses_id"),
)

bank_transaction_keys = Table(
    "bank_transaction_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("key", Text, nullable=False),
    Column("transaction_id", Integer, ForeignKey("bank_transactions.id"), nullable=False),
    Index("ix_bank_transaction_keys", "offering_id", "key"),
)
