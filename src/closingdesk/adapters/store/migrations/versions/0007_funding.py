"""Funding: bank files, the offering account's transactions, and their identity keys.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("imported_by", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )
    op.create_table(
        "bank_transactions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("bank_file_id", sa.Integer, sa.ForeignKey("bank_files.id"), nullable=False),
        sa.Column("account", sa.Text, nullable=False),
        sa.Column("direction", sa.String(6), nullable=False),
        sa.Column("amount", sa.String(40), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("value_date", sa.String(10), nullable=False),
        sa.Column("value_time", sa.String(32)),
        sa.Column("originator", sa.Text),
        sa.Column("remittance", sa.Text, nullable=False),
        sa.Column("bank_reference", sa.Text),
        sa.Column("imad", sa.Text),
        sa.Column("omad", sa.Text),
        sa.Column("uetr", sa.Text),
        sa.Column("end_to_end_id", sa.Text),
        sa.Column("type_code", sa.Text),
        sa.Column("reversal", sa.Boolean, nullable=False),
        sa.Column("original_reference", sa.Text),
        sa.Column("source_where", sa.Text, nullable=False),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id")),
        sa.Column("matched_by", sa.Text),
        sa.Column("matched_at", sa.String(32)),
        sa.Column("match_note", sa.Text),
        sa.Column("candidates", sa.Text),
        sa.Column("refunded_amount", sa.String(40)),
        sa.Column("refund_reference", sa.Text),
        sa.Column("reverses_id", sa.Integer, sa.ForeignKey("bank_transactions.id")),
        sa.CheckConstraint("direction IN ('credit', 'debit')", name="ck_bank_txn_direction"),
    )
    op.create_index("ix_bank_transactions_offering", "bank_transactions", ["offering_id", "id"])
    op.create_index("ix_bank_transactions_purchaser", "bank_transactions", ["purchaser_id"])
    op.create_table(
        "bank_transaction_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column(
            "transaction_id",
            sa.Integer,
            sa.ForeignKey("bank_transactions.id"),
            nullable=False,
        ),
        sa.UniqueConstraint("offering_id", "key", name="uq_bank_transaction_keys"),
    )


def downgrade() -> None:
    op.drop_table("bank_transaction_keys")
    op.drop_index("ix_bank_transactions_purchaser", "bank_transactions")
    op.drop_index("ix_bank_transactions_offering", "bank_transactions")
    op.drop_table("bank_transactions")
    op.drop_table("bank_files")
