"""The API tests run against the real app on SQLite and on PostgreSQL.

``closing`` (from tests.http_scenarios) is a fresh closing for each test; ``shared_closing``
is one per module and database, for tables of requests that do not depend on each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from closingdesk.services.signing.links import create_link
from tests.conftest import _fresh_postgres_database
from tests.http_scenarios import Closing, build_closing, closing
from tests.scenarios import ACTOR, NOW

__all__ = ["closing", "shared_closing"]

SLUG = "neotherapeutics-2002"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def shared_closing(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Closing]:
    """The example closing, plus one purchaser link (id 1), shared by a module's tests."""
    folder = tmp_path_factory.mktemp("closing")
    if request.param == "sqlite":  # a copy of the migrated template, as database_url gives
        shutil.copyfile(request.getfixturevalue("sqlite_template"), folder / "closingdesk.db")
        url = f"sqlite:///{folder / 'closingdesk.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = _fresh_postgres_database(server, request.getfixturevalue("postgres_template"))
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
