"""An index on the credit a return takes back: a manual decision on one wire finds its
return without reading every line of the offering.

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-07
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_bank_transactions_reverses", "bank_transactions", ["reverses_id"])


def downgrade() -> None:
    op.drop_index("ix_bank_transactions_reverses", table_name="bank_transactions")
