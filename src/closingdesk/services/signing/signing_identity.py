"""Each offering's signing identity: made once (by `init`), then used to sign executed PDFs.

The first identity of an installation also makes the installation's local CA. Both private
keys are stored encrypted under passphrases derived from the installation secret
"signing_key", which lives in the key file outside the database (services.installation_keys):
a copy of the database alone cannot decrypt them. The events record the certificates'
fingerprints and subjects, never a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from closingdesk.adapters.signing import identity as pki
from closingdesk.adapters.signing.pades import SigningKey, unlock
from closingdesk.adapters.store.signing_repository import StoredIdentity
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.offering.offering_record import Offering
from closingdesk.domain.problems import NotFound
from closingdesk.services.clock import stamp
from closingdesk.services.installation.installation_keys import (
    MissingSecrets,
    installation_keys,
    installation_keys_in,
    key_file,
)

SECRET_NAME = "signing_key"


@dataclass(frozen=True)
class OfferingIdentity:
    offering_id: int
    identity: pki.SigningIdentity
    fingerprint: str
    subject: str
    created_at: str


def ensure_signing_identity(
    engine: Engine, *, offering: Offering, actor: str, now: datetime
) -> OfferingIdentity:
    """The offering's identity, made (with the installation CA, the first time) if missing."""
    try:
        return _ensure_once(engine, offering, actor=actor, now=now)
    except IntegrityError:  # another process made the CA or this identity meanwhile
        return _ensure_once(engine, offering, actor=actor, now=now)


def _ensure_once(
    engine: Engine, offering: Offering, *, actor: str, now: datetime
) -> OfferingIdentity:
    with UnitOfWork(engine) as uow:
        found = ensure_in(uow, offering, actor=actor, now=now)
        uow.commit()
    return found


def ensure_in(
    uow: UnitOfWork, offering: Offering, *, actor: str, now: datetime
) -> OfferingIdentity:
    """As ensure_signing_identity, inside the caller's unit of work (e.g. creating the offering)."""
    store = uow.signing_identity
    stored = store.identity(offering.id)
    if stored is not None:
        return _public(stored)
    secret = installation_keys_in(uow)[SECRET_NAME]
    at, entries = stamp(now), []
    authority = store.authority()
    if authority is None:
        authority = pki.create_authority(secret=pki.passphrase(secret, "authority"), now=now)
        store.add_authority(authority, created_at=at)
        entries.append(
            ("signing_authority.created", "installation", _facts(authority.certificate_pem))
        )
    issued = pki.issue_identity(
        authority,
        authority_secret=pki.passphrase(secret, "authority"),
        issuer_name=offering.terms.issuer_name,
        valid_from=min(datetime.combine(offering.terms.agreement_date, time(0), UTC), now),
        now=now,
        secret=pki.passphrase(secret, f"offering:{offering.id}"),
    )
    fingerprint = pki.fingerprint(issued.certificate_pem)
    store.add_identity(offering.id, issued, fingerprint=fingerprint, created_at=at)
    payload = {"offering": offering.slug, **_facts(issued.certificate_pem)}
    entries.append(("signing_identity.created", f"offering:{offering.id}", payload))
    uow.events.append(at=at, actor=actor, entries=entries)
    return OfferingIdentity(
        offering.id, issued, fingerprint, pki.subject(issued.certificate_pem), at
    )


def signing_identity(engine: Engine, offering: Offering) -> OfferingIdentity:
    with UnitOfWork(engine, read_only=True) as uow:
        stored = uow.signing_identity.identity(offering.id)
    if stored is None:
        raise NotFound(f"offering {offering.slug!r} has no signing certificate yet")
    return _public(stored)


def signing_key(engine: Engine, offering: Offering) -> SigningKey:
    """The offering's unlocked key, to sign executed PDFs with (see adapters.signing.pades)."""
    found = signing_identity(engine, offering)
    secret = installation_keys(engine)[SECRET_NAME]
    try:
        return unlock(found.identity, pki.passphrase(secret, f"offering:{offering.id}"))
    except ValueError:  # a wrong passphrase
        raise MissingSecrets(
            f"the signing key of offering {offering.slug!r} cannot be decrypted with the key "
            f"file {key_file(engine)}: it is not the key file this database was made with"
        ) from None


def _public(stored: StoredIdentity) -> OfferingIdentity:
    subject = pki.subject(stored.identity.certificate_pem)
    return OfferingIdentity(
        stored.offering_id, stored.identity, stored.fingerprint, subject, stored.created_at
    )


def _facts(certificate_pem: bytes) -> dict[str, str]:
    return {
        "fingerprint_sha256": pki.fingerprint(certificate_pem),
        "subject": pki.subject(certificate_pem),
    }
