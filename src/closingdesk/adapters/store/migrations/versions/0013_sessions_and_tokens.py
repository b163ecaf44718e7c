"""Sign-in sessions kept on the server; API tokens that expire and show when they were last
used; failed sign-ins counted by client address as well as by e-mail.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-07
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

# Tokens made before they could expire expire this long after they were made.
TOKEN_LIFETIME = timedelta(days=90)


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("last_seen_at", sa.String(32), nullable=False),
        sa.Column("ended_at", sa.String(32)),
    )
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.String(32)))
        batch.add_column(sa.Column("last_used_at", sa.String(32)))
    tokens = sa.table(
        "api_tokens",
        sa.column("id", sa.Integer),
        sa.column("created_at", sa.String),
        sa.column("expires_at", sa.String),
    )
    connection = op.get_bind()
    for token_id, created_at in connection.execute(sa.select(tokens.c.id, tokens.c.created_at)):
        made = datetime.fromisoformat(created_at)
        expires = (made + TOKEN_LIFETIME).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        connection.execute(
            sa.update(tokens).where(tokens.c.id == token_id).values(expires_at=expires)
        )
    with op.batch_alter_table("login_failures") as batch:
        batch.add_column(sa.Column("client", sa.String(64)))
    op.create_index("ix_login_failures_client", "login_failures", ["client", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_failures_client", "login_failures")
    with op.batch_alter_table("login_failures") as batch:
        batch.drop_column("client")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("expires_at")
    op.drop_table("web_sessions")
