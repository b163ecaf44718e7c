"""Invitations: each e-mail that carried a purchaser their link, and what the server said.

On the same metadata as the rest of the store (tables.py imports this module at its end).
A refused invitation is kept like a sent one: the mail server's refusal is evidence too.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from closingdesk.adapters.store.tables import metadata

invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("purchaser_id", Integer, ForeignKey("purchasers.id"), nullable=False),
    Column("link_id", Integer, ForeignKey("purchaser_links.id"), nullable=False),
    Column("sent_to", Text, nullable=False),
    Column("sent_at", String(32), nullable=False),
    Column("sent_by", Text, nullable=False),
    Column("status", String(10), nullable=False),  # "sent" or "refused"
    Column("message_id", Text, nullable=False),
    Column("prospectus_sha256", String(64)),  # the prospectus attached, if one was
    Column("smtp_response", Text),  # the server's reply to the message, when it took it
    Column("error", Text),  # why it was refused
    Index("ix_invitations_purchaser", "purchaser_id"),
)
