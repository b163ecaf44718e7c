"""Signed and delivered: who signed each warrant (and its original), and when a warrant's
original or a sent copy was delivered, with the evidence.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

WARRANT_COLUMNS = (
    ("signer_name", sa.Text),  # the authorised signatory who signed the warrant
    ("signer_title", sa.Text),
    ("original_signed_by", sa.Text),  # "Name, Title" of who signed the original dispatched
    ("delivered_at", sa.String(32)),  # the original's delivery, from the carrier's evidence
    ("delivered_by", sa.Text),
    ("delivery_evidence", sa.Text),
)
DELIVERY_COLUMNS = (
    ("delivered_at", sa.String(32)),  # evidence of receipt (a fax gateway's confirmation)
    ("delivery_evidence", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("warrants") as table:
        for name, kind in WARRANT_COLUMNS:
            table.add_column(sa.Column(name, kind))
    with op.batch_alter_table("deliveries") as table:
        for name, kind in DELIVERY_COLUMNS:
            table.add_column(sa.Column(name, kind))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as table:
        for name, _ in reversed(DELIVERY_COLUMNS):
            table.drop_column(name)
    with op.batch_alter_table("warrants") as table:
        for name, _ in reversed(WARRANT_COLUMNS):
            table.drop_column(name)
