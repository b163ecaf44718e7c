"""The signatures tables, on the same metadata as the rest of the store (see tables.py).

A side signs a purchaser's agreement once: ``signatures`` is unique on (purchaser, side), so
two submissions racing each other cannot both be recorded. A signature page sent back is
kept with its review (its bytes in the file store); an accepted one is the purchaser's signature.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from closingdesk.adapters.store.tables import metadata

signature_pages = Table(
    "signature_pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),  # its bytes: in the file store
    Column("size", BigInteger, nullable=False),
    Column("status", String(10), nullable=False),  # pending | accepted | rejected
    Column("reason", Text),  # why it was rejected
    Column("added_by", Text, nullable=False),
    Column("added_at", String(32), nullable=False),
    Column("reviewed_by", Text),
    Column("reviewed_at", String(32)),
    CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="ck_pages_status"),
    Index("ix_signature_pages_purchaser", "purchaser_id", "status"),
)

signatures = Table(
    "signatures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False),
    Column("side", String(10), nullable=False),  # purchaser | company
    Column("method", String(20), nullable=False),  # electronic | signature_page
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("document_sha256", String(64), nullable=False),
    Column("signer_name", Text, nullable=False),
    Column("signer_title", Text),
    Column("typed_signature", Text),
    Column("consent_version", String(40)),
    Column("link_id", Integer, ForeignKey("purchaser_links.id")),
    Column("sent_to", Text),
    Column("ip", Text),  # as the server saw it (a proxy's list included)
    Column("user_agent", Text),
    Column("signature_page_id", Integer, ForeignKey("signature_pages.id")),
    Column("signed_at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    UniqueConstraint("purchaser_id", "side", name="uq_signatures_purchaser_side"),
    CheckConstraint("side IN ('purchaser', 'company')", name="ck_signatures_side"),
    CheckConstraint("method IN ('electronic', 'signature_page')", name="ck_signatures_method"),
)
