"""People: users, API tokens, purchasers' own links, failed logins, the signing secret.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    op.create_table(
        "purchaser_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id"), nullable=False),
        sa.Column("nonce_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("sent_to", sa.Text),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    op.create_index("ix_purchaser_links_purchaser", "purchaser_links", ["purchaser_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_login_failures_email", "login_failures", ["email", "at"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # The deal room sorts the purchasers table by shares (by name the unique constraint's
    # index on (offering_id, name_key) serves).
    op.create_index("ix_purchasers_offering_shares", "purchasers", ["offering_id", "shares"])


def downgrade() -> None:
    op.drop_index("ix_purchasers_offering_shares", "purchasers")
    for table in ("app_secrets", "login_failures", "purchaser_links", "api_tokens", "users"):
        op.drop_table(table)
