"""The forms tables, on the same metadata as the rest of the store (see tables.py).

``forms`` keeps every version of counsel's forms of an offering, each with its source and
SHA-256; version 1 is closingdesk's own, stored the first time the offering uses it.
``document_forms`` records, for each drafted document version, which version of each form
it was made from, so a signed agreement (and its warrant) stays with the forms it was
signed on whatever counsel imports later.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from closingdesk.adapters.store.tables import metadata

forms = Table(
    "forms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("kind", String(20), nullable=False),  # agreement, warrant, dwac_letter, notice
    Column("version", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", String(32), nullable=False),
    Column("imported_by", Text, nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("offering_id", "kind", "version", name="uq_forms_offering_kind_version"),
)

document_forms = Table(
    "document_forms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id")),
    Column("document_kind", String(40), nullable=False),  # "agreement"
    Column("document_format", String(10), nullable=False),  # "pdf"
    Column("document_version", Integer, nullable=False),
    Column("form_kind", String(20), nullable=False),
    Column("form_version", Integer, nullable=False),
    Column("form_sha256", String(64), nullable=False),
    Index("ix_document_forms_purchaser", "purchaser_id", "document_kind", "document_format"),
)
