"""The foundation: offerings, purchasers, documents and the event chain.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CHECKLIST = (
    "agreement_generated",
    "prospectus_delivered",
    "purchaser_signed",
    "company_signed",
    "funded",
    "shares_instructed",
    "shares_confirmed",
    "warrant_issued",
    "warrant_copy_delivered",
    "warrant_original_delivered",
)


def upgrade() -> None:
    op.create_table(
        "offerings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(100), nullable=False, unique=True),
        sa.Column("issuer_name", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "purchasers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("shares", sa.BigInteger, nullable=False),
        sa.Column("warrant_shares", sa.BigInteger),
        sa.Column("email", sa.Text),
        sa.Column("attention", sa.Text),
        sa.Column("address", sa.Text),
        sa.Column("fax", sa.Text),
        sa.Column("dtc_participant", sa.String(4)),
        sa.Column("dtc_account", sa.Text),
        sa.Column("dtc_reference", sa.Text),
        sa.Column("signer_name", sa.Text),
        sa.Column("signer_title", sa.Text),
        *(sa.Column(key, sa.Boolean, nullable=False, server_default="0") for key in CHECKLIST),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("offering_id", "name_key", name="uq_purchasers_offering_name"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offering_id", sa.Integer, sa.ForeignKey("offerings.id"), nullable=False),
        sa.Column("purchaser_id", sa.Integer, sa.ForeignKey("purchasers.id")),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_purchaser", "documents", ["purchaser_id", "kind", "format"])
    op.create_table(
        "events",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_events_subject", "events", ["subject"])
    head = op.create_table(
        "event_chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])


def downgrade() -> None:
    for table in ("event_chain_head", "events", "documents", "purchasers", "offerings"):
        op.drop_table(table)
