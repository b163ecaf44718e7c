"""What the database holds of the installation itself rather than of an offering.

A database from before the key file kept the installation's secrets in ``app_secrets``;
the signing authority's row says signing keys were made (encrypted under those secrets).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, delete, select

from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.signing_tables import signing_authority


class InstallationRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def secrets(self, names: Collection[str]) -> dict[str, str]:
        """The secrets by name still stored in the database, of those named."""
        rows = self._connection.execute(select(t.app_secrets.c.name, t.app_secrets.c.value))
        return {str(name): str(value) for name, value in rows if name in names}

    def forget_secrets(self, names: Collection[str]) -> None:
        self._connection.execute(delete(t.app_secrets).where(t.app_secrets.c.name.in_(names)))

    def has_signing_keys(self) -> bool:
        return self._connection.execute(select(signing_authority.c.id).limit(1)).first() is not None
