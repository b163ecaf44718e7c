"""The installation's secrets, kept in the key file outside the database (adapters.secret_file).

The first use makes the key file. A database from before the key file kept its secrets in
the ``app_secrets`` table: the first use moves them into the key file, deletes them from
the database and records the move as the event ``secrets.moved_out``. A database whose
signing keys are encrypted under a key file that is missing is refused, never given new
secrets that could not decrypt them.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from closingdesk.adapters.secret_file import (
    ENVIRONMENT,
    NAMES,
    SecretFileError,
    create_secret_file,
    new_secrets,
    read_secret_file,
    secret_file_path,
)
from closingdesk.adapters.store.unit_of_work import UnitOfWork
from closingdesk.domain.problems import Conflict
from closingdesk.services.clock import stamp, utc_now

ACTOR = "closingdesk"


class MissingSecrets(Conflict):
    """The key file is missing, unreadable, or does not belong with this database."""


def key_file(engine: Engine) -> Path:
    return secret_file_path(engine.url)


def installation_keys(engine: Engine) -> dict[str, str]:
    """The installation's secrets by name ("session", "purchaser_link", "signing_key")."""
    path = key_file(engine)
    with UnitOfWork(engine, read_only=True) as uow:
        settled = _stored(path) is not None and not uow.installation.secrets(NAMES)
    if settled:
        return _read(path)
    with UnitOfWork(engine) as uow:
        keys = installation_keys_in(uow)
        uow.commit()
    return keys


def installation_keys_in(uow: UnitOfWork) -> dict[str, str]:
    """As installation_keys, inside the caller's unit of work (which must commit)."""
    path = secret_file_path(uow.url)
    in_database = uow.installation.secrets(NAMES)
    stored = _stored(path)
    database = uow.url.render_as_string(hide_password=True)
    if stored is None:
        if not in_database and uow.installation.has_signing_keys():
            raise MissingSecrets(
                f"the key file {path} is missing, and this database's signing keys are "
                "encrypted under it: restore it from the backup (or point "
                f"${ENVIRONMENT} at it); a database copy alone cannot sign"
            )
        values = {**new_secrets(), **in_database}
        made = _create(path, values, database=database)
        stored = values if made else _read(path)  # not made: another process made it meanwhile
    if in_database:
        differing = sorted(n for n, v in in_database.items() if stored.get(n) != v)
        if differing:
            raise MissingSecrets(
                f"the database still holds its own secrets ({', '.join(differing)}) and they "
                f"differ from the key file {path}: that key file belongs to another database"
            )
        uow.installation.forget_secrets(NAMES)
        payload = {"key_file": str(path), "secrets": sorted(in_database)}
        entry = ("secrets.moved_out", "installation", payload)
        uow.events.append(at=stamp(utc_now()), actor=ACTOR, entries=[entry])
    return stored


def _stored(path: Path) -> dict[str, str] | None:
    try:
        return read_secret_file(path)
    except SecretFileError as error:
        raise MissingSecrets(str(error)) from None


def _read(path: Path) -> dict[str, str]:
    found = _stored(path)
    if found is None:
        raise MissingSecrets(f"the key file {path} vanished while it was being read")
    return found


def _create(path: Path, values: dict[str, str], *, database: str) -> bool:
    try:
        return create_secret_file(path, values, database=database)
    except SecretFileError as error:
        raise MissingSecrets(str(error)) from None
