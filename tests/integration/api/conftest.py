"""The API tests run against the real app on SQLite and on PostgreSQL.

``closing`` (from tests.http_scenarios) is a fresh closing for each test; ``shared_closing``
is one per module and database, for tables of requests that do not depend on each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from closingdesk.services.signing.links import create_link
from tests.http_scenarios import Closing, build_closing, closing
from tests.scenarios import ACTOR, NOW

__all__ = ["closing", "shared_closing"]

SLUG = "neotherapeutics-2002"


def _postgres_database(server_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def shared_closing(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Closing]:
    """The example closing, plus one purchaser link (id 1), shared by a module's tests."""
    folder = tmp_path_factory.mktemp("closing")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'closingdesk.db'}"
    else:
        url = _postgres_database(request.getfixturevalue("postgres_server"))
    with pytest.MonkeyPatch.context() as patch:
        if request.param != "sqlite":  # PostgreSQL's document files: a folder must be named
            patch.setenv("CLOSINGDESK_FILES", str(folder / "files"))
        shared = build_closing(url, folder)
        create_link(
            shared.engine,
            1,
            offering=SLUG,
            link_key=shared.app.state.link_key,
            actor=ACTOR,
            now=NOW,
        )
        yield shared
        shared.engine.dispose()
