"""Invitations: the e-mails that carried purchasers their links, sent or refused.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id"), nullable=False),
        sa.Column("link_id", sa.Integer, sa.ForeignKey("purchaser_links.id"), nullable=False),
        sa.Column("sent_to", sa.Text, nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=False),
        sa.Column("sent_by", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("prospectus_sha256", sa.String(64)),
        sa.Column("smtp_response", sa.Text),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_invitations_purchaser", "invitations", ["purchaser_id"])


def downgrade() -> None:
    op.drop_index("ix_invitations_purchaser", table_name="invitations")
    op.drop_table("invitations")
