"""The store of signing identities: the installation's CA and each offering's certificate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from closingdesk.adapters.signing.identity import Authority, SigningIdentity
from closingdesk.adapters.store.signing_tables import signing_authority, signing_identities


@dataclass(frozen=True)
class StoredIdentity:
    offering_id: int
    identity: SigningIdentity
    fingerprint: str  # the certificate's SHA-256, lowercase hex
    created_at: str


class SigningRepository:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def authority(self) -> Authority | None:
        row = self._c.execute(select(signing_authority).where(signing_authority.c.id == 1)).first()
        if row is None:
            return None
        return Authority(row.certificate_pem.encode(), row.private_key_pem.encode())

    def add_authority(self, authority: Authority, *, created_at: str) -> None:
        self._c.execute(
            insert(signing_authority).values(
                id=1,
                certificate_pem=authority.certificate_pem.decode(),
                private_key_pem=authority.private_key_pem.decode(),
                created_at=created_at,
            )
        )

    def identity(self, offering_id: int) -> StoredIdentity | None:
        query = select(signing_identities).where(signing_identities.c.offering_id == offering_id)
        row = self._c.execute(query).first()
        return _stored(row) if row else None

    def identities(self) -> list[StoredIdentity]:
        query = select(signing_identities).order_by(signing_identities.c.id)
        return [_stored(row) for row in self._c.execute(query)]

    def add_identity(
        self, offering_id: int, identity: SigningIdentity, *, fingerprint: str, created_at: str
    ) -> None:
        self._c.execute(
            insert(signing_identities).values(
                offering_id=offering_id,
                certificate_pem=identity.certificate_pem.decode(),
                private_key_pem=identity.private_key_pem.decode(),
                ca_certificate_pem=identity.ca_certificate_pem.decode(),
                fingerprint=fingerprint,
                created_at=created_at,
            )
        )


def _stored(row: Row[Any]) -> StoredIdentity:
    identity = SigningIdentity(
        certificate_pem=row.certificate_pem.encode(),
        private_key_pem=row.private_key_pem.encode(),
        ca_certificate_pem=row.ca_certificate_pem.encode(),
    )
    return StoredIdentity(row.offering_id, identity, row.fingerprint, row.created_at)
