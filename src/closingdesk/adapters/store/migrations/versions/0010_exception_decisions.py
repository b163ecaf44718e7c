"""Decisions on funding exceptions: a late wire accepted, a bank's return acknowledged.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exception_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column(
            "transaction_id", sa.Integer, sa.ForeignKey("bank_transactions.id"), nullable=False
        ),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("decided_at", sa.String(32), nullable=False),
        sa.UniqueConstraint(
            "transaction_id", "purchaser_id", "kind", name="uq_exception_decisions_wire_kind"
        ),
    )


def downgrade() -> None:
    op.drop_table("exception_decisions")
