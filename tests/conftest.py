"""Shared fixtures: a real SQLite file and a real, throwaway PostgreSQL 15 server.

The PostgreSQL server is started by the tests themselves (initdb + pg_ctl on loopback).
Where no PostgreSQL binaries exist the PostgreSQL tests skip with a visible reason, except
under CI (CI=true), where a missing server is an error.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import typer.main
import typer.testing
from sqlalchemy import Engine, create_engine, text

from closingdesk.adapters.store.engine import make_engine, upgrade

FIXTURES = Path(__file__).parent / "fixtures"

# The suite creates hundreds of users: hash their passwords with argon2's cheapest profile.
os.environ.setdefault("CLOSINGDESK_TEST_PASSWORD_HASHING", "1")


def _shape(app: typer.Typer) -> tuple[object, ...]:
    """What a Typer app is made of: its commands' functions and its groups, by name."""
    commands = tuple((c.name, c.callback) for c in app.registered_commands)
    groups = tuple(
        (g.name, _shape(g.typer_instance)) for g in app.registered_groups if g.typer_instance
    )
    return commands, groups


_COMMANDS: dict[tuple[object, ...], object] = {}


def _command_once(app: typer.Typer) -> object:
    # Typer rebuilds the click command from every function's annotations on each
    # CliRunner.invoke; the e2e tests invoke thousands of times, and in a long-lived test
    # process that rebuilding was most of the suite's time. The same app is built once.
    shape = _shape(app)
    if shape not in _COMMANDS:
        _COMMANDS[shape] = typer.main.get_command(app)
    return _COMMANDS[shape]


typer.testing._get_command = _command_once  # type: ignore[attr-defined]


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(argv: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI and these machines run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a fresh PostgreSQL server's maintenance database, for this test session."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        message = "PostgreSQL server binaries (initdb, pg_ctl) not found"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run the PostgreSQL tests")
        pytest.skip(message)
    home = Path(tempfile.mkdtemp(prefix="closingdesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, port = home / "data", _free_port()
    subprocess.run(
        _as_server_user(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                "closingdesk",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(home / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://closingdesk@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(home, ignore_errors=True)


def _fresh_postgres_database(server_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """An empty database of each kind: a SQLite file, and a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'closingdesk.db'}"
    # its key file in the test's folder, not in the user's configuration folder
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(tmp_path / "closingdesk-pg.key"))
    # and its documents' file store (PostgreSQL has no folder beside a database file)
    monkeypatch.setenv("CLOSINGDESK_FILES", str(tmp_path / "closingdesk-pg.files"))
    server: str = request.getfixturevalue("postgres_server")
    return _fresh_postgres_database(server)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty store."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'closingdesk.db'}"
