"""Bank entries: identity keys that may name several entries of one file; voided lines.

The keys of the entries already stored are computed again in the new form (account,
direction, amount, currency and value date before each strong id or the full record).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from datetime import date, time
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from closingdesk.domain.funding.bank import BankTransaction

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("bank_transactions", sa.Column("voided_at", sa.String(32)))
    op.add_column("bank_transactions", sa.Column("voided_by", sa.Text))
    op.add_column("bank_transactions", sa.Column("void_reason", sa.Text))
    op.drop_table("bank_transaction_keys")
    keys = op.create_table(
        "bank_transaction_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column(
            "transaction_id", sa.Integer, sa.ForeignKey("bank_transactions.id"), nullable=False
        ),
    )
    op.create_index("ix_bank_transaction_keys", "bank_transaction_keys", ["offering_id", "key"])
    rows = op.get_bind().execute(sa.text("SELECT * FROM bank_transactions ORDER BY id"))
    values = [
        {"offering_id": row.offering_id, "key": key, "transaction_id": row.id}
        for row in rows
        for key in _stored(row).identity_keys()
    ]
    if values:
        op.bulk_insert(keys, values)


def _stored(row: sa.Row) -> BankTransaction:  # type: ignore[type-arg]
    return BankTransaction(
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
    )


def downgrade() -> None:
    op.drop_column("bank_transactions", "void_reason")
    op.drop_column("bank_transactions", "voided_by")
    op.drop_column("bank_transactions", "voided_at")
