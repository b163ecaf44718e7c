"""Indexes for the purchasers table of the deal room: paging in id and update order.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_purchasers_offering_id", "purchasers", ["offering_id", "id"])
    op.create_index(
        "ix_purchasers_offering_updated", "purchasers", ["offering_id", "updated_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_purchasers_offering_updated", "purchasers")
    op.drop_index("ix_purchasers_offering_id", "purchasers")
