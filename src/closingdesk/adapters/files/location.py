"""Where a database's document files are, first match wins:

- ``$CLOSINGDESK_FILES``;
- for a SQLite database, beside the database file: ``closingdesk.db`` -> ``closingdesk.db.files/``;
- for any other database (PostgreSQL) there is no default: several machines may share one
  database, so the folder (one they all reach) must be named; without it, reading or
  writing a document is refused with a message saying so.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL

from closingdesk.adapters.files.store import FileStore
from closingdesk.domain.problems import InvalidInput

ENVIRONMENT = "CLOSINGDESK_FILES"


def files_folder(url: URL) -> Path:
    """The file store's folder for the database at url (see the module's text)."""
    given = os.environ.get(ENVIRONMENT, "").strip()
    if given:
        return Path(given).expanduser().absolute()
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser().absolute()
            return path.with_name(path.name + ".files")
        raise InvalidInput(
            "an in-memory SQLite database has no folder beside it for its documents' files: "
            f"set {ENVIRONMENT}"
        )
    where = url.render_as_string(hide_password=True)
    raise InvalidInput(
        f"{ENVIRONMENT} is not set: the documents of {where} are kept as files in a folder "
        f"outside the database; set {ENVIRONMENT} to that folder (the same one on every "
        "machine that uses this database)"
    )


def file_store(bind: Connection | Engine) -> FileStore:
    """The file store of the database that ``bind`` is connected to."""
    return FileStore(files_folder(bind.engine.url))
