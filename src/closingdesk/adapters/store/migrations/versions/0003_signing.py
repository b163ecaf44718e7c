"""Signing: the installation's local CA and each offering's signing identity.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_authority",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("certificate_pem", sa.Text, nullable=False),
        sa.Column("private_key_pem", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "signing_identities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False, unique=True
        ),
        sa.Column("certificate_pem", sa.Text, nullable=False),
        sa.Column("private_key_pem", sa.Text, nullable=False),
        sa.Column("ca_certificate_pem", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signing_identities")
    op.drop_table("signing_authority")
