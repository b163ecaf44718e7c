"""The installation's key file: the secrets that must never be inside the database.

It holds three random keys: the one that signs team sessions, the one that signs
purchasers' links, and the one every signing key's passphrase is derived from (the keys
themselves are stored in the database, encrypted). A copy of the database without this
file can neither forge a session nor decrypt a signing key.

Where it is, first match wins:

- ``$CLOSINGDESK_SECRET_FILE``;
- for a SQLite database, beside the database file: ``closingdesk.db`` -> ``closingdesk.db.key``;
- for any other database (PostgreSQL), in the user's configuration folder:
  ``$XDG_CONFIG_HOME/closingdesk/`` (default ``~/.config/closingdesk/``), named after the
  server and the database: ``db.example-5432-closing.key``.

The file is JSON, created once with mode 0600 (only its owner may read it) and never
rewritten; a file that others may read is refused.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from pathlib import Path

from sqlalchemy.engine import URL

ENVIRONMENT = "CLOSINGDESK_SECRET_FILE"
NAMES = ("session", "purchaser_link", "signing_key")
FORMAT = 1
NOTE = (
    "closingdesk installation secrets. Keep this file apart from copies of the database: "
    "with both, anyone can sign in as any user and sign documents as the offering."
)


class SecretFileError(Exception):
    """The key file cannot be read or written, or is not a closingdesk key file."""


def secret_file_path(url: URL) -> Path:
    """Where the key file of the database at url is (see the module's text)."""
    given = os.environ.get(ENVIRONMENT, "").strip()
    if given:
        return Path(given).expanduser()
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser().absolute()
            return path.with_name(path.name + ".key")
    return config_folder() / _file_name(url)


def config_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".config") / "closingdesk"


def _file_name(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return "sqlite-memory.key"
    parts = (url.host or "local", str(url.port or 5432), url.database or "default")
    return re.sub(r"[^A-Za-z0-9._-]", "_", "-".join(parts)) + ".key"


def new_secrets() -> dict[str, str]:
    return {name: secrets.token_urlsafe(48) for name in NAMES}


def read_secret_file(path: Path) -> dict[str, str] | None:
    """The file's secrets; None when there is no file."""
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SecretFileError(f"the key file {path} cannot be read ({error.strerror})") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretFileError(
            f"the key file {path} may be read by others (mode {stat.S_IMODE(info.st_mode):o}); "
            f"make it private: chmod 600 {path}"
        )
    try:
        document = json.loads(text)
        found = document["secrets"]
        values = {name: str(found[name]) for name in NAMES}
    except (ValueError, KeyError, TypeError):
        raise SecretFileError(f"{path} is not a closingdesk key file") from None
    if any(len(v) < 32 for v in values.values()):
        raise SecretFileError(f"{path}: a secret in it is too short to be one closingdesk made")
    return values


def create_secret_file(path: Path, values: dict[str, str], *, database: str) -> bool:
    """Write a new key file, mode 0600; False (and nothing written) when one exists already."""
    document = {
        "closingdesk_secrets": FORMAT,
        "database": database,
        "note": NOTE,
        "secrets": values,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except OSError as error:
        raise SecretFileError(f"the key file {path} cannot be made ({error.strerror})") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)  # whatever the umask
        json.dump(document, file, indent=2)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())
    return True
