"""Settlement: runs, DWAC instructions, warrants, deliveries.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id")


def upgrade() -> None:
    op.create_table(
        "settlement_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, _fk("offerings"), nullable=False),
        sa.Column("run_at", sa.String(32), nullable=False),
        sa.Column("run_by", sa.Text, nullable=False),
        sa.Column("instructed_on", sa.String(10), nullable=False),
        sa.Column("letter_document_id", sa.Integer, _fk("documents")),
        sa.Column("csv_document_id", sa.Integer, _fk("documents"), nullable=False),
    )
    op.create_table(
        "dwac_instructions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, _fk("offerings"), nullable=False),
        sa.Column("settlement_run_id", sa.Integer, _fk("settlement_runs"), nullable=False),
        sa.Column("purchaser_id", sa.Integer, _fk("purchasers"), nullable=False, unique=True),
        sa.Column("shares", sa.BigInteger, nullable=False),
        sa.Column("dtc_participant", sa.Text, nullable=False),
        sa.Column("dtc_account", sa.Text, nullable=False),
        sa.Column("dtc_reference", sa.Text),
        sa.Column("confirmed_at", sa.String(32)),
        sa.Column("confirmed_by", sa.Text),
        sa.Column("confirmation_reference", sa.Text),
    )
    op.create_table(
        "warrants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, _fk("offerings"), nullable=False),
        sa.Column("purchaser_id", sa.Integer, _fk("purchasers"), nullable=False, unique=True),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("shares", sa.BigInteger, nullable=False),
        sa.Column("exercise_price", sa.String(40), nullable=False),
        sa.Column("issue_date", sa.String(10), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("document_id", sa.Integer, _fk("documents"), nullable=False),
        sa.Column("settlement_run_id", sa.Integer, _fk("settlement_runs"), nullable=False),
        sa.Column("original_due", sa.String(32), nullable=False),
        sa.Column("dispatched_at", sa.String(32)),
        sa.Column("dispatched_by", sa.Text),
        sa.Column("carrier", sa.Text),
        sa.Column("tracking", sa.Text),
        sa.UniqueConstraint("offering_id", "number", name="uq_warrants_number"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, _fk("offerings"), nullable=False),
        sa.Column("purchaser_id", sa.Integer, _fk("purchasers")),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("addressee", sa.Text, nullable=False),
        sa.Column("via", sa.String(10), nullable=False),
        sa.Column("sent_to", sa.Text),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("document_id", sa.Integer, _fk("documents")),
        sa.Column("sent_at", sa.String(32), nullable=False),
        sa.Column("sent_by", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("message_id", sa.Text),
        sa.Column("smtp_response", sa.Text),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_deliveries_purchaser", "deliveries", ["purchaser_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_purchaser", "deliveries")
    for table in ("deliveries", "warrants", "dwac_instructions", "settlement_runs"):
        op.drop_table(table)
