"""The database tables. Alembic migrations create them; this metadata is what queries use.

Money is never stored where it can be derived (a purchase price is shares x price); share
counts are integers; times are ISO 8601 UTC text so that event hashes see the same bytes on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from closingdesk.domain.checklist import CHECKLIST

metadata = MetaData()

offerings = Table(
    "offerings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(100), nullable=False, unique=True),
    Column("issuer_name", Text, nullable=False),
    Column("terms", Text, nullable=False),  # canonical JSON of the terms mapping
    Column("created_at", String(32), nullable=False),
)

purchasers = Table(
    "purchasers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # casefolded name: one purchaser per name
    Column("shares", BigInteger, nullable=False),
    Column("warrant_shares", BigInteger),  # the book's override of the terms' coverage
    Column("email", Text),
    Column("attention", Text),
    Column("address", Text),  # lines joined by "\n"
    Column("fax", Text),
    Column("dtc_participant", String(4)),
    Column("dtc_account", Text),
    Column("dtc_reference", Text),
    Column("signer_name", Text),
    Column("signer_title", Text),
    *(Column(key, Boolean, nullable=False, server_default="0") for key in CHECKLIST),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("offering_id", "name_key", name="uq_purchasers_offering_name"),
    Index("ix_purchasers_offering_shares", "offering_id", "shares"),
    Index("ix_purchasers_offering_id", "offering_id", "id"),
    Index("ix_purchasers_offering_updated", "offering_id", "updated_at", "id"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id")),
    Column("kind", String(40), nullable=False),  # "agreement"
    Column("format", String(10), nullable=False),  # "txt"
    Column("version", Integer, nullable=False),
    Column("file_name", Text, nullable=False),
    # the bytes are in the file store (adapters/files), in the file named by this hash
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_documents_purchaser", "purchaser_id", "kind", "format"),
)

events = Table(
    "events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("kind", String(60), nullable=False),
    Column("subject", Text, nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON, exactly as hashed
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_events_subject", "subject"),
)

# One row: the newest event's number and hash. Locking it serialises writers, so two
# transactions can never both extend the chain from the same event.
event_chain_head = Table(
    "event_chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("created_at", String(32), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the token
    Column("label", Text),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("expires_at", String(32)),  # filled for every token; tokens expire
    Column("last_used_at", String(32)),  # to the minute
)

# A signed-in browser: the cookie carries a random id, the store its SHA-256; signing out
# ends the record, so a copied cookie stops working.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("last_seen_at", String(32), nullable=False),  # to the minute
    Column("ended_at", String(32)),
)

purchaser_links = Table(
    "purchaser_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False),
    Column("nonce_hash", String(64), nullable=False, unique=True),
    Column("sent_to", Text),
    Column("created_by", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Index("ix_purchaser_links_purchaser", "purchaser_id"),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False),
    Column("at", String(32), nullable=False),
    Column("client", String(64)),  # the address the attempt came from
    Index("ix_login_failures_email", "email", "at"),
    Index("ix_login_failures_client", "client", "at"),
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

# Tables defined in their own modules join this metadata when they are imported.
from closingdesk.adapters.store import (  # noqa: E402
    decision_tables,  # noqa: F401
    form_tables,  # noqa: F401
    funding_tables,  # noqa: F401
    invitation_tables,  # noqa: F401
    settlement_tables,  # noqa: F401
    signature_tables,  # noqa: F401
)
