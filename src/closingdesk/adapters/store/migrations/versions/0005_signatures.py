"""Signatures: each side's signature of a purchaser's agreement, and signature pages sent back.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signature_pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("added_by", sa.Text, nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("reviewed_by", sa.Text),
        sa.Column("reviewed_at", sa.String(32)),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="ck_pages_status"),
    )
    op.create_index("ix_signature_pages_purchaser", "signature_pages", ["purchaser_id", "status"])
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id"), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("signer_name", sa.Text, nullable=False),
        sa.Column("signer_title", sa.Text),
        sa.Column("typed_signature", sa.Text),
        sa.Column("consent_version", sa.String(40)),
        sa.Column("link_id", sa.Integer, sa.ForeignKey("purchaser_links.id")),
        sa.Column("sent_to", sa.Text),
        sa.Column("ip", sa.Text),
        sa.Column("user_agent", sa.Text),
        sa.Column("signature_page_id", sa.Integer, sa.ForeignKey("signature_pages.id")),
        sa.Column("signed_at", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.UniqueConstraint("purchaser_id", "side", name="uq_signatures_purchaser_side"),
        sa.CheckConstraint("side IN ('purchaser', 'company')", name="ck_signatures_side"),
        sa.CheckConstraint(
            "method IN ('electronic', 'signature_page')", name="ck_signatures_method"
        ),
    )


def downgrade() -> None:
    op.drop_table("signatures")
    op.drop_index("ix_signature_pages_purchaser", table_name="signature_pages")
    op.drop_table("signature_pages")
