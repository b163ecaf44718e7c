"""Counsel's forms, versioned per offering, and the form versions each document was made from.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("imported_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint(
            "offering_id", "kind", "version", name="uq_forms_offering_kind_version"
        ),
    )
    op.create_table(
        "document_forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id")),
        sa.Column("document_kind", sa.String(40), nullable=False),
        sa.Column("document_format", sa.String(10), nullable=False),
        sa.Column("document_version", sa.Integer, nullable=False),
        sa.Column("form_kind", sa.String(20), nullable=False),
        sa.Column("form_version", sa.Integer, nullable=False),
        sa.Column("form_sha256", sa.String(64), nullable=False),
    )
    op.create_index(
        "ix_document_forms_purchaser",
        "document_forms",
        ["purchaser_id", "document_kind", "document_format"],
    )


def downgrade() -> None:
    op.drop_index("ix_document_forms_purchaser", table_name="document_forms")
    op.drop_table("document_forms")
    op.drop_table("forms")
