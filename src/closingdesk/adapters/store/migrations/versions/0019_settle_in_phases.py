"""Settling in phases: a run is decided (numbers allocated) in one short transaction, its
files attached afterwards; ``completed_at`` tells a finished run from one to resume.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("settlement_runs") as batch:
        batch.add_column(sa.Column("completed_at", sa.String(32), nullable=True))
        batch.add_column(sa.Column("signer_name", sa.Text, nullable=True))
        batch.alter_column("csv_document_id", existing_type=sa.Integer, nullable=True)
    op.execute("UPDATE settlement_runs SET completed_at = run_at")  # every earlier run finished
    op.create_table(
        "warrant_allocations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column(
            "settlement_run_id", sa.Integer, sa.ForeignKey("settlement_runs.id"), nullable=False
        ),
        sa.Column(
            "purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id"), nullable=False, unique=True
        ),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("warrant_shares", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("offering_id", "number", name="uq_warrant_allocations_number"),
    )
    op.execute(
        "INSERT INTO warrant_allocations "
        "(offering_id, settlement_run_id, purchaser_id, number, warrant_shares) "
        "SELECT offering_id, settlement_run_id, purchaser_id, number, shares FROM warrants"
    )


def downgrade() -> None:
    op.drop_table("warrant_allocations")
    with op.batch_alter_table("settlement_runs") as batch:
        batch.alter_column("csv_document_id", existing_type=sa.Integer, nullable=False)
        batch.drop_column("signer_name")
        batch.drop_column("completed_at")
