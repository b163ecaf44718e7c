"""The signing tables, on the same metadata as the rest of the store (see tables.py).

Private keys are stored only as encrypted PKCS#8 PEM; each passphrase is derived from the
installation secret named "signing_key" (in the key file outside the database, see
adapters.secret_file) and the key's purpose.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text

from closingdesk.adapters.store.tables import metadata

# One row (id 1): the installation's local certificate authority.
signing_authority = Table(
    "signing_authority",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("certificate_pem", Text, nullable=False),
    Column("private_key_pem", Text, nullable=False),  # encrypted PKCS#8
    Column("created_at", String(32), nullable=False),
)

signing_identities = Table(
    "signing_identities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("offering_id", Integer, ForeignKey("offerings.id"), nullable=False, unique=True),
    Column("certificate_pem", Text, nullable=False),
    Column("private_key_pem", Text, nullable=False),  # encrypted PKCS#8
    Column("ca_certificate_pem", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False, unique=True),  # the certificate's SHA-256
    Column("created_at", String(32), nullable=False),
)
