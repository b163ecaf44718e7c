"""Shared fixtures: a real SQLite file and a real, throwaway PostgreSQL 15 server.

The PostgreSQL server is started by the tests themselves (initdb + pg_ctl on loopback).
Where no PostgreSQL binaries exist the PostgreSQL tests skip with a visible reason, except
under CI (CI=true), where a missing server is an error.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import typing
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import fastapi.routing
import pytest
import typer
import typer.main
import typer.testing
from sqlalchemy import Engine, create_engine, text

from closingdesk.adapters.store import engine as store_engine
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


# Every test makes its own app (its own database), and FastAPI analyses every route again for
# each app, on its first request: the endpoint's signature and dependencies, its body and
# response models (pydantic schemas). That was about a second per HTTP test on the 2-core
# machine. The analysis depends only on the route (path, endpoint, dependencies and models,
# all made once per process), never on the app, and FastAPI only reads its results; so each
# is made once per test process. Dependency overrides are still looked up per app at
# request time. A FastAPI without these functions is left alone (and is just slower).
def _key(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return tuple(_key(v) for v in value)
    if isinstance(value, type) or typing.get_origin(value) is not None:
        return value  # a model class or a type like list[Model]: equal means the same
    return ("id", id(value))  # kept alive in the cache below, so the id stays its own


def _once_per_process(function: Callable[..., object]) -> Callable[..., object]:
    made: dict[object, tuple[object, dict[str, object]]] = {}

    @functools.wraps(function)
    def once(**arguments: object) -> object:
        key = tuple(sorted((name, _key(value)) for name, value in arguments.items()))
        if key not in made:
            made[key] = (function(**arguments), arguments)
        return made[key][0]

    return once


for _name in (
    "_build_dependant_with_parameterless_dependencies",
    "_get_body_field",
    "create_model_field",
):
    if callable(getattr(fastapi.routing, _name, None)):
        setattr(fastapi.routing, _name, _once_per_process(getattr(fastapi.routing, _name)))


# Opening a store (every app, every CLI command) first compares its revision with the newest
# migration's, which Alembic finds by loading every migration script again; the scripts do
# not change while the tests run, so the newest revision is read once per test process.
store_engine.head_revision = functools.cache(store_engine.head_revision)


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


def _fresh_postgres_database(server_url: str, template: str | None = None) -> str:
    """A new database on the server: empty, or a copy of ``template`` (a database name)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        copy = ""
        if template:
            copy = f' TEMPLATE "{template}"'
            version = int(connection.execute(text("SHOW server_version_num")).scalar_one())
            if version >= 150000:  # copying the files beats WAL-logging every block
                copy += " STRATEGY FILE_COPY"
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _migrated(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()  # no connection may be left open on a template


# Running the migrations is most of what a new store costs (about 0.5 s on SQLite, 2 s on
# PostgreSQL on the 2-core CI machine). Each test process runs them once per database
# kind, into a template; every test then gets its own copy of that template: a migrated
# schema identical to the one the migrations make (they write no random or dated rows).


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest revision, once per test process (copy it)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    _migrated(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """The name of a database migrated to the newest revision on the session's server."""
    url = _fresh_postgres_database(postgres_server)
    _migrated(url)
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A new database of each kind, migrated and holding nothing: a SQLite file in the
    test's folder, and a new database on the session's PostgreSQL server.

    Each is a copy of a template the real migrations built once per test process; a test
    that needs a database the migrations have not touched asks for ``empty_database_url``.
    """
    return _new_database(request, tmp_path, monkeypatch, migrated=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A new database of each kind with no tables at all (not yet migrated)."""
    return _new_database(request, tmp_path, monkeypatch, migrated=False)


def _new_database(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    migrated: bool,
) -> str:
    if request.param == "sqlite":
        path = tmp_path / "closingdesk.db"
        if migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    # its key file in the test's folder, not in the user's configuration folder
    monkeypatch.setenv("CLOSINGDESK_SECRET_FILE", str(tmp_path / "closingdesk-pg.key"))
    # and its documents' file store (PostgreSQL has no folder beside a database file)
    monkeypatch.setenv("CLOSINGDESK_FILES", str(tmp_path / "closingdesk-pg.files"))
    server: str = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("postgres_template") if migrated else None
    url = _fresh_postgres_database(server, template)
    # dropped after the test (its files gone), not left for the end of the session, where
    # deleting hundreds of databases' files at once took minutes
    request.addfinalizer(lambda: _drop_postgres_database(server, url.rsplit("/", 1)[1]))
    return url


def _drop_postgres_database(server_url: str, name: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:  # FORCE: the test's app may still hold connections
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty store."""
    engine = make_engine(database_url)
    upgrade(engine)  # the template is at the newest revision: this only checks it
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Where a new SQLite store goes: no file there yet (the code under test makes it)."""
    return f"sqlite:///{tmp_path / 'closingdesk.db'}"


@pytest.fixture
def migrated_sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A SQLite file (in the same place as ``sqlite_url``) migrated and holding nothing."""
    path = tmp_path / "closingdesk.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"
