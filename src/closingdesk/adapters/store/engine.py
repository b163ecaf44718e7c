"""Engines and the schema: SQLite by default, PostgreSQL by URL, always through migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

DEFAULT_URL = "sqlite:///closingdesk.db"
MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_WAIT_SECONDS = 30  # how long a change waits for another one's locks before it is refused


def make_engine(url: str, *, lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> Engine:
    """An engine whose transactions wait at most ``lock_wait_seconds`` for another's locks
    (SQLite's busy timeout, PostgreSQL's lock_timeout); then the unit of work refuses."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    wait_ms = max(1, int(lock_wait_seconds * 1000))
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _serialise_sqlite_writers(engine, wait_ms)
    elif engine.dialect.name == "postgresql":
        _bound_postgres_lock_waits(engine, wait_ms)
    return engine


def _bound_postgres_lock_waits(engine: Engine, wait_ms: int) -> None:
    """Each session waits at most ``wait_ms`` for a lock (then the statement fails with
    lock_not_available, which the unit of work turns into a refusal)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(wait_ms)}")
        dbapi_connection.autocommit = autocommit


def _serialise_sqlite_writers(engine: Engine, wait_ms: int) -> None:
    """Writers take SQLite's write lock when they begin, so no two can race on the chain head
    nor decide on facts another writer is changing.

    pysqlite's own transaction handling is switched off and BEGIN is emitted here instead:
    BEGIN IMMEDIATE for a unit of work that writes, a plain BEGIN for one that only reads.
    A writer waits up to ``wait_ms`` for the lock (the busy timeout).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get("closingdesk_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    if current_revision(engine) == head_revision():
        return
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
